"""Dates: the one a report states (today, or a fixed one for reproducible reports), and the check
of a date read from a file (an answers file's ``date``, a JSON report's ``answered_on``).

Committed reports (examples, documentation, a repository's own readiness report) must not change
every day, so the date can be pinned with ``SOURCE_DATE_EPOCH``, whole seconds since 1970
(https://reproducible-builds.org/specs/source-date-epoch/). Anything else in that variable is a
mistake to report, not a reason to fall back silently to today.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

#: How every date in civdata's files is written: YYYY-MM-DD, which also sorts in date order.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: The latest date a report can carry (9999-12-31): later epochs are a mistake.
LATEST_EPOCH = 253402300799


def report_date(environ: Mapping[str, str]) -> str:
    """Today, or the date ``SOURCE_DATE_EPOCH`` names (set but empty counts as unset, as CI
    templates often leave it). Raise ValueError, with what to do, when it names no date."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today().isoformat()
    if not (epoch.isascii() and epoch.isdigit() and int(epoch) <= LATEST_EPOCH):
        shown = "".join(c if c.isprintable() else "?" for c in epoch[:40])
        raise ValueError(
            f"SOURCE_DATE_EPOCH is '{shown}', but it must be whole seconds since 1970 (such as 1793836800), "
            f"at most {LATEST_EPOCH}; correct it, or unset it to date the report today"
        )
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()


def date_problem(name: str, value: str) -> str | None:
    """Why ``value`` (the field ``name`` of a file) is not a date, or None when it is one.

    A date must be written YYYY-MM-DD, both to be read the same way everywhere (01/02/2027 is
    January or February) and because reports and histories put dates in order as text; and it must
    be a day that exists (2027-02-30 is none). Answers files and JSON reports are checked by this
    one function, so a date is refused alike wherever it is written.
    """
    if not ISO_DATE.fullmatch(value):
        return f"'{name}' is '{value}', not a date written YYYY-MM-DD; write it as YYYY-MM-DD, such as 2027-01-14"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"'{name}' is '{value}', a day that does not exist; write a real date as YYYY-MM-DD"
    return None

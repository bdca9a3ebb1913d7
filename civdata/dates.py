"""The date a report states: today, or a fixed one for reproducible reports.

Committed reports (examples, documentation, a repository's own readiness report) must not change
every day, so the date can be pinned with ``SOURCE_DATE_EPOCH``, whole seconds since 1970
(https://reproducible-builds.org/specs/source-date-epoch/). Anything else in that variable is a
mistake to report, not a reason to fall back silently to today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

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

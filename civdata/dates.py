"""Dates: the one a report states (today, or a fixed one for reproducible reports), and the check
of a date read from a file (an answers file's ``date``, a JSON report's ``answered_on``).

Committed reports (examples, documentation, a repository's own readiness report) must not change
every day, so the date can be pinned with ``SOURCE_DATE_EPOCH``, whole seconds since 1970
(https://reproducible-builds.org/specs/source-date-epoch/). Anything else in that variable is a
mistake to report, not a reason to fall back silently to today.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Mapping

from civdata.problems import Problem

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


#: A date written with its day and month first, in either order, then a four-digit year (``14/10/2026``,
#: ``10.14.2026``, ``14-10-2026``); and one written year first with other separators (``2026/10/14``).
#: Patterns compiled on first need (by :mod:`re`, which keeps them): hints cost nothing without a mistake.
_DAY_MONTH_YEAR = r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})"
_YEAR_MONTH_DAY = r"([0-9]{4})([/.])([0-9]{1,2})\2([0-9]{1,2})"


def iso_date_hint(value: str) -> str:
    """The day ``value`` writes another way, as YYYY-MM-DD (``: 2026-10-14`` for ``14/10/2026`` or
    ``10/14/2026``, the one day either can be), both days when the order of day and month cannot be
    told (``: 2026-11-10 or 2026-10-11, whichever it is`` for ``10/11/2026``), or nothing when it
    writes no day: said after "write it as YYYY-MM-DD", never read as the date. Digits of another
    script (``٢٠٢٦-٠٩-٠٣``, as an Arabic or Persian keyboard types them) are said first: ``, with
    the digits 0-9: 2026-09-03``."""
    from civdata.values import ascii_digits  # here: only a date already refused is hinted at

    text = value.strip()
    converted = ascii_digits(text)
    if converted is not None:
        day = converted if ISO_DATE.fullmatch(converted) and _day(*map(int, converted.split("-"))) else None
        return ", with the digits 0-9" + (f": {day}" if day else iso_date_hint(converted))
    if year_first := re.fullmatch(_YEAR_MONTH_DAY, text):
        year, readings = int(year_first[1]), [(int(year_first[3]), int(year_first[4]))]
    elif day_first := re.fullmatch(_DAY_MONTH_YEAR, text):
        first, second = int(day_first[1]), int(day_first[3])
        year, readings = int(day_first[4]), [(second, first), (first, second)]  # day first, as most write it
    else:
        return ""
    days = list(dict.fromkeys(day for month, number in readings if (day := _day(year, month, number))))
    if not days:
        return ""
    return f": {days[0]}" if len(days) == 1 else f": {days[0]} or {days[1]}, whichever it is"


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_problem(name: str, value: str) -> str | None:
    """Why ``value`` (the field ``name`` of a file) is not a date, or None when it is one.

    A date must be written YYYY-MM-DD, both to be read the same way everywhere (01/02/2027 is
    January or February) and because reports and histories put dates in order as text; and it must
    be a day that exists (2027-02-30 is none). Answers files and JSON reports are checked by this
    one function, so a date is refused alike wherever it is written.
    """
    if not ISO_DATE.fullmatch(value):
        example = iso_date_hint(value) or ", such as 2027-01-14"
        return f"'{name}' is '{value}', not a date written YYYY-MM-DD; write it as YYYY-MM-DD{example}"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"'{name}' is '{value}', a day that does not exist; write a real date as YYYY-MM-DD"
    return None


@functools.cache
def _today_and_next_year(epoch: str, day: dt.date) -> tuple[str, str]:
    """Today (or the pinned date) and the same day a year later, worked out once per run (and
    per day) rather than for each of 500 answers files."""
    try:
        today = report_date({"SOURCE_DATE_EPOCH": epoch})
    except ValueError:
        today = day.isoformat()
    year, rest = int(today[:4]), today[4:]
    if year >= 9999:  # dates are compared as YYYY-MM-DD text: no year after 9999 is written so
        return today, "9999-12-31"
    return today, f"{year + 1}{'-02-28' if rest == '-02-29' else rest}"


def beyond_next_year(date: object) -> str | None:
    """Today (or the pinned date) when ``date`` (YYYY-MM-DD text) is more than a year after it,
    else None (for anything that is not such a date: a file's checks say what is wrong with it).
    A year, not a day: a team may date a planned review ahead, and fictional examples are dated
    months ahead; 2207 for 2027 is a typo whatever the day."""
    if not isinstance(date, str) or not ISO_DATE.fullmatch(date):
        return None
    today, next_year = _today_and_next_year(os.environ.get("SOURCE_DATE_EPOCH", ""), dt.date.today())
    return today if date > next_year else None


#: Answers dated before this are taken for a date in another calendar (or a typo): civdata was
#: written in 2026, and no assessment of a data initiative with it is older.
EARLIEST_LIKELY = "2000-01-01"


def long_ago(date: object) -> bool:
    """Whether ``date`` (YYYY-MM-DD text) is before :data:`EARLIEST_LIKELY`: a date of the Solar
    Hijri calendar (12 Shahrivar 1405 is 3 September 2026), which Afghan and Iranian staff date
    forms in, or of the Islamic one, is a valid YYYY-MM-DD day to any check, and would put this
    assessment before every other in a history or a comparison (a review by a refugee-services
    coalition). False for anything that is not such a date."""
    return isinstance(date, str) and ISO_DATE.fullmatch(date) is not None and date < EARLIEST_LIKELY


def long_ago_warning(source: str, date: str, where: tuple[int, int]) -> Problem:
    """The warning at an answers file's ``date`` that :func:`long_ago` says is long ago."""
    message = (
        f"warning: the answers are dated {date}, before {EARLIEST_LIKELY[:4]}; if it is a date of another calendar "
        "(the Solar Hijri year 1405 began in March 2026, the Islamic year 1448 in June 2026), write the Gregorian "
        "date: a history or comparison would take this assessment for the earliest"
    )
    return Problem(source, where[0], where[1], message)


def future_date_warning(source: str, date: str, today: str, where: tuple[int, int]) -> Problem:
    """The warning at an answers file's ``date``, more than a year after ``today``
    (:func:`beyond_next_year` says when): a typo (2207 for 2027) that no check refused would make
    the next assessment look older than this one, and a comparison refuse it as a baseline "dated
    later" with the advice to swap them."""
    message = (
        f"warning: the answers are dated {date}, more than a year after today ({today}); if it is a typo, correct "
        "it: a later assessment compared with this one would be taken for the earlier"
    )
    return Problem(source, where[0], where[1], message)

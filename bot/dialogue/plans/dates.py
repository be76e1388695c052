"""Dates typed or dictated: "2027-01-15", "15 Jan 2027", "Jan 15 2027", "in 8 weeks" for the
plan flows (looking ahead), "yesterday", "Monday", "30 Nov" for a note's date of service
(looking back).

All-number dates with slashes or dots are read by us, not guessed: clinicians write them day
first or month first, and there is no locale setting to tell which. "25/03/2027" can only be
one day; "12/03/2027" could be 12 March or 3 December, so it comes back as an `AmbiguousDay`
and the clinician is asked to spell it out.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

Looking = Literal["future", "past"]  # which way a date without a year (or a weekday) points

# A month named without a day ("March 2027") is too vague for a target or review date.
_MONTH_NAMES = {name.casefold() for name in (*calendar.month_name, *calendar.month_abbr) if name}
# Two numbers up to 31 and an optional year: 12/03/2027, 12.03.27, 3-25-2027, 12/03.
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})(?:\2(\d{4}|\d{2}))?$")


@dataclass(frozen=True)
class AmbiguousDay:
    """An all-number date that reads as two different days."""

    day_first: date
    month_first: date


def parse_day(
    text: str, today: date, looking: Looking = "future"
) -> date | AmbiguousDay | None:
    """The calendar day the clinician meant, relative to their `today`; None if unreadable."""
    cleaned = text.strip().rstrip(".")
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    numeric = _NUMERIC.match(cleaned)
    if numeric:
        first, _, second, year = numeric.groups()
        return _numeric_day(int(first), int(second), year, today, looking)
    return _worded_day(cleaned, today, looking)


def _numeric_day(
    first: int, second: int, year: str | None, today: date, looking: Looking
) -> date | AmbiguousDay | None:
    day_first = _day(year, month=second, day=first, today=today, looking=looking)
    month_first = _day(year, month=first, day=second, today=today, looking=looking)
    if day_first and month_first and day_first != month_first:
        return AmbiguousDay(day_first, month_first)
    return day_first or month_first


def _day(
    year: str | None, *, month: int, day: int, today: date, looking: Looking
) -> date | None:
    """That day in the given year, or (without one) its next occurrence from `today`, or its
    last one when looking back."""
    full_year = today.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
    try:
        found = date(full_year, month, day)
        if year is None and looking == "future" and found < today:
            found = date(full_year + 1, month, day)
        elif year is None and looking == "past" and found > today:
            found = date(full_year - 1, month, day)
    except ValueError:
        return None
    return found


def _worded_day(cleaned: str, today: date, looking: Looking) -> date | None:
    # Imported here: dateparser takes about a second to load, and most turns never need it.
    import dateparser

    names_month = bool(_MONTH_NAMES & set(re.findall(r"[a-z]+", cleaned.casefold())))
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": looking,
            "RELATIVE_BASE": datetime.combine(today, time(12)),
            "REQUIRE_PARTS": ["day"] if names_month else [],
        },
    )
    if parsed is None or (not names_month and cleaned.isdigit()):
        return None  # a bare number ("12") is not a date
    return parsed.date()

"""Dates typed or dictated in the plan flows: "2027-01-15", "15 Jan 2027", "in 8 weeks"."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time

# A month named without a day ("March 2027") is too vague for a target or review date.
_MONTH_NAMES = {name.casefold() for name in (*calendar.month_name, *calendar.month_abbr) if name}


def parse_day(text: str, today: date) -> date | None:
    """The calendar day the clinician meant, relative to their `today`; None if unreadable."""
    cleaned = text.strip().rstrip(".")
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    # Imported here: dateparser takes about a second to load, and most turns never need it.
    import dateparser

    names_month = bool(_MONTH_NAMES & set(re.findall(r"[a-z]+", cleaned.casefold())))
    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": datetime.combine(today, time(12)),
            "REQUIRE_PARTS": ["day"] if names_month else [],
        },
    )
    if parsed is None or (not names_month and cleaned.isdigit()):
        return None  # a bare number ("12") is not a date
    return parsed.date()

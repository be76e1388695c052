"""A target or review date the clinician typed, checked: readable, unambiguous, in the future.

Either the day comes back, or the short reason it cannot be used, to say before asking again.
"""

from __future__ import annotations

from datetime import date

from bot.dialogue.plans.dates import AmbiguousDay, parse_day
from bot.dialogue.plans.today import today
from bot.dialogue.turn import Turn
from bot.shared import dates


def future_day(turn: Turn) -> tuple[date | None, str]:
    """(the day, "") when the typed date can be used, else (None, why not)."""
    parsed = parse_day(turn.event.text, today(turn))
    if parsed is None:
        return None, turn.words("plan.bad_date")
    if isinstance(parsed, AmbiguousDay):
        return None, turn.words(
            "plan.ambiguous_date",
            typed=turn.event.text.strip(),
            day_first=dates.day(parsed.day_first),
            month_first=dates.day(parsed.month_first),
            iso=parsed.day_first.isoformat(),
        )
    if parsed <= today(turn):
        return None, turn.words("plan.date_not_future")
    return parsed, ""

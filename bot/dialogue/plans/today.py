"""The clinician's calendar day: review and target dates are days in their own time zone."""

from __future__ import annotations

from datetime import date, timedelta

from bot.dialogue.turn import Turn


def today(turn: Turn) -> date:
    return turn.local(turn.now).date()


def default_review_date(turn: Turn) -> date:
    return today(turn) + timedelta(days=turn.clinician.review_days)

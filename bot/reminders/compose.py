"""What a due reminder says: counts and buttons, computed when it is sent, never client text.

A digest or nudge whose drafts were finished meanwhile, or a review reminder for a plan already
reviewed, has nothing to say: `compose` returns None and the row is skipped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.reminders.rules import rules
from bot.shared import dates
from bot.shared.events import Button, Reply
from bot.shared.wording import Wording, age_text, counted
from storage.models import Plan
from storage.reminders import Claimed
from storage.store import Store

OPEN_LABEL = {"digest": "open_drafts", "nudge": "open_drafts", "review": "open_reviews"}


def buttons(words: Wording, reminder: Claimed) -> list[list[Button]]:
    kind, rid = reminder.kind, reminder.id
    label = OPEN_LABEL.get(kind, "open_own")
    last = (
        Button(words("reminder.button.stop"), f"remind:stop:{rid}")
        if kind == "own"
        else Button(
            words("reminder.button.off", kind=words(f"reminder.kind.{kind}")), f"remind:off:{rid}"
        )
    )
    return [
        [Button(words(f"reminder.button.{label}"), f"remind:open:{rid}")],
        [
            Button(words("reminder.button.snooze"), f"remind:snooze:{rid}"),
            Button(words("reminder.button.morning"), f"remind:morning:{rid}"),
        ],
        [last],
    ]


async def reviews_due(store: Store, now: datetime) -> tuple[list[Plan], int]:
    """Plans of this clinician due for review within the horizon, and how many are overdue."""
    today = now.astimezone(ZoneInfo(store.clinician.timezone)).date()
    horizon = today + timedelta(days=rules().review_horizon_days + 1)
    plans = await store.plans.due_for_review(horizon)
    overdue = sum(1 for plan in plans if plan.review_due < today)
    return plans, overdue


async def compose(store: Store, words: Wording, reminder: Claimed, now: datetime) -> Reply | None:
    kind = reminder.kind
    if kind == "digest":
        text = await _digest(store, words, now)
    elif kind == "nudge":
        text = await _nudge(store, words, now)
    elif kind == "review":
        text = await _review(store, words, now)
    elif kind == "own":
        zone = ZoneInfo(store.clinician.timezone)
        text = words("reminder.own.text", when=dates.clock(reminder.due_at.astimezone(zone)))
    else:
        return None
    if text is None:
        return None
    return Reply(text, buttons=buttons(words, reminder))


async def _digest(store: Store, words: Wording, now: datetime) -> str | None:
    count, oldest = await store.notes.draft_count()
    if not count:
        return None
    text = counted(words, "reminder.digest", count, age=age_text(words, now - oldest))
    # Late by date of service, not by when the draft was begun: a note started today for last
    # week's session is late.
    days = rules().late_after_days
    today = now.astimezone(ZoneInfo(store.clinician.timezone)).date()
    late = await store.notes.late_drafts(today - timedelta(days=days))
    if late:
        text += " " + counted(words, "reminder.digest_late", late, days=days)
    return text


async def _nudge(store: Store, words: Wording, now: datetime) -> str | None:
    hours = store.clinician.nudge_hours
    count = await store.notes.drafts_untouched_since(now - timedelta(hours=hours))
    if not count:
        return None
    return counted(words, "reminder.nudge", count, hours=hours)


async def _review(store: Store, words: Wording, now: datetime) -> str | None:
    plans, overdue = await reviews_due(store, now)
    if not plans:
        return None
    overdue_text = " " + words("reminder.review.overdue", count=overdue) if overdue else ""
    return counted(
        words,
        "reminder.review",
        len(plans),
        days=rules().review_horizon_days,
        overdue=overdue_text,
    )

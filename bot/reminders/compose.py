"""What a due reminder says: counts and buttons, computed when it is sent, never client text.

A digest or nudge whose drafts were finished meanwhile, or a review reminder for a plan already
reviewed, has nothing to say: `compose` returns None and the row is skipped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dialogue.events import Button, Reply
from bot.dialogue.wording import Wording
from bot.reminders.rules import rules
from storage.models import Clinician, Note
from storage.plans import plans_due_for_review
from storage.reminders import Claimed

OPEN_LABEL = {"digest": "open_drafts", "nudge": "open_drafts", "review": "open_reviews"}


def counted(words: Wording, key: str, count: int, **values: object) -> str:
    return words(f"{key}.{'one' if count == 1 else 'many'}", count=count, **values)


def age_text(words: Wording, delta: timedelta) -> str:
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 60:
        return words("time.minutes", n=minutes)
    if minutes < 48 * 60:
        return words("time.hours", n=minutes // 60)
    return words("time.days", n=minutes // (24 * 60))


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


async def reviews_due(session: AsyncSession, clinician: Clinician, now: datetime):
    """Plans of this clinician due for review within the horizon, and how many are overdue."""
    today = now.astimezone(ZoneInfo(clinician.timezone)).date()
    horizon = today + timedelta(days=rules().review_horizon_days + 1)
    plans = await plans_due_for_review(session, horizon, clinician.id)
    overdue = sum(1 for plan in plans if plan.review_due < today)
    return plans, overdue


async def compose(
    session: AsyncSession, words: Wording, clinician: Clinician, reminder: Claimed, now: datetime
) -> Reply | None:
    kind = reminder.kind
    if kind == "digest":
        text = await _digest(session, words, clinician, now)
    elif kind == "nudge":
        text = await _nudge(session, words, clinician, now)
    elif kind == "review":
        text = await _review(session, words, clinician, now)
    elif kind == "own":
        zone = ZoneInfo(clinician.timezone)
        text = words("reminder.own.text", when=reminder.due_at.astimezone(zone).strftime("%H:%M"))
    else:
        return None
    if text is None:
        return None
    return Reply(text, buttons=buttons(words, reminder))


async def _digest(session, words, clinician, now) -> str | None:
    count, oldest = (
        await session.execute(
            select(func.count(), func.min(Note.updated_at)).where(
                Note.clinician_id == clinician.id, Note.status == "draft"
            )
        )
    ).one()
    if not count:
        return None
    return counted(words, "reminder.digest", count, age=age_text(words, now - oldest))


async def _nudge(session, words, clinician, now) -> str | None:
    waited = now - timedelta(hours=clinician.nudge_hours)
    count = await session.scalar(
        select(func.count()).where(
            Note.clinician_id == clinician.id, Note.status == "draft", Note.updated_at <= waited
        )
    )
    if not count:
        return None
    return counted(words, "reminder.nudge", count, hours=clinician.nudge_hours)


async def _review(session, words, clinician, now) -> str | None:
    plans, overdue = await reviews_due(session, clinician, now)
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

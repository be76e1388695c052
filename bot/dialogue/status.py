"""`/status` and free-text questions outside a note ("what's left?", "which plans need review?",
"how is A.B. doing on sleep?", "remind me in 2 hours").

Questions are matched by rules (prompts/intents.toml, see bot.dialogue.intents); one that
matches nothing gets the list of questions the bot can answer, never silence.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.dialogue import drafts, progress
from bot.dialogue import reminders as reminder_dialogue
from bot.dialogue.intents import match_intent
from bot.dialogue.notes import start as start_note
from bot.dialogue.reviews_due import reviews_answer
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.reminders.compose import reviews_due
from bot.reminders.rules import rules
from bot.shared import dates
from bot.shared.events import Button
from bot.shared.wording import age_text


def _local_midnight(turn: Turn, days_back: int = 0) -> datetime:
    local = turn.local(turn.now)
    day = local.date() - timedelta(days=days_back)
    return datetime.combine(day, datetime.min.time(), tzinfo=turn.zone)


async def status_command(turn: Turn) -> None:
    store, now = turn.store, turn.now
    count, oldest = await store.notes.draft_count()
    today = _local_midnight(turn)
    week = _local_midnight(turn, days_back=turn.local(now).weekday())
    plans, overdue = await reviews_due(store, now)
    upcoming = await store.reminders.next_pending()
    days = rules().review_horizon_days
    lines = [turn.words("status.header", date=dates.weekday(turn.local(now)))]
    if count:
        lines.append(
            turn.words("status.drafts", count=count, age=age_text(turn.words, now - oldest))
        )
    else:
        lines.append(turn.words("status.drafts_none"))
    lines.append(
        turn.words(
            "status.signed",
            today=await store.notes.count_signed_since(today),
            week=await store.notes.count_signed_since(week),
        )
    )
    if plans:
        extra = " " + turn.words("status.reviews_overdue", count=overdue) if overdue else ""
        lines.append(turn.words("status.reviews", days=days, count=len(plans), overdue=extra))
    else:
        lines.append(turn.words("status.reviews_none", days=days))
    if upcoming is not None:
        when = dates.weekday_moment(turn.local(upcoming.due_at))
        kind = turn.words(f"reminder.kind.{upcoming.kind}")
        lines.append(turn.words("status.next_reminder", when=when, kind=kind))
    else:
        lines.append(turn.words("status.no_reminder"))
    buttons = []
    if count:
        buttons.append(Button(turn.words("status.open_drafts"), "status:drafts:"))
    if plans:
        buttons.append(Button(turn.words("status.show_reviews"), "status:reviews:"))
    turn.reply("\n".join(lines), buttons=[buttons] if buttons else None)


async def on_button(turn: Turn, action: str, _argument: str) -> None:
    if action == "drafts":
        await drafts.drafts_command(turn)
    elif action == "reviews":
        await reviews_answer(turn)
    else:
        turn.say("input.stale_button")


async def free_text(turn: Turn) -> None:
    intent = match_intent(turn.event.text)
    name = intent.name if intent else None
    if name == "status":
        await status_command(turn)
    elif name == "reviews":
        await reviews_answer(turn)
    elif name == "drafts":
        await drafts.drafts_command(turn)
    elif name == "progress":
        await progress.show_progress(turn, intent.values["client"], intent.values.get("topic"))
    elif name == "note":
        await start_note.note_from_words(
            turn, intent.values["client"], intent.values.get("template")
        )
    elif name == "remind":
        await reminder_dialogue.remind_from_text(turn, turn.event.text)
    else:
        turn.say("ask.unknown")


ROUTES = Routes(
    commands={"status": status_command}, buttons={"status": on_button}, free_text=free_text
)

"""The plan reviews due soon, listed inside the chat (client codes appear only here, on request).

Shared by /status, "which plans need review?" and a review reminder's button. Each plan gets
buttons into the plans feature (`plan:open:<id>`, `plan:review:<id>`).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.dialogue.turn import Turn
from bot.reminders.compose import reviews_due
from bot.reminders.rules import rules
from bot.shared import dates
from bot.shared.events import Button

MAX_PLAN_BUTTONS = 10  # rows of buttons; the list itself shows every plan


async def reviews_answer(turn: Turn) -> None:
    plans, _ = await reviews_due(turn.store, turn.now)
    days = rules().review_horizon_days
    if not plans:
        turn.say("reminder.tap.no_reviews", days=days)
        return
    today = turn.now.astimezone(ZoneInfo(turn.clinician.timezone)).date()
    lines, buttons = [turn.words("reminder.tap.reviews_header", days=days)], []
    for plan in plans:
        client = await turn.store.clients.own(plan.client_id)
        left = (plan.review_due - today).days
        if left < 0:
            when = turn.words("reminder.tap.review_overdue", days=-left)
        elif left == 0:
            when = turn.words("reminder.tap.review_today")
        else:
            when = turn.words("reminder.tap.review_in", days=left)
        lines.append(
            turn.words(
                "reminder.tap.review_line",
                client=client.code,
                due=dates.weekday(plan.review_due),
                when=when,
            )
        )
        if len(buttons) < MAX_PLAN_BUTTONS:
            buttons.append(
                [
                    Button(
                        turn.words("reminder.tap.open_plan", client=client.code),
                        f"plan:open:{plan.id}",
                    ),
                    Button(
                        turn.words("reminder.tap.review_plan", client=client.code),
                        f"plan:review:{plan.id}",
                    ),
                ]
            )
    turn.reply("\n".join(lines), buttons=buttons)

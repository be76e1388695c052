"""The GPS saying a route is blocked: an objective whose notes show no improvement over the last
sessions, whose intervention is reported as not helping, or that is past its target date
(bot/progress/route.py decides), flagged once (storage/route_flags.py).

signing a note ──► the client's flags brought in step (a failure here never costs the note)
/plan CODE ──► the plan, then each flag not yet shown with it: the reason, the latest evidence,
    buttons route:<review|later|dismiss>:<flag id>
the digest ──► each flag not yet in one, by objective id and counts only (bot/reminders/compose.py)
review ──► the plan review walk, each objective with its trend and latest evidence
later ──► shown again after the client's next signed note; dismiss ──► not now
"""

from __future__ import annotations

import logging

from bot.dialogue.plans import review
from bot.dialogue.progress import plan_progress
from bot.dialogue.progress_view import DATE, ProgressWords, progress_word
from bot.dialogue.turn import Turn
from bot.logsafe import describe_failure
from bot.progress.route import REASONS, Blocked, blocked
from bot.reminders.compose import ROUTE_ANSWERS, reason_text, route_buttons
from storage.models import Client
from storage.plans import OpenPlan
from storage.route_flags import LATER, Found

log = logging.getLogger(__name__)

ANSWER_FOR = dict(zip(ROUTE_ANSWERS, ("review", LATER, "dismissed"), strict=True))


async def _found(turn: Turn, opened: OpenPlan) -> list[tuple[Found, Blocked]]:
    progress = await plan_progress(turn, opened)
    days = [session.day for session in progress.sessions]
    today = turn.local(turn.now).date()
    sessions = turn.services.settings.route_sessions
    return [
        (Found(view.objective.id, progress.identities[view.objective.id], why.reason,
               why.figures), why)
        for view in progress.views
        for why in blocked(view, days, today, sessions)
    ]


async def after_signing(turn: Turn, client: Client) -> None:
    """A note of the client was signed: flags answered "later" come back, new ones are found.
    Never fails the signature: a failure is logged (ids only) and the flags wait for /plan."""
    try:
        opened = await turn.store.plans.current(client.id)
        if opened is None:
            return
        await turn.store.route_flags.after_session(opened.row.id, turn.now)
        found = [item for item, _ in await _found(turn, opened)]
        await turn.store.route_flags.record(opened.row.id, found, turn.now, covers=REASONS)
    except Exception as failure:  # the note is signed whatever the check does
        log.error("route check after signing failed: %s", describe_failure(failure))


async def show_with_plan(turn: Turn, opened: OpenPlan) -> None:
    """At /plan CODE: each flag not yet shown with this plan, with its evidence and buttons."""
    checked = await _found(turn, opened)
    await turn.store.route_flags.record(
        opened.row.id, [item for item, _ in checked], turn.now, covers=REASONS
    )
    why = {(item.identity, item.reason): reason for item, reason in checked}
    words = ProgressWords(turn.services.wording)
    for flag in await turn.store.route_flags.for_plan(opened.row.id):
        objective = opened.plan.objective(flag.objective_id)
        found = why.get((flag.identity, flag.reason))
        if objective is None or found is None:
            continue
        lines = [
            turn.words("route.flag", id=objective.id, text=objective.text),
            turn.words("route.because", reason=reason_text(turn.services.wording, flag)),
        ]
        lines.extend(
            words("progress.evidence_note", date=tag.day.strftime(DATE),
                  progress=progress_word(words, tag), sentence=tag.sentence)
            for tag in found.evidence
        )
        lines.append(turn.words("route.ask"))
        turn.reply("\n".join(lines), buttons=[route_buttons(turn.services.wording, flag.id)])
        flag.plan_shown_at = turn.now


async def on_button(turn: Turn, action: str, argument: str) -> None:
    flag = await turn.store.route_flags.own(argument)
    opened = await turn.store.plans.own(flag.plan_id) if flag is not None else None
    if action not in ANSWER_FOR or opened is None:
        turn.say("input.stale_button")
        return
    if flag.answer is not None:
        turn.say("route.answered")
        return
    turn.store.route_flags.answer(flag, ANSWER_FOR[action], turn.now)
    if action == "review":
        await review.start(turn, opened)
    elif action == "later":
        turn.say("route.later", id=flag.objective_id, client=opened.client.code)
    else:
        turn.say("route.dismissed", id=flag.objective_id)


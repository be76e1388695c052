"""Changing a saved plan: a flow starts from a copy of the current version and ends in a new one.

The copy remembers which version it came from. If the plan moved on meanwhile (another phone,
another worker), the change is refused rather than silently undoing the other one.
"""

from __future__ import annotations

from bot.dialogue.modes import IDLE
from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans.show import show_plan
from bot.dialogue.turn import Turn
from nlp.planfile import PlanFileError
from storage.plans import OpenPlan


def begin(opened: OpenPlan, purpose: str, **extra: object) -> dict:
    return {
        "purpose": purpose,
        "plan_id": opened.row.id,
        "version": opened.row.current_version,
        "client_id": opened.client.id,
        "draft": drafts.from_plan(opened.plan),
        "trail": [],
        **extra,
    }


async def commit(
    turn: Turn, state: dict, change: str, *, before: tuple[str, ...] = ()
) -> OpenPlan | None:
    """Saves the draft as the next version and shows it after the `before` messages.

    Returns None (having said why) when it cannot: the plan is gone, moved on, or invalid.
    """
    plans = turn.store.plans
    opened = await plans.own(state.get("plan_id", ""))
    turn.goto(IDLE)
    if opened is None:
        turn.say("plan.gone")
        return None
    if opened.row.current_version != state["version"]:
        turn.say("plan.changed_meanwhile", client=opened.client.code)
        show_plan(turn, opened)
        return None
    try:
        plan = drafts.to_plan(state["draft"])
    except PlanFileError as problem:
        turn.say("plan.change_invalid", problem=str(problem))
        return None
    await plans.save_version(opened.client.id, plan, change, turn.now, state.get("identities"))
    saved = await plans.own(opened.row.id)
    for text in before:
        turn.reply(text)
    show_plan(turn, saved)
    return saved

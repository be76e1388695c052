"""Changing a saved plan from its buttons: edit an item's wording, mark an objective.
(Adding problems, goals, objectives and interventions is in extend.py.)

Edit an item ──► pick P1/G1/O1/I1 ──► plan.edit (new wording) ──text──► new version "edited P1"
    an objective's new wording ──► plan.identity (same objective, reworded, or a new one?)
    ──► plan.direction (suggested from the new wording, confirmed)
    ──► new version "edited O1"; back there asks for the wording again
Mark objective ──► pick an active one ──► Met / Revised / Discontinued
    Met ──► new version "objective O2 met" and a short, warm acknowledgement
    Discontinued ──► new version "objective O2 discontinued"
    Revised ──► the objective flow for the new wording (see objective.py)
"""

from __future__ import annotations

from bot.dialogue.plans import changes, flow, identity, keyboards
from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.plans.review import met_acknowledgement
from bot.dialogue.turn import Turn
from nlp.planfile import Objective
from storage.identity import same_wording
from storage.plans import OpenPlan

STATUS_FOR = {"met": "met", "disc": "discontinued"}


def pick_item(turn: Turn, opened: OpenPlan) -> None:
    turn.say("plan.edit.pick_item", buttons=keyboards.items(opened.row.id, opened.plan))


def start_item_edit(turn: Turn, opened: OpenPlan, item_id: str) -> None:
    state = changes.begin(opened, "edit", item=item_id)
    found = drafts.find(state["draft"], item_id)
    if found is None:
        turn.say("input.stale_button")
        return
    kind, item, _ = found
    state["was"] = drafts.text_of(kind, item)
    ask_wording(turn, state)


def ask_wording(turn: Turn, state: dict) -> None:
    """Asks for the item's new wording, showing how it reads in the saved plan."""
    drafts.set_text(state["draft"], state["item"], state["was"])
    flow.ask_text(
        turn, PlanMode.EDIT, state, "plan.edit.ask_wording", id=state["item"], text=state["was"]
    )


async def on_edit_text(turn: Turn) -> None:
    text, state = flow.answer_text(turn), turn.state
    if text is None:
        return
    if drafts.set_text(state["draft"], state["item"], text) == "objective":
        # New wording can turn the direction around ("fewer" ⇄ "more"): confirm it, as in a build,
        # after asking whether it is still the same objective (its evidence follows the answer).
        state["objective"], state["now"], state["identities"] = state["item"], text, {}
        if not same_wording(state["was"], text):
            identity.ask_after_edit(turn, state)
        else:
            flow.ask(turn, PlanMode.DIRECTION, state)
        return
    await changes.commit(turn, state, turn.words("plan.change.edited", id=state["item"]))


def pick_objective(turn: Turn, opened: OpenPlan) -> None:
    buttons = keyboards.objectives(opened.row.id, opened.plan)
    turn.say("plan.edit.pick_objective" if buttons else "plan.edit.no_active", buttons=buttons)


def _active(turn: Turn, opened: OpenPlan, objective_id: str) -> Objective | None:
    objective = opened.plan.objective(objective_id)
    if objective is None or objective.status != "active":
        turn.say("plan.edit.not_active", id=objective_id)
        return None
    return objective


def ask_status(turn: Turn, opened: OpenPlan, objective_id: str) -> None:
    objective = _active(turn, opened, objective_id)
    if objective is not None:
        buttons = keyboards.statuses(turn, opened.row.id, objective_id)
        turn.say("plan.edit.ask_status", id=objective.id, text=objective.text, buttons=buttons)


async def mark(turn: Turn, opened: OpenPlan, objective_id: str, action: str) -> None:
    objective = _active(turn, opened, objective_id)
    if objective is None:
        return
    if action == "rev":
        goal_id = drafts.goal_of(drafts.from_plan(opened.plan), objective_id)
        state = changes.begin(opened, "revise", goal=goal_id, replaces=objective_id)
        flow.ask(turn, PlanMode.OBJECTIVE, state)
        return
    state = changes.begin(opened, "mark")
    status = STATUS_FOR[action]
    drafts.set_fields(state["draft"], objective_id, status=status)
    before = (met_acknowledgement(turn, objective),) if status == "met" else ()
    change = turn.words(f"plan.change.{status}", id=objective_id)
    await changes.commit(turn, state, change, before=before)


async def on_move(turn: Turn, move: str) -> None:
    """In plan.edit any navigation word (back, skip, cancel, ...) leaves the plan unchanged."""
    await flow.cancel(turn, turn.state)

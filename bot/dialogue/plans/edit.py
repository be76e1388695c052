"""Changing a saved plan from its buttons: edit an item's wording, add an objective, mark one.

Edit an item ──► pick P1/G1/O1/I1 ──► plan.edit (new wording) ──text──► new version "edited O1"
Add objective ──► pick a goal (skipped when there is one) ──► objective flow ──► "added O4"
Mark objective ──► pick an active one ──► Met / Revised / Discontinued
    Met ──► new version "objective O2 met" and a short, warm acknowledgement
    Discontinued ──► new version "objective O2 discontinued"
    Revised ──► the objective flow for the new wording (see objective.py)
"""

from __future__ import annotations

from bot.dialogue.plans import changes, flow, keyboards
from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans.current import OpenPlan
from bot.dialogue.plans.review import met_acknowledgement
from bot.dialogue.turn import Turn
from nlp.planfile import Objective

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
    text = drafts.text_of(kind, item)
    flow.ask_text(turn, "plan.edit", state, "plan.edit.ask_wording", id=item_id, text=text)


async def on_edit_text(turn: Turn) -> None:
    text, state = flow.answer_text(turn), turn.state
    if text is None:
        return
    drafts.set_text(state["draft"], state["item"], text)
    await changes.commit(turn, state, f"edited {state['item']}")


def pick_goal(turn: Turn, opened: OpenPlan) -> None:
    goals = [g for p in opened.plan.problems for g in p.goals]
    if not goals:
        turn.say("plan.edit.no_goals")
    elif len(goals) == 1:
        start_adding(turn, opened, goals[0].id)
    else:
        turn.say("plan.edit.pick_goal", buttons=keyboards.goals(opened.row.id, opened.plan))


def start_adding(turn: Turn, opened: OpenPlan, goal_id: str) -> None:
    state = changes.begin(opened, "add", goal=goal_id)
    if drafts.find(state["draft"], goal_id) is None:
        turn.say("input.stale_button")
        return
    flow.ask(turn, "plan.objective", state)


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
        flow.ask(turn, "plan.objective", state)
        return
    state = changes.begin(opened, "mark")
    status = STATUS_FOR[action]
    drafts.set_fields(state["draft"], objective_id, status=status)
    before = (met_acknowledgement(turn, objective),) if status == "met" else ()
    await changes.commit(turn, state, f"objective {objective_id} {status}", before=before)


async def on_move(turn: Turn, move: str) -> None:
    """In plan.edit any navigation word (back, skip, cancel, ...) leaves the plan unchanged."""
    flow.cancel(turn, turn.state)

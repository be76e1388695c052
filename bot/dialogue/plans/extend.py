"""Adding to a saved plan: a problem, a goal, an objective or an intervention, each a new version.

➕ Add ──► Problem / Goal / Objective / Intervention
  Problem ──► plan.problem ──text──► the build's steps for that problem (goals, objectives,
              interventions) ──next at "another goal?"──► new version "added P3, G4, O7"
  Goal ──► pick a problem (skipped when there is one) ──► plan.goal ──► objectives (at least
           one), interventions ──next at "another goal?"──► new version
  Intervention ──► pick a goal ──► plan.intervention ──text──► "another?" ──next──► new version
  Objective ──► pick a goal ──► the objective flow (objective.py) ──► new version "added O4"
The build's own steps and words do the asking (flow.py, build.py); `upto` in the state says
which question ends the addition, so next/done there saves rather than climbing further up.
"done" anywhere saves; "back" takes the last answer out; "cancel" changes nothing.
"""

from __future__ import annotations

from bot.dialogue.plans import changes, flow, keyboards
from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.turn import Turn
from storage.plans import OpenPlan

# Button action ──► the kind of item it adds.
ADD_ACTIONS = {"addp": "problem", "addg": "goal", "addo": "objective", "addi": "intervention"}
PARENT_KIND = {"goal": "problem", "objective": "goal", "intervention": "goal"}
# Where each addition starts asking, and the question whose "next" saves it.
START_MODE = {
    "problem": PlanMode.PROBLEM, "goal": PlanMode.GOAL, "intervention": PlanMode.INTERVENTION
}
LAST_MODE = {"problem": PlanMode.GOAL, "goal": PlanMode.GOAL, "intervention": PlanMode.INTERVENTION}


def pick_kind(turn: Turn, opened: OpenPlan) -> None:
    buttons = keyboards.additions(turn, opened.row.id)
    turn.say("plan.add.pick_kind", client=opened.client.code, buttons=buttons)


def add(turn: Turn, opened: OpenPlan, action: str, parent_id: str) -> None:
    """A tap on one of the kinds (then on the problem or goal it goes under)."""
    kind = ADD_ACTIONS[action]
    if kind == "problem":
        _start(turn, opened, kind)
    elif not parent_id:
        _pick_parent(turn, opened, action, kind)
    elif not _is_kind(opened, parent_id, PARENT_KIND[kind]):
        turn.say("input.stale_button")
    elif kind == "objective":
        flow.ask(turn, PlanMode.OBJECTIVE, changes.begin(opened, "add", goal=parent_id))
    else:
        _start(turn, opened, kind, **{PARENT_KIND[kind]: parent_id})


def _pick_parent(turn: Turn, opened: OpenPlan, action: str, kind: str) -> None:
    parent_kind = PARENT_KIND[kind]
    parents = [
        (item["id"], drafts.text_of(item_kind, item))
        for item_kind, item, _ in drafts.walk(drafts.from_plan(opened.plan))
        if item_kind == parent_kind
    ]
    if not parents:
        turn.say(f"plan.add.no_parent.{kind}")
    elif len(parents) == 1:
        add(turn, opened, action, parents[0][0])
    else:
        buttons = keyboards.parents(opened.row.id, action, parents)
        turn.say(f"plan.add.pick_parent.{kind}", buttons=buttons)


def _is_kind(opened: OpenPlan, item_id: str, kind: str) -> bool:
    found = drafts.find(drafts.from_plan(opened.plan), item_id)
    return found is not None and found[0] == kind


def _start(turn: Turn, opened: OpenPlan, kind: str, **parent: str) -> None:
    state = changes.begin(opened, "extend", upto=LAST_MODE[kind], **parent)
    flow.ask(turn, START_MODE[kind], state)


async def save(turn: Turn, state: dict) -> None:
    """Saves what was added as the next version; nothing added changes nothing."""
    added = [step["item"] for step in state["trail"]]
    if not added:
        await flow.cancel(turn, state)
        return
    listed = ", ".join(added)
    await changes.commit(
        turn,
        state,
        turn.words("plan.change.added", ids=listed),
        before=(turn.words("plan.add.saved", ids=listed),),
    )

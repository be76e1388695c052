"""The guided build: problems, then for each its goals, objectives and interventions.

/plan A.B. (no plan yet) ──► plan.problem ──text──► plan.goal ──text──► plan.objective
   plan.objective ──text──► objective flow (direction, target) ──► plan.objective (another?)
   plan.objective ──next──► plan.intervention ──text──► plan.intervention (another?)
   plan.intervention ──next──► plan.goal (another goal for this problem?)
   plan.goal ──next──► plan.problem (another problem?)
   plan.problem ──next/done──► finish: plan.review_date ──► plan.check ×3 ──► saved, idle
/plan A.B. again while building A.B.'s plan carries on where the build stopped.
"done" anywhere finishes (once every goal has an objective); "back" takes the last answer out
and asks for it again; "cancel" keeps the build as a draft plan (kept.py). Adding to a saved
plan (extend.py) runs the same steps from a lower question and finishes when "next" would
climb above it.
"""

from __future__ import annotations

from bot.dialogue.modes import IDLE
from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans import finish, flow, kept
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.turn import Turn
from storage.models import Client

LEVELS = (PlanMode.PROBLEM, PlanMode.GOAL, PlanMode.INTERVENTION)  # from the top of a plan down


async def start_or_resume(turn: Turn, client: Client) -> None:
    """A build already open for this client goes on where it stopped; one open for another
    client is kept as a draft plan; a draft plan of this client is offered. `/plan` loses
    nothing."""
    state = turn.state
    if flow.building(turn) and state.get("client_id") == client.id:
        flow.ask(turn, turn.mode, state, before=turn.words("plan.build.resumed"))
        return
    if flow.building(turn):
        turn.say("plan.kept.other", client=await flow.keep_build(turn, state))
        turn.goto(IDLE)
    draft = await turn.store.plan_drafts.of_client(client.id)
    if draft is not None:
        kept.offer(turn, client, draft)
    else:
        await start_build(turn, client)


async def start_build(turn: Turn, client: Client) -> None:
    state = {
        "purpose": "build",
        "client_id": client.id,
        "draft": drafts.new_draft(client.code),
        "trail": [],
    }
    intro = turn.words("plan.build.intro", client=client.code)
    flow.ask(turn, PlanMode.PROBLEM, state, before=intro)


async def on_problem_text(turn: Turn) -> None:
    text, state = flow.answer_text(turn), turn.state
    if text is None:
        return
    problem_id = drafts.add_problem(state["draft"], text)
    flow.remember(state, problem_id, PlanMode.PROBLEM)
    state["problem"] = problem_id
    flow.ask(turn, PlanMode.GOAL, state, before=turn.words("plan.build.noted", id=problem_id))


async def on_goal_text(turn: Turn) -> None:
    text, state = flow.answer_text(turn), turn.state
    if text is None:
        return
    goal_id = drafts.add_goal(state["draft"], state["problem"], text)
    flow.remember(state, goal_id, PlanMode.GOAL)
    state["goal"] = goal_id
    flow.ask(turn, PlanMode.OBJECTIVE, state, before=turn.words("plan.build.noted", id=goal_id))


async def on_intervention_text(turn: Turn) -> None:
    text, state = flow.answer_text(turn), turn.state
    if text is None:
        return
    intervention_id = drafts.add_intervention(state["draft"], state["goal"], text)
    flow.remember(state, intervention_id, PlanMode.INTERVENTION)
    noted = turn.words("plan.build.noted", id=intervention_id)
    flow.ask(turn, PlanMode.INTERVENTION, state, before=noted)


async def on_move(turn: Turn, move: str) -> None:
    """Typed or tapped next/skip/back/done/cancel in the problem, goal and intervention steps."""
    state, mode = turn.state, turn.mode
    if move == "cancel":
        await flow.cancel(turn, state)
    elif move == "back":
        flow.undo(turn, state)
    elif move == "done" or (mode == PlanMode.PROBLEM and move in ("next", "skip")):
        await finish.finish_build(turn, state)
    elif mode == PlanMode.GOAL:
        await _up_to(turn, state, PlanMode.PROBLEM)
    elif mode == PlanMode.INTERVENTION:
        await _up_to(turn, state, PlanMode.GOAL)


async def _up_to(turn: Turn, state: dict, mode: str) -> None:
    """Climbs to the higher question, unless the flow (an addition) ends below it: then saves."""
    if LEVELS.index(mode) < LEVELS.index(state.get("upto", LEVELS[0])):
        await finish.finish_build(turn, state)
    else:
        flow.ask(turn, mode, state)

"""The end of a build (and of a review): the next review date, then the self-check questions.

plan.review_date ──date / default button / next──► build: plan.check (1/3 ... 3/3) ──► saved
                                                   review: review.complete ──► new version
plan.check ──yes/no button or typed──► next question; skip leaves it unanswered; back goes back.
A "no" is kept and shown on the plan: the questions prompt reflection, they do not block saving.
"""

from __future__ import annotations

from datetime import date

from bot.dialogue.modes import IDLE
from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans import extend, flow, review
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.plans.show import show_plan
from bot.dialogue.plans.today import default_review_date
from bot.dialogue.plans.typed_day import future_day
from bot.dialogue.plans.words import typed_answer
from bot.dialogue.turn import Turn
from nlp.planfile import PlanFileError


async def finish_build(turn: Turn, state: dict) -> None:
    """On to the review date (or, adding to a saved plan, to saving it), unless a goal still
    lacks a measurable objective."""
    missing = drafts.goals_without_objectives(state["draft"])
    if missing:
        state["goal"] = missing[0]
        before = turn.words("plan.build.goal_needs_objective", goal=missing[0])
        flow.ask(turn, PlanMode.OBJECTIVE, state, before=before)
    elif state["purpose"] == "extend":
        await extend.save(turn, state)
    elif not state["draft"]["problems"]:
        flow.ask(turn, PlanMode.PROBLEM, state, before=turn.words("plan.build.needs_problem"))
    else:
        flow.ask(turn, PlanMode.REVIEW_DATE, state)


async def on_review_date_text(turn: Turn) -> None:
    day, problem = future_day(turn)
    if day is None:
        flow.ask(turn, PlanMode.REVIEW_DATE, turn.state, before=problem)
    else:
        await review_date_chosen(turn, turn.state, day)


async def review_date_chosen(turn: Turn, state: dict, day: date) -> None:
    state["draft"]["review_due"] = day.isoformat()
    if state["purpose"] == "review":
        await review.complete(turn, state)
        return
    state["check_index"], state["check"] = 0, {}
    flow.ask(turn, PlanMode.CHECK, state)


async def on_check_text(turn: Turn) -> None:
    answer = typed_answer(turn.event.text)
    if answer in ("yes", "no"):
        await record_check(turn, answer == "yes")
    else:
        flow.ask(turn, PlanMode.CHECK, turn.state, before=turn.words("plan.check_use_buttons"))


async def record_check(turn: Turn, answer: bool | None) -> None:
    state = turn.state
    state["check"][flow.CHECKS[state["check_index"]]] = answer
    state["check_index"] += 1
    if state["check_index"] < len(flow.CHECKS):
        flow.ask(turn, PlanMode.CHECK, state)
    else:
        await save_new_plan(turn, state)


async def save_new_plan(turn: Turn, state: dict) -> None:
    plans = turn.store.plans
    client = await turn.store.clients.own(state.get("client_id"))
    if client is None:
        turn.goto(IDLE)
        turn.say("plan.gone")
        return
    state["draft"]["self_check"] = {name: state["check"].get(name) for name in flow.CHECKS}
    try:
        plan = drafts.to_plan(state["draft"])
    except PlanFileError as problem:  # kept open: the draft is not thrown away
        before = turn.words("plan.build.not_saved", problem=str(problem))
        flow.ask(turn, PlanMode.PROBLEM, state, before=before)
        return
    turn.goto(IDLE)
    rebuilt = await plans.row_for_client(client.id) is not None
    change = turn.words("plan.change.rebuilt" if rebuilt else "plan.change.created")
    stored = await plans.save_version(client.id, plan, change, turn.now)
    turn.say("plan.build.saved", client=client.code, number=stored.number)
    show_plan(turn, await plans.current(client.id))


async def on_due_button(turn: Turn) -> None:
    if turn.mode != PlanMode.REVIEW_DATE:
        turn.say("input.stale_button")
        return
    await review_date_chosen(turn, turn.state, default_review_date(turn))


async def on_check_button(turn: Turn, answer: str) -> None:
    if turn.mode != PlanMode.CHECK:
        turn.say("input.stale_button")
        return
    await record_check(turn, answer == "yes")


async def on_move(turn: Turn, move: str) -> None:
    state, mode = turn.state, turn.mode
    if move == "cancel":
        await flow.cancel(turn, state)
    elif mode == PlanMode.REVIEW_DATE and move == "back":
        if state["purpose"] == "review":
            review.step_back(turn, state)
        else:
            flow.ask(turn, PlanMode.PROBLEM, state)
    elif mode == PlanMode.REVIEW_DATE:
        await review_date_chosen(turn, state, default_review_date(turn))
    elif move == "back":
        state["check_index"] -= 1
        flow.ask(turn, PlanMode.CHECK if state["check_index"] >= 0 else PlanMode.REVIEW_DATE, state)
    elif move == "done":
        state["check_index"] = len(flow.CHECKS)
        await save_new_plan(turn, state)
    else:
        await record_check(turn, None)

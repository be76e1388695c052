"""Reviewing a plan: each active objective in turn (keep, revise, met, discontinue), shown with
its trend line and its three latest pieces of evidence so the answer is not from memory, then
the next review date, saved as one new version ("review").

Review now ──► plan.review (O1 1/n) ──keep/met/discontinue──► plan.review (O2 2/n) ... ──►
          plan.review_date ──► complete: new version, acknowledgements for objectives met
plan.review ──revise──► plan.review_revise ──new wording──► O1 revised, new objective added
"back" undoes the previous objective's decision; "next"/"skip" keep; "done" keeps the rest.
"""

from __future__ import annotations

from bot.dialogue.plans import changes, flow, keyboards, render
from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.plans.words import typed_answer
from bot.dialogue.progress import plan_progress
from bot.dialogue.progress_view import ProgressWords, latest_evidence, trend_line
from bot.dialogue.turn import Turn
from bot.shared import dates
from nlp import planfile
from storage.plans import OpenPlan

CHOICES = ("keep", "revise", "met", "discontinue")
EVIDENCE_SHOWN = 3
STATUS_FOR = {"met": "met", "discontinue": "discontinued"}


async def start(turn: Turn, opened: OpenPlan) -> None:
    queue = [o.id for o in opened.plan.objectives() if o.status == "active"]
    evidence = await _evidence(turn, opened, queue)
    state = changes.begin(opened, "review", queue=queue, index=0, decisions=[], evidence=evidence)
    intro = turn.words("plan.review.intro", client=opened.client.code, count=len(queue))
    ask_objective(turn, state, before=intro)


async def _evidence(turn: Turn, opened: OpenPlan, queue: list[str]) -> dict[str, str]:
    """Per objective to review: its trend line and latest evidence, read once at the start (the
    walk's answers change no note)."""
    words = ProgressWords(turn.services.wording)
    views = (await plan_progress(turn, opened)).views
    return {
        view.objective.id: "\n".join(
            [trend_line(words, view), *latest_evidence(words, view, EVIDENCE_SHOWN)]
        )
        for view in views
        if view.objective.id in queue
    }


def ask_objective(turn: Turn, state: dict, before: str = "") -> None:
    if state["index"] >= len(state["queue"]):
        flow.ask(turn, PlanMode.REVIEW_DATE, state, before=before)
        return
    turn.goto(PlanMode.REVIEW, **state)
    objective_id = state["queue"][state["index"]]
    objective = planfile.plan_from_dict(state["draft"]).objective(objective_id)
    text = turn.words(
        "plan.review.objective",
        number=state["index"] + 1,
        total=len(state["queue"]),
        line=render.objective_line(turn, objective),
        evidence=state.get("evidence", {}).get(objective_id, ""),
    )
    turn.reply(
        f"{before}\n\n{text}" if before else text,
        buttons=keyboards.review_choices(turn, objective_id),
    )


async def on_button(turn: Turn, argument: str) -> None:
    choice, _, objective_id = argument.partition(":")
    state = turn.state
    if turn.mode != PlanMode.REVIEW or state["queue"][state["index"]] != objective_id:
        turn.say("input.stale_button")
        return
    await decide(turn, state, choice)


async def on_text(turn: Turn) -> None:
    answer = typed_answer(turn.event.text)
    if answer in CHOICES:
        await decide(turn, turn.state, answer)
    else:
        ask_objective(turn, turn.state, before=turn.words("plan.review.use_buttons"))


async def decide(turn: Turn, state: dict, choice: str) -> None:
    if choice not in CHOICES:
        turn.say("input.stale_button")
        return
    objective_id = state["queue"][state["index"]]
    if choice == "revise":
        flow.ask_text(
            turn, PlanMode.REVIEW_REVISE, state, "plan.review.ask_revision", id=objective_id
        )
        return
    if choice in STATUS_FOR:
        drafts.set_fields(state["draft"], objective_id, status=STATUS_FOR[choice])
    _advance(turn, state, {"objective": objective_id, "choice": choice, "added": None})


async def on_revision_text(turn: Turn) -> None:
    text, state = flow.answer_text(turn), turn.state
    if text is None:
        return
    _, old, goal = drafts.find(state["draft"], state["queue"][state["index"]])
    new_id = drafts.add_objective(
        state["draft"], goal["id"], text, target_date=old.get("target_date")
    )
    state["objective"] = new_id  # its direction is confirmed next, as in a build
    flow.ask(turn, PlanMode.DIRECTION, state, before=turn.words("plan.build.noted", id=new_id))


def revision_done(turn: Turn, state: dict) -> None:
    """The revised wording has its direction: the old objective is marked revised. Next one."""
    old_id = state["queue"][state["index"]]
    drafts.set_fields(state["draft"], old_id, status="revised")
    _advance(turn, state, {"objective": old_id, "choice": "revise", "added": state["objective"]})


def ask_revision_again(turn: Turn, state: dict) -> None:
    """Back at the revision's direction: its wording is taken out and asked for again."""
    drafts.remove(state["draft"], state.pop("objective"))
    objective_id = state["queue"][state["index"]]
    flow.ask_text(turn, PlanMode.REVIEW_REVISE, state, "plan.review.ask_revision", id=objective_id)


def _advance(turn: Turn, state: dict, decision: dict) -> None:
    state["decisions"].append(decision)
    state["index"] += 1
    named = decision["added"] or decision["objective"]  # a revision names the new objective
    before = turn.words(f"plan.review.done_{decision['choice']}", id=named)
    ask_objective(turn, state, before=before)


def step_back(turn: Turn, state: dict) -> None:
    """Undoes the last decision and asks about that objective again."""
    if not state["decisions"]:
        ask_objective(turn, state, before=turn.words("plan.build.at_first"))
        return
    last = state["decisions"].pop()
    if last["added"]:
        drafts.remove(state["draft"], last["added"])
    drafts.set_fields(state["draft"], last["objective"], status=None)
    state["index"] -= 1
    ask_objective(turn, state)


async def on_move(turn: Turn, move: str) -> None:
    state = turn.state
    if move == "cancel":
        await flow.cancel(turn, state)
    elif move == "back" and turn.mode == PlanMode.REVIEW_REVISE:
        ask_objective(turn, state)
    elif move == "back":
        step_back(turn, state)
    elif move == "done":
        state["index"] = len(state["queue"])
        ask_objective(turn, state)
    else:
        await decide(turn, state, "keep")


async def complete(turn: Turn, state: dict) -> None:
    plan = planfile.plan_from_dict(state["draft"])
    changed = sum(1 for d in state["decisions"] if d["choice"] != "keep")
    summary = turn.words("plan.review.saved", changed=changed, date=dates.day(plan.review_due))
    acknowledgements = tuple(
        met_acknowledgement(turn, plan.objective(d["objective"]))
        for d in state["decisions"]
        if d["choice"] == "met"
    )
    change = turn.words("plan.change.review")
    await changes.commit(turn, state, change, before=(summary, *acknowledgements))


def met_acknowledgement(turn: Turn, objective: planfile.Objective) -> str:
    """A short, warm line the clinician can read out or forward to the client."""
    return turn.words("plan.met_ack", id=objective.id, text=objective.text)

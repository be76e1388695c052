"""Asking the next question of a plan flow: one place that knows each mode's question and keys.

A plan flow's whole state is the conversation row: the mode says which question is open, the
payload holds the draft plan (`draft`), what the answers attach to (`problem`, `goal`,
`objective`), what the flow is for (`purpose`: build, extend, add, revise, edit, review) and
the undo trail.
`ask` writes that row and sends the question, so every step ends by calling it.
"""

from __future__ import annotations

from bot.dialogue.modes import IDLE
from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans import keyboards
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.plans.today import default_review_date
from bot.dialogue.turn import Turn
from bot.shared import dates
from nlp import planfile
from nlp.planfile import SelfCheck, infer_direction
from nlp.suggestions import words_looked_for

CHECKS = tuple(SelfCheck.__dataclass_fields__)  # the self-check questions, in order


def ask(turn: Turn, mode: str, state: dict, *, before: str = "") -> None:
    """Enter `mode` with `state` and ask its question, after `before` (an acknowledgement)."""
    turn.goto(mode, **state)
    text, buttons = QUESTIONS[mode](turn, state)
    turn.reply(f"{before}\n\n{text}" if before else text, buttons=buttons)


def _adding_first(state: dict) -> bool:
    """The first question of an addition to a saved plan: nothing to go back to or save yet."""
    return state["purpose"] == "extend" and not state["trail"]


def _problem(turn: Turn, state: dict) -> tuple[str, list]:
    problems = state["draft"]["problems"]
    number = drafts.next_id(state["draft"], "problem")
    if state["purpose"] == "extend":
        return turn.words("plan.ask.problem_added", id=number), keyboards.navigation(turn, "cancel")
    key = "plan.ask.problem_more" if problems else "plan.ask.problem_first"
    moves = ("back", "done", "cancel") if problems else ("cancel",)
    return turn.words(key, id=number), keyboards.navigation(turn, *moves)


def _goal(turn: Turn, state: dict) -> tuple[str, list]:
    _, problem, _ = drafts.find(state["draft"], state["problem"])
    moves = ("back", "next", "done")
    if _adding_first(state):
        key, moves = "plan.ask.goal_added", ("cancel",)
    elif not problem["goals"]:
        key = "plan.ask.goal_first"
    elif state["purpose"] == "extend":
        key = "plan.ask.goal_more_then_save"
    else:
        key = "plan.ask.goal_more"
    text = turn.words(key, problem=problem["id"], id=drafts.next_id(state["draft"], "goal"))
    return text, keyboards.navigation(turn, *moves)


def _objective(turn: Turn, state: dict) -> tuple[str, list]:
    goal_id, new_id = state["goal"], drafts.next_id(state["draft"], "objective")
    if state["purpose"] == "revise":
        _, old, _ = drafts.find(state["draft"], state["replaces"])
        text = turn.words("plan.ask.revised_wording", old=old["id"], text=old["text"], id=new_id)
        return text, keyboards.navigation(turn, "skip", "cancel")
    if state["purpose"] == "add":
        text = turn.words("plan.ask.objective_added", goal=goal_id, id=new_id)
        return text, keyboards.navigation(turn, "cancel")
    _, goal, _ = drafts.find(state["draft"], goal_id)
    key = "plan.ask.objective_more" if goal["objectives"] else "plan.ask.objective_first"
    return turn.words(key, goal=goal_id, id=new_id), keyboards.navigation(turn, "back", "next")


def _direction(turn: Turn, state: dict) -> tuple[str, list]:
    _, objective, _ = drafts.find(state["draft"], state["objective"])
    suggested = infer_direction(objective["text"])
    if suggested is None:
        text = turn.words("plan.ask.direction_unknown", id=objective["id"])
    else:
        meaning = turn.words(f"plan.direction_meaning.{suggested}")
        text = turn.words(
            "plan.ask.direction_suggested", id=objective["id"], direction=suggested, meaning=meaning
        )
    return f"{_looked_for(turn, objective)}\n\n{text}", keyboards.directions(turn, suggested)


def _looked_for(turn: Turn, objective: dict) -> str:
    """What the tagger will look for in notes for this objective, so the clinician sees the link
    will work, with the words they added; the direction keyboard offers to add more."""
    lexicon = ", ".join(words_looked_for(objective["text"]))
    own = ", ".join(objective.get("keywords", []))
    lines = [turn.words("plan.looks_for.lexicon", words=lexicon)] if lexicon else []
    if own:
        lines.append(turn.words("plan.looks_for.own", words=own))
    return "\n".join(lines) or turn.words("plan.looks_for.nothing")


def _own_words(turn: Turn, state: dict) -> tuple[str, list]:
    text = turn.words("plan.ask.own_words", id=state["objective"])
    return text, keyboards.navigation(turn, "back")


def _target(turn: Turn, state: dict) -> tuple[str, list]:
    text = turn.words("plan.ask.target", id=state["objective"])
    return text, keyboards.navigation(turn, "back", "skip")


def _intervention(turn: Turn, state: dict) -> tuple[str, list]:
    _, goal, _ = drafts.find(state["draft"], state["goal"])
    moves = ("back", "next", "done")
    if _adding_first(state):
        key, moves = "plan.ask.intervention_added", ("cancel",)
    elif goal["interventions"]:
        key = "plan.ask.intervention_more"
    else:
        key = "plan.ask.intervention_first"
    text = turn.words(key, goal=goal["id"], id=drafts.next_id(state["draft"], "intervention"))
    return text, keyboards.navigation(turn, *moves)


def _review_date(turn: Turn, state: dict) -> tuple[str, list]:
    default = default_review_date(turn)
    text = turn.words(
        "plan.ask.review_date", date=dates.day(default), days=turn.clinician.review_days
    )
    return text, keyboards.review_date(turn, dates.day(default))


def _check(turn: Turn, state: dict) -> tuple[str, list]:
    index = state["check_index"]
    text = turn.words(
        "plan.ask.check",
        number=index + 1,
        total=len(CHECKS),
        question=turn.words(f"plan.check.{CHECKS[index]}"),
    )
    return text, keyboards.yes_no(turn)


QUESTIONS = {
    PlanMode.PROBLEM: _problem,
    PlanMode.GOAL: _goal,
    PlanMode.OBJECTIVE: _objective,
    PlanMode.DIRECTION: _direction,
    PlanMode.OWN_WORDS: _own_words,
    PlanMode.TARGET: _target,
    PlanMode.INTERVENTION: _intervention,
    PlanMode.REVIEW_DATE: _review_date,
    PlanMode.CHECK: _check,
}


def answer_text(turn: Turn) -> str | None:
    """The typed answer, stripped; an empty one gets a short note and None."""
    text = turn.event.text.strip()
    if not text:
        turn.say("plan.empty_answer")
        return None
    if len(text) > planfile.TEXT_LIMIT:
        turn.say("plan.answer_too_long", length=len(text), limit=planfile.TEXT_LIMIT)
        return None
    return text


def remember(state: dict, item_id: str, mode: str) -> None:
    """Notes where an item was asked for, so "back" can take it out and ask again."""
    state.setdefault("trail", []).append(
        {"item": item_id, "mode": mode, "problem": state.get("problem"), "goal": state.get("goal")}
    )


def undo(turn: Turn, state: dict) -> None:
    """Going back: the last answer is taken out and its question asked again."""
    if not state.get("trail"):
        ask(turn, turn.mode, state, before=turn.words("plan.build.at_first"))
        return
    last = state["trail"].pop()
    kind, item, _ = drafts.find(state["draft"], last["item"])
    removed = drafts.text_of(kind, item)
    drafts.remove(state["draft"], last["item"])
    state["problem"], state["goal"] = last["problem"], last["goal"]
    ask(
        turn,
        last["mode"],
        state,
        before=turn.words("plan.build.undone", id=item["id"], text=removed),
    )


def building(turn: Turn) -> bool:
    """Whether the conversation is in the guided build of a new plan (not a change to one)."""
    return turn.mode in QUESTIONS and turn.state.get("purpose") == "build"


async def keep_build(turn: Turn, state: dict) -> str:
    """Keeps a build as its client's draft plan, at the question it is at (kept.py resumes it);
    returns the client's code."""
    await turn.store.plan_drafts.keep(state["client_id"], turn.mode, state, turn.now)
    return state["draft"]["client"]


async def cancel(turn: Turn, state: dict) -> None:
    """Stops the flow: a new plan's build is kept as a draft plan, as a note becomes a draft; a
    change to a saved plan changes nothing."""
    if state.get("purpose") == "build":
        client = await keep_build(turn, state)
        turn.goto(IDLE)
        turn.say("plan.kept.cancelled", client=client)
        return
    turn.goto(IDLE)
    turn.say("plan.change_cancelled")


def ask_text(turn: Turn, mode: str, state: dict, key: str, **values: object) -> None:
    """A free-text question outside the build's table (new wording for an item)."""
    turn.goto(mode, **state)
    turn.say(key, buttons=keyboards.navigation(turn, "back", "cancel"), **values)

"""One measurable objective: its wording, its direction (suggested, then confirmed), a target.

plan.objective ──text──► plan.direction ──button/yes/no──► plan.target ──date/skip──► complete
plan.direction shows the words the tagger will look for ──"your client's words"──► plan.own_words
    ──(words, commas between)──► the objective's keywords, plan.direction again
complete: in a build, plan.objective again ("another objective?"); when adding to a saved plan,
a new version ("added O4"); when revising O2, O2 becomes "revised" and the new wording a new
objective in the same goal ("objective O2 revised as O5"). Skip at the revised wording only
marks O2 revised. An objective reworded (edit.py) or revised in a review (review.py) has its
direction confirmed here too, then goes back to that flow; "back" there asks for the wording.
"""

from __future__ import annotations

from bot.dialogue.plans import changes, edit, finish, flow, review
from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.plans.typed_day import future_day
from bot.dialogue.plans.words import typed_answer
from bot.dialogue.turn import Turn
from nlp.planfile import infer_direction


async def on_objective_text(turn: Turn) -> None:
    text, state = flow.answer_text(turn), turn.state
    if text is None:
        return
    objective_id = drafts.add_objective(state["draft"], state["goal"], text)
    flow.remember(state, objective_id, PlanMode.OBJECTIVE)
    state["objective"] = objective_id
    noted = turn.words("plan.build.noted", id=objective_id)
    flow.ask(turn, PlanMode.DIRECTION, state, before=noted)


async def on_direction_text(turn: Turn) -> None:
    state = turn.state
    _, objective, _ = drafts.find(state["draft"], state["objective"])
    suggested = infer_direction(objective["text"])
    answer = typed_answer(turn.event.text)
    if answer in ("increase", "decrease"):
        await choose_direction(turn, answer)
    elif answer == "yes" and suggested:
        await choose_direction(turn, suggested)
    elif answer == "no" and suggested:
        await choose_direction(turn, "decrease" if suggested == "increase" else "increase")
    else:
        flow.ask(turn, PlanMode.DIRECTION, state, before=turn.words("plan.ask.direction_unclear"))


async def on_own_words_button(turn: Turn) -> None:
    """At the direction question: the clinician adds the words their client uses."""
    if turn.mode != PlanMode.DIRECTION:
        turn.say("input.stale_button")
        return
    flow.ask(turn, PlanMode.OWN_WORDS, turn.state)


async def on_own_words_text(turn: Turn) -> None:
    """Words separated by commas become the objective's keywords; then the direction again."""
    state = turn.state
    _, objective, _ = drafts.find(state["draft"], state["objective"])
    keywords = list(objective.get("keywords", []))
    for word in turn.event.text.replace(";", ",").split(","):
        word = " ".join(word.split())
        if word and word.casefold() not in (k.casefold() for k in keywords):
            keywords.append(word)
    if not keywords:
        flow.ask(turn, PlanMode.OWN_WORDS, state)
        return
    drafts.set_fields(state["draft"], state["objective"], keywords=keywords)
    flow.ask(turn, PlanMode.DIRECTION, state)


async def choose_direction(turn: Turn, direction: str | None) -> None:
    """Records the direction; a reworded objective is then saved, a new one asks for a target."""
    state = turn.state
    drafts.set_fields(state["draft"], state["objective"], direction=direction)
    if state["purpose"] == "edit":
        await changes.commit(turn, state, turn.words("plan.change.edited", id=state["objective"]))
    elif state["purpose"] == "review":
        review.revision_done(turn, state)
    else:
        flow.ask(turn, PlanMode.TARGET, state)


async def on_target_text(turn: Turn) -> None:
    state, (day, problem) = turn.state, future_day(turn)
    if day is None:
        flow.ask(turn, PlanMode.TARGET, state, before=problem)
    else:
        drafts.set_fields(state["draft"], state["objective"], target_date=day.isoformat())
        await complete(turn, state)


async def complete(turn: Turn, state: dict) -> None:
    objective_id, purpose = state["objective"], state["purpose"]
    if purpose in ("build", "extend"):
        before = turn.words("plan.build.objective_saved", id=objective_id)
        flow.ask(turn, PlanMode.OBJECTIVE, state, before=before)
    elif purpose == "add":
        await changes.commit(turn, state, turn.words("plan.change.added", ids=objective_id))
    else:
        drafts.set_fields(state["draft"], state["replaces"], status="revised")
        change = turn.words("plan.change.revised_as", id=state["replaces"], new=objective_id)
        await changes.commit(turn, state, change)


async def on_move(turn: Turn, move: str) -> None:
    state, mode = turn.state, turn.mode
    if move == "cancel":
        await flow.cancel(turn, state)
    elif mode == PlanMode.OWN_WORDS:
        flow.ask(turn, PlanMode.DIRECTION, state)  # back, next, skip: no words of their own
    elif mode == PlanMode.TARGET:
        if move == "back":
            flow.ask(turn, PlanMode.DIRECTION, state)
        else:
            await complete(turn, state)  # next, skip, done: no target date
    elif mode == PlanMode.DIRECTION and move == "back" and state["purpose"] == "edit":
        edit.ask_wording(turn, state)
    elif mode == PlanMode.DIRECTION and move == "back" and state["purpose"] == "review":
        review.ask_revision_again(turn, state)
    elif mode == PlanMode.DIRECTION and move != "back":
        _, objective, _ = drafts.find(state["draft"], state["objective"])
        await choose_direction(turn, infer_direction(objective["text"]) if move == "next" else None)
    elif move == "back":
        flow.undo(turn, state)
    else:
        await no_more_objectives(turn, state, move)


async def no_more_objectives(turn: Turn, state: dict, move: str) -> None:
    """next, skip or done at "another objective?": what that means depends on the purpose."""
    if state["purpose"] == "revise":
        drafts.set_fields(state["draft"], state["replaces"], status="revised")
        await changes.commit(turn, state, turn.words("plan.change.revised", id=state["replaces"]))
    elif state["purpose"] == "add":
        await flow.cancel(turn, state)
    elif not drafts.find(state["draft"], state["goal"])[1]["objectives"]:
        before = turn.words("plan.build.goal_needs_objective", goal=state["goal"])
        flow.ask(turn, PlanMode.OBJECTIVE, state, before=before)
    elif move == "done":
        await finish.finish_build(turn, state)
    else:
        flow.ask(turn, PlanMode.INTERVENTION, state)

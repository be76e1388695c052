"""Same objective, reworded, or a new one? Asked when a re-import or an edit gives an existing
objective id different wording, because evidence follows the objective, not the id
(storage/identity.py): "same" carries its notes' evidence over, "new" starts it clean.

edit of an objective's wording ──► plan.identity ──same/new──► plan.direction (as in a build)
re-import ──► stored at once (received means recorded; a file sent mid-note leaves the note
    where it was), each reworded id counted as new, and asked about with buttons
    plan:id:<same|new>:<version id>:<objective id>; "same" binds the current version's id to
    the objective it was before.
"""

from __future__ import annotations

from bot.dialogue.plans import flow, keyboards
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.plans.words import typed_answer
from bot.dialogue.turn import Turn
from storage.identity import NEW, SAME

CHOICES = (SAME, NEW)


def question(turn: Turn, objective_id: str, was: str, now: str) -> str:
    return turn.words("plan.identity.ask", id=objective_id, was=was, now=now)


def ask_after_edit(turn: Turn, state: dict, *, before: str = "") -> None:
    """In an edit: is the reworded objective (`state["item"]`) still the same one?"""
    turn.goto(PlanMode.IDENTITY, **state)
    text = question(turn, state["item"], state["was"], state["now"])
    buttons = keyboards.identity_choices(turn, state["item"])
    turn.reply(f"{before}\n\n{text}" if before else text, buttons=buttons)


def ask_after_import(turn: Turn, version_id: str, reworded: dict[str, tuple[str, str]]) -> None:
    for objective_id, (was, now) in reworded.items():
        buttons = keyboards.imported_identity_choices(turn, version_id, objective_id)
        turn.reply(question(turn, objective_id, was, now), buttons=buttons)


async def on_edit_button(turn: Turn, argument: str) -> None:
    choice, _, objective_id = argument.partition(":")
    if turn.mode != PlanMode.IDENTITY or objective_id != turn.state.get("item"):
        turn.say("input.stale_button")
        return
    decide(turn, turn.state, choice)


async def on_text(turn: Turn) -> None:
    answer = typed_answer(turn.event.text)
    if answer in CHOICES:
        decide(turn, turn.state, answer)
    else:
        ask_after_edit(turn, turn.state, before=turn.words("plan.identity.use_buttons"))


def decide(turn: Turn, state: dict, choice: str) -> None:
    if choice not in CHOICES:
        turn.say("input.stale_button")
        return
    state["identities"] = {state["item"]: choice}
    before = turn.words(f"plan.identity.done_{choice}", id=state["item"])
    # New wording can turn the direction around ("fewer" ⇄ "more"): confirm it, as in a build.
    flow.ask(turn, PlanMode.DIRECTION, state, before=before)


async def on_import_button(turn: Turn, argument: str) -> None:
    choice, _, rest = argument.partition(":")
    version_id, _, objective_id = rest.partition(":")
    found = await turn.store.plans.own_version(version_id)
    if choice not in CHOICES or found is None:
        turn.say("input.stale_button")
        return
    stored, opened = found
    if stored.number != opened.row.current_version:
        turn.say("plan.identity.moved_on", id=objective_id)
        return
    if choice == SAME:
        await turn.store.plans.same_objective(stored, objective_id)
    turn.say(f"plan.identity.done_{choice}", id=objective_id)


async def on_move(turn: Turn, move: str) -> None:
    """Any navigation word leaves the edit: the plan stays as it was."""
    await flow.cancel(turn, turn.state)

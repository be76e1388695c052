"""Treatment plans: build one in chat, show it, change it (each change a new version), review
it, import and export it. Wiring for the engine lives here; each step is in its own module.

The flows' modes, and which module answers text in each, are in modes.py. Typed or spoken
"next", "back", "skip", "done", "cancel" are moves in every one of them.
"""

from __future__ import annotations

from bot.dialogue import navigation
from bot.dialogue.modes import IDLE
from bot.dialogue.navigation import typed_move
from bot.dialogue.plans import (
    blocked,
    build,
    command,
    edit,
    extend,
    finish,
    identity,
    kept,
    objective,
    review,
    show,
    transfer,
)
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.routes import Handler, Routes
from bot.dialogue.turn import Turn

TEXT_STEPS: dict[str, Handler] = {
    PlanMode.CLIENT: command.on_client_text,
    PlanMode.PROBLEM: build.on_problem_text,
    PlanMode.GOAL: build.on_goal_text,
    PlanMode.INTERVENTION: build.on_intervention_text,
    PlanMode.OBJECTIVE: objective.on_objective_text,
    PlanMode.DIRECTION: objective.on_direction_text,
    PlanMode.OWN_WORDS: objective.on_own_words_text,
    PlanMode.TARGET: objective.on_target_text,
    PlanMode.REVIEW_DATE: finish.on_review_date_text,
    PlanMode.CHECK: finish.on_check_text,
    PlanMode.EDIT: edit.on_edit_text,
    PlanMode.REVIEW: review.on_text,
    PlanMode.REVIEW_REVISE: review.on_revision_text,
    PlanMode.IDENTITY: identity.on_text,
    PlanMode.IMPORT: transfer.on_import_text,
}

MOVES = {
    PlanMode.PROBLEM: build.on_move,
    PlanMode.GOAL: build.on_move,
    PlanMode.INTERVENTION: build.on_move,
    PlanMode.OBJECTIVE: objective.on_move,
    PlanMode.DIRECTION: objective.on_move,
    PlanMode.OWN_WORDS: objective.on_move,
    PlanMode.TARGET: objective.on_move,
    PlanMode.REVIEW_DATE: finish.on_move,
    PlanMode.CHECK: finish.on_move,
    PlanMode.EDIT: edit.on_move,
    PlanMode.REVIEW: review.on_move,
    PlanMode.REVIEW_REVISE: review.on_move,
    PlanMode.IDENTITY: identity.on_move,
}


def _with_moves(step: Handler) -> Handler:
    async def handler(turn: Turn) -> None:
        move = typed_move(turn.event.text)
        if move is not None and turn.mode in MOVES:
            await MOVES[turn.mode](turn, move)
        elif move is not None:  # a move where none applies (choosing a client) leaves
            turn.goto(IDLE)
            turn.say("general.cancelled")
        else:
            await step(turn)

    return handler


async def on_nav_button(turn: Turn, move: str) -> None:
    if turn.mode not in MOVES or move not in navigation.MOVES:
        turn.say("input.stale_button")
        return
    await MOVES[turn.mode](turn, move)


async def on_direction_button(turn: Turn, direction: str) -> None:
    if turn.mode != PlanMode.DIRECTION or direction not in ("increase", "decrease"):
        turn.say("input.stale_button")
        return
    await objective.choose_direction(turn, direction)


# Buttons that act on a saved plan carry its row id: `plan:<action>:<plan id>[:<item id>]`.
# Other features may send them too: a review reminder offers `plan:open:<id>`, `plan:review:<id>`.
async def _on_plan_button(turn: Turn, action: str, argument: str) -> None:
    plan_id, _, item_id = argument.partition(":")
    opened = await turn.store.plans.own(plan_id)
    if opened is None:
        turn.say("plan.gone")
    elif action == "open":
        show.show_plan(turn, opened)
    elif action == "edit":
        edit.pick_item(turn, opened)
    elif action == "item":
        edit.start_item_edit(turn, opened, item_id)
    elif action == "add":
        extend.pick_kind(turn, opened)
    elif action in extend.ADD_ACTIONS:
        extend.add(turn, opened, action, item_id)
    elif action == "mark":
        edit.pick_objective(turn, opened)
    elif action == "obj":
        edit.ask_status(turn, opened, item_id)
    elif action in ("met", "rev", "disc"):
        await edit.mark(turn, opened, item_id, action)
    elif action == "review":
        await review.start(turn, opened)
    elif action == "export":
        transfer.send_export(turn, opened)
    elif action == "history":
        await show.show_history(turn, opened)


PLAN_ACTIONS = frozenset(
    ("open", "edit", "item", "add", "mark", "obj", "met", "rev", "disc", "review", "export")
) | {"history", *extend.ADD_ACTIONS}


async def on_button(turn: Turn, action: str, argument: str) -> None:
    if action in PLAN_ACTIONS:
        await _on_plan_button(turn, action, argument)
    elif action == "client":
        await command.on_client_button(turn, argument)
    elif action == "ver":
        await show.show_version(turn, argument)
    elif action == "nav":
        await on_nav_button(turn, argument)
    elif action == "dir":
        await on_direction_button(turn, argument)
    elif action == "words":
        await objective.on_own_words_button(turn)
    elif action == "due":
        await finish.on_due_button(turn)
    elif action == "check":
        await finish.on_check_button(turn, argument)
    elif action == "rv":
        await review.on_button(turn, argument)
    elif action == "ident":
        await identity.on_edit_button(turn, argument)
    elif action == "id":
        await identity.on_import_button(turn, argument)
    elif action == "imp":
        await transfer.on_import_button(turn, argument)
    elif action == "kept":
        await kept.on_button(turn, argument, build.start_build)
    else:
        turn.say("input.stale_button")


ROUTES = Routes(
    commands={"plan": command.plan_command},
    buttons={"plan": on_button, "route": blocked.on_button},
    modes={mode: _with_moves(step) for mode, step in TEXT_STEPS.items()},
    document=transfer.on_document,
    # Free-text answers are dictated like note sections: the transcript is checked first.
    dictation_modes=frozenset(
        {
            PlanMode.PROBLEM,
            PlanMode.GOAL,
            PlanMode.OBJECTIVE,
            PlanMode.INTERVENTION,
            PlanMode.EDIT,
            PlanMode.REVIEW_REVISE,
        }
    ),
)

"""Treatment plans: build one in chat, show it, change it (each change a new version), review
it, import and export it. Wiring for the engine lives here; each step is in its own module.

Modes (the conversation row's `mode`) and the module that answers text in each:
plan.client (command) · plan.problem, plan.goal, plan.intervention (build) ·
plan.objective, plan.direction, plan.target (objective) · plan.review_date, plan.check (finish) ·
plan.edit (edit) · plan.review, plan.review_revise (review). Adding to a saved plan (extend)
reuses the build's modes.
Typed or spoken "next", "back", "skip", "done", "cancel" are moves in every one of them.
"""

from __future__ import annotations

from bot.dialogue import navigation
from bot.dialogue.navigation import typed_move
from bot.dialogue.plans import (
    build,
    command,
    edit,
    extend,
    finish,
    objective,
    review,
    show,
    transfer,
)
from bot.dialogue.plans.current import by_plan_id
from bot.dialogue.routes import Handler, Routes
from bot.dialogue.turn import Turn

TEXT_STEPS: dict[str, Handler] = {
    "plan.client": command.on_client_text,
    "plan.problem": build.on_problem_text,
    "plan.goal": build.on_goal_text,
    "plan.intervention": build.on_intervention_text,
    "plan.objective": objective.on_objective_text,
    "plan.direction": objective.on_direction_text,
    "plan.target": objective.on_target_text,
    "plan.review_date": finish.on_review_date_text,
    "plan.check": finish.on_check_text,
    "plan.edit": edit.on_edit_text,
    "plan.review": review.on_text,
    "plan.review_revise": review.on_revision_text,
}

MOVES = {
    "plan.problem": build.on_move,
    "plan.goal": build.on_move,
    "plan.intervention": build.on_move,
    "plan.objective": objective.on_move,
    "plan.direction": objective.on_move,
    "plan.target": objective.on_move,
    "plan.review_date": finish.on_move,
    "plan.check": finish.on_move,
    "plan.edit": edit.on_move,
    "plan.review": review.on_move,
    "plan.review_revise": review.on_move,
}


def _with_moves(step: Handler) -> Handler:
    async def handler(turn: Turn) -> None:
        move = typed_move(turn.event.text)
        if move is not None and turn.mode in MOVES:
            await MOVES[turn.mode](turn, move)
        elif move is not None:  # a move where none applies (choosing a client) leaves
            turn.goto("idle")
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
    if turn.mode != "plan.direction" or direction not in ("increase", "decrease"):
        turn.say("input.stale_button")
        return
    await objective.choose_direction(turn, direction)


# Buttons that act on a saved plan carry its row id: `plan:<action>:<plan id>[:<item id>]`.
# Other features may send them too: a review reminder offers `plan:open:<id>`, `plan:review:<id>`.
async def _on_plan_button(turn: Turn, action: str, argument: str) -> None:
    plan_id, _, item_id = argument.partition(":")
    opened = await by_plan_id(turn, plan_id)
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
        review.start(turn, opened)
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
    elif action == "due":
        await finish.on_due_button(turn)
    elif action == "check":
        await finish.on_check_button(turn, argument)
    elif action == "rv":
        await review.on_button(turn, argument)
    else:
        turn.say("input.stale_button")


ROUTES = Routes(
    commands={"plan": command.plan_command},
    buttons={"plan": on_button},
    modes={mode: _with_moves(step) for mode, step in TEXT_STEPS.items()},
    document=transfer.on_document,
    # Free-text answers are dictated like note sections: the transcript is checked first.
    dictation_modes=frozenset(
        {
            "plan.problem",
            "plan.goal",
            "plan.objective",
            "plan.intervention",
            "plan.edit",
            "plan.review_revise",
        }
    ),
)

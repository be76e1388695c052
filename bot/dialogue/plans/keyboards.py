"""Buttons of the plan flows. Callback data is `plan:action:argument`, at most 64 bytes: ids of
rows are 32 characters and plan item ids at most 16, so `plan:item:<plan id>:<item id>` fits."""

from __future__ import annotations

from bot.dialogue.turn import Turn
from bot.shared.events import Button
from nlp import planfile
from storage.models import PlanVersion

LABEL_CHARS = 28  # enough of an item's wording to recognise it on a phone-width button


def _rows(buttons: list[Button], width: int) -> list[list[Button]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def _label(item_id: str, text: str) -> str:
    short = text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"
    return f"{item_id} {short}"


def plan_actions(turn: Turn, plan_id: str) -> list[list[Button]]:
    def button(action: str) -> Button:
        return turn.button(f"plan.button.{action}", f"plan:{action}:{plan_id}")

    return [
        [button("edit"), button("add")],
        [button("mark"), button("review")],
        [button("export"), button("history")],
    ]


def items(plan_id: str, plan: planfile.Plan) -> list[list[Button]]:
    ids = [p.id for p in plan.problems]
    for problem in plan.problems:
        for goal in problem.goals:
            ids.append(goal.id)
            ids.extend(o.id for o in goal.objectives)
            ids.extend(i.id for i in goal.interventions)
    return _rows([Button(item_id, f"plan:item:{plan_id}:{item_id}") for item_id in ids], 4)


def parents(plan_id: str, action: str, choices: list[tuple[str, str]]) -> list[list[Button]]:
    """One button per (id, wording) the new item can go under: `plan:<action>:<plan>:<id>`."""
    return [
        [Button(_label(item_id, text), f"plan:{action}:{plan_id}:{item_id}")]
        for item_id, text in choices
    ]


def additions(turn: Turn, plan_id: str) -> list[list[Button]]:
    def button(action: str) -> Button:
        return turn.button(f"plan.button.{action}", f"plan:{action}:{plan_id}")

    return [[button("addp"), button("addg")], [button("addo"), button("addi")]]


def objectives(plan_id: str, plan: planfile.Plan) -> list[list[Button]]:
    return [
        [Button(_label(o.id, o.text), f"plan:obj:{plan_id}:{o.id}")]
        for o in plan.objectives()
        if o.status == "active"
    ]


def statuses(turn: Turn, plan_id: str, objective_id: str) -> list[list[Button]]:
    def button(action: str) -> Button:
        return turn.button(f"plan.button.{action}", f"plan:{action}:{plan_id}:{objective_id}")

    return [[button("met"), button("rev"), button("disc")]]


def versions(turn: Turn, stored: list[PlanVersion]) -> list[list[Button]]:
    shown = [
        turn.button("plan.button.version", f"plan:ver:{v.id}", number=v.number)
        for v in reversed(stored[-8:])
    ]
    return _rows(shown, 4)


def navigation(turn: Turn, *moves: str) -> list[list[Button]]:
    return [[turn.button(f"plan.button.{move}", f"plan:nav:{move}") for move in moves]]


def directions(turn: Turn, suggested: str | None) -> list[list[Button]]:
    order = ("increase", "decrease")
    if suggested == "decrease":
        order = ("decrease", "increase")
    row = [
        turn.button(
            f"plan.button.{choice}_suggested" if choice == suggested else f"plan.button.{choice}",
            f"plan:dir:{choice}",
        )
        for choice in order
    ]
    own_words = turn.button("plan.button.own_words", "plan:words")
    return [row, [own_words], *navigation(turn, "back", "skip")]


def review_date(turn: Turn, default: str) -> list[list[Button]]:
    return [
        [turn.button("plan.button.default_date", "plan:due:default", date=default)],
        *navigation(turn, "back", "cancel"),
    ]


def yes_no(turn: Turn) -> list[list[Button]]:
    return [
        [
            turn.button("plan.button.yes", "plan:check:yes"),
            turn.button("plan.button.no", "plan:check:no"),
        ],
        *navigation(turn, "back", "skip"),
    ]


def review_choices(turn: Turn, objective_id: str) -> list[list[Button]]:
    def button(choice: str) -> Button:
        return turn.button(f"plan.button.review_{choice}", f"plan:rv:{choice}:{objective_id}")

    return [
        [button("keep"), button("revise")],
        [button("met"), button("discontinue")],
        *navigation(turn, "back", "cancel"),
    ]


def identity_choices(turn: Turn, objective_id: str) -> list[list[Button]]:
    def button(choice: str) -> Button:
        return turn.button(f"plan.button.identity_{choice}", f"plan:ident:{choice}:{objective_id}")

    return [[button("same"), button("new")], *navigation(turn, "cancel")]


def imported_identity_choices(
    turn: Turn, version_id: str, objective_id: str
) -> list[list[Button]]:
    def button(choice: str) -> Button:
        data = f"plan:id:{choice}:{version_id}:{objective_id}"
        return turn.button(f"plan.button.identity_{choice}", data)

    return [[button("same"), button("new")]]

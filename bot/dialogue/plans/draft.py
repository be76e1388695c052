"""A plan being built or changed, as the plain dict `nlp.planfile.plan_to_dict` writes.

The dialogue keeps this dict in the (encrypted) conversation payload between turns, so it must
stay JSON. While a plan is being built a goal may briefly have no objective; `to_plan` is the
gate that validates the whole thing with the plan file's own rules before anything is saved.
Ids are numbered per kind across the whole plan (P1, G1, O1, I1, ...), as the format requires
ids to be unique across the plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp import planfile

PREFIX = {"problem": "P", "goal": "G", "objective": "O", "intervention": "I"}
TEXT_FIELD = {"problem": "statement", "goal": "text", "objective": "text", "intervention": "text"}


def new_draft(client_code: str) -> dict:
    return {"client": client_code, "problems": []}


def from_plan(plan: planfile.Plan) -> dict:
    return planfile.plan_to_dict(plan)


def to_plan(draft: dict) -> planfile.Plan:
    """The validated plan; raises PlanFileError naming what is missing."""
    return planfile.plan_from_dict(draft)


def walk(draft: dict) -> Iterator[tuple[str, dict, dict | None]]:
    """Every item in reading order as (kind, item, parent)."""
    for problem in draft["problems"]:
        yield "problem", problem, None
        for goal in problem.get("goals", []):
            yield "goal", goal, problem
            for objective in goal.get("objectives", []):
                yield "objective", objective, goal
            for intervention in goal.get("interventions", []):
                yield "intervention", intervention, goal


def find(draft: dict, item_id: str) -> tuple[str, dict, dict | None] | None:
    return next((entry for entry in walk(draft) if entry[1]["id"] == item_id), None)


def text_of(kind: str, item: dict) -> str:
    return item[TEXT_FIELD[kind]]


def next_id(draft: dict, kind: str) -> str:
    prefix = PREFIX[kind]
    pattern = re.compile(rf"^{prefix}(\d+)$")
    numbers = [int(m.group(1)) for _, item, _ in walk(draft) if (m := pattern.match(item["id"]))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def add_problem(draft: dict, statement: str) -> str:
    problem_id = next_id(draft, "problem")
    draft["problems"].append({"id": problem_id, "statement": statement, "goals": []})
    return problem_id


def add_goal(draft: dict, problem_id: str, text: str) -> str:
    goal_id = next_id(draft, "goal")
    _item(draft, problem_id, "problem")["goals"].append(
        {"id": goal_id, "text": text, "objectives": [], "interventions": []}
    )
    return goal_id


def add_objective(draft: dict, goal_id: str, text: str, **fields: object) -> str:
    objective_id = next_id(draft, "objective")
    objective = {"id": objective_id, "text": text}
    objective.update({key: value for key, value in fields.items() if value is not None})
    _item(draft, goal_id, "goal")["objectives"].append(objective)
    return objective_id


def add_intervention(draft: dict, goal_id: str, text: str) -> str:
    intervention_id = next_id(draft, "intervention")
    _item(draft, goal_id, "goal")["interventions"].append({"id": intervention_id, "text": text})
    return intervention_id


def set_text(draft: dict, item_id: str, text: str) -> str:
    """Replaces an item's wording; returns its kind."""
    kind, item, _ = _entry(draft, item_id)
    item[TEXT_FIELD[kind]] = text
    return kind


def set_fields(draft: dict, objective_id: str, **fields: object) -> None:
    """Sets (or with None, removes) optional fields of an objective: direction, status, ..."""
    objective = _item(draft, objective_id, "objective")
    for key, value in fields.items():
        if value is None or (key == "status" and value == "active"):
            objective.pop(key, None)
        else:
            objective[key] = value


def remove(draft: dict, item_id: str) -> None:
    kind, item, parent = _entry(draft, item_id)
    siblings = draft["problems"] if parent is None else parent[_list_name(kind)]
    siblings.remove(item)


def goals_without_objectives(draft: dict) -> list[str]:
    return [
        item["id"] for kind, item, _ in walk(draft) if kind == "goal" and not item["objectives"]
    ]


def objectives(draft: dict) -> list[dict]:
    return [item for kind, item, _ in walk(draft) if kind == "objective"]


def goal_of(draft: dict, objective_id: str) -> str:
    return _entry(draft, objective_id)[2]["id"]


def _list_name(kind: str) -> str:
    return {"goal": "goals", "objective": "objectives", "intervention": "interventions"}[kind]


def _entry(draft: dict, item_id: str) -> tuple[str, dict, dict | None]:
    found = find(draft, item_id)
    if found is None:
        raise KeyError(item_id)
    return found


def _item(draft: dict, item_id: str, kind: str) -> dict:
    found_kind, item, _ = _entry(draft, item_id)
    if found_kind != kind:
        raise KeyError(item_id)
    return item

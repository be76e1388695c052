"""How a plan, its history and its parts read in the chat. Wording by key (prompts/plan.toml)."""

from __future__ import annotations

from datetime import date

from bot.dialogue.plans.today import today
from bot.dialogue.turn import Turn
from bot.shared import dates
from nlp import planfile
from storage.models import PlanVersion

INDENT = "   "  # layout, not wording: one step of nesting in the plan view


def objective_line(turn: Turn, objective: planfile.Objective) -> str:
    direction = objective.effective_direction
    target = (
        turn.words("plan.view.target", date=dates.day(objective.target_date))
        if objective.target_date
        else ""
    )
    return turn.words(
        "plan.view.objective",
        id=objective.id,
        arrow=turn.words(f"plan.arrow.{direction or 'none'}"),
        text=objective.text,
        status=turn.words(f"plan.status.{objective.status}"),
        target=target,
    )


def review_line(turn: Turn, review_due: date | None) -> str:
    if review_due is None:
        return turn.words("plan.view.review_none")
    days = (review_due - today(turn)).days
    if days < 0:
        return turn.words("plan.view.review_overdue", date=dates.day(review_due), days=-days)
    return turn.words("plan.view.review_due", date=dates.day(review_due), days=days)


def self_check_line(turn: Turn, check: planfile.SelfCheck | None) -> str:
    if check is None:
        return turn.words("plan.view.check_none")
    answers = [
        turn.words(
            "plan.view.check_answer",
            question=turn.words(f"plan.check_short.{name}"),
            answer=turn.words(f"plan.view.answer_{_answer_key(getattr(check, name))}"),
        )
        for name in check.__dataclass_fields__
    ]
    return turn.words("plan.view.check", answers=" · ".join(answers))


def _answer_key(answer: bool | None) -> str:
    return {True: "yes", False: "no", None: "unanswered"}[answer]


def body(turn: Turn, plan: planfile.Plan) -> list[str]:
    """Problems, goals, objectives and interventions, one line each, indented by level."""
    lines = []
    for problem in plan.problems:
        lines.append(turn.words("plan.view.problem", id=problem.id, text=problem.statement))
        if not problem.goals:
            lines.append(INDENT + turn.words("plan.view.no_goals"))
        for goal in problem.goals:
            lines.append(INDENT + turn.words("plan.view.goal", id=goal.id, text=goal.text))
            lines.extend(2 * INDENT + objective_line(turn, o) for o in goal.objectives)
            lines.extend(
                2 * INDENT + turn.words("plan.view.intervention", id=i.id, text=i.text)
                for i in goal.interventions
            )
    return lines


def whole_plan(turn: Turn, plan: planfile.Plan, number: int, current: int) -> str:
    key = "plan.view.header" if number == current else "plan.view.header_old"
    header = turn.words(key, client=plan.client, number=number, current=current)
    parts = [header, review_line(turn, plan.review_due), "", *body(turn, plan), ""]
    parts.append(self_check_line(turn, plan.self_check))
    return "\n".join(parts)


def history(turn: Turn, client_code: str, versions: list[PlanVersion]) -> str:
    lines = [turn.words("plan.history.header", client=client_code, count=len(versions))]
    for stored in reversed(versions):
        lines.append(
            turn.words(
                "plan.history.line",
                number=stored.number,
                when=dates.day(turn.local(stored.created_at).date()),
                change=stored.change,
            )
        )
    return "\n".join(lines)

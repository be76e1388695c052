"""Typed answers in the plan flows, and the draft helpers' rules. (That the plan wording covers
every key the plan code asks for is tests/test_wording.py's, for all of the bot's wording.)"""

from __future__ import annotations

import pytest

from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans.words import typed_answer
from nlp.planfile import PlanFileError


@pytest.mark.parametrize(
    ("typed", "meaning"),
    [("Yes.", "yes"), ("NOPE", "no"), ("down", "decrease"), ("keep it", "keep"), ("hm", None)],
)
def test_typed_answers(typed, meaning):
    assert typed_answer(typed) == meaning


def test_draft_ids_are_unique_per_kind_across_the_plan():
    draft = drafts.new_draft("A.B.")
    p1 = drafts.add_problem(draft, "Panic attacks")
    p2 = drafts.add_problem(draft, "Poor sleep")
    g1 = drafts.add_goal(draft, p1, "Fewer attacks")
    g2 = drafts.add_goal(draft, p2, "Sleep more")
    assert (p2, g1, g2) == ("P2", "G1", "G2")
    assert drafts.add_objective(draft, g2, "Sleep 7 hours", direction="increase") == "O1"
    assert drafts.goals_without_objectives(draft) == ["G1"]
    with pytest.raises(PlanFileError):
        drafts.to_plan(draft)  # a goal without an objective is not a plan yet
    assert drafts.add_objective(draft, g1, "Fewer than one attack a week") == "O2"
    drafts.remove(draft, "O1")
    assert drafts.next_id(draft, "objective") == "O3"  # numbering follows the highest id left
    drafts.add_objective(draft, g2, "Sleep 7 hours")
    plan = drafts.to_plan(draft)
    assert [o.id for o in plan.objectives()] == ["O2", "O3"]
    drafts.set_fields(draft, "O2", status="met")
    drafts.set_fields(draft, "O2", status="active")
    assert "status" not in drafts.find(draft, "O2")[1]  # active is the default, not written
    assert drafts.goal_of(draft, "O3") == "G2"

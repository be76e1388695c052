"""The plan wording file covers every key the plan code asks for, and the draft helpers' rules."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot.dialogue import plans
from bot.dialogue.plans import draft as drafts
from bot.dialogue.plans.extend import PARENT_KIND
from bot.dialogue.plans.flow import CHECKS
from bot.dialogue.plans.words import ANSWER_FILE, typed_answer
from bot.dialogue.wording import PROMPTS_DIR, Wording
from nlp.planfile import DIRECTIONS, STATUSES, PlanFileError

PLAN_CODE = Path(plans.__file__).parent


def test_every_literal_wording_key_in_the_plan_code_exists():
    keys = Wording.load().keys()
    modes = set(plans.TEXT_STEPS) | set(plans.MOVES)
    used = {
        key
        for source in PLAN_CODE.glob("*.py")
        for key in re.findall(r'"(plan\.[a-z_]+(?:\.[a-z_]+)*)"', source.read_text())
        if key not in modes
    }
    assert used and not used - keys, sorted(used - keys)


def test_every_key_family_is_complete():
    keys = Wording.load().keys()
    families = [f"plan.status.{s}" for s in STATUSES]
    families += [f"plan.arrow.{d}" for d in (*DIRECTIONS, "none")]
    families += [f"plan.direction_meaning.{d}" for d in DIRECTIONS]
    families += [f"plan.check.{c}" for c in CHECKS] + [f"plan.check_short.{c}" for c in CHECKS]
    families += [f"plan.button.{a}" for a in plans.PLAN_ACTIONS - {"open", "item", "obj"}]
    families += [
        f"plan.add.{part}.{kind}" for part in ("pick_parent", "no_parent") for kind in PARENT_KIND
    ]
    families += [f"plan.button.{m}" for m in ("back", "next", "skip", "done", "cancel")]
    families += [f"plan.button.{d}_suggested" for d in DIRECTIONS]
    families += [f"plan.button.review_{c}" for c in ("keep", "revise", "met", "discontinue")]
    families += [f"plan.review.done_{c}" for c in ("keep", "revise", "met", "discontinue")]
    assert not set(families) - keys, sorted(set(families) - keys)


def test_plan_wording_file_holds_only_wording():
    """Typed answer words are data of their own (plan_words.toml), not wording to show."""
    with (PROMPTS_DIR / "plan.toml").open("rb") as handle:
        values = _leaves(tomllib.load(handle))
    assert values and all(isinstance(value, str) for value in values)
    with (PROMPTS_DIR / ANSWER_FILE).open("rb") as handle:
        answers = tomllib.load(handle)
    assert all(isinstance(words, list) and words for words in answers.values())
    assert not Wording.load().keys() & {f"plan.answers.{meaning}" for meaning in answers}


def _leaves(table: dict) -> list:
    return [
        leaf
        for value in table.values()
        for leaf in (_leaves(value) if isinstance(value, dict) else [value])
    ]


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

"""Concept matching: synonyms, inflections, abbreviations, keywords and distractors."""

from __future__ import annotations

from nlp import build_tagger
from nlp.text import fold
from tests.nlp.conftest import plan_of, tags_of


def test_fold_joins_inflections_and_irregular_forms() -> None:
    assert fold("practiced") == fold("practices") == fold("practicing") == fold("practice")
    assert fold("slept") == fold("sleep") == fold("sleeping")
    assert fold("cravings") == fold("craving")
    assert fold("Washes") == fold("washing") == fold("wash")


def test_synonyms_and_abbreviations_link(tagger_for) -> None:
    assert "O1" in tags_of(tagger_for("panic"), "Used box breathing at work.")
    assert "O5" in tags_of(tagger_for("depression"), "Endorsed passive SI.")
    assert "O1" in tags_of(tagger_for("alcohol"), "ETOH use on the weekend.")
    assert "O1" in tags_of(tagger_for("depression"), "PHQ9 = 12.")


def test_distractors_block_other_senses(tagger_for) -> None:
    assert tags_of(tagger_for("alcohol"), "Encouraged to drink more water.") == {}
    assert tags_of(tagger_for("ocd"), "Pt is checking in with her case manager.") == {}
    assert tags_of(tagger_for("ocd"), "Pt washed her car on Sunday.") == {}
    # a distractor does not hide a longer term of its own: "sleep diary" is still O4
    assert "O4" in tags_of(tagger_for("insomnia"), "Completed the sleep diary.")


def test_objective_own_words_and_condition_clauses(tagger_for) -> None:
    ptsd = tagger_for("ptsd")
    assert "O4" in tags_of(ptsd, "Drove past the accident site for the first time.")
    # "when angry" is the condition of O2, not what it is about
    # an anger rating is not an outburst (labelling rule A3), nor O2's calm-down skill
    assert set(tags_of(tagger_for("adolescent"), "Anger 8/10 today.")) == set()


def test_extra_keywords_from_corrections() -> None:
    plan = plan_of("alcohol")
    assert "O3" not in tags_of(build_tagger(plan), "Called her sponsor at night.")
    learned = build_tagger(plan, extra_keywords={"O3": ["called her sponsor"]})
    assert "O3" in tags_of(learned, "Called her sponsor at night.")


def test_discontinued_objectives_are_not_tagged() -> None:
    from dataclasses import replace

    plan = plan_of("panic")
    problem = plan.problems[0]
    goal = problem.goals[0]
    objectives = [replace(o, status="discontinued") if o.id == "O2" else o for o in goal.objectives]
    changed = replace(
        plan, problems=[replace(problem, goals=[replace(goal, objectives=objectives)])]
    )
    assert "O2" not in tags_of(build_tagger(changed), "Two panic attacks this week.")


def test_objective_id_in_the_text_links_it(tagger_for) -> None:
    tag = tags_of(tagger_for("panic"), "A: Good progress toward O2.")["O2"]
    assert tag.progress == "improved"
    assert "O2 ~ objective O2" in tag.evidence


def test_plan_without_objectives_tags_nothing() -> None:
    from nlp.planfile import parse_plan

    plan = parse_plan("client: AB\nproblems:\n  - id: P1\n    statement: Grief (deferred)\n")
    [result] = build_tagger(plan).tag("No panic attacks; anxiety 3/10.")
    assert result.tags == []
    assert result.measurements[0].name == "anxiety"


def test_eating_disorder_wording_links(tagger_for) -> None:
    binge = tagger_for("binge_eating")
    assert "O1" in tags_of(binge, "Two episodes of loss-of-control eating on Sunday.")
    assert "O1" in tags_of(binge, "One OBE this week.")
    assert tags_of(binge, "Skipped dinner twice.")["O2"].progress == "worsened"
    assert tags_of(binge, "Kept a food journal every day.")["O3"].progress == "improved"
    assert tags_of(binge, "Binge-watched a series all weekend.") == {}


def test_social_anxiety_wording_links(tagger_for) -> None:
    social = tagger_for("social_anxiety")
    assert "O3" in tags_of(social, "Felt self-conscious ordering at the counter.")
    assert tags_of(social, "Made small talk with a coworker.")["O1"].progress == "improved"
    assert tags_of(social, "Never said anything in the weekly team meeting.")["O4"].negated


def test_an_objectives_modifier_word_does_not_link_alone(tagger_for) -> None:
    social = tagger_for("social_anxiety")
    assert tags_of(social, "Her social security check arrived late.") == {}
    assert tags_of(social, "Joined a bowling team.") == {}
    assert "O4" in tags_of(social, "Presented in the team meeting.")
    assert tags_of(tagger_for("binge_eating"), "Bought food for the week.") == {}


def test_an_objective_word_inside_a_longer_term_is_that_term(tagger_for) -> None:
    binge = tagger_for("binge_eating")
    assert set(tags_of(binge, "Denies binge eating since Tuesday.")) == {"O1"}
    assert "O2" in tags_of(binge, "Eating three meals a day.")

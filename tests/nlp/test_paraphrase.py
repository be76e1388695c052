"""Paraphrase: the words clinicians use for a plan's target when they do not repeat the plan.

Sentences here are written for these tests (not taken from any labelled set); each states a
target in words its objective never uses, or a word-sense the target must not take.
"""

from __future__ import annotations

from nlp import build_tagger
from nlp.planfile import parse_plan
from tests.nlp.conftest import tags_of

COACHED_PLAN = b"""
client: "T.K."
problems:
  - id: P1
    statement: "Hoarding; daughter helps at weekends"
    goals:
      - id: G1
        text: "Usable living space"
        objectives:
          - id: O1
            text: "Complete a discarding session at least 3 times per week"
            direction: increase
          - id: O2
            text: "Daughter M. will join one discarding session per week as a coach"
            direction: increase
"""


def test_breathing_said_as_exhales_links_the_breathing_objective(tagger_for) -> None:
    panic = tagger_for("panic")
    tag = tags_of(panic, "Did her slow exhales in the car park before going in.")["O1"]
    assert tag.progress == "improved"
    assert "O1" in tags_of(panic, "Counted her breaths, in for four and out for six.")


def test_a_loop_of_the_park_is_a_walk_and_in_the_loop_is_nothing(tagger_for) -> None:
    depression = tagger_for("depression")
    assert "O3" in tags_of(depression, "Did a two-mile loop of the park with his neighbour.")
    assert tags_of(depression, "Kept his manager in the loop about the deadline.") == {}


def test_throwing_is_aggression_but_throwing_a_party_is_not(tagger_for) -> None:
    adolescent = tagger_for("adolescent")
    assert "O1" in tags_of(adolescent, "Hurled his controller at the wall when he lost.")
    assert tags_of(adolescent, "They are throwing a party for his cousin.") == {}
    assert "O2" in tags_of(adolescent, "Took a breather in his room instead of shouting.")


def test_job_search_steps_and_other_senses_of_resume() -> None:
    plan = parse_plan(
        b"""
client: "R.V."
problems:
  - id: P1
    statement: "Unemployed since discharge"
    goals:
      - id: G1
        text: "Return to work"
        objectives:
          - id: O1
            text: "Submit at least 3 job applications per week"
            direction: increase
"""
    )
    tagger = build_tagger(plan)
    assert "O1" in tags_of(tagger, "Updated his CV and handed out résumés at two cafés.")
    assert "O1" in tags_of(tagger, "Went to the jobcentre on Tuesday with his work coach.")
    assert tags_of(tagger, "Resumed his evening classes after the break.") == {}


def test_an_objective_named_for_another_person_needs_that_person() -> None:
    tagger = build_tagger(parse_plan(COACHED_PLAN))
    own = tags_of(tagger, "Did two discarding sessions in the kitchen on her own.")
    assert set(own) == {"O1"}
    coached = tags_of(tagger, "M. sat with her through Sunday's discarding session.")
    assert "O2" in coached
    by_group_word = tags_of(tagger, "Her daughter came round and coached the discarding session.")
    assert "O2" in by_group_word


def test_couples_words_for_fights_withdrawal_and_the_check_in() -> None:
    plan = parse_plan(
        b"""
client: "N.P."
problems:
  - id: P1
    statement: "Frequent escalated conflict"
    goals:
      - id: G1
        text: "Calmer conflict"
        objectives:
          - id: O1
            text: "Reduce escalated arguments to 1 or fewer per week"
            direction: decrease
          - id: O2
            text: "Reduce stonewalling during conflict"
            direction: decrease
          - id: O3
            text: "Hold a weekly check-in every Sunday"
            direction: increase
"""
    )
    tagger = build_tagger(plan)
    assert "O1" in tags_of(tagger, "They went at each other over the in-laws on Friday.")
    assert "O2" in tags_of(tagger, "He stormed off and gave her the cold shoulder till Monday.")
    skipped = tags_of(tagger, "They skipped the check-in because of the football.")["O3"]
    assert skipped.negated and skipped.progress == "worsened"


def test_an_objectives_verbs_do_not_take_another_words_sense() -> None:
    plan = parse_plan(
        b"""
client: "G.W."
problems:
  - id: P1
    statement: "Conflict and withdrawal"
    goals:
      - id: G1
        text: "Re-engage"
        objectives:
          - id: O1
            text: "Call a time-out at the first sign of escalation"
            direction: increase
          - id: O2
            text: "Resume a previously valued activity twice per week"
            direction: increase
"""
    )
    tagger = build_tagger(plan)
    assert tags_of(tagger, "Took the escalator to the top floor of the mall.") == {}
    assert tags_of(tagger, "Sent her résumé to two agencies.") == {}
    called = "Called a time-out when it got heated and came back after 20 min."
    assert "O1" in tags_of(tagger, called)

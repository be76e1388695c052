"""Other-person scope read from the person's place in the clause (nlp/person_scope.py)."""

from __future__ import annotations

from nlp import build_tagger
from nlp.planfile import parse_plan
from tests.nlp.conftest import tags_of


def test_a_subject_owns_its_clause_across_a_relative_clause(tagger_for) -> None:
    panic = tagger_for("panic")
    assert tags_of(panic, "Her aunt, who moved in with them last spring, drives the highway.") == {}
    assert tags_of(tagger_for("ocd"), "His father, whom he sees rarely, checks every lock.") == {}


def test_and_does_not_end_a_subjects_clause_but_a_new_subject_does(tagger_for) -> None:
    alcohol = tagger_for("alcohol")
    assert tags_of(alcohol, "Her brother lost his job and drinks every night.") == {}
    tag = tags_of(alcohol, "Her brother lost his job and she drank more.")["O1"]
    assert tag.progress == "worsened" and not tag.other_person


def test_a_person_who_is_only_the_object_owns_nothing(tagger_for) -> None:
    tag = tags_of(tagger_for("panic"), "She drove her son to practice on the interstate.")["O3"]
    assert tag.progress == "improved"
    assert "O2" in tags_of(tagger_for("depression"), "Pt went out for dinner with a coworker.")


def test_a_relative_clause_about_an_object_is_theirs(tagger_for) -> None:
    assert tags_of(tagger_for("alcohol"), "Visited a cousin who drinks heavily.") == {}


def test_a_possessive_owns_only_its_noun_phrase(tagger_for) -> None:
    panic = tagger_for("panic")
    assert tags_of(panic, "Her daughter's panic attacks worsened.") == {}
    tag = tags_of(panic, "Worried about her husband's surgery, but used belly breathing.")["O1"]
    assert tag.progress == "improved"


def test_a_joint_subject_includes_the_client(tagger_for) -> None:
    tag = tags_of(tagger_for("depression"), "She and her sister walked for an hour.")["O3"]
    assert tag.progress == "improved"


def test_a_reporting_relative_is_not_the_subject_of_the_report(tagger_for) -> None:
    tag = tags_of(tagger_for("alcohol"), "Her partner says she drank less this week.")["O1"]
    assert tag.progress == "improved"


def test_a_person_named_by_the_objective_is_not_a_mention_when_they_are_the_subject(
    tagger_for,
) -> None:
    social = tagger_for("social_anxiety")
    assert tags_of(social, "Her coworkers are planning a move to another office.") == {}
    assert "O1" in tags_of(social, "Started a conversation with two coworkers.")


def test_people_named_in_a_persecutory_belief_are_its_content_not_its_experiencer() -> None:
    """LABELLING A5: the client's belief about others is the client's symptom; someone else
    who is paranoid is not (the `about_others` concept flag covers only what others are
    believed to do)."""
    tagger = build_tagger(parse_plan(b"""
client: "R.P."
problems:
  - id: P1
    statement: "psychosis"
    goals:
      - id: G1
        text: "Fewer persecutory beliefs"
        objectives:
          - id: O1
            text: "Reduce paranoid beliefs about neighbours"
            direction: decrease
"""))
    assert "O1" in tags_of(tagger, "Less sure that his workmates are plotting against him.")
    assert "O1" in tags_of(tagger, "Convinced the neighbours are spying on him through the wall.")
    assert tags_of(tagger, "His uncle is paranoid as well.") == {}


PANIC_WITH_PARTNER = b"""
client: "R.T."
problems:
  - id: P1
    statement: "Panic disorder; her husband Dev drives her everywhere and answers her questions"
    goals:
      - id: G1
        text: "Fewer attacks, more independence"
        objectives:
          - id: O1
            text: "Reduce panic attacks to no more than 1 per week"
            direction: decrease
          - id: O2
            text: "Drive alone to work on at least 3 days per week"
            direction: increase
          - id: O3
            text: "Husband Dev will stop answering repeated reassurance questions"
            direction: decrease
"""


def test_a_person_the_plan_names_owns_the_clause_they_are_subject_of() -> None:
    """LABELLING A5: the plan names partner Dev, so his own symptoms are not the client's, while
    what he reports about her, and what she does with him as object, stays hers."""
    tagger = build_tagger(parse_plan(PANIC_WITH_PARTNER))
    assert "O1" not in tags_of(tagger, "Dev admits he has been having panic attacks at work too.")
    assert "O1" not in tags_of(tagger, "dev had a panic attack of his own on the motorway.")
    assert "O1" in tags_of(tagger, "Dev says she had a panic attack in the car park on Monday.")
    assert "O1" in tags_of(tagger, "She told Dev about the panic attack at the checkout.")
    assert "O2" in tags_of(tagger, "Dev reports she drove to work on her own three times.")
    # the objective that is about him still takes his behaviour
    assert "O3" in tags_of(tagger, "Dev kept answering her reassurance questions all weekend.")


def test_friends_and_mates_are_other_people(tagger_for) -> None:
    ptsd = tagger_for("ptsd")
    assert tags_of(ptsd, "His buddy from the regiment has been having nightmares too.") == {}
    assert tags_of(ptsd, "Her mates at work say they sleep badly as well.") == {}


def test_the_clients_own_name_is_never_another_persons() -> None:
    plan = PANIC_WITH_PARTNER.replace(b'client: "R.T."', b'client: "Dev"')
    tagger = build_tagger(parse_plan(plan))
    assert "O1" in tags_of(tagger, "Dev admits he has been having panic attacks at work too.")

"""A global-severity objective beside specific ones for narrower members of its family (LABELLING
A3): the family's head ("tics", "compulsions"), a member no specific objective names and a
sibling of a named member go to the global objective; a named member goes to its own objective;
a concept an objective names only as the reason for its target ("because of tics") takes no bare
mention. Each plan is read as a short conversation of sentences, in the order a session note
might give them. Plans and sentences are written for these tests, not taken from any labelled
set."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import listed_plan_taggers, tags_of

PLANS = {
    "tics": [
        ("O1", "Reduce YGTSS total score from 34 to below 18", "decrease"),
        ("O2", "Reduce sniffing and throat clearing tics to under 10 per day", "decrease"),
        ("O3", "Reduce school activities missed because of tics to 0 per week", "decrease"),
    ],
    "tics_overall": [
        ("O1", "Reduce tic symptoms overall", "decrease"),
        ("O2", "Reduce eye blinking tics to under 20 per day", "decrease"),
    ],
    "ocd": [
        ("O1", "Reduce Y-BOCS total from 27 to below 14", "decrease"),
        ("O2", "Reduce time spent hand washing to under 15 minutes per day", "decrease"),
        ("O3", "Reduce reassurance seeking from her partner to once per day", "decrease"),
    ],
    "panic": [
        ("O1", "Reduce PDSS score from 17 to below 8", "decrease"),
        ("O2", "Reduce panic attacks to no more than 1 per week", "decrease"),
        ("O3", "Reduce days off work because of panic attacks to 0 per month", "decrease"),
    ],
    "alcohol": [
        ("O1", "Reduce AUDIT-C score from 9 to below 4", "decrease"),
        ("O2", "Reduce heavy drinking days to 0 per week", "decrease"),
        ("O3", "Reduce days off work because of drinking to 0 per month", "decrease"),
    ],
}

CONVERSATIONS = {
    "tics": [
        ("Tics seem milder this month.", {"O1"}),  # the family's head
        ("Eye blinking was very noticeable in class today.", {"O1"}),  # a sibling member
        ("Head jerks are way worse since the exams started.", {"O1"}),
        ("Sniffing was constant all through the film.", {"O2"}),  # a member O2 names
        ("Cleared his throat over and over at dinner.", {"O2"}),
        ("YGTSS was 28 at review.", {"O1"}),
    ],
    "tics_overall": [
        ("His tics were bad on Monday.", {"O1"}),
        ("Grunting started again after half term.", {"O1"}),
        ("Blinked constantly during maths.", {"O2"}),
    ],
    "ocd": [
        ("Compulsions were worse all week.", {"O1"}),
        ("Rituals took up most of Sunday.", {"O1"}),
        ("Spent an hour checking the locks before leaving.", {"O1"}),
        ("Washed her hands for 40 minutes after the bus.", {"O2"}),
        ("Her OCD has been quieter since the new year.", {"O1"}),
    ],
    "panic": [
        ("Panic symptoms were much milder this fortnight.", {"O1"}),
        ("Had a full-blown panic attack in the supermarket.", {"O2"}),
        ("Two more panic attacks on the motorway this week.", {"O2"}),
        ("PDSS is down to 11.", {"O1"}),
    ],
    "alcohol": [
        ("Went on a bender on Friday night.", {"O2"}),
        ("Drank heavily at the wedding on Saturday.", {"O2"}),
        ("AUDIT-C was 7 this time.", {"O1"}),
    ],
}

_tagger = listed_plan_taggers(PLANS)


@pytest.mark.parametrize(
    ("plan", "sentence", "expected"),
    [(plan, s, e) for plan, turns in CONVERSATIONS.items() for s, e in turns],
)
def test_each_sentence_goes_to_the_objective_of_its_member(plan, sentence, expected) -> None:
    assert set(tags_of(_tagger(plan), sentence)) == expected


def test_the_head_of_a_family_yields_to_the_global_objective_and_says_so() -> None:
    tags = tags_of(_tagger("tics"), "Tics seem milder this month.")
    assert any("O2 as broader" in line for line in tags["O1"].evidence)
    assert tags["O1"].progress == "improved"


def test_a_sibling_member_yields_to_the_global_objective_and_says_so() -> None:
    tags = tags_of(_tagger("tics"), "Eye blinking was very noticeable in class today.")
    assert any("O2 as sibling" in line for line in tags["O1"].evidence)


def test_a_head_named_with_its_members_does_not_make_an_objective_global() -> None:
    # "sniffing and throat clearing tics" are members, not the tic disorder overall
    objectives = {rules.id: rules for rules in _tagger("tics").linker.objectives}
    assert objectives["O1"].is_global and not objectives["O2"].is_global
    assert "tics" in objectives["O2"].qualified
    assert _tagger("tics_overall").linker.objectives[0].is_global


def test_without_a_global_objective_the_head_still_reaches_the_specific_one() -> None:
    tagger = listed_plan_taggers(
        {"p": [("O1", "Reduce sniffing and throat clearing tics to under 10 per day", "decrease")]}
    )("p")
    assert set(tags_of(tagger, "Tics seem milder this month.")) == {"O1"}

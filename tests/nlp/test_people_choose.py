"""The people a sentence names decide between rival objectives that differ by whom the behaviour
is with or towards (issue 11, LABELLING A3): the objective whose people it names wins, one whose
people it contradicts yields, a sentence that names nobody is chosen as before, and another
person's behaviour is still theirs (A5). Plans and sentences are written for these tests, not
taken from any labelled set."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import one_goal_tagger, tags_of


@pytest.fixture(scope="module")
def school():
    return one_goal_tagger(
        """          - id: O1
            text: "Talk to a classmate at school each day"
            direction: increase
          - id: O2
            text: "Speak to an unfamiliar adult in the community (ordering, greeting, thanking)"
            direction: increase
          - id: O3
            text: "Answer the teacher's questions aloud in class"
            direction: increase
"""
    )


@pytest.fixture(scope="module")
def arguments():
    return one_goal_tagger(
        """          - id: O1
            text: "Reduce arguments with partner Sam to one per week"
            direction: decrease
          - id: O2
            text: "Reduce arguments with her daughter to one per week"
            direction: decrease
"""
    )


@pytest.fixture(scope="module")
def reassurance():
    return one_goal_tagger(
        """          - id: O1
            text: "Reduce reassurance seeking from spouse to twice a day"
            direction: decrease
          - id: O2
            text: "Reduce reassurance seeking from mother to twice a day"
            direction: decrease
"""
    )


@pytest.fixture(scope="module")
def company():
    return one_goal_tagger(
        """          - id: O1
            text: "See friends or family at least twice a week"
            direction: increase
          - id: O2
            text: "Spend time with her colleagues outside work once a month"
            direction: increase
"""
    )


def _chosen(tagger, sentence: str, objective: str, over: str) -> None:
    tags = tags_of(tagger, sentence)
    assert set(tags) == {objective}
    assert any(f"chosen over {over}: the people it names" in e for e in tags[objective].evidence)


@pytest.mark.parametrize(
    ("plan", "sentence", "objective", "over"),
    [
        # the conversation is the classmate objective's target, the greeting one's example
        ("school", "Chatted with the cashier at the corner shop.", "O2", "O1"),
        ("school", "Chatted w/ two girls from her class at lunch.", "O1", "O2"),
        ("arguments", "Argued with her daughter about homework.", "O2", "O1"),
        # a name the plan gives one of its people ("partner Sam")
        ("arguments", "Argued with Sam about the bills.", "O1", "O2"),
        ("reassurance", "Asked her mum again if the door was locked.", "O2", "O1"),
        ("reassurance", "Asked her husband three times whether the oven was off.", "O1", "O2"),
        # "family" names a sister; workmates are colleagues
        ("company", "Had lunch with her sister on Sunday.", "O1", "O2"),
        ("company", "Had lunch with workmates on Friday.", "O2", "O1"),
    ],
)
def test_the_people_the_sentence_names_choose(request, plan, sentence, objective, over):
    _chosen(request.getfixturevalue(plan), sentence, objective, over)


@pytest.mark.parametrize(
    ("plan", "sentence", "objectives"),
    [
        ("arguments", "Two arguments this week, both about money.", {"O1", "O2"}),
        ("reassurance", "Asked for reassurance five times yesterday.", {"O1", "O2"}),
        ("company", "Met up with people on Saturday.", {"O1", "O2"}),
        ("school", "Chatted for a while at lunch.", {"O1"}),
    ],
)
def test_a_sentence_that_names_nobody_is_chosen_as_before(request, plan, sentence, objectives):
    tags = tags_of(request.getfixturevalue(plan), sentence)
    assert set(tags) == objectives
    assert not any("the people it names" in e for t in tags.values() for e in t.evidence)


def test_a_friend_is_near_a_classmate_and_contradicts_the_adult(school) -> None:
    _chosen(school, "Had a chat with a friend at break.", "O1", "O2")


def test_when_every_rival_is_contradicted_none_yields(school) -> None:
    # mum is none of the three, so the conversation is chosen by its words as before
    tags = tags_of(school, "Chatted with mum on the way home.")
    assert set(tags) == {"O1"}
    assert not any("the people it names" in e for e in tags["O1"].evidence)


def test_a_person_said_not_to_be_there_does_not_choose(arguments) -> None:
    _chosen(arguments, "Argued with Sam without her daughter there.", "O1", "O2")


def test_another_persons_behaviour_is_still_theirs(school, reassurance) -> None:
    assert tags_of(school, "Her classmate chatted with the teacher about the trip.") == {}
    # the people who do something are its subject, not whom the client did it with
    assert tags_of(reassurance, "Her brother asked his wife whether the door was locked.") == {}


def test_a_teachers_title_is_a_teacher_and_no_negation(school) -> None:
    people = school.shared.reader.people
    words = ["Answered", "Miss", "'s", "question", "in", "maths"]
    assert people.named(words, [w.lower() for w in words]) == {"teacher"}
    tags = tags_of(school, "Answered Miss's question in maths.")
    assert "O3" in tags and not tags["O3"].negated


def test_the_people_of_an_objective_are_read_from_its_wording(school, company) -> None:
    assert [sorted(r.people_groups) for r in school.objectives] == [
        ["peer"],
        ["stranger"],
        ["teacher"],
    ]
    assert sorted(company.objectives[0].people_groups) == ["family", "friend"]


def test_an_in_law_is_not_a_parent(school) -> None:
    people = school.shared.reader.people
    words = ["argued", "with", "her", "mother", "-", "in", "-", "law"]
    assert people.named(words, words) == {"in_law"}
    assert people.fit(frozenset({"parent"}), frozenset({"in_law"})) is False
    assert people.fit(frozenset({"family"}), frozenset({"in_law"})) is True

"""Objectives to keep a record (a log, diary, tracker, thought record): the record is the target,
what it holds is a side word, the acts of keeping it mention it, and not keeping it is negated
while keeping it only partly is not (issue 11; LABELLING A3, B, C8).

Sentences and plans are written for these tests from clinical usage (self-monitoring in CBT for
functional seizures, body-focused repetitive behaviours, depression, insomnia, binge eating and
worry), not taken from any labelled set.
"""

from __future__ import annotations

import pytest

from nlp.objectives import SIDE, TARGET
from tests.nlp.conftest import one_goal_tagger, tags_of


def _tagger(*objectives: tuple[str, str]):
    item = '          - id: O{}\n            text: "{}"\n            direction: {}'
    return one_goal_tagger(
        "\n".join(item.format(k, text, way) for k, (way, text) in enumerate(objectives, 1))
    )


@pytest.fixture(scope="module")
def seizures():
    # two record objectives, each beside the objectives for what it holds
    return _tagger(
        ("decrease", "Reduce dissociative seizures to fewer than 2 per week"),
        ("increase", "Complete the daily symptom diary (seizures, warning signs, triggers)"),
        ("increase", "Fill in the habit log of picking episodes and triggers each evening"),
        ("decrease", "Reduce skin picking to under 15 minutes per day"),
    )


@pytest.fixture(scope="module")
def cbt():
    return _tagger(
        ("increase", "Complete a thought record 3 times weekly"),
        ("increase", "Increase pleasant activities to 4 per week"),
        ("decrease", "Reduce PHQ-9 score below 10"),
    )


@pytest.fixture(scope="module")
def insomnia():
    return _tagger(
        ("increase", "Keep a sleep diary every morning (bedtime, time to fall asleep, wakings)"),
        ("decrease", "Reduce night wakings to 1 per night"),
    )


@pytest.fixture(scope="module")
def eating():
    return _tagger(
        ("increase", "Fill out a food log of meals, snacks and binges every day"),
        ("decrease", "Reduce binge episodes to 0 per week"),
    )


@pytest.fixture(scope="module")
def worry():
    return _tagger(
        ("increase", "Track worries on the worry tracker app daily"),
        ("decrease", "Reduce GAD-7 score below 8"),
    )


def _roles(tagger, objective: str) -> dict[str, str]:
    rules = next(r for r in tagger.objectives if r.id == objective)
    return {concept: role for concept, (role, _) in rules.concepts.items()}


def test_the_record_is_the_target_and_what_it_holds_a_side_word(seizures, worry) -> None:
    diary = _roles(seizures, "O2")
    assert diary["self-monitoring log"] == TARGET
    assert diary["triggers"] == SIDE  # in the diary's parentheses
    log = _roles(seizures, "O3")
    assert log["skin picking"] == SIDE  # "log of picking episodes"
    assert log["triggers"] == SIDE
    tracker = _roles(worry, "O1")  # "Track worries on the worry tracker app"
    assert tracker["worry log"] == TARGET
    assert tracker["worry"] == SIDE


@pytest.mark.parametrize(
    ("sentence", "objective"),
    [
        ("She filled in the diary every day.", "O2"),
        ("Symptom diary completed on all seven days.", "O2"),
        ("Kept the habit log every evening this week.", "O3"),
        ("Brought the log back with every evening filled in.", "O3"),
    ],
)
def test_with_two_records_the_one_named_wins(seizures, sentence: str, objective: str) -> None:
    tags = tags_of(seizures, sentence)
    assert set(tags) == {objective}
    assert tags[objective].progress == "improved"


def test_with_two_records_an_act_that_names_neither_links_neither(seizures) -> None:
    assert tags_of(seizures, "She filled it in every night.") == {}


@pytest.mark.parametrize(
    ("tagger_name", "sentence", "objective"),
    [
        ("cbt", "She filled in the worksheet on Tuesday.", "O1"),
        ("cbt", "Wrote down her thoughts after the argument with her sister.", "O1"),
        ("cbt", "Did two thought records this week.", "O1"),
        ("insomnia", "Kept the diary every morning.", "O1"),
        ("insomnia", "Filled it in on six mornings.", "O1"),
        ("eating", "Logged every meal and snack.", "O1"),
        ("eating", "Jotted down what she ate straight after each meal.", "O1"),
        ("worry", "Gave the tracker a go every evening.", "O1"),
    ],
)
def test_with_one_record_any_record_word_or_act_reaches_it(
    request, tagger_name: str, sentence: str, objective: str
) -> None:
    tags = tags_of(request.getfixturevalue(tagger_name), sentence)
    assert objective in tags
    assert not tags[objective].negated


@pytest.mark.parametrize(
    ("tagger_name", "sentence", "objective", "not_objective"),
    [
        ("seizures", "She noticed her triggers were mostly tiredness and stress.", None, "O3"),
        ("seizures", "Seizures 1 this week, down from 4.", "O1", "O2"),
        ("seizures", "Picked at her cuticles for 40 minutes on Sunday.", "O4", "O3"),
        ("insomnia", "Woke three times a night on most nights.", "O2", "O1"),
        ("eating", "Binged twice at the weekend.", "O2", "O1"),
        ("worry", "Worried mostly about money and work.", "O2", "O1"),
    ],
)
def test_what_the_record_holds_goes_to_its_own_objective_not_the_record(
    request, tagger_name: str, sentence: str, objective: str | None, not_objective: str
) -> None:
    tags = tags_of(request.getfixturevalue(tagger_name), sentence)
    assert not_objective not in tags
    if objective is not None:
        assert objective in tags
    else:
        assert tags == {}


def test_what_the_record_holds_improves_its_own_objective(seizures) -> None:
    tags = tags_of(seizures, "Seizures 1 this week, down from 4.")
    assert tags["O1"].progress == "improved"


@pytest.mark.parametrize(
    "sentence",
    [
        "Her mind went blank when the teacher asked her a question.",
        "Per her diary, she had one seizure on Friday.",
        "She had to check her diary for a date for the next appointment.",
    ],
)
def test_a_record_word_in_another_sense_or_as_a_source_does_not_link_the_record(
    seizures, sentence: str
) -> None:
    tags = tags_of(seizures, sentence)
    assert "O2" not in tags and "O3" not in tags


@pytest.mark.parametrize(
    ("tagger_name", "sentence", "objective"),
    [
        ("seizures", "He left the log blank all week.", "O3"),
        ("seizures", "The symptom diary was blank again.", "O2"),
        ("seizures", "Forgot the habit log at her gran's.", "O3"),
        ("seizures", "Gave up on the diary by Wednesday.", "O2"),
        ("seizures", "Nothing written in the diary this week.", "O2"),
        ("cbt", "Didn't fill any in this week.", "O1"),
        ("cbt", "No thought records done since the last session.", "O1"),
        ("insomnia", "Stopped filling in the diary after Wednesday.", "O1"),
        ("eating", "Stopped logging once the weekend started.", "O1"),
        ("eating", "Left the food log blank on Saturday and Sunday.", "O1"),
        ("worry", "Gave up on the tracker midweek.", "O1"),
    ],
)
def test_not_keeping_the_record_is_negated(
    request, tagger_name: str, sentence: str, objective: str
) -> None:
    tags = tags_of(request.getfixturevalue(tagger_name), sentence)
    assert objective in tags
    assert tags[objective].negated
    assert tags[objective].progress == "worsened"


@pytest.mark.parametrize(
    ("tagger_name", "sentence", "objective"),
    [
        ("seizures", "Only filled in the log on 2 days.", "O3"),
        ("seizures", "Filled the diary in some days.", "O2"),
        ("seizures", "Kept the diary half the week.", "O2"),
        ("cbt", "Only did one thought record this week.", "O1"),
        ("insomnia", "Kept the sleep diary on and off.", "O1"),
        ("eating", "Filled it in some days.", "O1"),
    ],
)
def test_keeping_the_record_only_partly_is_not_negated_but_worse(
    request, tagger_name: str, sentence: str, objective: str
) -> None:
    tags = tags_of(request.getfixturevalue(tagger_name), sentence)
    assert objective in tags
    assert not tags[objective].negated
    assert tags[objective].progress == "worsened"


@pytest.mark.parametrize(
    "sentence",
    [
        "Woke three times a night and felt blank all the next morning.",
        "Woke three times a night; her mind went blank at work.",
    ],
)
def test_blank_as_a_feeling_or_a_mind_negates_nothing(insomnia, sentence: str) -> None:
    tags = tags_of(insomnia, sentence)
    assert "O2" in tags
    assert not tags["O2"].negated

"""Notes typed on a phone: shorthand and informal words read as the words they stand for.

Sentences here are written for these tests (not taken from any labelled set): each phone note is
checked against the same note written out in full, so a phrase the lexicon or the plan has
("went out with friends", "team meeting") and its shorthand ("went out w/ mates", "team mtg")
are read alike, and the people in it stay the people they are.
"""

from __future__ import annotations

import pytest

from nlp.measurements import MeasurementReader
from nlp.pipeline import get_language
from nlp.text import fold
from tests.nlp.conftest import one_goal_tagger, tags_of


def _reading(tagger, text: str) -> list[tuple]:
    return [
        (t.objective, t.negated, t.hypothetical, t.historical, t.other_person, t.progress)
        for result in tagger.tag(text)
        for t in result.tags
    ]


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("w/", "with"),
        ("W/o", "without"),
        ("B/c", "because"),
        ("yday", "yesterday"),
        ("tmrw", "tomorrow"),
        ("wknd", "weekend"),
        ("mates", "friends"),
        ("hubby", "husband"),
        ("Mum", "mother"),
        ("ppl", "people"),
        ("thru", "through"),
        ("txted", "texted"),
        ("convo", "conversation"),
        ("appt", "appointment"),
        ("mtg", "meetings"),
        ("etoh", "alcohol"),
    ],
)
def test_shorthand_folds_as_the_word_it_stands_for(short: str, full: str) -> None:
    assert fold(short) == fold(full)


def test_people_are_written_out_but_never_merged() -> None:
    assert fold("hubby") != fold("wife")
    assert fold("bf") != fold("gf")
    assert fold("mum") != fold("dad")
    assert fold("hubby") != fold("partner")  # a partner is not always a husband
    assert fold("nana") != fold("mum")


def test_a_form_with_another_meaning_in_capitals_is_shorthand_only_in_lower_case() -> None:
    assert fold("bc") == fold("because")
    assert fold("BC") != fold("because")  # birth control, a place
    assert fold("HR") != fold("hour")  # human resources


def test_slashed_shorthand_is_one_word_and_x_is_split_as_before() -> None:
    def words(text: str) -> list[str]:
        return [t.text for t in get_language().make_doc(text)]

    assert words("late b/c of the bus") == ["late", "b/c", "of", "the", "bus"]
    assert words("went w/out her bf") == ["went", "w/out", "her", "bf"]
    assert words("x-ray on a 6x6 grid") == ["x", "-", "ray", "on", "a", "6x6", "grid"]


@pytest.mark.parametrize(
    ("plan", "phone", "full", "objective"),
    [
        ("depression", "Went out w/ mates sat night.", "Went out with friends sat night.", "O2"),
        ("depression", "Walked ~45 min w/ her mum yday.", "Walked 45 min with her mother.", "O3"),
        (
            "alcohol",
            "Made it to AA 2x this wk w/ her bf.",
            "Went to AA twice with her boyfriend.",
            "O2",
        ),
        ("social_anxiety", "Spoke up in the team mtg.", "Spoke up in the team meeting.", "O4"),
        (
            "social_anxiety",
            "Skipped the team mtg b/c of a headache.",
            "Skipped the team meeting.",
            "O4",
        ),
        ("ptsd", "Didnt do the narrative hw.", "Didn't do the narrative homework.", "O3"),
        ("insomnia", "Wont fill in the sleep diary.", "Won't fill in the sleep diary.", "O4"),
        (
            "panic",
            "Drove on the highway alone w/o panicking.",
            "Drove on the highway alone without panicking.",
            "O2",
        ),
    ],
)
def test_a_phone_note_is_read_as_the_note_written_out(
    tagger_for, plan: str, phone: str, full: str, objective: str
) -> None:
    tagger = tagger_for(plan)
    assert objective in tags_of(tagger, phone)
    assert tags_of(tagger, phone)[objective].negated == tags_of(tagger, full)[objective].negated
    assert tags_of(tagger, phone)[objective].progress == tags_of(tagger, full)[objective].progress


def test_shorthand_carries_negation_history_and_plans(tagger_for) -> None:
    panic = tagger_for("panic")
    without = tags_of(panic, "Drove on the highway alone w/o panicking.")["O2"]
    assert (without.negated, without.progress) == (True, "improved")
    alcohol = tagger_for("alcohol")
    assert tags_of(alcohol, "Hx of etoh use since uni.")["O1"].historical
    social = tagger_for("social_anxiety")
    assert tags_of(social, "Will speak up at nxt wk's mtg.")["O4"].hypothetical
    diary = tags_of(tagger_for("insomnia"), "Cant keep the sleep diary going.")["O4"]
    assert diary.negated


@pytest.mark.parametrize(
    ("plan", "text"),
    [
        ("alcohol", "Hubby drinks most nights."),
        ("alcohol", "Bf had 6 beers at the bday party."),
        ("panic", "Mum had a panic attack in the car yday."),
        ("adolescent", "His bro blew up at dinner again."),
    ],
)
def test_another_persons_behaviour_in_shorthand_is_still_theirs(
    tagger_for, plan: str, text: str
) -> None:
    assert tags_of(tagger_for(plan), text) == {}


def test_an_objective_about_a_person_is_reached_by_their_shorthand() -> None:
    tagger = one_goal_tagger(
        """          - id: O1
            text: "Husband will stop answering repeated reassurance questions"
            direction: increase
          - id: O2
            text: "Let grandparents care for the baby alone for 2 hours twice a week"
            direction: increase
"""
    )
    husband = tags_of(tagger, "Hubby stopped answering her reassurance questions.")
    assert "O1" in husband and not husband["O1"].other_person
    assert "O2" in tags_of(tagger, "Nana had the baby for the afternoon.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Texted hubby 6x yday.", {"kind": "frequency", "value": 6, "period": "day"}),
        ("Gym 3x/wk since the review.", {"kind": "frequency", "value": 3, "period": "week"}),
        ("Checking the locks 2x a day now.", {"kind": "frequency", "value": 2, "period": "day"}),
        ("Nightmares x2 this week.", {"kind": "frequency", "value": 2, "period": "week"}),
        ("Walked to the shops 2x this wknd.", {"kind": "frequency", "value": 2, "period": "week"}),
        ("Binged 1x this wk, down from 4x.", {"kind": "frequency", "value": 1, "period": "week"}),
        ("Had 3 coffees yday b4 noon.", {"kind": "frequency", "value": 3, "period": "day"}),
        ("Walked ~45 min on Sunday.", {"kind": "duration", "value": 45, "unit": "minute"}),
        ("Slept 1.5hrs after the night feed.", {"kind": "duration", "value": 1.5, "unit": "hour"}),
        ("Walked for an hr w/ the dog.", {"kind": "duration", "value": 1, "unit": "hour"}),
        ("Meditated for half an hr.", {"kind": "duration", "value": 0.5, "unit": "hour"}),
        ("Sober 3 wks now.", {"kind": "duration", "value": 3, "unit": "week"}),
    ],
)
def test_shorthand_counts_and_durations_are_measurements(text: str, expected: dict) -> None:
    found = [m.to_json() for m in MeasurementReader().read(text)]
    assert len(found) == 1, found
    assert {key: found[0].get(key) for key in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Went to the gym a couple of times this week.",  # vague: no explicit count
        "Called her sister a handful of times this week.",
        "Aim for 3x/wk at the gym.",  # a target
        "Took 20 mg 2x a day.",  # a dosing schedule
        "Washed hands 2x an hr at work.",  # a rate per hour, not how long
        "Up at 7 yday for the school run.",  # a clock time
        "Anxious 50% of the time this wk.",  # a percentage
        "Had an x-ray on her wrist yday.",
        "Drew a 6x6 grid for the exposure ladder.",
    ],
)
def test_shorthand_that_is_no_measurement_stays_unread(text: str) -> None:
    assert MeasurementReader().read(text) == []


def test_the_people_a_phone_note_names_choose_between_rival_objectives() -> None:
    tagger = one_goal_tagger(
        """          - id: O1
            text: "Reduce arguments with her husband"
            direction: decrease
          - id: O2
            text: "Reduce arguments with her son"
            direction: decrease
"""
    )
    assert set(tags_of(tagger, "Big row w/ hubby on sat.")) == {"O1"}
    assert set(tags_of(tagger, "Argued with the kiddo over bedtime.")) == {"O2"}

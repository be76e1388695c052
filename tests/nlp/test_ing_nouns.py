"""-ing nouns of an objective's wording (issue 11): the stemmer folds "recording" onto
"record", so an objective's noun ("the session recording", "weekly AA meetings") is matched
only by a note word written in -ing form, while an -ing word used as the activity ("Reduce
checking") keeps every form of its verb. Plans and sentences are written here, not taken from
any labelled set."""

from __future__ import annotations

import pytest

from nlp.text import is_ing_form
from tests.nlp.conftest import one_goal_tagger, tags_of


def _tagger(objectives: list[tuple[str, str]]):
    item = '          - id: O{}\n            text: "{}"\n            direction: {}\n'
    return one_goal_tagger(
        "".join(item.format(k, text, way) for k, (text, way) in enumerate(objectives, 1))
    )


@pytest.fixture(scope="module")
def recording():
    return _tagger(
        [
            ("Listen to the session recording on 5 days per week", "increase"),
            ("Reduce time spent worrying to under 30 minutes per day", "decrease"),
        ]
    )


@pytest.fixture(scope="module")
def booking():
    return _tagger(
        [
            ("Make the booking for the dentist check-up this month", "increase"),
            ("Sleep at least 7 hours per night", "increase"),
        ]
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "She keeps her medical records in a blue folder.",
        "He brought his school records to the appointment.",
        "Her GP record shows no new prescriptions.",
        "She recorded her expenses in a notebook.",
    ],
)
def test_stem_of_recording_is_another_word(recording, sentence):
    assert "O1" not in tags_of(recording, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "He listened to the recording on four evenings.",
        "She played back the recordings twice this week.",
        "The recording helped her settle before bed.",
    ],
)
def test_recording_itself_links(recording, sentence):
    assert "O1" in tags_of(recording, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "She reads a book most nights.",
        "Her sister books the train tickets for her.",
        "He left the library book on the bus.",
    ],
)
def test_stem_of_booking_is_another_word(booking, sentence):
    assert "O1" not in tags_of(booking, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "She made the booking on Monday.",
        "The booking is confirmed for Friday.",
    ],
)
def test_booking_itself_links(booking, sentence):
    assert "O1" in tags_of(booking, sentence)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("recording", True),
        ("meetings", True),
        ("records", False),
        ("sing", False),
        ("rings", False),
    ],
)
def test_ing_form(word, expected):
    assert is_ing_form(word) is expected

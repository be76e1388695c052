"""Progress judged against the objective's direction, from cue classes and measurements."""

from __future__ import annotations

import pytest

from nlp.progress import judge


@pytest.mark.parametrize(
    ("direction", "negated", "cues", "measured", "expected"),
    [
        ("decrease", True, set(), None, "improved"),  # no panic attacks
        ("increase", True, set(), None, "worsened"),  # did not practice
        ("increase", True, {"better"}, None, "worsened"),  # "not consistent": negation wins
        ("decrease", False, {"same"}, None, "unchanged"),
        ("decrease", False, {"worse"}, None, "worsened"),
        ("increase", False, {"better", "less"}, None, "improved"),  # valence before amount
        ("increase", False, {"not_done", "more"}, None, "worsened"),  # skipped ... again
        ("decrease", False, {"less"}, None, "improved"),
        ("decrease", False, {"more"}, None, "worsened"),
        ("increase", False, {"more", "less"}, None, "unknown"),  # contradicting amounts
        ("decrease", False, set(), "less", "improved"),  # PHQ-9 11 (was 16)
        ("increase", False, set(), "less", "worsened"),  # slept 5 hours, down from 7
        ("increase", False, {"done"}, None, "improved"),  # practiced
        ("decrease", False, {"done"}, None, "unknown"),  # "had" a panic attack is not progress
        ("decrease", False, set(), None, "unknown"),
        (None, False, {"less"}, None, "unknown"),  # no direction known
        (None, False, {"better"}, None, "improved"),
    ],
)
def test_judge(direction, negated, cues, measured, expected) -> None:
    assert judge(direction, negated, cues, measured) == expected


def test_progress_words_are_not_folded(tagger_for) -> None:
    from tests.nlp.conftest import tags_of

    insomnia = tagger_for("insomnia")
    assert tags_of(insomnia, "Sleep is better.")["O1"].progress == "improved"
    assert tags_of(insomnia, "Sleep is worse.")["O1"].progress == "worsened"
    assert tags_of(insomnia, "Sleeping about 7 hours a night, up from 5.")["O1"].progress == (
        "improved"
    )


def test_going_into_an_avoided_situation_is_less_avoidance(tagger_for) -> None:
    from tests.nlp.conftest import tags_of

    social = tagger_for("social_anxiety")
    assert tags_of(social, "Went to a neighbourhood gathering.")["O2"].progress == "improved"
    assert tags_of(social, "Turned down two invitations.")["O2"].progress == "worsened"
    # the avoidance itself keeps the objective's own direction
    assert tags_of(social, "Avoidance of parties has decreased.")["O2"].progress == "improved"
    ptsd = tagger_for("ptsd")
    assert tags_of(ptsd, "Drove past the accident site for the first time.")["O4"].progress == (
        "improved"
    )

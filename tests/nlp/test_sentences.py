"""Sentence splitting: clinical abbreviations, bullets and line breaks."""

from __future__ import annotations


def _sentences(tagger, text: str) -> list[str]:
    return [r.sentence for r in tagger.tag(text)]


def test_abbreviations_do_not_end_sentences(tagger_for) -> None:
    text = "Pt. arrived approx. 10 min early. Dr. Lee e.g. agreed. Anxiety 6/10."
    assert _sentences(tagger_for("panic"), text) == [
        "Pt. arrived approx. 10 min early.",
        "Dr. Lee e.g. agreed.",
        "Anxiety 6/10.",
    ]


def test_abbreviation_at_sentence_end_before_capital(tagger_for) -> None:
    assert _sentences(tagger_for("insomnia"), "Slept 6 hrs. Mood good.") == [
        "Slept 6 hrs.",
        "Mood good.",
    ]


def test_bullets_and_new_lines(tagger_for) -> None:
    text = "Panic attacks: 2\n- practiced breathing daily\n* no avoidance\n\n• anxiety 4/10"
    assert _sentences(tagger_for("panic"), text) == [
        "Panic attacks: 2",
        "practiced breathing daily",
        "no avoidance",
        "anxiety 4/10",
    ]


def test_empty_and_space_only_text(tagger_for) -> None:
    assert tagger_for("panic").tag("") == []
    assert tagger_for("panic").tag("  \n\n ") == []


def test_very_long_text_is_tagged_whole(tagger_for) -> None:
    line = "Practiced belly breathing today. " * 3
    text = "\n".join([line] * 4000)  # about 400,000 characters
    results = tagger_for("panic").tag(text)
    assert len(results) == 12000
    assert all(r.tags[0].objective == "O1" for r in results)
    unbroken = "word " * 60_000  # one 300,000-character line with no sentence end
    assert "".join(r.sentence for r in tagger_for("panic").tag(unbroken)).replace(" ", "") == (
        "word" * 60_000
    )

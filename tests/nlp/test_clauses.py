"""Clause-aware progress: each objective is judged by the clause that mentions it."""

from __future__ import annotations

from nlp.pipeline import get_language
from tests.nlp.conftest import tags_of


def _clauses(text: str) -> list[tuple[str, bool, bool]]:
    progress = get_language().get_pipe("wayfinder_progress")
    lowers = [w.lower() for w in text.split()]
    _, clauses = progress.cues.find(lowers)
    return [(" ".join(lowers[c.start : c.end]), c.alternative, c.anaphoric) for c in clauses]


def test_sentences_are_cut_at_contrast_words_only() -> None:
    assert _clauses("walked daily and slept well") == []
    assert _clauses("walked daily but mood low ; she skipped it") == [
        ("walked daily", False, False),
        ("mood low", False, True),  # no subject of its own: it continues the first clause
        ("she skipped it", False, True),  # refers back with "it"
    ]
    assert _clauses("ate lunch instead of skipping it") == [
        ("ate lunch", False, False),
        ("skipping it", True, True),
    ]
    assert _clauses("but") == []  # a break alone leaves no clause, and no error


def test_two_objectives_in_contrasting_clauses_get_their_own_verdicts(tagger_for) -> None:
    tags = tags_of(
        tagger_for("panic"), "Used paced breathing most days, but still had a panic attack Friday."
    )
    assert tags["O1"].progress == "improved"
    assert tags["O2"].progress == "unchanged"
    tags = tags_of(tagger_for("alcohol"), "Cravings were lower, although she drank more.")
    assert tags["O4"].progress == "improved"
    assert tags["O1"].progress == "worsened"


def test_a_clause_about_another_objective_does_not_lend_its_cues(tagger_for) -> None:
    tags = tags_of(tagger_for("alcohol"), "Drank less on the weekend; cravings were strong.")
    assert tags["O1"].progress == "improved"
    assert tags["O4"].progress == "unknown"


def test_a_clause_that_refers_back_counts(tagger_for) -> None:
    tag = tags_of(tagger_for("insomnia"), "Sleep log was left at home, but she filled it in.")["O4"]
    assert tag.progress == "improved"


def test_what_was_done_instead_is_judged_not_the_alternative(tagger_for) -> None:
    tag = tags_of(tagger_for("binge_eating"), "Ate breakfast instead of skipping it.")["O2"]
    assert tag.progress == "improved"


def test_a_measurement_counts_only_in_its_own_clause(tagger_for) -> None:
    tags = tags_of(tagger_for("panic"), "Drove to work on the freeway; anxiety 5/10, down from 7.")
    assert tags["O4"].progress == "improved"
    assert tags["O3"].progress == "improved"  # from "drove", not from the anxiety's change
    tags = tags_of(tagger_for("insomnia"), "Sleep diary done; slept 5 hours, down from 7.")
    assert tags["O4"].progress == "improved"
    assert tags["O1"].progress == "worsened"


def test_what_happened_outweighs_what_is_planned(tagger_for) -> None:
    tag = tags_of(
        tagger_for("depression"), "Hopes to exercise more but did not exercise this week."
    )["O3"]
    assert tag.negated and not tag.hypothetical
    assert tag.progress == "worsened"
    planned = tags_of(tagger_for("depression"), "Plans to exercise on Monday.")["O3"]
    assert planned.hypothetical and planned.progress == "unknown"


def test_the_clause_after_but_is_the_outcome(tagger_for) -> None:
    tag = tags_of(tagger_for("depression"), "Began a thought record but gave up after one line.")
    assert tag["O4"].progress == "worsened"
    tag = tags_of(tagger_for("binge_eating"), "Food log was started but left incomplete.")["O3"]
    assert tag.progress == "worsened"

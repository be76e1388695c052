"""ConText rules: triggers, pseudo-triggers, scope ends, and the trigger kept as evidence."""

from __future__ import annotations

from tests.nlp.conftest import tags_of


def test_negation_triggers_forward_and_backward(tagger_for) -> None:
    depression = tagger_for("depression")
    tag = tags_of(depression, "Pt denies SI/HI.")["O5"]
    assert tag.negated and "denies (negation)" in tag.evidence
    assert tags_of(depression, "Exercise: none this week.")["O3"].negated
    assert tags_of(tagger_for("insomnia"), "Sleep log not completed this week.")["O4"].negated


def test_pseudo_trigger_does_not_negate(tagger_for) -> None:
    tag = tags_of(tagger_for("insomnia"), "Pt reports no improvement in sleep.")["O1"]
    assert not tag.negated and tag.progress == "unchanged"


def test_termination_ends_the_scope(tagger_for) -> None:
    tags = tags_of(tagger_for("alcohol"), "Did not use any coping skills; drank 6 beers.")
    assert tags["O3"].negated
    assert not tags["O1"].negated


def test_hypothetical_mentions_have_unknown_progress(tagger_for) -> None:
    tags = tags_of(
        tagger_for("panic"), "If she feels a panic attack coming on, she will use paced breathing."
    )
    assert tags["O1"].hypothetical and tags["O1"].progress == "unknown"
    assert tags["O2"].hypothetical and tags["O2"].progress == "unknown"
    intent = tags_of(tagger_for("alcohol"), "Pt states she will not drink at the party.")["O1"]
    assert intent.negated and intent.hypothetical and intent.progress == "unknown"


def test_historical_mentions(tagger_for) -> None:
    tag = tags_of(tagger_for("panic"), "History of panic attacks since college.")["O2"]
    assert tag.historical and tag.progress == "unknown"
    assert "history of (historical)" in tag.evidence
    used_to = tags_of(tagger_for("alcohol"), "Used to drink a fifth of vodka a day.")["O1"]
    assert used_to.historical


def test_other_person_scope_ends_at_and(tagger_for) -> None:
    tags = tags_of(tagger_for("depression"), "Pt attended her sister's wedding and enjoyed it.")
    assert tags["O2"].progress == "improved"

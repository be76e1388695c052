"""How an objective's wording is read into targets (nlp/objectives.py): where its condition
starts, and targets joined by "or"/"and". The sentences are written for these tests."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import one_goal_tagger, tags_of


def _tagger(*objectives: str):
    item = '          - id: O{}\n            text: "{}"'
    return one_goal_tagger("\n".join(item.format(k, text) for k, text in enumerate(objectives, 1)))


def _targets(tagger, objective: str) -> set[str]:
    return set(next(r for r in tagger.objectives if r.id == objective).targets())


@pytest.mark.parametrize(
    "wording",
    [
        "Look after the baby on her own for 2 hours on 3 days per week",
        "Look after the baby without her mother present twice a week",
        "Spend less time in bed during the day, under 1 hour in total",
        "Cut time spent lying in bed during the day to 30 minutes",
    ],
)
def test_a_stop_word_inside_a_lexicon_term_does_not_cut_the_target(wording) -> None:
    # "after" and "during" start a condition ("when", "if"), except inside a term of the target
    assert _targets(_tagger(wording), "O1")


@pytest.mark.parametrize(
    ("wording", "condition"),
    [
        ("Use coping skills when cravings occur", "cravings"),
        ("Do a relaxation exercise before bed on 5 nights a week", "sleep"),
        ("Practise slow breathing during panic attacks", "panic attack"),
    ],
)
def test_a_condition_after_the_target_still_is_no_target(wording, condition) -> None:
    targets = _targets(_tagger(wording), "O1")
    assert targets and not any(condition in t for t in targets)


@pytest.mark.parametrize(
    ("wording", "target", "condition"),
    [
        ("If anxious, use paced breathing for 5 minutes", "breathing exercise", "anxiety"),
        ("When cravings hit, phone a sober friend", "sober support network", "craving"),
        ("Before bed, complete the worry log", "worry log", "sleep"),
    ],
)
def test_a_condition_that_opens_the_wording_is_left_out(wording, target, condition) -> None:
    targets = _targets(_tagger(wording), "O1")
    assert target in targets and not any(condition in t for t in targets), targets


@pytest.mark.parametrize(
    "sentence",
    [
        "Looked after the baby by herself all afternoon while her partner was at work.",
        "She looked after the baby alone on Tuesday and Thursday.",
    ],
)
def test_the_whole_target_links_its_sentences(sentence) -> None:
    tagger = _tagger(
        "Look after the baby on her own for 2 hours on 3 days per week",
        "Attend a mothers' group weekly",
    )
    assert "O1" in tags_of(tagger, sentence)


@pytest.mark.parametrize(
    ("wording", "both"),
    [
        (
            "Practise a breathing or mindfulness exercise daily",
            {"breathing exercise", "mindfulness"},
        ),
        (
            "Use a breathing or mindfulness exercise when anxious",
            {"breathing exercise", "mindfulness"},
        ),
        (
            "Do a grounding, breathing or mindfulness exercise on 5 days per week",
            {"breathing exercise", "mindfulness", "grounding"},
        ),
    ],
)
def test_coordinated_targets_are_all_read(wording, both) -> None:
    assert both <= _targets(_tagger(wording), "O1")


@pytest.mark.parametrize(
    "sentence",
    [
        "Did her breathing exercise every morning this week.",
        "Managed a mindfulness exercise on four days.",
        "Skipped the breathing exercises on Friday.",
    ],
)
def test_either_coordinated_target_links(sentence) -> None:
    tagger = _tagger("Practise a breathing or mindfulness exercise daily", "Walk 20 minutes daily")
    assert "O1" in tags_of(tagger, sentence)


# -- 'related' links -----------------------------------------------------------------------------


def _related(tags, objective: str) -> bool:
    return objective in tags and any("linked as related" in e for e in tags[objective].evidence)


@pytest.mark.parametrize(
    "sentence",
    [
        "They had a row about the bins on Sunday.",
        "Another argument with his wife over money.",
        "Bickered with his partner all weekend.",
        "A big fight with her husband about the holiday.",
    ],
)
def test_an_argument_is_not_an_angry_outburst(sentence) -> None:
    # a row is between two people; an outburst or yelling is the client's own act
    for objective in ("Reduce angry outbursts to 1 per week", "Stop yelling at the children"):
        tags = tags_of(_tagger(objective, "Walk for 20 minutes daily"), sentence)
        assert not _related(tags, "O1")


@pytest.mark.parametrize(
    "sentence",
    [
        "Snapped a rubber band on her wrist twice this week.",
        "Drew red lines with a marker on her skin on Friday.",
        "Drew on her arm with a red pen instead of cutting.",
        "Snapped the elastic band rather than hurting herself.",
        "Used the butterfly project on three evenings.",
    ],
)
def test_an_alternative_to_self_harm_is_the_coping_objectives(sentence) -> None:
    # a replacement behaviour is a coping skill used (labelling A9); the self-harm objective
    # gets the sentence only when it names the self-harm too, or when no coping objective exists
    plan = (
        "Reduce self-harm episodes to zero per month",
        "Use a coping skill instead of self-harm",
    )
    tags = tags_of(_tagger(*plan), sentence)
    assert "O2" in tags
    assert "O1" in tags_of(_tagger(plan[0], "Walk for 20 minutes daily"), sentence)

"""The possessive that is not the client's (LABELLING A5): in a plan about a woman, "his
drinking" and "his own shouting" are someone else's, even when the plan never names him, while
her own behaviour that he reports stays hers (A5a), as does a clause after his ("He left, then
drank"). Plans and sentences are written here, not
taken from any labelled set."""

from __future__ import annotations

import pytest

from nlp import build_tagger
from nlp.planfile import parse_plan
from tests.nlp.conftest import tags_of


@pytest.fixture(scope="module")
def tagger():
    return build_tagger(
        parse_plan(
            b"""
client: "R.T."
problems:
  - id: P1
    statement: "She drinks most evenings and shouts at her children when stressed"
    goals:
      - id: G1
        text: "She will cut down her drinking and stay calm with her children"
        objectives:
          - id: O1
            text: "Reduce her alcohol use to no more than 2 drinks per day"
            direction: decrease
          - id: O2
            text: "Reduce shouting at her children to zero per week"
            direction: decrease
"""
        )
    )


@pytest.mark.parametrize(
    ("sentence", "objective"),
    [
        ("She is fed up with his drinking.", "O1"),
        ("She complained about his own heavy drinking at weekends.", "O1"),
        ("His drinking has got worse since Christmas.", "O1"),
        ("She thinks his shouting at the kids is scaring them.", "O2"),
    ],
)
def test_the_other_pronoun_is_someone_else(tagger, sentence, objective):
    assert objective not in tags_of(tagger, sentence)


@pytest.mark.parametrize(
    ("sentence", "objective"),
    [
        ("He says she drank a whole bottle of wine on Friday.", "O1"),
        ("Her own drinking was down to two glasses a night.", "O1"),
        ("He told her she shouted at the kids twice this week.", "O2"),
        ("She shouted at the children after he left.", "O2"),
        ("She drank three glasses of wine while he was away.", "O1"),
        ("After he went to bed, finished a bottle of wine.", "O1"),
        ("He was working late so drank four beers alone.", "O1"),
        ("He thinks her drinking is down to two a night.", "O1"),
    ],
)
def test_her_own_behaviour_stays_hers(tagger, sentence, objective):
    assert objective in tags_of(tagger, sentence)

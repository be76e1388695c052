"""Objectives worded as abstinence, and objectives about a group named by what it is for.

"Achieve abstinence from cigarettes" is about not smoking (data/progress.json resisting_openers):
smoking is its behaviour not occurring. "Attend the weekly stop-smoking support group" is about
attending (an opener before a hyphen is a modifier), and "stop-smoking" only says what the group
is for (data/objective_words.json services): smoking goes to the abstinence objective, and a
note's "stop smoking group" names the group, not smoking.
"""

from __future__ import annotations

import pytest

from tests.nlp.conftest import one_goal_tagger, tags_of

PLAN = """
          - id: O1
            text: "Achieve abstinence from cigarettes"
            direction: increase
          - id: O2
            text: "Remain abstinent from alcohol"
            direction: increase
          - id: O3
            text: "Attend the weekly stop-smoking support group"
            direction: increase
"""


@pytest.fixture(scope="module")
def tagger():
    return one_goal_tagger(PLAN)


@pytest.mark.parametrize(
    ("text", "objective", "negated", "progress"),
    [
        ("Smoked twice on Saturday.", "O1", True, "worsened"),
        ("No cigarettes all week.", "O1", False, "improved"),
        ("Drank 3 pints on Friday.", "O2", True, "worsened"),
        ("Made it to the support group.", "O3", False, "improved"),
        ("Went to the stop smoking group on Tuesday.", "O3", False, "improved"),
        ("Skipped group this week.", "O3", True, "worsened"),
    ],
)
def test_one_objective_with_the_polarity_of_its_wording(tagger, text, objective, negated, progress):
    tags = tags_of(tagger, text)
    assert set(tags) == {objective}
    assert (tags[objective].negated, tags[objective].progress) == (negated, progress)

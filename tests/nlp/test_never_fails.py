"""The tagger never fails, whatever it is given (issue: "the NLP never costs a word").

Random and adversarial text goes through the whole pipeline of every development plan: no
exception, one result per sentence, every tag names an objective of the plan with a progress the
standard allows, and the output is JSON.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.nlp.conftest import PLANS, plan_of

PROGRESS = {"improved", "worsened", "unchanged", "unknown"}
PLAN_NAMES = sorted(p.stem for p in PLANS.glob("*.yaml"))

# Words that steer the rules: negations, conditions, people, numbers, units, section prefixes.
TRICKY = st.sampled_from(
    [
        "not",
        "no",
        "didn't",
        "if",
        "will",
        "'",
        '"',
        "(",
        ")",
        "her mother",
        "Pt",
        "I:",
        "P:",
        "HW:",
        "0-10",
        "4-7-8",
        "5/10",
        "x2/wk",
        "twice",
        "once",
        "none",
        "from",
        "to",
        "down from",
        "vs",
        "PHQ-9",
        "SUDS",
        "hours",
        "minutes",
        "days",
        "of 7 days",
        "at 7",
        "50 mg",
        "%",
        ";",
        "but",
        "instead of",
        "resisted",
        "stopped",
        "panic attack",
        "breathing",
        "sleep",
        "drank",
        "...",
        "self-harm",
        "\n",
        "\n\n",
        "•",
        "-",
        "12/10",
        "1e9",
        "999999999999999999999",
        "½",
        "²",
        "٣",
    ]
)
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(TRICKY, st.text(min_size=1, max_size=12)), max_size=60).map(" ".join),
)


def _check(tagger, plan, text: str) -> None:
    results = tagger.tag(text)
    ids = {o.id for o in plan.objectives()}
    for result in results:
        for tag in result.tags:
            assert tag.objective in ids
            assert tag.progress in PROGRESS
        json.dumps(result.to_json())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_name=st.sampled_from(PLAN_NAMES), text=TEXT)
def test_any_text_is_tagged_without_failing(tagger_for, plan_name: str, text: str) -> None:
    _check(tagger_for(plan_name), plan_of(plan_name), text)


def test_long_and_odd_inputs(tagger_for) -> None:
    tagger, plan = tagger_for("panic"), plan_of("panic")
    for text in [
        "",
        " " * 5000,
        "\ud800 lone surrogate, then breathing",
        "breathing " * 20_000,  # one huge line
        ("No panic attacks. " * 3000) + "\n",
        "[" * 10_000,
        "1 2 3 4 5 6 7 8 9 10 " * 500,
        "'" * 999 + " did not practise",
        "rate tension 0-10 morning and evening",  # crashed the first tagger (KeyError)
    ]:
        _check(tagger, plan, text)

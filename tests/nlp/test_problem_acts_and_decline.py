"""Objectives worded as a problem act that holds a negative word, history openers, and everyday
change words (labelling rules B and C2, C4, C8).

Plans and sentences written for this test from general English and clinical knowledge, not
taken from any labelled set. An objective "Reduce missed insulin doses" is about the missing:
"missed three doses" is its behaviour occurring, and "no missed doses" its negation.
"""

from __future__ import annotations

import pytest

from tests.nlp.conftest import listed_plan_taggers, tags_of

PLANS = {
    "diabetes": [
        ("O1", "Reduce missed mealtime insulin doses to none per week", "decrease"),
        ("O2", "Check blood glucose four times a day", "increase"),
    ],
    "eating": [
        ("O1", "Reduce skipped meals", "decrease"),
        ("O2", "Eat three regular meals a day", "increase"),
    ],
    "school": [
        ("O1", "Fewer missed school days", "decrease"),
        ("O2", "Complete homework each evening", "increase"),
    ],
    "bedtime": [
        ("O1", "Parents do not go back into the room after goodnight", "increase"),
        ("O2", "Child falls asleep in own bed", "increase"),
    ],
    "medication": [
        ("O1", "Reduce forgotten medication", "decrease"),
        ("O2", "Attend weekly group", "increase"),
    ],
    "mood": [
        ("O1", "Reduce low mood", "decrease"),
        ("O2", "Walk for 20 minutes three times a week", "increase"),
        ("O3", "Reduce irritability", "decrease"),
        ("O4", "Reduce feeling overwhelmed", "decrease"),
    ],
    "panic": [
        ("O1", "Reduce panic attacks", "decrease"),
        ("O2", "Practise breathing exercises daily", "increase"),
        ("O3", "Reduce drinking", "decrease"),
    ],
}

tagger_for = listed_plan_taggers(PLANS)

N, P = "negated", "plain"

CASES = [
    # 1. the objective's own act holds the negative word
    ("diabetes", "Missed three insulin doses this week.", "O1", P, "unknown"),
    ("diabetes", "She forgot to take her mealtime insulin twice.", "O1", P, "unknown"),
    ("diabetes", "No missed doses since the last session.", "O1", N, "improved"),
    ("diabetes", "Denies any missed insulin doses.", "O1", N, "improved"),
    ("diabetes", "Missed fewer doses than last week.", "O1", P, "improved"),
    ("eating", "Skipped lunch on Tuesday and Thursday.", "O1", P, "unknown"),
    ("eating", "Didn't skip a meal all week.", "O1", N, "improved"),
    ("eating", "No skipped meals this week.", "O1", N, "improved"),
    ("school", "He missed two days of school this week.", "O1", P, "unknown"),
    ("school", "No missed school days this week.", "O1", N, "improved"),
    ("medication", "Forgot her medication twice.", "O1", P, "unknown"),
    ("medication", "Has not forgotten her medication once.", "O1", N, "improved"),
    ("bedtime", "Parents did not go back into his room after goodnight.", "O1", P, "improved"),
    ("bedtime", "Mum went back into the room three times after goodnight.", "O1", N, "worsened"),
    # 2. history openers: the past before treatment, negated or not
    ("panic", "Before referral she had panic attacks most days.", "O1", P, "unknown"),
    ("panic", "Before the move she was having panic attacks every day.", "O1", P, "unknown"),
    ("panic", "As a child he never drank.", "O3", N, "unknown"),
    ("panic", "Before referral she had no panic attacks at all.", "O1", N, "unknown"),
    ("mood", "Before referral she walked every day.", "O2", P, "unknown"),
    ("mood", "Before the move she never went for walks.", "O2", N, "unknown"),
    ("mood", "During her first year at college she walked to class daily.", "O2", P, "unknown"),
    ("mood", "She walked before the rain started.", "O2", P, "improved"),
    ("panic", "Back in 2019 he did not drink at all.", "O3", N, "unknown"),
    ("mood", "Back in 2019, she walked every day.", "O2", P, "unknown"),
    (
        "mood",
        "Back in 2019 she walked daily but now she only walks now and then.",
        "O2",
        P,
        "worsened",
    ),
    # 3. everyday change words
    ("panic", "The breathing practice has tailed off.", "O2", P, "worsened"),
    ("panic", "Her breathing exercises have fallen away.", "O2", P, "worsened"),
    ("panic", "The breathing exercises petered out.", "O2", P, "worsened"),
    ("panic", "Breathing practice has dwindled.", "O2", P, "worsened"),
    ("panic", "Breathing practice has gone by the wayside.", "O2", P, "worsened"),
    ("mood", "Says her mood feels lighter.", "O1", P, "improved"),
    ("mood", "The irritability has died away.", "O3", P, "improved"),
    ("mood", "The irritability has come down.", "O3", P, "improved"),
    ("mood", "Irritability is settling.", "O3", P, "improved"),
    ("mood", "Feels less overwhelmed this week.", "O4", P, "improved"),
    ("mood", "Not as irritable with the children.", "O3", P, "improved"),
    ("mood", "Walking only some mornings.", "O2", P, "worsened"),
    ("mood", "The walking has been hit and miss.", "O2", P, "worsened"),
    # 4. "again" after a decline is less again
    ("mood", "The walks have tailed off again.", "O2", P, "worsened"),
    ("mood", "Her walking has dwindled again.", "O2", P, "worsened"),
]


@pytest.mark.parametrize(("plan", "sentence", "objective", "negated", "progress"), CASES)
def test_problem_acts_history_and_change_words(plan, sentence, objective, negated, progress):
    tag = tags_of(tagger_for(plan), sentence)[objective]
    assert (tag.negated, tag.progress) == (negated == N, progress), tag.evidence


def test_a_negative_word_after_the_act_keeps_the_plain_reading() -> None:
    """ "Take insulin with no missed doses" is about taking it: a skipped dose is its negation."""
    tagger = listed_plan_taggers(
        {"t": [("O1", "Take insulin before each meal with no missed doses", "increase")]}
    )("t")
    tag = tags_of(tagger, "Skipped her insulin before dinner twice.")["O1"]
    assert (tag.negated, tag.progress) == (True, "worsened"), tag.evidence

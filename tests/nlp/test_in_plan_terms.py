"""In-plan terms (issue 11): everyday words that mean a target only in a plan about it ("pulled"
in a hair-pulling plan, "smoked" in a cannabis plan) link that plan's objective, and no objective
of a plan about something else; their other senses stay unlinked; the urge to do something goes
to an urge objective and the act to the behaviour objective. The plans and sentences are written
for these tests; none is a row of a labelled set."""

from __future__ import annotations

import json
from functools import cache

import pytest

from nlp.lexicon import Lexicon
from tests.nlp.conftest import one_goal_tagger, tags_of

IN_PLAN = "(in a plan about it)"


@cache
def _tagger(*objectives: str):
    item = '          - id: O{}\n            text: "{}"'
    return one_goal_tagger("\n".join(item.format(k, text) for k, text in enumerate(objectives, 1)))


# A plan about none of the targets below, whose wording shares none of their words.
UNRELATED = ("Walk for 30 minutes on 5 days per week", "Complete a thought record 3 times weekly")

PLAN_WORDS = [
    ("Reduce hair pulling episodes to 2 or fewer per week", "Pulled twice in bed on Sunday."),
    ("Reduce hair pulling episodes to 2 or fewer per week", "Yanked out a few strands in the car."),
    ("Reduce skin picking to under 10 minutes per day", "Picked at her arm during the call."),
    ("Reduce skin picking to under 10 minutes per day", "Dug at a spot on her chin for ages."),
    ("Stop nail biting", "Chewed them right down during the film."),
    ("Reduce motor tics", "Ticced a lot during the maths exam."),
    ("Reduce motor tics", "Blinked hard all through assembly."),
    ("Reduce cannabis use to 2 days per week", "Smoked on 3 of 7 days."),
    ("Reduce cannabis use to 2 days per week", "Blazed with his cousins twice."),
    ("Reduce cannabis use to 2 days per week", "Took a hit before bed most nights."),
    ("Stop vaping", "Only a few puffs on Saturday."),
    ("Abstain from gambling", "Deposited £50 into the app on payday."),
    ("Abstain from gambling", "Staked £20 on the football."),
    ("Reduce alcohol use to 10 units per week", "Had one too many at the christening."),
    ("Abstain from stimulants", "Did a bump in the toilets at the club."),
    ("Reduce time spent hand washing to 20 minutes per day", "Rinsed six times before lunch."),
    ("Reduce reassurance seeking to once a day", "Asked again whether the door was shut."),
    ("Reduce binge episodes to 1 per week", "Scoffed the lot after work on Tuesday."),
    ("Stop purging after meals", "Brought it back up after tea."),
    ("Eliminate self-harm", "Scratched until the skin broke on Thursday."),
    ("Reduce avoidance of social events", "Stayed in all weekend again."),
    ("Fall asleep within 30 minutes of going to bed", "Dozed off by 11 on four nights."),
    ("Fall asleep within 30 minutes of going to bed", "Crashed at 10 most nights."),
    ("Attend all weekly therapy sessions", "Showed up on Tuesday despite the rain."),
    ("Attend school on 5 days per week", "Went in every morning this week."),
    ("Reduce arguments with partner to one per week", "Things kicked off at dinner again."),
    ("Reduce acquiring to no more than one item per week", "Snapped up four mugs at the fair."),
]


@pytest.mark.parametrize(("objective", "text"), PLAN_WORDS)
def test_a_plan_word_links_the_objective_of_a_plan_about_it(objective: str, text: str) -> None:
    tag = tags_of(_tagger(objective), text).get("O1")
    assert tag is not None
    assert any(IN_PLAN in line for line in tag.evidence)


@pytest.mark.parametrize("text", sorted({text for _, text in PLAN_WORDS}))
def test_a_plan_word_links_nothing_in_a_plan_about_something_else(text: str) -> None:
    assert tags_of(_tagger(*UNRELATED), text) == {}


def test_the_evidence_says_the_word_means_the_target_in_this_plan() -> None:
    tag = tags_of(_tagger("Reduce hair pulling episodes to 2 or fewer per week"), "Pulled twice.")
    assert tag["O1"].evidence[0] == "Pulled ~ hair pulling (in a plan about it)"
    assert any(line.startswith("linked as in plan") for line in tag["O1"].evidence)


@pytest.mark.parametrize(
    ("objective", "forms"),
    [
        ("Reduce hair pulling episodes to 2 or fewer per week", ["pull", "pulled", "pulls"]),
        ("Reduce skin picking to under 10 minutes per day", ["pick", "picked", "picks"]),
        ("Stop nail biting", ["chew", "chewed", "chews", "chewing", "nibbled", "bitten"]),
        ("Reduce motor tics", ["sniff", "sniffed", "sniffs", "ticced", "ticcing", "jerked"]),
        ("Stop vaping", ["puff", "puffed", "puffs", "puffing"]),
        ("Reduce cannabis use to 2 days per week", ["smoke", "smoked", "smokes", "toked"]),
        ("Abstain from gambling", ["wager", "wagered", "wagers", "wagering", "staked"]),
    ],
)
def test_every_form_of_a_plan_verb_links(objective: str, forms: list[str]) -> None:
    tagger = _tagger(objective)
    for form in forms:
        assert "O1" in tags_of(tagger, f"She {form} twice on Monday."), form


@pytest.mark.parametrize(
    ("objective", "text"),
    [
        ("Reduce hair pulling episodes to 2 or fewer per week", "Pulled a muscle at the gym."),
        ("Reduce hair pulling episodes to 2 or fewer per week", "Pulled over to take the call."),
        ("Reduce hair pulling episodes to 2 or fewer per week", "Pulled up outside the school."),
        ("Reduce skin picking to under 10 minutes per day", "Picked up the kids from school."),
        ("Reduce skin picking to under 10 minutes per day", "Picked a film for Friday night."),
        ("Stop nail biting", "Grabbed a bite to eat on the way."),
        ("Stop nail biting", "Chewed gum through the whole lesson."),
        ("Reduce cannabis use to 2 days per week", "Ate smoked salmon at the wedding."),
        ("Reduce cannabis use to 2 days per week", "Her face lit up when he arrived."),
        ("Reduce reassurance seeking to once a day", "Checked in at the front desk."),
        ("Eliminate self-harm", "Cut back on coffee this week."),
        ("Eliminate self-harm", "Cut down to two coffees a day."),
        ("Eliminate self-harm", "Got good marks in the history test."),
        ("Reduce alcohol use to 10 units per week", "Drank plenty of water at the gym."),
        ("Reduce time spent hand washing to 20 minutes a day", "Went to a baby shower."),
        ("Fall asleep within 30 minutes of going to bed", "Crashed the car on Monday."),
        ("Abstain from gambling", "Paid the deposit on the flat."),
        ("Reduce arguments with partner to one per week", "Blew up balloons for the party."),
    ],
)
def test_other_senses_of_a_plan_word_stay_unlinked(objective: str, text: str) -> None:
    assert tags_of(_tagger(objective), text) == {}


def test_a_target_the_wording_names_outright_beats_a_plan_word() -> None:
    # "smoked" is cannabis in a cannabis plan; beside a smoking objective it is the smoking
    tagger = _tagger("Reduce cannabis use to 2 days per week", "Stop smoking cigarettes")
    assert set(tags_of(tagger, "Smoked every evening after work.")) == {"O2"}
    assert set(tags_of(tagger, "Blazed with his cousins twice.")) == {"O1"}


PULLING = "Reduce hair pulling episodes to 2 or fewer per week"
PULLING_URGES = "Reduce intensity of urges to pull to 3/10 or below"


@pytest.mark.parametrize(
    ("text", "objective"),
    [
        ("The urge peaked at 6/10 after dinner.", "O2"),
        ("Urge to pull hit 7/10 in the car.", "O2"),
        ("Felt the pull to do it during the film.", "O2"),
        ("Pulled 3x a day over the weekend.", "O1"),
        ("Pulling happened mostly while reading in bed.", "O1"),
    ],
)
def test_the_urge_goes_to_the_urge_objective_and_the_act_to_the_behaviour(
    text: str, objective: str
) -> None:
    assert set(tags_of(_tagger(PULLING, PULLING_URGES), text)) == {objective}


@pytest.mark.parametrize(
    "text", ["The urge peaked at 6/10 after dinner.", "Urge to pull hit 7/10 in the car."]
)
def test_without_an_urge_objective_the_urge_reaches_the_behaviour(text: str) -> None:
    assert set(tags_of(_tagger(PULLING), text)) == {"O1"}


@pytest.mark.parametrize(
    ("behaviour", "urges", "urge_text", "act_text"),
    [
        (
            "Reduce skin picking to under 10 minutes per day",
            "Lower the strength of urges to pick to 3/10",
            "Urge to pick was 8/10 on Monday.",
            "Picked at her arm during the call.",
        ),
        (
            "Abstain from gambling",
            "Reduce gambling urges to 3/10 or lower",
            "Urge to bet came on strong after payday.",
            "Staked £20 on the football.",
        ),
        (
            "Reduce cannabis use to 2 days per week",
            "Reduce craving intensity to 4/10 or below",
            "Wanted to smoke after the argument.",
            "Smoked on 3 of 7 days.",
        ),
    ],
)
def test_urge_and_behaviour_objectives_are_told_apart(
    behaviour: str, urges: str, urge_text: str, act_text: str
) -> None:
    tagger = _tagger(behaviour, urges)
    assert set(tags_of(tagger, urge_text)) == {"O2"}
    assert set(tags_of(tagger, act_text)) == {"O1"}


def test_an_in_plan_term_with_a_gap_is_refused(tmp_path) -> None:
    path = tmp_path / "bad.json"
    concept = {"name": "pulling", "terms": ["hair pulling"], "in_plan_terms": ["pull ... hair"]}
    path.write_text(json.dumps({"concepts": [concept]}), encoding="utf-8")
    with pytest.raises(ValueError, match="in-plan term"):
        Lexicon(str.split, [str(path)])


PICKING = "Reduce skin picking to under 10 minutes per day"
PULLING = "Reduce hair pulling episodes to 2 or fewer per week"


@pytest.mark.parametrize(
    ("objective", "text"),
    [
        (PICKING, "She picked the kids up from school."),
        (PICKING, "He is picking his battles with his son."),
        (PICKING, "Picked the right song for the wedding."),
        (PICKING, "She picked her daughter up early."),
        (PULLING, "Pulled a double shift on Saturday."),
        (PULLING, "Pulled over to take the call."),
        ("Stop nail biting", "Chewed him out at work."),
        ("Stop nail biting", "Grabbed a bite to eat after group."),
    ],
)
def test_a_plan_verb_in_its_other_sense_links_nothing(objective: str, text: str) -> None:
    # nlp/data/senses.json: a particle, a thing chosen or an idiom after the verb.
    assert tags_of(_tagger(objective), text) == {}


@pytest.mark.parametrize(
    ("objective", "text"),
    [
        (PICKING, "Picked her arm twice on Tuesday."),
        (PULLING, "Pulled 20 hairs over the weekend."),
        ("Stop nail biting", "Chewed her nails through dinner."),
    ],
)
def test_a_plan_verb_beside_such_words_further_off_still_links(objective: str, text: str) -> None:
    assert "O1" in tags_of(_tagger(objective), text)


def test_a_longer_term_over_a_verb_in_its_other_sense_still_matches() -> None:
    # The sense rule blocks "bite" as a distractor would: company over a meal is still company.
    tagger = _tagger("Stop nail biting", "Meet a friend or colleague at least twice a week")
    assert set(tags_of(tagger, "Grabbed a bite to eat with a colleague.")) == {"O2"}

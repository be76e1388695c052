"""Presentations the lexicon was grown for from clinical usage (gambling, hair pulling, self-harm,
ADHD lateness and deadlines, perinatal bonding, chronic-pain pacing, grief, couples, school
absence), and the word senses that growth must not take.

Sentences are written for these tests, not taken from any labelled set; plans are small and
inline so that each test shows the objectives it chooses among.
"""

from __future__ import annotations

import pytest

from nlp import build_tagger
from nlp.planfile import parse_plan
from tests.nlp.conftest import tags_of


def plan(*objectives: tuple[str, str]) -> bytes:
    lines = [
        'client: "T.T."',
        "problems:",
        "  - id: P1",
        '    statement: "test"',
        "    goals:",
        "      - id: G1",
        '        text: "test"',
        "        objectives:",
    ]
    for number, (direction, text) in enumerate(objectives, 1):
        lines += [
            f"          - id: O{number}",
            f'            text: "{text}"',
            f"            direction: {direction}",
        ]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(scope="module")
def gambling():
    return build_tagger(parse_plan(plan(
        ("decrease", "Reduce gambling days to zero"),
        ("increase", "Use money management strategies (give card to partner)"),
    )))


def test_bets_on_the_horses_are_gambling_not_an_animal_fear(gambling) -> None:
    assert set(tags_of(gambling, "Put forty pounds on the horses on Saturday.")) == {"O1"}
    assert set(tags_of(gambling, "Chased his losses on the fruit machines.")) == {"O1"}


def test_handing_over_the_card_is_money_management(gambling) -> None:
    assert set(tags_of(gambling, "Handed over his bank card to his wife for the week.")) == {"O2"}


def test_a_figure_of_speech_bet_is_no_gambling(gambling) -> None:
    assert tags_of(gambling, "I bet she will be late again, he joked.") == {}


def test_pulling_eyelashes_and_a_competing_response() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce hair pulling episodes to fewer than 3 per week"),
        ("increase", "Use a competing response when urges occur"),
    )))
    assert set(tags_of(tagger, "Pulled out eyelashes while watching TV.")) == {"O1"}
    assert set(tags_of(tagger, "Picked at her eyebrows during revision.")) == {"O1"}
    assert "O2" in tags_of(tagger, "Clenched her fists until the urge passed.")
    assert tags_of(tagger, "Pulled a muscle at the gym.") == {}


def test_scratching_until_it_bled_is_self_harm_and_harm_free_negates_it() -> None:
    tagger = build_tagger(parse_plan(plan(("decrease", "Reduce self-harm episodes to zero"))))
    assert "O1" in tags_of(tagger, "Scratched her arms until they bled on Friday.")
    tag = tags_of(tagger, "Harm-free for the whole fortnight.")["O1"]
    assert tag.negated and tag.progress == "improved"
    assert tags_of(tagger, "Scratched his head when asked about the bill.") == {}


def test_adhd_lateness_and_deadlines_have_their_own_targets() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce late arrivals to fewer than 1 per week"),
        ("increase", "Complete tasks before deadlines"),
    )))
    assert set(tags_of(tagger, "Turned up late to the office on Monday and Thursday.")) == {"O1"}
    assert set(tags_of(tagger, "Submitted the essay two days early.")) == {"O2"}


def test_perinatal_bonding_and_a_play_mat_is_no_medication() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("increase", "Increase time spent bonding with the baby"),
        ("increase", "Take buprenorphine (MAT) as prescribed daily"),
    )))
    assert set(tags_of(tagger, "Did skin-to-skin after every feed.")) == {"O1"}
    assert "O2" not in tags_of(tagger, "Played with her son on the play mat each morning.")


def test_pacing_in_chunks_and_overdoing_it() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("increase", "Use activity pacing daily"),
        ("decrease", "Reduce frequency of flare-ups"),
    )))
    assert set(tags_of(tagger, "Did the ironing in ten-minute chunks with rests.")) == {"O1"}
    assert "O1" in tags_of(tagger, "Overdid it decorating and paid for it for three days.")


def test_couples_time_out_and_check_in() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce escalated arguments to one per week"),
        ("increase", "Use repair attempts during conflict"),
        ("increase", "Hold a weekly 20-minute check-in"),
    )))
    assert "O2" in tags_of(tagger, "He called a time-out and they came back to talk an hour later.")
    assert set(tags_of(tagger, "Managed both of their Sunday check-ins.")) == {"O3"}
    assert tags_of(tagger, "The hotel check-in took ages on holiday.") == {}


def test_school_absence_is_non_occurrence_of_attendance() -> None:
    tagger = build_tagger(parse_plan(plan(("increase", "Attend school at least 4 days per week"))))
    tag = tags_of(tagger, "Marked absent on Tuesday and Wednesday.")["O1"]
    assert tag.negated


def test_grief_sorting_belongings_is_approach_to_reminders() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce avoidance of reminders of the loss"),
        ("increase", "Re-engage in 2 valued activities per week"),
    )))
    assert set(tags_of(tagger, "Sorted through his belongings with her son.")) == {"O1"}


def test_sleep_onset_said_as_dropping_off_is_not_a_school_drop_off() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce sleep onset latency to under 30 minutes"),
        ("increase", "Attend school at least 4 days per week"),
    )))
    assert set(tags_of(tagger, "Took about an hour to drop off on most nights.")) == {"O1"}


def test_sitting_where_she_can_see_the_exit_is_hypervigilance() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce nightmares to fewer than 2 per week"),
        ("decrease", "Reduce hypervigilance"),
    )))
    assert set(tags_of(tagger, "Would only sit in the pub where she could see the exit.")) == {"O2"}


def test_a_pull_towards_the_pub_is_craving_and_low_spirits_is_no_drinking() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce alcohol use to 2 drinking days per week"),
        ("decrease", "Reduce cravings to 3/10"),
    )))
    assert set(tags_of(tagger, "Felt a strong pull towards the off-licence on payday.")) == {"O2"}
    assert set(tags_of(tagger, "Polished off a bottle of red on Sunday night.")) == {"O1"}
    assert tags_of(tagger, "Has been in low spirits since the funeral.") == {}


def test_whispers_are_voices_and_refused_tablets_negate_adherence() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce distress from voices to 4/10"),
        ("increase", "Take clozapine as prescribed"),
    )))
    assert set(tags_of(tagger, "Heard whispers in the empty kitchen most nights.")) == {"O1"}
    tag = tags_of(tagger, "Refused her tablets on two evenings.")["O2"]
    assert tag.negated


def test_medication_words_do_not_take_a_medical_objective() -> None:
    tagger = build_tagger(parse_plan(plan(("decrease", "Reduce medical reassurance seeking"))))
    assert tags_of(tagger, "GP started her on sertraline last month.") == {}


def test_staying_muted_on_a_call_negates_speaking_up() -> None:
    tagger = build_tagger(parse_plan(plan(("increase", "Speak up in team meetings once per week"))))
    assert tags_of(tagger, "Stayed on mute through the whole video call.")["O1"].negated


def test_throwing_toys_while_screaming_is_a_tantrum() -> None:
    tantrums = plan(("decrease", "Reduce tantrums to fewer than 3 per week"))
    tagger = build_tagger(parse_plan(tantrums))
    assert "O1" in tags_of(tagger, "Kicked and screamed when bath time was announced.")


def test_passive_death_wishes_are_suicidal_ideation() -> None:
    tagger = build_tagger(parse_plan(plan(("decrease", "Reduce suicidal ideation"))))
    assert "O1" in tags_of(tagger, "Said he sometimes hopes he will not wake up.")
    assert "O1" in tags_of(tagger, "Felt her family would be better off without her.")


def test_a_clean_urine_screen_negates_opioid_use_and_a_score_is_no_opioid() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce opioid use to zero"),
        ("decrease", "Reduce craving score to 3/10"),
    )))
    tag = tags_of(tagger, "Urine was clean at Monday's appointment.")["O1"]
    assert tag.negated and tag.progress == "improved"
    assert "O1" not in tags_of(tagger, "Scored a goal for his five-a-side team.")


def test_dozing_on_the_sofa_is_a_nap_and_exercise_to_make_up_for_food_is_compensatory() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce daytime napping to zero"),
        ("decrease", "Reduce compensatory exercise"),
        ("increase", "Use repair attempts after conflict"),
    )))
    assert set(tags_of(tagger, "Dozed on the sofa most afternoons.")) == {"O1"}
    assert set(tags_of(tagger, "Swam forty lengths to make up for the birthday cake.")) == {"O2"}


def test_not_washing_is_missed_hygiene_in_a_depression_plan_and_sitting_with_it_is_erp() -> None:
    depression = build_tagger(parse_plan(plan(("increase", "Shower and get dressed daily"))))
    assert depression.tag("Hasn't washed since the weekend.")[0].tags[0].negated
    ocd = build_tagger(parse_plan(plan(("increase", "Complete ERP practice 5 days per week"))))
    assert "O1" in tags_of(ocd, "Touched the bin lid and sat with the discomfort for an hour.")


def test_cut_up_in_traffic_is_no_self_harm_and_spending_on_a_whim_is_impulsive() -> None:
    tagger = build_tagger(parse_plan(plan(
        ("decrease", "Reduce self-harm episodes to zero"),
        ("decrease", "Reduce impulsive spending during elevated mood"),
    )))
    assert tags_of(tagger, "Swore at a van driver who cut him up on the ring road.") == {}
    assert set(tags_of(tagger, "Booked a holiday on a whim and maxed out her card.")) == {"O2"}


def test_hiding_the_shaking_is_a_safety_behaviour_and_zoning_out_is_inattention() -> None:
    social = build_tagger(parse_plan(plan(("decrease", "Reduce safety behaviours at work"))))
    assert "O1" in tags_of(social, "Kept her hands in her lap so no one would see the shaking.")
    adhd = build_tagger(parse_plan(plan(("decrease", "Reduce distractibility at work"))))
    assert "O1" in tags_of(adhd, "Zoned out in the team meeting twice.")

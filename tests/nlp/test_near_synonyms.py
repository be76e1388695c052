"""An objective's own everyday words met by their near-synonyms (nlp/near_synonyms.py), the acts
of going to an attendance objective's place (nlp/attendance.py), and evaluative words before a
generic noun ("good days") that match only with such a noun.

The plans (a student with low mood, a child learning to use the toilet, an older adult after a
stroke, an autistic adult keeping a timetable, a carer's self-care, a school-refusing teenager,
a man in early recovery returning to church) and sentences are new, written for these tests;
none is a row of a labelled set."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import listed_plan_taggers, tags_of

PLANS = {
    "student": [
        ("O1", "Attend university classes at least 4 days per week", "increase"),
        ("O2", "Reduce time spent in bed during the day", "decrease"),
    ],
    "toileting": [
        ("O1", "Use the toilet independently before bedtime", "increase"),
        ("O2", "Reduce tantrums at bath time", "decrease"),
    ],
    "stroke": [
        ("O1", "Eat a proper meal twice a day", "increase"),
        ("O2", "Go for a short walk most days", "increase"),
        ("O3", "Visit her sister once a week", "increase"),
    ],
    "timetable": [
        ("O1", "Follow a visual schedule on weekdays", "increase"),
        ("O2", "Reduce meltdowns when plans change", "decrease"),
    ],
    "carer": [
        ("O1", "Keep up with household chores without overdoing it", "increase"),
        ("O2", "Spend 20 minutes in the garden three times a week", "increase"),
    ],
    "refusal": [("O1", "Go to lessons for the whole school day", "increase")],
    "recovery": [
        ("O1", "Go to church on Sundays", "increase"),
        ("O2", "Attend weekly choir rehearsal", "increase"),
    ],
    "days": [
        ("O1", "Increase the number of good days to 4 per week", "increase"),
        ("O2", "Complete the relapse prevention worksheet", "increase"),
    ],
    "evenings": [("O1", "Have three offline evenings per week", "increase")],
    "two_classes": [
        ("O1", "Attend all scheduled classes", "increase"),
        ("O2", "Complete class assignments on time", "increase"),
    ],
}

tagger_for = listed_plan_taggers(PLANS)

# (plan, sentence, objective, words the evidence shows)
NEAR = [
    ("student", "Went to her seminar on Tuesday.", "O1", "seminar ~ classes (near-synonym"),
    ("student", "Sat through a two-hour lecture.", "O1", "lecture ~ classes (near-synonym"),
    ("student", "Missed both tutorials this week.", "O1", "tutorials ~ classes"),
    ("toileting", "Asked for the loo before his story.", "O1", "loo ~ toilet (near-synonym)"),
    ("toileting", "Sat on the potty for a few minutes.", "O1", "potty ~ toilet (near-synonym)"),
    ("stroke", "Managed lunch at the table with her husband.", "O1", "lunch ~ meal (near-synonym)"),
    ("stroke", "Popped round to her sister's on Thursday.", "O3", "Popped round ~ Visit"),
    ("timetable", "Stuck to his timetable all week.", "O1", "timetable ~ schedule"),
    ("timetable", "Ticked off each step on the planner.", "O1", "planner ~ schedule"),
    ("carer", "Did the hoovering and the ironing on Monday.", "O1", "~ chores (near-synonym)"),
    ("carer", "Sat out in the back yard with a cup of tea.", "O2", "yard ~ garden"),
    ("refusal", "Stayed for every class on Wednesday.", "O1", "class ~ lessons"),
    ("recovery", "Went to Mass with his mother.", "O1", "Mass ~ church (near-synonym"),
]


@pytest.mark.parametrize("plan, sentence, objective, shown", NEAR)
def test_a_near_synonym_links_with_weaker_evidence(plan, sentence, objective, shown):
    tag = tags_of(tagger_for(plan), sentence).get(objective)
    assert tag is not None, sentence
    assert any(shown in line for line in tag.evidence), tag.evidence


ATTENDED = [
    ("student", "Made it to the Tuesday seminar.", "O1"),
    ("student", "Showed up to her lectures all week.", "O1"),
    ("refusal", "Turned up to the first two lessons.", "O1"),
    ("recovery", "Was at church with his sister.", "O1"),
    ("recovery", "Made it to rehearsal despite the rain.", "O2"),
    ("two_classes", "Went to all her classes on Monday.", "O1"),
]


@pytest.mark.parametrize("plan, sentence, objective", ATTENDED)
def test_an_act_of_going_reports_the_attendance(plan, sentence, objective):
    tags = tags_of(tagger_for(plan), sentence)
    assert list(tags) == [objective], tags
    assert any("attended" in line for line in tags[objective].evidence), tags[objective].evidence


def test_going_to_a_class_is_the_attendance_not_the_assignments():
    """Both objectives name classes; the act of going says which one the sentence is about."""
    tags = tags_of(tagger_for("two_classes"), "Made it to the seminar and the lecture.")
    assert list(tags) == ["O1"], tags


# (plan, sentence, objective that must not be linked)
DISTRACTORS = [
    ("student", "Her dad lectured her about money.", "O1"),
    ("student", "Said she has learned her lesson about staying up.", "O1"),
    ("student", "Booked a first class ticket home.", "O1"),
    ("toileting", "Mum cleaned the bathroom while he napped.", "O1"),
    ("stroke", "Her lunch club was cancelled.", "O1"),
    ("stroke", "Her mind wandered while she was reading.", "O2"),
    ("stroke", "Walked out of the appointment upset.", "O2"),
    ("timetable", "The bus timetable changed again.", "O1"),
    ("timetable", "The plan is to review medication next week.", "O1"),
    ("recovery", "The scan showed a small mass.", "O1"),
    ("refusal", "Went to bed at ten.", "O1"),
    ("days", "Made good progress with the worksheet.", "O1"),
    ("days", "Her sleep has been good.", "O1"),
    ("evenings", "The wifi was off for the evening.", "O1"),
]


@pytest.mark.parametrize("plan, sentence, objective", DISTRACTORS)
def test_another_sense_does_not_link(plan, sentence, objective):
    assert objective not in tags_of(tagger_for(plan), sentence)


@pytest.mark.parametrize(
    "plan, sentence, objective",
    [
        ("days", "Had a good day on Saturday.", "O1"),
        ("days", "Two good days out of seven this week.", "O1"),
        ("evenings", "Went offline for the evening on Tuesday.", "O1"),
        ("evenings", "Had an offline evening with a book.", "O1"),
    ],
)
def test_a_modifier_of_a_generic_noun(plan, sentence, objective):
    """An evaluative word ("good") links only with a day or night after it; a word that names
    the target itself ("offline") links alone."""
    assert objective in tags_of(tagger_for(plan), sentence)


def test_the_word_itself_outweighs_its_near_synonym():
    tagger = listed_plan_taggers(
        {
            "p": [
                ("O1", "Attend the weekly seminar", "increase"),
                ("O2", "Reduce missed classes", "decrease"),
            ]
        }
    )("p")
    assert list(tags_of(tagger, "Enjoyed the seminar on Friday.")) == ["O1"]
    assert list(tags_of(tagger, "Missed two classes.")) == ["O2"]

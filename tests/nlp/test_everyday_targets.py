"""Targets nearly every plan has, whatever the disorder, in the everyday words of notes written by
others (issue 11): going out and seeing people, cancelling and backing out, reassurance asked for
in so many words, homework done or left blank, turning up to sessions, work and lectures, and
getting up, dressed, fed and out of the house. Each is also checked where its words mean
something else (a parcel that turned up, a partner's night out, googling the bus times).

The plans and sentences are new, written for these tests; none is a row of a labelled set."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import listed_plan_taggers, tags_of

# plan name -> objectives (id, wording, direction); each plan is one problem with one goal
PLANS = {
    "contact": [("O1", "Increase social contact to 3 times per week", "increase")],
    "events": [("O1", "Reduce avoidance of social events", "decrease")],
    "low": [
        ("O1", "Meet a friend or family member twice a week", "increase"),
        ("O2", "Complete the weekly activity schedule", "increase"),
        ("O3", "Shower and dress by 10 am daily", "increase"),
        ("O4", "Eat three meals a day", "increase"),
        ("O5", "Attend all therapy sessions", "increase"),
    ],
    "shy": [
        ("O1", "Attend one social event per week and stay until the end", "increase"),
        ("O2", "Reduce reassurance seeking from her partner", "decrease"),
        ("O3", "Complete exposure homework between sessions", "increase"),
    ],
    "reassure": [("O1", "Reduce reassurance seeking to 2 questions per day", "decrease")],
    "homework": [("O1", "Complete CBT homework between sessions", "increase")],
    "sessions": [("O1", "Attend all weekly therapy sessions", "increase")],
    "college": [("O1", "Attend college classes at least 4 days a week", "increase")],
    "flat": [
        ("O1", "Leave the flat at least once a day", "increase"),
        ("O2", "Do one household task each day", "increase"),
        ("O3", "Maintain personal hygiene (wash and change clothes daily)", "increase"),
    ],
    "house": [("O1", "Leave the house every day", "increase")],
    "meals": [("O1", "Eat three regular meals a day", "increase")],
    "drinking": [("O1", "Maintain abstinence from alcohol", "increase")],
    "routine": [
        ("O1", "Keep a regular daily routine (up by 8, meals at set times)", "increase"),
        ("O2", "Attend psychiatry appointments", "increase"),
    ],
    "partner": [
        ("O1", "Reduce reassurance seeking from her partner about the relationship", "decrease")
    ],
    "peers": [("O1", "Spend time with peers outside school twice a week", "increase")],
    "club": [("O1", "Attend the lunch club weekly", "increase")],
    "care": [("O1", "Look after personal care (showering, clean clothes)", "increase")],
}

# (plan, sentence, the objective it reports on)
LINKS = [
    # going out and social contact
    ("contact", "Had a couple of mates round to watch the football.", "O1"),
    ("contact", "Went out for drinks with the girls from the office.", "O1"),
    ("contact", "Hosted a small dinner for two old friends.", "O1"),
    ("contact", "Joined the others for a curry after the match.", "O1"),
    ("contact", "Went to the pub quiz with the neighbours.", "O1"),
    ("contact", "Met her cousin for a coffee in town.", "O1"),
    ("contact", "Went to a housewarming on Saturday.", "O1"),
    ("contact", "Went to the christening and stayed for the meal.", "O1"),
    ("contact", "Went to the walking club meeting on Thursday.", "O1"),
    ("contact", "Went clubbing with her flatmates.", "O1"),
    ("low", "Went to her nephew's birthday on Sunday.", "O1"),
    ("low", "Hung out with his cousin at the weekend.", "O1"),
    ("shy", "Went to the work Christmas do and stayed the whole time.", "O1"),
    ("shy", "Went to the leaving do but left after half an hour.", "O1"),
    ("events", "Met up with friends for dinner on Friday.", "O1"),
    ("peers", "Went bowling with a few mates on Saturday.", "O1"),
    ("peers", "Went into town with her friends after school.", "O1"),
    ("peers", "Hung around the park with some lads from his year.", "O1"),
    ("contact", "Got together with some old friends from school.", "O1"),
    ("contact", "Grabbed a bite to eat with a colleague.", "O1"),
    ("contact", "Has barely seen a soul all week.", "O1"),
    ("club", "Went along to the lunch club on Wednesday.", "O1"),
    # cancelling and avoiding
    ("events", "Flaked on the birthday meal again.", "O1"),
    ("events", "Cried off the Christmas do with a headache.", "O1"),
    ("events", "Gave the leaving drinks a miss.", "O1"),
    ("events", "Bowed out of the reunion at the last minute.", "O1"),
    ("events", "Got cold feet about the wedding and stayed home.", "O1"),
    ("events", "Cancelled dinner with friends on Saturday.", "O1"),
    ("events", "Rescheduled the dinner with friends again.", "O1"),
    ("shy", "Pulled out of the hen do.", "O1"),
    ("contact", "Flaked on her friend on Friday.", "O1"),
    ("contact", "Backed out of meeting her sister.", "O1"),
    # reassurance seeking in the asking forms
    ("reassure", "Asked him if she looked ok about ten times before going out.", "O1"),
    ("reassure", "Quizzed her partner about whether he was still happy.", "O1"),
    ("reassure", "Needed her mum to tell her nothing bad would happen.", "O1"),
    ("reassure", "Wanted to hear it was fine from the doctor again.", "O1"),
    ("reassure", "Asked her sister over and over if the email sounded rude.", "O1"),
    ("reassure", "Got her husband to promise the kids were safe.", "O1"),
    ("reassure", "Made her partner say everything was ok before bed.", "O1"),
    ("reassure", "Pestered her husband asking whether he was cross.", "O1"),
    ("reassure", "Only asked once this week.", "O1"),
    ("shy", "Needed him to tell her she hadn't embarrassed herself.", "O2"),
    ("partner", "Asked him if he still fancied her.", "O1"),
    ("partner", "Quizzed him about where he had been.", "O1"),
    # homework done or not
    ("homework", "Filled in the diary most days.", "O1"),
    ("homework", "Filled in the tracker every evening.", "O1"),
    ("homework", "Did the exercise three times.", "O1"),
    ("homework", "Didn't do the sheet this week.", "O1"),
    ("homework", "Used the app most days.", "O1"),
    ("homework", "Left the sheet blank.", "O1"),
    ("homework", "Did the reading we set.", "O1"),
    ("low", "Filled in the activity diary most days.", "O2"),
    # attending
    ("sessions", "Made it to the session despite the rain.", "O1"),
    ("sessions", "Stayed for the whole session.", "O1"),
    ("low", "Made it to today's session.", "O5"),
    ("sessions", "Walked out of the session halfway through.", "O1"),
    ("sessions", "Got there on time for once.", "O1"),
    ("college", "Made it to all her lectures.", "O1"),
    ("college", "Skipped his lectures on Monday.", "O1"),
    ("college", "Missed two lectures this week.", "O1"),
    ("college", "Stayed till the end of the lecture.", "O1"),
    # daily functioning and self-care
    ("low", "Got up and dressed by nine on most days.", "O3"),
    ("flat", "Washed and dressed before the carer came.", "O3"),
    ("flat", "Did the washing on Tuesday.", "O2"),
    ("flat", "Put a wash on and hung the washing out.", "O2"),
    ("flat", "Did the ironing for the first time in weeks.", "O2"),
    ("flat", "Took the bins out on Thursday.", "O2"),
    ("house", "Didn't go out at all.", "O1"),
    ("house", "Nipped out to the post office on Monday.", "O1"),
    ("house", "Got out for a bit every day.", "O1"),
    ("care", "Brushed her hair and put some make-up on.", "O1"),
    ("care", "Wore the same clothes all week.", "O1"),
    ("meals", "Has been living on toast.", "O1"),
    ("routine", "Ate at regular times all week.", "O1"),
    ("routine", "Missed his appointment with the psychiatrist.", "O2"),
    ("care", "Hasn't had a wash in a week.", "O1"),
    # the drinking is still drinking in an alcohol plan
    ("drinking", "Went out for drinks on Friday.", "O1"),
]

# (plan, sentence): the words mean something else, or the act is someone else's
NON_LINKS = [
    ("contact", "Her husband had a night out with his mates.", "O1"),
    ("contact", "Her partner went out for drinks with his friends.", "O1"),
    ("contact", "Checked in at the hotel and went straight to bed.", "O1"),
    ("contact", "Turned up the volume on the telly.", "O1"),
    ("contact", "Went to the pub alone and had two pints.", "O1"),
    ("sessions", "Something turned up in the post.", "O1"),
    ("sessions", "The results turned up nothing.", "O1"),
    ("low", "The parcel turned up on Tuesday.", "O5"),
    ("low", "The scan showed up nothing.", "O5"),
    ("low", "Her daughter showered and got dressed for school.", "O3"),
    ("reassure", "Googled the bus times.", "O1"),
    ("reassure", "Asked him if he wanted tea.", "O1"),
    ("reassure", "Her mum kept asking if she was ok.", "O1"),
    ("homework", "Did the washing up.", "O1"),
    ("flat", "His mum did his washing.", "O2"),
    ("house", "Her partner left the house early.", "O1"),
    ("care", "Dressed the wound on her leg.", "O1"),
    ("events", "The party next door went on till 2am.", "O1"),
    ("sessions", "The heating turned up too high.", "O1"),
    ("partner", "Her boss quizzed her about the report.", "O1"),
]

# (plan, sentence, objective, negated): a cancelled meeting is the target not done
NEGATION = [
    ("low", "Flaked on her sister again.", "O1", True),
    ("low", "Cancelled coffee with her mum.", "O1", True),
    ("house", "Didn't set foot outside all weekend.", "O1", True),
    ("college", "Skipped his seminar on Friday.", "O1", True),
    ("care", "Hasn't had a wash in a week.", "O1", True),
]


@pytest.fixture(scope="module")
def tagger_of():
    return listed_plan_taggers(PLANS)


@pytest.mark.parametrize(("plan", "text", "objective"), LINKS)
def test_an_everyday_phrasing_reaches_its_objective(
    tagger_of, plan: str, text: str, objective: str
) -> None:
    assert objective in tags_of(tagger_of(plan), text)


@pytest.mark.parametrize(("plan", "text", "objective"), NON_LINKS)
def test_the_same_words_in_another_sense_or_of_another_person_do_not(
    tagger_of, plan: str, text: str, objective: str
) -> None:
    tag = tags_of(tagger_of(plan), text).get(objective)
    assert tag is None or tag.other_person


@pytest.mark.parametrize(("plan", "text", "objective", "negated"), NEGATION)
def test_a_cancelled_or_missed_target_is_negated(
    tagger_of, plan: str, text: str, objective: str, negated: bool
) -> None:
    assert tags_of(tagger_of(plan), text)[objective].negated is negated

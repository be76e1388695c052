"""The dictation conventions: spoken punctuation, numbers in ratings and scores, corrections."""

import pytest

from nlp.dictation import apply_dictation


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("six out of ten", "6/10"),
        ("Anxiety was 6 out of 10", "Anxiety was 6/10"),
        ("P H Q nine of twelve", "PHQ-9 of 12"),
        ("GAD seven score of eight", "GAD-7 score of 8"),
        ("phq-9 was fourteen, down from eighteen", "PHQ-9 was 14, down from 18"),
        ("PCL five score of forty-two", "PCL-5 score of 42"),
        ("mood rated a three", "mood rated a 3"),
        ("pain twenty one out of one hundred", "pain 21/100"),
    ],
)
def test_numbers_in_ratings_and_scores_become_digits(spoken, written):
    assert apply_dictation(spoken) == written


@pytest.mark.parametrize(
    "ordinary",
    [
        "She has two children and one job",
        "Symptoms eased over a period of two weeks",
        "We tried a new line of treatment",
        "The trial period ended",
        "Audit of the records is due",
        "She read the next section",
    ],
)
def test_ordinary_words_are_left_alone(ordinary):
    assert apply_dictation(ordinary) == ordinary


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("She slept well period", "She slept well."),
        ("She slept well, period. she ate well period", "She slept well. She ate well."),
        ("anxious comma tired comma and sad", "anxious, tired, and sad"),
        ("Is it work stress. Question mark.", "Is it work stress?"),
        ("Plan period new paragraph Continue weekly", "Plan.\n\nContinue weekly"),
        ("First item, new line, second item", "First item\nSecond item"),
        ("over a period of two weeks, period.", "over a period of two weeks."),
    ],
)
def test_spoken_punctuation_becomes_symbols(spoken, written):
    assert apply_dictation(spoken) == written


@pytest.mark.parametrize(
    ("heard", "meant"),
    [
        ("Client started search relying last month.", "Client started sertraline last month."),
        ("Guide 7 score of 8.", "GAD-7 score of 8."),
        ("Effect was anxious.", "Affect was anxious."),
        ("Practice inter-acceptive exposure.", "Practice interoceptive exposure."),
        ("We began c b t today.", "We began CBT today."),
        ("Mood rated for out of 10.", "Mood rated 4/10."),
        ("down from five, Karma, up from two", "down from 5, up from 2"),
    ],
)
def test_correction_table_fixes_misheard_clinical_terms(heard, meant):
    assert apply_dictation(heard) == meant


def test_correction_keeps_the_ordinary_use_of_a_word():
    assert apply_dictation("The side effect was mild.") == "The side effect was mild."
    assert apply_dictation("She believes in karma.") == "She believes in karma."
    assert apply_dictation("Rated it for the week.") == "Rated it for the week."

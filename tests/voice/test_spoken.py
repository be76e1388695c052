"""Spoken navigation at the end of a transcript."""

import pytest

from bot.dialogue.spoken import split_spoken_command


@pytest.mark.parametrize(
    ("transcript", "body", "command"),
    [
        ("She slept better. Next section.", "She slept better.", "next"),
        ("Next section", "", "next"),
        ("next section.", "", "next"),
        ("GO BACK!", "", "back"),
        ("Homework reviewed. Go back.", "Homework reviewed.", "back"),
        ("Skip this.", "", "skip"),
        ("Safety plan reviewed. That's all.", "Safety plan reviewed.", "done"),
        ("Safety plan reviewed. That’s all.", "Safety plan reviewed.", "done"),
        ("Done.", "", "done"),
        ("Mood 4/10.\nCancel.", "Mood 4/10.", "cancel"),
        ("She slept better, next section.", "She slept better", "next"),
    ],
)
def test_trailing_command_is_split_off(transcript, body, command):
    assert split_spoken_command(transcript) == (body, command)


@pytest.mark.parametrize(
    "prose",
    [
        "we discussed the next section of the workbook",
        "We read the next section",
        "Her homework is done.",
        "She wants to go back to work",
        "She said she might cancel",
        "",
    ],
)
def test_prose_that_mentions_a_phrase_is_not_a_command(prose):
    assert split_spoken_command(prose) == (prose, None)

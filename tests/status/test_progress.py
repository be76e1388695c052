"""/progress and "how is A.B. doing (on sleep)?" through the dialogue: per objective a trend with
its rule and the latest evidence, the measurements, a chart. The rules themselves are tested in
test_progress_trends.py, the chart in test_progress_chart.py."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.dialogue.engine import Dialogue
from bot.shared.events import Event
from tests.conftest import CLINICIAN
from tests.reminders.support import add_clinician, add_plan
from tests.status.support import add_signed_note, sentence

PHQ = {"kind": "score", "name": "PHQ-9"}


@pytest.fixture
def dialogue(services) -> Dialogue:
    return Dialogue(services)


async def ask(dialogue: Dialogue, text: str):
    return await dialogue.handle(Event.from_text(CLINICIAN, text))


async def three_sessions(services):
    await add_clinician(services, "America/New_York")
    await add_plan(services, "A.B.", date(2027, 2, 15))
    notes = [
        (datetime(2026, 11, 9, 16, tzinfo=UTC), "improved", 15, 5),
        (datetime(2026, 11, 16, 16, tzinfo=UTC), "improved", 12, 6),
        (datetime(2026, 11, 23, 16, tzinfo=UTC), "worsened", 9, None),
    ]
    for signed_at, progress, phq, sleep in notes:
        measurements = [{**PHQ, "value": phq}]
        sentences = [
            sentence(
                f"Breathing practice {progress} this week.",
                ("O1", progress),
                measurements=measurements,
            ),
        ]
        if sleep is not None:
            sentences.append(
                sentence(
                    f"Slept {sleep} hours.",
                    ("O2", "unknown"),
                    measurements=[
                        {"kind": "duration", "name": "sleep", "value": sleep, "unit": "hour"}
                    ],
                )
            )
        await add_signed_note(services, "A.B.", signed_at, {"assessment": sentences})


async def test_progress_per_objective_with_a_chart(services, dialogue):
    await three_sessions(services)
    text, chart = await ask(dialogue, "/progress A.B.")
    lines = text.text.splitlines()
    assert lines[0] == "A.B. · progress over 3 signed notes"
    assert "O1 Practice diaphragmatic breathing at least 5 days per week" in lines
    # PHQ-9 is named by no objective; every sentence carrying it was tagged with O1 alone.
    assert "· Trend: improving (PHQ-9 15 to 9 over the last 3 sessions)" in lines
    assert "· Measured by: PHQ-9: only O1 tagged in 3 of 3 notes" in lines
    assert "· Latest measure (23 Nov): PHQ-9 9" in lines
    assert "· Latest note (23 Nov, worse): Breathing practice worsened this week." in lines
    assert "· Target 2027-01-15: 46 days left" in lines
    # O2: two values of sleep, and only mentions that state no change
    assert (
        "· Trend: too little data (sleep: 2 value(s); 0 note(s) stating a change; a trend needs"
        " 3 values of a measure or 2 such notes)"
    ) in lines
    assert "• PHQ-9: 15 (09 Nov) → 12 (16 Nov) → 9 (23 Nov)" in lines
    assert "• sleep (hour): 5 (09 Nov) → 6 (16 Nov)" in lines
    assert chart.image.startswith(b"\x89PNG") and len(chart.image) > 10_000


async def test_how_is_a_client_doing_on_a_topic(services, dialogue):
    await three_sessions(services)
    (reply, _) = await ask(dialogue, "How’s a.b. doing on sleep?")
    assert reply.text.startswith("A.B. · “sleep” · progress over 3 signed notes")
    assert "O2 Sleep at least 7 hours on most nights" in reply.text
    assert "O1" not in reply.text and "PHQ-9" not in reply.text
    replies = await ask(dialogue, "how is A.B. doing on gardening?")
    assert replies[0].text == "No objective of A.B. mentions “gardening”. Showing all of them."
    assert "O1" in replies[1].text and "O2" in replies[1].text


async def test_progress_answers_bad_requests_clearly(services, dialogue):
    await add_clinician(services, "America/New_York")
    assert (await ask(dialogue, "/progress"))[0].text.startswith("Which client?")
    assert (await ask(dialogue, "/progress Z.Z."))[0].text.startswith("I don't know a client Z.Z.")
    await add_signed_note(services, "N.P.", datetime(2026, 11, 20, tzinfo=UTC), {})
    (reply,) = await ask(dialogue, "how is N.P. doing?")
    assert reply.text.startswith("N.P. has no treatment plan yet")


async def test_a_plan_without_notes_has_no_chart(services, dialogue):
    await add_clinician(services, "America/New_York")
    await add_plan(services, "C.D.", date(2027, 2, 15))
    (reply,) = await ask(dialogue, "/progress C.D.")
    assert "progress over 0 signed notes" in reply.text
    assert reply.text.count("No tagged evidence yet.") == 2
    assert reply.image is None

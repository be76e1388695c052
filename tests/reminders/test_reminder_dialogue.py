"""/remind, /settings and the buttons under a reminder, through Dialogue.handle."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.dialogue.engine import Dialogue
from bot.shared.events import Event
from tests.conftest import CLINICIAN
from tests.reminders.support import add_clinician, add_draft, cycle, rows


@pytest.fixture
def dialogue(services) -> Dialogue:
    return Dialogue(services)


async def say(dialogue: Dialogue, text: str) -> list[str]:
    return [reply.text for reply in await dialogue.handle(Event.from_text(CLINICIAN, text))]


async def press(dialogue: Dialogue, data: str):
    return await dialogue.handle(Event(CLINICIAN, "button", data=data))


async def test_remind_in_plain_words_repeats_the_time_and_asks(services, clock, dialogue):
    await add_clinician(services, "America/New_York")  # 10:00 on Monday 30 Nov there
    (question,) = await say(dialogue, "remind me at 8 tomorrow to finish A.B.'s note")
    assert question == "I'll remind you Tue 01 Dec 08:00: “finish A.B.'s note”. Is that right?"
    assert await rows(services, kind="own") == []
    replies = await press(dialogue, "remind:confirm:")
    assert replies[0].text == "Done. I'll remind you Tue 01 Dec 08:00."
    (row,) = await rows(services, kind="own")
    assert row.due_at == datetime(2026, 12, 1, 13, 0, tzinfo=UTC)
    assert row.text == "finish A.B.'s note"
    assert (await press(dialogue, "remind:confirm:"))[0].text.startswith("That button")


async def test_a_weekly_reminder_and_a_no(services, clock, dialogue):
    await add_clinician(services, "America/New_York")
    (question,) = await say(dialogue, "/remind every Friday at 4 to review plans")
    assert "every Friday at 16:00, first Fri 04 Dec 16:00" in question
    assert await say(dialogue, "no") == ["Not set."]
    assert await rows(services, kind="own") == []
    await say(dialogue, "/remind every Friday at 4 to review plans")
    await say(dialogue, "yes")
    (row,) = await rows(services, kind="own")
    assert row.recurrence == "weekly:4:16:00"


async def test_bad_reminders_get_a_clear_answer(services, clock, dialogue):
    await add_clinician(services, "America/New_York")
    assert "couldn't find a time" in (await say(dialogue, "remind me sometime maybe"))[0]
    assert "already passed" in (await say(dialogue, "remind me at 9am today to call"))[0]
    assert (
        "under 300 characters" in (await say(dialogue, "remind me in 2 hours to " + "x" * 400))[0]
    )
    assert await rows(services) == []


async def test_quiet_hours_are_named_when_they_hold_a_reminder(services, clock, dialogue):
    await add_clinician(services, "America/New_York")
    (question,) = await say(dialogue, "remind me at 11pm to breathe")
    assert "Tue 01 Dec 07:00 (held until 07:00, after your quiet hours)" in question


async def test_digest_buttons_open_snooze_and_turn_off(
    services, clock, dialogue, dispatcher, outbox
):
    await add_clinician(services, "America/New_York")
    note_id = await add_draft(services)
    await cycle(services, dispatcher)
    clock.set(datetime(2026, 11, 30, 22, 0, tzinfo=UTC))
    await cycle(services, dispatcher)
    (_, digest), *_ = outbox.sent
    buttons = [b.data for row in digest.buttons for b in row]
    assert [b.split(":")[1] for b in buttons] == ["open", "snooze", "morning", "off"]
    opened = await press(dialogue, buttons[0])  # the only draft: straight back into it
    assert "Slept badly all week." in "\n".join(reply.text for reply in opened)
    await say(dialogue, "/cancel")
    second_id = await add_draft(services, "C.D.")
    listed = await press(dialogue, buttons[0])  # two drafts: the list, codes only after a tap
    assert "A.B. · SOAP" in listed[0].text and "C.D. · SOAP" in listed[0].text
    resume = {b.data for row in listed[0].buttons for b in row}
    assert {f"drafts:resume:{note_id}", f"drafts:resume:{second_id}"} <= resume
    snoozed = await press(dialogue, buttons[1])
    assert snoozed[0].text == "Snoozed until Mon 30 Nov 18:00."
    clock.advance(hours=1)
    await cycle(services, dispatcher)
    assert outbox.texts()[1] == "2 notes are waiting (the oldest for 1 h)."
    morning = await press(dialogue, buttons[2])
    assert morning[0].text == "Snoozed until Tue 01 Dec 07:00."
    off = await press(dialogue, buttons[3])
    assert off[0].text.startswith("Turned off: end-of-day digest.")
    await cycle(services, dispatcher)
    assert await rows(services, kind="digest", status="pending") == []
    assert "End-of-day digest: off" in (await say(dialogue, "/settings"))[0]


async def test_own_reminder_button_shows_its_text_only_after_a_tap(
    services, clock, dialogue, dispatcher, outbox
):
    await add_clinician(services, "UTC", quiet_start="00:00", quiet_end="00:00")
    await say(dialogue, "remind me in 2 hours to call A.B.")
    await say(dialogue, "yes")
    clock.advance(hours=2)
    await dispatcher.tick()
    ((_, sent),) = outbox.sent
    assert sent.text == "⏰ Your reminder for 17:00."
    shown = await press(dialogue, sent.buttons[0][0].data)
    assert shown[0].text == "Your reminder: call A.B."
    stopped = await press(dialogue, sent.buttons[2][0].data)
    assert stopped[0].text == "That reminder is stopped."


async def test_settings_change_and_bad_values(services, clock, dialogue, dispatcher):
    await add_clinician(services, "America/New_York")
    assert await say(dialogue, "/settings digest 6pm") == [
        "The digest now comes at 18:00 (your time)."
    ]
    (digest,) = await rows(services, kind="digest", status="pending")
    assert digest.due_at == datetime(2026, 11, 30, 23, 0, tzinfo=UTC)
    assert await say(dialogue, "/settings quiet 22:00-06:30") == [
        "Quiet hours are now 22:00–06:30."
    ]
    assert await say(dialogue, "/settings nudge 48") == ["I'll nudge after a note waits 48 h."]
    assert await say(dialogue, "/settings digest 25:99") == ["I need a time like 17:00 or 5pm."]
    assert await say(dialogue, "/settings quiet late") == ["I need two times like 22:00-07:00."]
    assert await say(dialogue, "/settings nudge -3") == [
        "I need a whole number of hours between 1 and 336."
    ]
    shown = (await dialogue.handle(Event.from_text(CLINICIAN, "/settings")))[0]
    assert "18:00" in shown.text and "22:00–06:30" in shown.text and "48 h" in shown.text
    toggled = await press(dialogue, "settings:toggle:review")
    assert "Plan review reminders: off" in toggled[0].text
    toggled = await press(dialogue, "settings:toggle:review")
    assert "Plan review reminders: on" in toggled[0].text
    assert (await press(dialogue, "remind:snooze:nonexistent"))[0].text.startswith("That reminder")


async def test_remind_lists_own_reminders_with_stop_buttons(services, clock, dialogue):
    await add_clinician(services, "America/New_York")
    await say(dialogue, "remind me in 2 hours to call C.D.")
    await say(dialogue, "yes")
    await say(dialogue, "every Friday at 4 to review plans")
    await say(dialogue, "yes")
    listing, usage = await dialogue.handle(Event.from_text(CLINICIAN, "/remind"))
    assert listing.text.splitlines() == [
        "Your reminders:",
        "• Mon 30 Nov 12:00",
        "• Fri 04 Dec 16:00 (repeats)",
    ]
    assert "C.D." not in listing.text
    assert usage.text.startswith("Tell me in plain words")
    stop_weekly = listing.buttons[1][0]
    assert stop_weekly.label == "Stop Fri 04 Dec 16:00"
    assert (await press(dialogue, stop_weekly.data))[0].text == "That reminder is stopped."
    assert [r.recurrence for r in await rows(services, kind="own", status="pending")] == [None]

"""/progress over Telegram after weeks of notes written and signed in the chat, with the real
tagger: trends from measurements, therapist delivery that is no client progress, the chart."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from PIL import Image

from tests.e2e.test_export import sign_note
from tests.e2e.test_note_linking import give_plan
from tests.reminders.support import add_plan

# give_plan: the panic plan (O1 breathing 5 days a week, O2 fewer than one panic attack a week);
# add_plan: O1 breathing and O2 "Sleep at least 7 hours on most nights".
FIRST_SESSION = datetime(2026, 10, 5, 18, 0, tzinfo=UTC)  # 14:00 in New York


async def weekly_notes(chat, clock, *notes: tuple[str, ...], template: str = "soap") -> None:
    for sections in notes:
        await sign_note(chat, "A.B.", *sections, template=template)
        clock.advance(days=7)


def objective_block(text: str, objective: str) -> list[str]:
    """The lines of one objective in the /progress reply."""
    (block,) = [b for b in text.split("\n\n") if b.startswith(f"{objective} ")]
    return block.split("\n")


async def test_eight_weekly_notes_of_falling_panic_attacks_improve_by_the_measurement_rule(
    chat, services, clock
):
    clock.set(FIRST_SESSION)
    await chat.onboard()
    await give_plan(services, clock)
    notes = [
        (f"Had {attacks} panic attacks this week.", "Calm and engaged.", "Mood steady.", "Weekly.")
        for attacks in (5, 4, 4, 3, 3, 2, 1, 1)
    ]
    await weekly_notes(chat, clock, *notes)

    await chat.say("/progress A.B.")

    reply = chat.expect("A.B. · progress over 8 signed notes")
    assert objective_block(reply.visible_text, "O2") == [
        "O2 Reduce panic attacks to fewer than one per week",
        "· Trend: improving (panic attacks 4 to 1 a week over the last 6 sessions)",
        "· Measured by: panic attack (per week): named in the objective",
        "· Latest measure (23 Nov): panic attacks 1 a week",
        "· Latest note (23 Nov, no change stated): Had 1 panic attacks this week.",
    ]
    assert (
        "• panic attack (per week): 4 (19 Oct) → 3 (26 Oct) → 3 (02 Nov) → 2 (09 Nov) → 1 (16 Nov)"
        " → 1 (23 Nov)"
    ) in reply.visible_text
    (photo,) = chat.photos
    with Image.open(io.BytesIO(photo.data)) as image:
        assert image.format == "PNG" and image.width == 1080


async def test_sleep_from_four_to_seven_hours_is_improving(chat, services, clock):
    clock.set(FIRST_SESSION)
    await chat.onboard()
    await add_plan(services, "A.B.", date(2027, 2, 15))
    notes = [
        (f"Slept {hours} hours a night.", "Alert.", "Sleep improving slowly.", "Weekly.")
        for hours in (4, 5, 6, 7)
    ]
    await weekly_notes(chat, clock, *notes)

    await chat.say("/progress A.B. sleep")

    reply = chat.expect("A.B. · “sleep” · progress over 4 signed notes")
    sleep = objective_block(reply.visible_text, "O2")
    assert sleep[1] == "· Trend: improving (sleep 4 to 7 hours over the last 4 sessions)"
    assert "• sleep (hour): 4 (05 Oct) → 5 (12 Oct) → 6 (19 Oct) → 7 (26 Oct)" in reply.visible_text
    assert len(chat.photos) == 1


async def test_therapist_delivery_alone_is_no_improvement(chat, services, clock):
    clock.set(FIRST_SESSION)
    await chat.onboard()
    await give_plan(services, clock)
    await weekly_notes(
        chat,
        clock,
        ("Client reports a busy week.", "Taught diaphragmatic breathing.", "Engaged.", "Weekly."),
    )
    delivery = (
        "Arrived on time, anxious.",
        "Reviewed diaphragmatic breathing; began interoceptive exposure.",
        "Listened and asked questions.",
        "Next session in a week.",
    )
    await weekly_notes(chat, clock, delivery, delivery, delivery, template="birp")

    await chat.say("/progress A.B.")

    reply = chat.expect("A.B. · progress over 4 signed notes")
    o1 = objective_block(reply.visible_text, "O1")
    assert o1[1].startswith("· Trend: too little data (no measure; 0 note(s) stating a change;")
    assert "improving" not in "\n".join(o1)
    # Whether the tagger calls it "improved" (then its Intervention section overrules) or
    # "unknown", it is no evidence of change.
    sentence = "Reviewed diaphragmatic breathing; began interoceptive exposure."
    assert o1[2] in (
        f"· Latest note (26 Oct, therapist's part, not client progress): {sentence}",
        f"· Latest note (26 Oct, no change stated): {sentence}",
    )
    assert chat.photos == []  # nothing measured, nothing to chart

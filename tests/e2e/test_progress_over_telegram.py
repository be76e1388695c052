"""/progress over Telegram after weeks of notes written and signed in the chat, with the real
tagger: trends from measurements, therapist delivery that is no client progress, the chart."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from PIL import Image

from nlp.planfile import parse_plan
from storage import clients, plans
from tests.conftest import CLINICIAN, onboard

PLAN = """
client: "A.B."
review_due: 2027-02-15
problems:
  - id: P1
    statement: "Panic attacks 4-5 times per week; poor sleep"
    goals:
      - id: G1
        text: "Fewer panic attacks, better sleep"
        objectives:
          - id: O1
            text: "Practice diaphragmatic breathing at least 5 days per week"
            direction: increase
            keywords: [breathing]
          - id: O2
            text: "Reduce panic attacks to fewer than one per week"
            direction: decrease
          - id: O3
            text: "Sleep at least 7 hours on most nights"
        interventions:
          - id: I1
            text: "Teach diaphragmatic breathing and interoceptive exposure (CBT)"
"""
FIRST_SESSION = datetime(2026, 10, 5, 18, 0, tzinfo=UTC)  # 14:00 in New York


async def give_plan(services, clock) -> None:
    async with services.database.transaction() as session:
        client = await clients.get_or_create_client(session, CLINICIAN, "A.B.", clock.now())
        await plans.save_version(
            session,
            clinician_id=CLINICIAN,
            client_id=client.id,
            plan=parse_plan(PLAN),
            change="imported",
            now=clock.now(),
        )


async def sign_note(chat, template: str, *sections: str) -> None:
    await chat.say(f"/note A.B. {template}")
    for text in sections:
        await chat.say(text)
        await chat.say("next")
    await chat.press("Sign")
    chat.expect(f"Signed: {template.upper()} · A.B.")


async def weekly_notes(chat, clock, *notes: tuple[str, ...], template: str = "soap") -> None:
    for sections in notes:
        await sign_note(chat, template, *sections)
        clock.advance(days=7)


def objective_block(text: str, objective: str) -> list[str]:
    """The lines of one objective in the /progress reply."""
    (block,) = [b for b in text.split("\n\n") if b.startswith(f"{objective} ")]
    return block.split("\n")


async def test_falling_panic_attacks_and_longer_sleep_improve_by_the_measurement_rule(
    chat, services, clock
):
    clock.set(FIRST_SESSION)
    await onboard(chat)
    await give_plan(services, clock)
    panic = [5, 4, 4, 3, 3, 2, 1, 1]
    sleep = [None, None, None, None, 4, 5, 6, 7]  # asked about from the fifth session
    notes = [
        (
            f"Had {attacks} panic attacks this week.",
            "Calm and engaged.",
            f"Slept {hours} hours a night." if hours else "Mood steady.",
            "Continue weekly sessions.",
        )
        for attacks, hours in zip(panic, sleep, strict=True)
    ]
    await weekly_notes(chat, clock, *notes)

    await chat.say("/progress A.B.")

    reply = chat.expect("A.B. · progress over 8 signed notes")
    o2 = objective_block(reply.visible_text, "O2")
    assert o2 == [
        "O2 Reduce panic attacks to fewer than one per week",
        "· Trend: improving (panic attacks 4 to 1 a week over the last 6 sessions)",
        "· Measured by: panic attack (per week): named in the objective",
        "· Latest measure (23 Nov): panic attacks 1 a week",
        "· Latest note (23 Nov, no change stated): Had 1 panic attacks this week.",
    ]
    o3 = objective_block(reply.visible_text, "O3")
    assert o3[1] == "· Trend: improving (sleep 4 to 7 hours over the last 4 sessions)"
    assert (
        "• panic attack (per week): 4 (19 Oct) → 3 (26 Oct) → 3 (02 Nov) → 2 (09 Nov) → 1 (16 Nov)"
        " → 1 (23 Nov)"
    ) in reply.visible_text
    assert "• sleep (hour): 4 (02 Nov) → 5 (09 Nov) → 6 (16 Nov) → 7 (23 Nov)" in reply.visible_text
    (photo,) = chat.photos
    with Image.open(io.BytesIO(photo.data)) as image:
        assert image.format == "PNG" and image.width == 1080
        assert image.height > 1000  # two panels: panic attacks and sleep


async def test_therapist_delivery_alone_is_no_improvement(chat, services, clock):
    clock.set(FIRST_SESSION)
    await onboard(chat)
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

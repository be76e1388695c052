"""Blocked routes in the digest: an active objective past its target date is flagged by the
digest itself (time, not a note, brought it), once, by objective id and counts only."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.reminders.support import add_clinician, add_plan, cycle


async def test_an_objective_past_its_target_date_is_flagged_once_without_naming_the_client(
    services, clock, dispatcher, outbox
):
    clock.set(datetime(2027, 1, 18, 15, 0, tzinfo=UTC))  # Monday; O1's target was 15 Jan
    await add_clinician(services, "America/New_York")
    await add_plan(services, "A.B.", date(2027, 3, 1))
    await cycle(services, dispatcher)
    clock.set(datetime(2027, 1, 18, 22, 0, tzinfo=UTC))  # 17:00 in New York
    await cycle(services, dispatcher)

    (digest,) = [reply for _, reply in outbox.sent]
    assert digest.text == (
        "🚧 A route may be blocked: O1 on one client's plan, 3 day(s) past its target date and "
        "not met."
    )
    assert "A.B." not in digest.text and "breathing" not in digest.text
    assert [button.label for button in digest.buttons[0]] == [
        "Review the plan now", "After next session", "Not now"
    ]
    clock.set(datetime(2027, 1, 19, 22, 0, tzinfo=UTC))
    await cycle(services, dispatcher)
    assert len(outbox.sent) == 1


async def test_several_blocked_routes_are_numbered(services, clock, dispatcher, outbox):
    clock.set(datetime(2027, 1, 18, 15, 0, tzinfo=UTC))
    await add_clinician(services, "America/New_York")
    await add_plan(services, "A.B.", date(2027, 3, 1))
    await add_plan(services, "C.D.", date(2027, 3, 1))
    await cycle(services, dispatcher)
    clock.set(datetime(2027, 1, 18, 22, 0, tzinfo=UTC))
    await cycle(services, dispatcher)

    (digest,) = [reply for _, reply in outbox.sent]
    assert digest.text.split("\n\n") == [
        "🚧 2 routes may be blocked:",
        "1. O1 on one client's plan, 3 day(s) past its target date and not met.",
        "2. O1 on one client's plan, 3 day(s) past its target date and not met.",
    ]
    assert [button.label for button in digest.buttons[1]] == [
        "2 · Review the plan now", "2 · After next session", "2 · Not now"
    ]

"""The record proves itself, through the bot: a tampered signed note is named and left out while
the rest works, one damaged client code costs one line, a button pressed in a group chat is
refused there and audited, and /audit shows the clinician who touched their records."""

from __future__ import annotations

import copy

from sqlalchemy import select, text

from storage.clients import Clients
from storage.models import AuditEvent, Client, Clinician, Note
from tests.e2e.test_export import sign_note
from tests.e2e.test_note_linking import give_plan


async def drop_note_trigger(session) -> None:
    if session.bind.dialect.name == "sqlite":
        await session.execute(text("DROP TRIGGER signed_note_no_update"))
    else:
        await session.execute(text("DROP TRIGGER signed_note_immutable ON notes"))


async def test_a_tampered_note_is_named_and_the_rest_still_exports(chat, services, clock):
    await chat.onboard()
    await give_plan(services, clock)
    for days in ("two", "five"):
        practised = f"Practised diaphragmatic breathing on {days} days."
        await sign_note(chat, "A.B.", practised, "Calm.", "Panic attacks fewer.", "Same plan.")
    async with services.database.transaction() as session:
        first = (await session.scalars(select(Note).order_by(Note.signed_at))).first()
        await drop_note_trigger(session)
        await session.execute(
            text("UPDATE notes SET signed_at = :at WHERE id = :id"),
            {"at": first.signed_at.replace(tzinfo=None, year=2025), "id": first.id},
        )
    await chat.say("/export A.B. text")
    chat.expect("failed its integrity check", f"note {first.id}", "2025")
    (exported,) = chat.documents
    body = exported.data.decode()
    assert "on five days" in body and "on two days" not in body
    assert f"Note {first.id}" in body and "failed its integrity check" in body
    await chat.say("/progress A.B.")
    chat.expect("failed its integrity check", f"note {first.id}")
    await chat.say("/addendum A.B.")
    chat.expect("failed its integrity check")
    assert len(chat.buttons()) == 1, "only the note that verifies can take an addendum"


async def test_one_damaged_client_code_costs_one_line_of_the_client_list(chat, services):
    await chat.onboard()
    for code in ("A.B.", "C.D.", "E.F."):
        await sign_note(chat, code, "Seen.", "Calm.", "Stable.", "Same plan next week.")
    async with services.database.transaction() as session:
        client = (await session.scalars(select(Client).order_by(Client.created_at))).first()
        damaged = bytearray(client.code_sealed)
        damaged[-1] ^= 1
        await session.execute(
            text("UPDATE clients SET code = :code WHERE id = :id"),
            {"code": bytes(damaged), "id": client.id},
        )
    await chat.say("/clients")
    listed = chat.expect("1 record could not be read (integrity)")
    assert "C.D." in listed.visible_text and "E.F." in listed.visible_text
    await chat.say("/export C.D. text")
    assert len(chat.documents) == 1


async def test_a_client_moved_in_from_another_clinician_costs_one_line(chat, services, clock):
    """The row's owner is in its sealed code's associated data: moved by straight SQL into this
    clinician's list, the code no longer decrypts there, and the list says so in one line."""
    await chat.onboard()
    await sign_note(chat, "A.B.", "Seen.", "Calm.", "Stable.", "Same plan next week.")
    async with services.database.transaction() as session:
        session.add(Clinician(id=chat.user_id + 1, created_at=clock.now(), reminders_off=[]))
        await session.flush()
        theirs = await Clients(session, chat.user_id + 1).get_or_create("X.Y.", clock.now())
        await session.execute(
            text("UPDATE clients SET clinician_id = :me WHERE id = :id"),
            {"me": chat.user_id, "id": theirs.id},
        )
    await chat.say("/clients")
    listed = chat.expect("1 record could not be read (integrity)")
    assert "A.B." in listed.visible_text and "X.Y." not in listed.visible_text


async def test_a_button_pressed_in_a_group_chat_is_refused_there_and_audited(chat, services):
    await chat.onboard()
    await sign_note(chat, "A.B.", "Seen.", "Calm.", "Stable.", "Same plan next week.")
    await chat.say("/clients")
    keyboard = chat.expect("A.B.")
    button = next(b for b in keyboard.inline_buttons if b["text"].startswith("A.B."))
    update = chat.api.updates.callback_query(chat.user_id, keyboard, button["callback_data"])
    crafted = copy.deepcopy(update)
    crafted["callback_query"]["message"]["chat"] = {
        "id": -100777, "type": "supergroup", "title": "Team room"
    }
    await chat._feed(crafted)
    sent = [call for call in chat.activity if call.message is not None]
    assert sent == [], "nothing is sent anywhere, least of all into the group"
    async with services.database.sessions() as session:
        refused = (await session.scalars(
            select(AuditEvent).where(AuditEvent.action == "failed_access")
        )).all()
    assert [(row.actor, row.record_type, row.transport) for row in refused] == [
        (chat.user_id, "chat", "telegram")
    ]
    await chat.press("A.B.")
    card = chat.expect("Signed notes: 1")  # the same button in the private chat still works
    assert "📝 New note" in card.buttons


async def test_audit_lists_the_last_accesses_of_the_clinicians_records(chat, services):
    await chat.onboard()
    await sign_note(chat, "A.B.", "Seen.", "Calm.", "Stable.", "Same plan next week.")
    await chat.say("/export A.B. text")
    await chat.say("/audit")
    shown = chat.expect("accesses of your records")
    lines = shown.visible_text.splitlines()
    assert "read · audit trail" in lines[1]
    assert any("exported · client record · A.B." in line for line in lines)
    assert any("signed · note · A.B." in line for line in lines)
    assert all("Seen." not in line for line in lines), "never content"

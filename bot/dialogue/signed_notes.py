"""`/notes CODE`: a client's signed notes in the chat, by date of service; a tap shows one in full.

/notes ──► recent clients ──tap──► the list          /notes A.B. ──► the list
the list: a button per signed note, newest session first ──tap──► the note as the record has it:
    an integrity line, its service details, sections, signature and fingerprint, the objectives
    it addressed with their text and plan version, its addenda.

A note is shown as the text export writes it (bot/export), so the chat and the file never
disagree. Only signed progress notes: drafts are in /drafts, private notes in /private.
"""

from __future__ import annotations

import logging

from bot.dialogue.clients import client_buttons
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.export.build import build_record
from bot.export.text import note_text
from bot.shared import dates
from bot.shared.events import Button
from storage.crypto import DecryptionError
from storage.integrity import verify_cosignature, verify_note
from storage.models import Addendum, Client, Note, NoteCosignature
from storage.notes import service_day

LISTED = 30  # buttons in one list; /export has every note
log = logging.getLogger(__name__)


async def notes_command(turn: Turn) -> None:
    if not turn.event.args:
        recent = await turn.store.clients.recent()
        key = "notes.ask_client" if recent else "notes.usage"
        turn.say(key, buttons=client_buttons(recent, "notes:client"))
        return
    # Looked up, never created: a mistyped code must not become a new client.
    client = await turn.store.clients.find(turn.event.args[0])
    if client is None:
        turn.say("notes.unknown_client", client=turn.event.args[0].strip())
        return
    await list_notes(turn, client)


async def list_notes(turn: Turn, client: Client) -> None:
    signed = await turn.store.notes.signed(client.id)
    if not signed:
        turn.say("notes.none", client=client.code)
        return
    served = sorted(signed, key=lambda note: (service_day(note, turn.zone), note.signed_at),
                    reverse=True)
    buttons = [[Button(_label(turn, note), f"notes:show:{note.id}")] for note in served[:LISTED]]
    more = turn.words("notes.more", shown=LISTED) if len(served) > LISTED else ""
    turn.say("notes.list", client=client.code, count=len(served), more=more, buttons=buttons)


def _label(turn: Turn, note: Note) -> str:
    # Plain columns only: a list is never held up by one value that cannot be decrypted.
    template = turn.services.templates.get(note.template)
    parts = [dates.weekday_year(service_day(note, turn.zone)),
             template.name if template else note.template.upper()]
    if note.service_format is not None:
        parts.append(turn.words(f"record.format.{note.service_format}"))
    return " · ".join(parts)


async def show_note(turn: Turn, note_id: str) -> None:
    rows = await turn.store.exports.note_rows(turn.clinician, note_id)
    if rows is None:
        turn.say("input.stale_button")
        return
    (row, addenda) = rows.signed[0]
    try:
        record = build_record(rows, turn.services.templates,
                              practice=turn.services.settings.practice_name, now=turn.now)
    except DecryptionError:
        # One bad record stays one bad record: said, reported by table and row, never its text.
        log.error("notes row %s (or its addenda) cannot be decrypted", row.id)
        turn.say("notes.unreadable")
        return
    (note,) = record.notes
    text = note_text(record, note, turn.services.wording)
    cosignature = rows.cosignatures.get(row.id)
    turn.reply(integrity_line(turn, row, addenda, cosignature) + "\n\n" + text)


def integrity_line(
    turn: Turn, row: Note, addenda: list[Addendum], cosignature: NoteCosignature | None = None
) -> str:
    """Whether the note, its addenda and its co-signature are still as signed
    (storage/integrity.py)."""
    if verify_note(row, addenda) is None and (
        cosignature is None or verify_cosignature(cosignature, row) is None
    ):
        return turn.words("notes.integrity.intact")
    return turn.words("notes.integrity.broken")


async def on_button(turn: Turn, action: str, argument: str) -> None:
    if action == "show":
        await show_note(turn, argument)
        return
    client = await turn.store.clients.own(argument) if action == "client" else None
    if client is None:
        turn.say("input.stale_button")
        return
    await list_notes(turn, client)


ROUTES = Routes(commands={"notes": notes_command}, buttons={"notes": on_button})

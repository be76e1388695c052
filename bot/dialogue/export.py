"""`/export [CODE]`: a client's signed notes as one text file, to paste or attach into the record.

/export ──► export.client ──(code typed or recent client tapped)──► the file, idle
/export A.B. ──► the file
Only signed notes go in, oldest first, each with its signed time, SHA-256 fingerprint, sections,
objectives addressed and addenda; unfinished notes are counted, not included, and private notes
never. The file name carries no client code (a code is client information).
"""

from __future__ import annotations

from datetime import datetime

from bot.dialogue.clients import client_buttons, own_client
from bot.dialogue.notes.linking import objectives_addressed
from bot.dialogue.notes.render import whole_note
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from storage import clients as client_store
from storage import notes as note_store
from storage.models import Addendum, Client, Note

MOMENT = "%a %d %b %Y %H:%M"


async def export_command(turn: Turn) -> None:
    if turn.event.args:
        await _export_code(turn, turn.event.args[0])
        return
    recent = await client_store.recent_clients(turn.session, turn.clinician.id)
    turn.goto("export.client")
    key = "export.ask_client_recent" if recent else "export.ask_client_new"
    turn.say(key, buttons=client_buttons(recent, "export:client"))


async def on_client_text(turn: Turn) -> None:
    turn.goto("idle")
    await _export_code(turn, turn.event.text)


async def on_button(turn: Turn, action: str, client_id: str) -> None:
    client = await own_client(turn, client_id) if action == "client" else None
    if client is None:
        turn.say("input.stale_button")
        return
    if turn.mode == "export.client":
        turn.goto("idle")
    await send_record(turn, client)


async def _export_code(turn: Turn, code: str) -> None:
    # Looked up, never created: a mistyped code must not become a new client.
    client = await client_store.find_client(turn.session, turn.clinician.id, code)
    if client is None:
        turn.say("export.unknown_client", client=code.strip())
        return
    await send_record(turn, client)


async def send_record(turn: Turn, client: Client) -> None:
    record = await note_store.signed_record(turn.session, client.id)
    if not record:
        turn.say("export.none", client=client.code)
        return
    exported = turn.local(turn.now)
    lines = [
        turn.words(
            "export.file_header",
            client=client.code,
            when=exported.strftime(MOMENT),
            zone=turn.clinician.timezone,
        )
    ]
    lines += [_note_text(turn, note, addenda, client.code) for note, addenda in record]
    name = f"signed-notes-{exported:%Y%m%d-%H%M}.txt"
    turn.reply(
        turn.words("export.sent", client=client.code, count=len(record)),
        file=(name, ("\n\n" + "═" * 40 + "\n\n").join(lines).encode("utf-8") + b"\n"),
    )
    (standing,) = await client_store.standings(turn.session, turn.clinician.id, client.id)
    if standing.drafts:
        turn.say("export.drafts_left_out", count=standing.drafts, client=client.code)


def _note_text(turn: Turn, note: Note, addenda: list[Addendum], code: str) -> str:
    template = turn.services.templates.get(note.template)
    parts = [whole_note(turn, note, template, code) if template else _by_key(note)]
    signed = turn.words("export.signed", when=_when(turn, note.signed_at), hash=note.content_hash)
    parts.append(signed)
    objectives = objectives_addressed(note)
    if objectives:
        parts.append(turn.words("export.objectives", objectives=", ".join(objectives)))
    parts += [
        turn.words("export.addendum", when=_when(turn, addendum.created_at), text=addendum.body)
        for addendum in addenda
    ]
    return "\n\n".join(parts)


def _by_key(note: Note) -> str:
    # The note's template has since been removed from the practice's set: nothing is left out.
    return "\n\n".join(
        f"{note.template}: {key}\n{note_store.section_text(note, key)}"
        for key in note_store.filled_sections(note)
    )


def _when(turn: Turn, moment: datetime) -> str:
    return turn.local(moment).strftime(MOMENT)


ROUTES = Routes(
    commands={"export": export_command},
    buttons={"export": on_button},
    modes={"export.client": on_client_text},
)

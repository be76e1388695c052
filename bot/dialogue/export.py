"""`/export [CODE] [text|pdf|fhir]`: a client's signed record as a file, in the format tapped.

/export ──► export.client ──(code typed or recent client tapped)──► Text · PDF · FHIR ──► the file
                 └──(text that is no client's code: a question, note text)──► back where the
                    clinician was (a note, say), the text handled there; the question dropped
/export A.B. ──► Text · PDF · FHIR ──► the file          /export A.B. pdf ──► the file
Only signed notes go in, oldest first; unfinished notes are counted, not included, and private
notes never. What each format holds is bot/export's; the file name carries no client code.
"""

from __future__ import annotations

import asyncio

from bot.dialogue.clients import client_buttons, read_code
from bot.dialogue.integrity import tell_failures
from bot.dialogue.modes import Mode
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.export.build import build_record
from bot.export.files import FORMATS, ExportFormat
from bot.shared.events import Button
from storage.models import Client


class ExportMode(Mode):
    CLIENT = "export.client"



async def export_command(turn: Turn) -> None:
    if turn.event.args:
        code, *rest = turn.event.args
        await _export_code(turn, code, rest[0].lower() if rest else None)
        return
    recent = await turn.store.clients.recent()
    turn.step_aside(ExportMode.CLIENT)
    key = "export.ask_client_recent" if recent else "export.ask_client_new"
    turn.say(key, buttons=client_buttons(recent, "export:client"))


async def on_client_text(turn: Turn) -> None:
    turn.step_back()
    code, problem = read_code(turn.event.text)
    if problem is None and await turn.store.clients.find(code) is not None:
        await _export_code(turn, code, None)
    elif problem is None and _looks_like_code(turn.event.text):
        turn.say("export.unknown_client", client=code)  # a code, mistyped: ask again
        turn.step_aside(ExportMode.CLIENT)
    else:
        turn.say("export.not_a_code")
        await turn.route_text(turn)


def _looks_like_code(typed: str) -> bool:
    """ "A.C." or "AC", not "Slept" or "what's left today?": initials have a dot or a digit,
    or are a few capitals."""
    word = typed.strip()
    return any(c in "._-" or c.isdigit() for c in word) or (word.isupper() and len(word) <= 4)


async def on_button(turn: Turn, action: str, client_id: str) -> None:
    known = action == "client" or action in FORMATS
    client = await turn.store.clients.own(client_id) if known else None
    if client is None:
        turn.say("input.stale_button")
        return
    if turn.mode == ExportMode.CLIENT:
        turn.step_back()
    if action == "client":
        await offer_formats(turn, client)
    else:
        await send_record(turn, client, FORMATS[action])


async def _export_code(turn: Turn, code: str, format_key: str | None) -> None:
    # Looked up, never created: a mistyped code must not become a new client.
    client = await turn.store.clients.find(code)
    if client is None:
        turn.say("export.unknown_client", client=code.strip())
        return
    chosen = FORMATS.get(format_key) if format_key else None
    if chosen is None:
        await offer_formats(turn, client)
    else:
        await send_record(turn, client, chosen)


async def offer_formats(turn: Turn, client: Client) -> None:
    (standing,) = await turn.store.clients.standings(client.id)
    if not standing.signed:
        turn.say("export.none", client=client.code)
        return
    row = [
        Button(turn.words(f"export.format.{key}"), f"export:{key}:{client.id}") for key in FORMATS
    ]
    turn.say("export.ask_format", client=client.code, count=standing.signed, buttons=[row])


async def send_record(turn: Turn, client: Client, chosen: ExportFormat) -> None:
    rows = await turn.store.exports.rows(turn.clinician, client)
    await turn.store.audit.record("export", turn.now, "client", client.id, client_id=client.id)
    tell_failures(turn, rows.failed)
    if not rows.signed:
        if not rows.failed:
            turn.say("export.none", client=client.code)
        return
    record = build_record(
        rows,
        turn.services.templates,
        practice=turn.services.settings.practice_name,
        now=turn.now,
    )
    # A PDF of a long record takes a while: off the event loop, so other chats keep moving.
    content = await asyncio.to_thread(chosen.render, record, turn.services.wording)
    turn.reply(
        turn.words(
            "export.sent",
            client=client.code,
            count=len(record.notes),
            what=turn.words(f"export.what.{chosen.key}"),
        ),
        file=(chosen.file_name(turn.local(turn.now)), content),
    )
    (standing,) = await turn.store.clients.standings(client.id)
    if standing.drafts:
        turn.say("export.drafts_left_out", count=standing.drafts, client=client.code)


ROUTES = Routes(
    commands={"export": export_command},
    buttons={"export": on_button},
    modes={ExportMode.CLIENT: on_client_text},
)

"""Supervision: a supervisee's signed notes go to their supervisor, who co-signs or returns them.

    supervisee: Sign and send for co-signature ──► signed (as ever) + sent; the supervisor is told
                "A note is waiting for your co-signature (/cosign)": no client, no content
    supervisor: /cosign ──► waiting notes ──tap──► the note in full ──Co-sign──► co-signed
                                                                  └─Return──► cosign.comment
                cosign.comment ──(typed)──► returned: the supervisee finds a new draft of it in
                                            /drafts, "Returned by your supervisor: …" on top
A signed note never changes, so a return cannot reopen it: it stays in the record, signed and
marked returned, and the rewrite is a new note that is signed and sent again. A note that no
longer reads as it did when it was sent (its fingerprint differs) is neither co-signed nor
returned. Who supervises whom is the deployment's WAYFINDER_SUPERVISORS (bot/config.py); a
supervisor reading a supervisee's note is one more reader of that record, audited as such.
"""

from __future__ import annotations

import logging

from bot.dialogue.modes import IDLE, Mode
from bot.dialogue.routes import Routes
from bot.dialogue.signed_notes import integrity_line
from bot.dialogue.turn import Turn
from bot.export.build import build_record
from bot.export.text import note_text
from bot.shared import dates
from bot.shared.events import Button
from storage.crypto import DecryptionError
from storage.models import Note
from storage.notes import service_day

log = logging.getLogger(__name__)

LISTED = 30


class SupervisionMode(Mode):
    COMMENT = "cosign.comment"


def supervisor(turn: Turn) -> int | None:
    """Who co-signs this clinician's notes, if anyone."""
    return turn.services.settings.supervisor_of(turn.clinician.id)


def sign_label(turn: Turn, group: bool = False) -> str:
    """What the Sign button says: a supervisee's signature sends the note on."""
    key = "group.button.sign" if group else "note.button.sign"
    return turn.words("supervision.button.sign_and_send" if supervisor(turn) else key)


async def send_signed(turn: Turn, notes: list[Note]) -> None:
    """After signing: a supervisee's notes go to their supervisor (said so), others' nowhere."""
    supervising = supervisor(turn)
    if supervising is None:
        return
    for note in notes:
        await turn.store.cosignatures.send(note, supervising, turn.now)
        await turn.store.audit.note("cosign.request", turn.now, note)
    turn.say("supervision.sent", count=len(notes))


async def returned_comment(turn: Turn, note: Note) -> str | None:
    """"Returned by your supervisor: …" for a draft made from a returned note, else None."""
    returned = await turn.store.cosignatures.returned_for(note.id)
    if returned is None:
        return None
    return turn.words("supervision.returned_comment", comment=returned.comment)


async def cosign_command(turn: Turn) -> None:
    waiting = await turn.store.cosignatures.waiting()
    if not waiting:
        supervises = turn.clinician.id in turn.services.settings.supervisors
        turn.say("supervision.none_waiting" if supervises else "supervision.not_a_supervisor")
        return
    # The supervisor now reads these clients' codes: one audit row for the list.
    await turn.store.audit.record("read", turn.now, "cosign_list")
    buttons = []
    for request, note, client in waiting[:LISTED]:
        template = turn.services.templates.get(note.template)
        label = turn.words(
            "supervision.waiting_line",
            client=client.code,
            template=template.name if template else note.template.upper(),
            day=dates.weekday_year(service_day(note, turn.zone)),
            writer=request.clinician_id,
        )
        buttons.append([Button(label, f"cosign:show:{request.id}")])
    turn.say("supervision.waiting", count=len(waiting), buttons=buttons)


async def show(turn: Turn, request_id: str) -> None:
    request = await turn.store.cosignatures.to_decide(request_id)
    rows = None if request is None else await turn.store.exports.sent_note_rows(request.note_id)
    if rows is None:
        turn.say("supervision.gone")
        return
    (row, addenda) = rows.signed[0]
    await turn.store.audit.record("read", turn.now, "note", row.id, client_id=row.client_id)
    try:
        record = build_record(rows, turn.services.templates,
                              practice=turn.services.settings.practice_name, now=turn.now)
    except DecryptionError:
        log.error("notes row %s (or its addenda) cannot be decrypted", row.id)
        turn.say("notes.unreadable")
        return
    (note,) = record.notes
    text = note_text(record, note, turn.services.wording)
    buttons = [[turn.button("supervision.button.cosign", f"cosign:sign:{request.id}"),
                turn.button("supervision.button.return", f"cosign:return:{request.id}")]]
    turn.reply(integrity_line(turn, row, addenda) + "\n\n" + text, buttons=buttons)


async def cosign(turn: Turn, request_id: str) -> None:
    request = await turn.store.cosignatures.to_decide(request_id)
    if request is None:
        turn.say("supervision.gone")
        return
    if not await turn.store.cosignatures.cosign(request, turn.now):
        await _refuse_changed(turn, request.note_id, request.client_id)
        return
    await turn.store.audit.record("cosign.sign", turn.now, "note", request.note_id,
                                  client_id=request.client_id)
    turn.say("supervision.cosigned", when=dates.moment(turn.local(turn.now)),
             zone=turn.clinician.timezone, digest=request.content_hash[:16])


async def ask_comment(turn: Turn, request_id: str) -> None:
    if await turn.store.cosignatures.to_decide(request_id) is None:
        turn.say("supervision.gone")
        return
    turn.goto(SupervisionMode.COMMENT, request=request_id)
    turn.say("supervision.ask_comment")


async def on_comment(turn: Turn) -> None:
    comment = turn.event.text.strip()
    if not comment:
        turn.say("supervision.ask_comment")
        return
    request = await turn.store.cosignatures.to_decide(turn.state.get("request"))
    turn.goto(IDLE)
    if request is None:
        turn.say("supervision.gone")
        return
    if await turn.store.cosignatures.give_back(request, comment, turn.now) is None:
        await _refuse_changed(turn, request.note_id, request.client_id)
        return
    await turn.store.audit.record("cosign.return", turn.now, "note", request.note_id,
                                  client_id=request.client_id)
    turn.say("supervision.returned")


async def _refuse_changed(turn: Turn, note_id: str, client_id: str) -> None:
    # The note's fingerprint is not the one sent: someone changed the record behind its back.
    await turn.store.audit.record("failed_access", turn.now, "note", note_id, client_id=client_id)
    turn.say("supervision.changed")


async def on_button(turn: Turn, action: str, argument: str) -> None:
    handlers = {"show": show, "sign": cosign, "return": ask_comment}
    handler = handlers.get(action)
    if handler is None:
        turn.say("input.stale_button")
        return
    await handler(turn, argument)


ROUTES = Routes(
    commands={"cosign": cosign_command},
    buttons={"cosign": on_button},
    modes={SupervisionMode.COMMENT: on_comment},
)

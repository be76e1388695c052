"""`/addendum`: add text to a signed note without changing it (the note stays as signed).

    /addendum [CODE] ──► pick a recently signed note ──► addendum.text ──(typed or kept voice)──►
                         stored with its own time, idle
"""

from __future__ import annotations

from sqlalchemy import select

from bot.dialogue.events import Button
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from storage import clients, notes
from storage.models import Client, Note

RECENT_SIGNED = 8


async def addendum_command(turn: Turn) -> None:
    query = select(Note).where(Note.clinician_id == turn.clinician.id, Note.status == "signed")
    if turn.event.args:
        client = await clients.find_client(turn.session, turn.clinician.id, turn.event.args[0])
        if client is None:
            turn.say("addendum.no_client")
            return
        query = query.where(Note.client_id == client.id)
    signed = list(await turn.session.scalars(
        query.order_by(Note.signed_at.desc()).limit(RECENT_SIGNED)
    ))
    if not signed:
        turn.say("addendum.none")
        return
    buttons = []
    for note in signed:
        client = await turn.session.get(Client, note.client_id)
        template = turn.services.templates.get(note.template)
        name = template.name if template else note.template.upper()
        when = turn.local(note.signed_at).strftime("%d %b %H:%M")
        buttons.append([Button(f"{client.code} · {name} · {when}", f"addendum:pick:{note.id}")])
    turn.say("addendum.pick", buttons=buttons)


async def on_button(turn: Turn, action: str, note_id: str) -> None:
    note = await turn.session.get(Note, note_id)
    if action != "pick" or note is None or note.clinician_id != turn.clinician.id:
        turn.say("input.stale_button")
        return
    turn.goto("addendum.text", note_id=note.id)
    turn.say("addendum.ask_text")


async def on_text(turn: Turn) -> None:
    note = await turn.session.get(Note, turn.conversation.note_id)
    text = turn.event.text.strip()
    if note is None or note.clinician_id != turn.clinician.id:
        turn.goto("idle")
        turn.say("note.gone")
        return
    if not text:
        turn.say("note.nothing_to_add")
        return
    await notes.add_addendum(turn.session, note, text, turn.now)
    turn.goto("idle")
    turn.say("addendum.added", when=turn.local(turn.now).strftime("%d %b %Y %H:%M"))


ROUTES = Routes(
    commands={"addendum": addendum_command},
    buttons={"addendum": on_button},
    modes={"addendum.text": on_text},
    dictation_modes=frozenset({"addendum.text"}),
)

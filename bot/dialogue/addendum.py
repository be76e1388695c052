"""`/addendum`: add text to a signed note without changing it (the note stays as signed).

    /addendum [CODE] ──► pick a recently signed note ──► addendum.text ──(typed or kept voice)──►
                         stored with its own time, idle
"""

from __future__ import annotations

from bot.dialogue.integrity import tell_failures
from bot.dialogue.modes import IDLE, Mode
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared import dates
from bot.shared.events import Button
from storage.integrity import verify_note


class AddendumMode(Mode):
    TEXT = "addendum.text"


RECENT_SIGNED = 8


async def addendum_command(turn: Turn) -> None:
    store, client_id = turn.store, None
    if turn.event.args:
        client = await store.clients.find(turn.event.args[0])
        if client is None:
            turn.say("addendum.no_client")
            return
        client_id = client.id
    signed = await store.notes.recently_signed(RECENT_SIGNED, client_id)
    if not signed:
        turn.say("addendum.none")
        return
    await turn.store.audit.record("read", turn.now, "note_list", client_id=client_id)
    buttons = []
    failures = [failure for note in signed if (failure := verify_note(note)) is not None]
    tell_failures(turn, failures)
    failed = {failure.row_id for failure in failures}
    for note in signed:
        if note.id in failed:
            continue
        client = await store.clients.own(note.client_id)
        template = turn.services.templates.get(note.template)
        name = template.name if template else note.template.upper()
        when = dates.short_moment(turn.local(note.signed_at))
        buttons.append([Button(f"{client.code} · {name} · {when}", f"addendum:pick:{note.id}")])
    turn.say("addendum.pick", buttons=buttons)


async def on_button(turn: Turn, action: str, note_id: str) -> None:
    note = await turn.store.notes.own(note_id)
    if action != "pick" or note is None:
        turn.say("input.stale_button")
        return
    turn.goto(AddendumMode.TEXT, note_id=note.id)
    turn.say("addendum.ask_text")


async def on_text(turn: Turn) -> None:
    note = await turn.store.notes.own(turn.conversation.note_id)
    text = turn.event.text.strip()
    if note is None:
        turn.goto(IDLE)
        turn.say("note.gone")
        return
    if not text:
        turn.say("note.nothing_to_add")
        return
    if (failure := verify_note(note)) is not None:
        turn.goto(IDLE)
        tell_failures(turn, [failure])
        return
    addendum = await turn.store.notes.add_addendum(note, text, turn.now)
    await turn.store.audit.record(
        "create", turn.now, "addendum", addendum.id, client_id=note.client_id
    )
    turn.goto(IDLE)
    turn.say("addendum.added", when=dates.moment(turn.local(turn.now)))


ROUTES = Routes(
    commands={"addendum": addendum_command},
    buttons={"addendum": on_button},
    modes={AddendumMode.TEXT: on_text},
    dictation_modes=frozenset({AddendumMode.TEXT}),
)

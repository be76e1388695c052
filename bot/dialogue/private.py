"""`/private [CODE]`: psychotherapy (private process) notes, kept apart from progress notes.

    /private ──► private.client ──(code or button)──► private.writing
    /private A.B. ──────────────────────────────────► private.writing
    private.writing ──(typed, or a kept voice transcript)──► appended to this session's note
                    ──("done", "cancel", /cancel)──► idle
    /private A.B. list ──► dates as buttons ──(tap)──► that note's text, in the chat only

The note row is created with the first message, so a session left without writing leaves
nothing behind. Only its id sits in the conversation row; the text lives in `private_notes`.
"""

from __future__ import annotations

from bot.dialogue.clients import client_buttons, client_from_code
from bot.dialogue.modes import IDLE, Mode
from bot.dialogue.navigation import typed_move
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared import dates
from bot.shared.events import Button
from storage.models import Client
from storage.private_notes import append_text


class PrivateMode(Mode):
    CLIENT = "private.client"
    WRITING = "private.writing"


ENDING_MOVES = ("done", "cancel")


async def private_command(turn: Turn) -> None:
    args = turn.event.args
    if not args:
        await ask_for_client(turn)
    elif len(args) == 1:
        await choose_client(turn, args[0])
    elif len(args) == 2 and args[1].casefold() == "list":
        await list_notes(turn, args[0])
    else:
        turn.say("private.usage")


async def ask_for_client(turn: Turn) -> None:
    recent = await turn.store.clients.recent()
    turn.goto(PrivateMode.CLIENT)
    key = "private.ask_client_recent" if recent else "private.ask_client_new"
    turn.say(key, buttons=client_buttons(recent, "private:client"))


async def choose_client(turn: Turn, code: str) -> None:
    """The same code rules as /note: a new code becomes a new client."""
    client = await client_from_code(turn, code, ask_again_in=PrivateMode.CLIENT)
    if client is not None:
        start_writing(turn, client)


def start_writing(turn: Turn, client: Client) -> None:
    turn.goto(PrivateMode.WRITING, client_id=client.id, parts=0)
    turn.say("private.started", client=client.code)


async def list_notes(turn: Turn, code: str) -> None:
    client = await turn.store.clients.find(code)
    if client is None:
        turn.say("private.no_client")
        return
    notes = await turn.store.private_notes.of_client(client.id)
    if not notes:
        turn.say("private.none", client=client.code)
        return
    buttons = [
        [Button(dates.moment(turn.local(note.created_at)), f"private:read:{note.id}")]
        for note in notes
    ]
    turn.say("private.pick", client=client.code, buttons=buttons)


async def on_client_text(turn: Turn) -> None:
    await choose_client(turn, turn.event.text)


async def on_writing_text(turn: Turn) -> None:
    text = turn.event.text.strip()
    if typed_move(text) in ENDING_MOVES:
        await finish(turn)
        return
    if not text:
        turn.say("private.empty")
        return
    state = turn.state
    note_id = state.get("private_note_id")
    if note_id is None:
        note = await turn.store.private_notes.start(state["client_id"], text, turn.now)
        # Not `note_id`: that names a progress note, in the conversation's own column.
        turn.update_state(private_note_id=note.id)
    else:
        note = await turn.store.private_notes.own(note_id)
        if note is None:
            turn.goto(IDLE)
            turn.say("private.gone")
            return
        append_text(note, text, turn.now)
    parts = state.get("parts", 0) + 1
    turn.update_state(parts=parts)
    turn.say("private.added", parts=parts)


async def finish(turn: Turn) -> None:
    state = turn.state
    turn.goto(IDLE)
    client = await turn.store.clients.own(state.get("client_id", ""))
    if state.get("private_note_id") is None or client is None:
        turn.say("private.closed_empty")
    else:
        turn.say("private.closed", client=client.code, parts=state.get("parts", 0))


async def on_button(turn: Turn, action: str, argument: str) -> None:
    if action == "client":
        client = await turn.store.clients.own(argument)
        if client is None:
            turn.say("input.stale_button")
            return
        client.last_used_at = turn.now
        start_writing(turn, client)
    elif action == "read":
        note = await turn.store.private_notes.own(argument)
        if note is None:
            turn.say("input.stale_button")
            return
        await turn.store.audit.record(
            "read", turn.now, "private_note", note.id, client_id=note.client_id
        )
        client = await turn.store.clients.own(note.client_id)
        when = dates.moment(turn.local(note.created_at))
        heading = turn.words("private.heading", client=client.code, when=when)
        turn.reply(f"{heading}\n\n{note.body}")
    else:
        turn.say("input.stale_button")


ROUTES = Routes(
    commands={"private": private_command},
    buttons={"private": on_button},
    modes={PrivateMode.CLIENT: on_client_text, PrivateMode.WRITING: on_writing_text},
    dictation_modes=frozenset({PrivateMode.WRITING}),
)

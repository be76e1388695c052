"""`/addendum`: add text to a signed note without changing it (the note stays as signed).

    /addendum [CODE] ──► addendum.pick: tap a recently signed note ──► addendum.text
                            │                  ──(typed or kept voice)──► stored with its own time
                            └─(text typed before the tap)──► held; the tap stores it at once
Both steps stand aside from where the clinician was (a note, say) and return there after.
"""

from __future__ import annotations

from bot.dialogue.integrity import tell_failures
from bot.dialogue.modes import Mode
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared import dates
from bot.shared.events import Button
from storage.integrity import verify_note
from storage.models import Note


class AddendumMode(Mode):
    PICK = "addendum.pick"
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
    turn.step_aside(AddendumMode.PICK)
    turn.say("addendum.pick", buttons=buttons)


async def on_button(turn: Turn, action: str, note_id: str) -> None:
    note = await turn.store.notes.own(note_id)
    if action != "pick" or note is None or note.status != "signed":
        turn.say("input.stale_button")
        return
    held = turn.state.get("held") if turn.mode == AddendumMode.PICK else None
    if AddendumMode.includes(turn.mode):
        turn.step_back()
    if held:
        await _add(turn, note, "\n".join(held))
        return
    turn.step_aside(AddendumMode.TEXT, signed_note=note.id)
    turn.say("addendum.ask_text")


async def on_text_before_pick(turn: Turn) -> None:
    """Text typed before a note is tapped is what the addendum will say: held until the tap."""
    text = turn.event.text.strip()
    if not text:
        turn.say("note.nothing_to_add")
        return
    turn.update_state(held=[*turn.state.get("held", []), text])
    turn.say("addendum.held")


async def on_text(turn: Turn) -> None:
    note = await turn.store.notes.own(turn.state.get("signed_note"))
    text = turn.event.text.strip()
    if note is None:
        turn.step_back()
        turn.say("note.gone")
        return
    if not text:
        turn.say("note.nothing_to_add")
        return
    turn.step_back()
    await _add(turn, note, text)


async def _add(turn: Turn, note: Note, text: str) -> None:
    if (failure := verify_note(note)) is not None:
        tell_failures(turn, [failure])
        return
    addendum = await turn.store.notes.add_addendum(note, text, turn.now)
    await turn.store.audit.record(
        "create", turn.now, "addendum", addendum.id, client_id=note.client_id
    )
    turn.say("addendum.added", when=dates.moment(turn.local(turn.now)))


ROUTES = Routes(
    commands={"addendum": addendum_command},
    buttons={"addendum": on_button},
    modes={AddendumMode.PICK: on_text_before_pick, AddendumMode.TEXT: on_text},
    dictation_modes=frozenset({AddendumMode.TEXT}),
)

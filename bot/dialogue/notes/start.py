"""Starting a note: `/note [CODE] [TEMPLATE]`, then pick a client and a template.

/note ──► note.client ──(code or button)──► note.template ──(button)──► walk.open_section
/note A.B. ────────────────────────────────► note.template
/note A.B. soap ───────────────────────────────────────────────────────► walk.open_section
    with an A.B. SOAP draft open ──► "Resume it" (drafts) or "Start a new one" (note:fresh)
note.template, text that is no template's name:
    a question or request to the bot ("what's left today?") ──► answered; still asks the template
    a sentence ("Client reports ...") ──► held; it goes into the note's first section once the
                                          note opens (a new one, or the draft resumed)
    one word ("sopa") ──► "I don't have that template", the choices again

A voice message's "Start a note with it" (bot/dialogue/dictation.py) starts at note.client with
the transcript as `heard`; every step carries it on, and once the note is open it is heard
again there, shown to be kept into the first section (`hear_carried`).
"""

from __future__ import annotations

import re

from bot.dialogue.clients import client_buttons, client_from_code
from bot.dialogue.notes import keyboards, service, walk
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.plans.today import today
from bot.dialogue.turn import Turn
from bot.shared.templates import INDIVIDUAL

# A word of a person's name ("John", "Smith"): a last argument like this is part of the code
# (and refused as a full name), not a template the clinician mistyped.
_NAME_WORD = re.compile(r"[A-Z][a-z'’-]*\.?")


async def note_command(turn: Turn) -> None:
    args = turn.event.args
    if not args:
        await ask_for_client(turn)
        return
    *code, template = args
    if not code or (_NAME_WORD.fullmatch(template) and not turn.services.templates.get(template)):
        code, template = args, None
    if not await choose_client(turn, " ".join(code)):
        return
    if template is not None:
        await choose_template(turn, template)
    else:
        ask_for_template(turn)


async def note_from_words(turn: Turn, code: str, template: str | None) -> None:
    """ "New SOAP note for A.B." typed or spoken: the same as /note A.B. soap."""
    if code.endswith(".") and code.count(".") == 1:
        code = code[:-1]  # the sentence's full stop, not part of a code like "A.B."
    if not await choose_client(turn, code):
        return
    if template and turn.services.templates.get(template):
        await choose_template(turn, template)
    else:
        ask_for_template(turn)


async def ask_for_client(turn: Turn, *, heard: str | None = None) -> None:
    recent = await turn.store.clients.recent()
    turn.goto(NoteMode.CLIENT, **({"heard": heard} if heard else carried(turn)))
    key = "note.ask_client_recent" if recent else "note.ask_client_new"
    turn.say(key, buttons=client_buttons(recent, "note:client"))


async def choose_client(turn: Turn, code: str) -> bool:
    client = await client_from_code(turn, code, ask_again_in=NoteMode.CLIENT)
    if client is None:
        return False
    turn.goto(NoteMode.TEMPLATE, client_id=client.id, **carried(turn))
    return True


def carried(turn: Turn) -> dict:
    """The transcript a note start carries from step to step, if one waits for the note."""
    return {"heard": turn.state["heard"]} if "heard" in turn.state else {}


async def hear_carried(turn: Turn, carried_on: dict) -> None:
    """The note is open: a carried transcript comes in as if spoken now, to check and keep."""
    if "heard" in carried_on:
        await turn.hear(carried_on["heard"])


def ask_for_template(turn: Turn) -> None:
    turn.say("note.ask_template", buttons=_template_buttons(turn))


def _template_buttons(turn: Turn):
    return keyboards.templates(turn, turn.services.templates.of_kind(INDIVIDUAL))


async def choose_template(turn: Turn, key: str, *, offer_draft: bool = True) -> None:
    template = turn.services.templates.get(key.strip())
    client = await turn.store.clients.own(turn.state.get("client_id", ""))
    heard = carried(turn)
    if client is None:
        await ask_for_client(turn)
        return
    if template is None or template.kind != INDIVIDUAL:
        names = ", ".join(t.name for t in turn.services.templates.of_kind(INDIVIDUAL))
        turn.say("note.unknown_template", names=names)
        ask_for_template(turn)
        return
    drafts = await turn.store.notes.drafts_of(client.id, template.key) if offer_draft else []
    if drafts:
        turn.say("note.draft_open", template=template.name, client=client.code, buttons=[[
            turn.button("note.button.resume_draft", f"drafts:resume:{drafts[0].id}"),
            turn.button("note.button.fresh", f"note:fresh:{template.key}"),
        ]])
        return
    version_id = await turn.store.plans.current_version_id(client.id)
    opened = await turn.store.notes.open_new(client, template, turn.now, version_id, today(turn))
    await turn.store.audit.note("create", turn.now, opened.note)
    held = turn.state.get("held", [])
    turn.say("note.started", template=template.name, client=client.code)
    service.offer(turn, opened)
    await walk.open_section(turn, opened, opened.stop)
    await add_held(turn, held)
    await hear_carried(turn, heard)


async def add_held(turn: Turn, held: list[str]) -> None:
    """The sentences typed at "Which template?" go in where the note opened, as if typed now."""
    for text in held:
        await turn.continue_as_text(text)


async def on_client_text(turn: Turn) -> None:
    if await choose_client(turn, turn.event.text):
        ask_for_template(turn)


async def on_template_text(turn: Turn) -> None:
    text = turn.event.text.strip()
    if turn.services.templates.get(text) is not None or len(text.split()) == 1:
        await choose_template(turn, text)
    elif walk.asks_the_bot(text):
        await turn.answer_as_question(text)
        if turn.mode == NoteMode.TEMPLATE:  # the answer did not start something else
            ask_for_template(turn)
    else:
        turn.update_state(held=[*turn.state.get("held", []), text])
        turn.say("note.held_for_template", buttons=_template_buttons(turn))


async def on_client_button(turn: Turn, client_id: str) -> None:
    client = await turn.store.clients.own(client_id)
    if client is None:
        turn.say("input.stale_button")
        return
    client.last_used_at = turn.now
    turn.goto(NoteMode.TEMPLATE, client_id=client.id, **carried(turn))
    ask_for_template(turn)

"""The end of a note: the whole note shown, then Sign, Edit a section, or Save as draft.

note.review ──Sign──► required sections filled? ──► signed (hash, immutable), idle
             ├─Edit──► pick a section ──► walk.open_section
             └─Save as draft ──► idle
"""

from __future__ import annotations

from bot.dialogue.notes import current, keyboards, linking, render
from bot.dialogue.notes.current import OpenNote
from bot.dialogue.turn import Turn
from storage import notes as note_store


async def show(turn: Turn, opened: OpenNote) -> None:
    turn.goto("note.review", note_id=opened.note.id)
    text = render.whole_note(turn, opened.note, opened.template, opened.client.code)
    turn.reply(text, buttons=keyboards.review(turn, opened.note))


def leave_as_draft(turn: Turn, opened: OpenNote) -> None:
    turn.goto("idle")
    turn.say(
        "note.saved_as_draft",
        template=opened.template.name,
        client=opened.client.code,
        filled=len(note_store.filled_sections(opened.note)),
        total=len(opened.template.sections),
    )


async def _open_draft(turn: Turn, note_id: str) -> OpenNote | None:
    opened = await current.load(turn, note_id)
    if opened is None:
        turn.say("note.gone")
    elif opened.note.status == "signed":
        turn.say("note.already_signed")
        return None
    return opened


async def sign(turn: Turn, note_id: str, *, despite_no_objective: bool = False) -> None:
    opened = await _open_draft(turn, note_id)
    if opened is None:
        return
    missing = [
        s.title
        for s in opened.template.sections
        if s.required and not note_store.section_text(opened.note, s.key)
    ]
    if missing:
        turn.say(
            "note.missing_required",
            sections=", ".join(missing),
            buttons=keyboards.sections(turn, opened.template),
        )
        turn.goto("note.review", note_id=opened.note.id)
        return
    if not despite_no_objective and not linking.objectives_addressed(opened.note):
        if await linking.client_plan(turn, opened) is not None:
            turn.goto("note.review", note_id=opened.note.id)
            turn.say("note.no_objective", buttons=keyboards.sign_anyway(turn, opened.note))
            return
    digest = note_store.sign(opened.note, opened.template.section_keys, turn.now)
    turn.goto("idle")
    signed_at = turn.local(opened.note.signed_at)
    turn.say(
        "note.signed",
        template=opened.template.name,
        client=opened.client.code,
        when=signed_at.strftime("%d %b %Y %H:%M"),
        zone=turn.clinician.timezone,
        digest=digest[:16],
    )


async def on_button(turn: Turn, action: str, argument: str) -> None:
    if action == "sign":
        await sign(turn, argument)
    elif action == "force":
        await sign(turn, argument, despite_no_objective=True)
    elif action == "edit":
        opened = await _open_draft(turn, argument)
        if opened is not None:
            turn.goto("note.review", note_id=opened.note.id)
            turn.say("note.pick_section", buttons=keyboards.sections(turn, opened.template))
    elif action == "save":
        opened = await _open_draft(turn, argument)
        if opened is not None:
            leave_as_draft(turn, opened)
    else:
        turn.say("input.stale_button")

"""Walking through a note's sections: every message appends, navigation words move.

note.section ──text──► append, stay
    │ next/skip ──► next section, or review after the last
    │ back ───────► previous section, showing what it holds
    │ done ───────► review.show
    └ cancel ─────► saved as a draft, idle
"""

from __future__ import annotations

from bot.dialogue.group import walk as group_walk
from bot.dialogue.navigation import typed_move
from bot.dialogue.notes import current, keyboards, linking, render, review
from bot.dialogue.turn import Turn
from storage import notes as note_store


async def open_section(turn: Turn, note_id: str, index: int, *, show_holding: bool = False) -> None:
    opened = await current.load(turn, note_id)
    if opened is None:
        turn.goto("idle")
        turn.say("note.gone")
        return
    index = max(0, min(index, len(opened.template.sections) - 1))
    opened, index = await group_walk.holder(turn, opened, index)
    opened.note.section_index = index
    opened.note.updated_at = turn.now
    turn.goto("note.section", note_id=opened.note.id)
    text = render.section_prompt(turn, opened.template, index)
    if show_holding or note_store.section_text(opened.note, opened.section.key):
        text += "\n\n" + render.section_holding(turn, opened.note, opened.section)
    turn.reply(text, buttons=keyboards.navigation(turn))


async def on_section_text(turn: Turn) -> None:
    move = typed_move(turn.event.text)
    if move is not None:
        await make_move(turn, move)
        return
    await add_to_section(turn, turn.event.text)


async def add_to_section(turn: Turn, text: str) -> None:
    opened = await current.load(turn, turn.conversation.note_id)
    if opened is None:
        turn.goto("idle")
        turn.say("note.gone")
        return
    text = text.strip()
    if not text:
        turn.say("note.nothing_to_add")
        return
    section = opened.section
    # Shared group text is about the group, not evidence for one member's plan: not tagged.
    # The plan is read before the note changes, so the note is written once, at commit.
    shared = group_walk.is_shared(opened, section.key)
    found = None if shared else await linking.client_plan(turn, opened)
    parts = note_store.append_entry(opened.note, section.key, text, turn.event.message_id, turn.now)
    if turn.event.message_id is not None:
        await note_store.link_message(
            turn.session, turn.clinician.id, turn.event.message_id, opened.note.id, section.key
        )
    ack = turn.words("note.added", title=section.title, parts=parts)
    if found is None:
        turn.reply(ack, buttons=keyboards.navigation(turn))
        return
    ref = turn.event.message_id
    results = await linking.tag_entry(turn, opened, section.key, ref, text, found)
    lines = linking.describe(turn, found.plan, results) or [turn.words("link.none")]
    turn.reply(
        "\n".join([ack, *lines]),
        buttons=linking.buttons(turn, section.key, ref, results) + keyboards.navigation(turn),
    )


async def make_move(turn: Turn, move: str) -> None:
    opened = await current.load(turn, turn.conversation.note_id)
    if opened is None:
        turn.goto("idle")
        turn.say("note.gone")
        return
    if opened.note.group_id is not None:
        await group_walk.make_move(turn, opened, move)  # moves run across the members
        return
    index, last = opened.note.section_index, len(opened.template.sections) - 1
    if move in ("next", "skip"):
        if move == "skip" and opened.section.required:
            turn.say("note.skipped_required", title=opened.section.title)
        if index >= last:
            await review.show(turn, opened)
        else:
            await open_section(turn, opened.note.id, index + 1)
    elif move == "back":
        if index == 0:
            turn.say("note.at_first")
        await open_section(turn, opened.note.id, index - 1, show_holding=True)
    elif move == "done":
        await review.show(turn, opened)
    elif move == "cancel":
        review.leave_as_draft(turn, opened)


async def on_nav_button(turn: Turn, move: str) -> None:
    if turn.mode != "note.section":
        turn.say("input.stale_button")
        return
    await make_move(turn, move)


async def on_edit(turn: Turn) -> None:
    """An edit of an earlier message follows it into the section it went to."""
    link = await note_store.linked_section(turn.session, turn.clinician.id, turn.event.message_id)
    if link is None:
        turn.say("note.edit_unlinked")
        return
    opened = await current.load(turn, link.note_id)
    if opened is None:
        turn.say("note.gone")
    elif opened.note.status == "signed":
        turn.say("note.edit_signed")
    else:
        text = turn.event.text.strip()
        note_store.replace_entry(opened.note, link.section, turn.event.message_id, text, turn.now)
        if not group_walk.is_shared(opened, link.section):
            await linking.tag_entry(turn, opened, link.section, turn.event.message_id, text)
        title = next(s.title for s in opened.template.sections if s.key == link.section)
        turn.say("note.edit_applied", title=title)

"""Walking through a note's sections: every message appends, navigation words move.

note.section ──text──► append, stay
    │ next/skip ──► next section, or review after the last
    │ back ───────► previous section, showing what it holds
    │ done ───────► review.show
    └ cancel ─────► saved as a draft, idle

A group note walks its shared sections once (in the lead's note), then each member's own
sections in turn; the open note (storage/open_note.py) knows its stops, so this walk is the
same for single and group notes.
"""

from __future__ import annotations

from bot.dialogue.intents import match_intent
from bot.dialogue.modes import IDLE
from bot.dialogue.navigation import typed_move
from bot.dialogue.notes import keyboards, linking, render, review
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.turn import Turn
from bot.shared.vocabulary import whole_number
from storage.notes import section_text
from storage.open_note import OpenNote, Stop


async def open_current(turn: Turn, note_id: str | None) -> OpenNote | None:
    """The note to walk, or None after saying it is gone (and leaving it)."""
    opened = await turn.store.notes.open(note_id)
    if opened is None:
        turn.goto(IDLE)
        turn.say("note.gone")
    return opened


async def open_section(
    turn: Turn,
    opened: OpenNote,
    there: Stop,
    *,
    show_holding: bool = False,
    coming_from: Stop | None = None,
) -> None:
    """Asks for the section at `there`; says whose note it is when a member's own begin."""
    note_id, index = there
    entering_member = index >= opened.shared and (
        coming_from is None or coming_from[0] != note_id or coming_from[1] < opened.shared
    )
    if entering_member:
        turn.say("group.member_turn", client=opened.code_of(note_id),
                 number=opened.number_of(note_id), count=len(opened.members))
    opened.open_section(there, turn.now)
    turn.goto(NoteMode.SECTION, note_id=opened.note.id)
    text = render.section_prompt(turn, opened.template, opened.note.section_index)
    if show_holding or section_text(opened.note, opened.section.key):
        text += "\n\n" + render.section_holding(turn, opened.note, opened.section)
    turn.reply(text, buttons=keyboards.navigation(turn))


async def on_section_text(turn: Turn) -> None:
    move = typed_move(turn.event.text)
    if move is not None:
        await make_move(turn, move)
        return
    await add_to_section(turn, turn.event.text)


async def add_to_section(turn: Turn, text: str) -> None:
    opened = await open_current(turn, turn.conversation.note_id)
    if opened is None:
        return
    text = text.strip()
    if not text:
        turn.say("note.nothing_to_add")
        return
    section = opened.section
    # Shared group text is about the group, not evidence for one member's plan: not tagged.
    # The plan is read before the note changes, so the note is written once, at commit.
    found = None if opened.is_shared(section.key) else await linking.client_plan(turn, opened)
    ref = turn.event.message_id
    parts = await opened.add(text, ref, turn.now)
    await turn.store.audit.note("change", turn.now, opened.note)
    if ref is not None and asks_the_bot(text):
        # In the note all the same (tagged too, should it stay); the choice comes first.
        if found is not None:
            await linking.tag_entry(turn, opened, section.key, ref, text, found)
        buttons = keyboards.added_or_asked(turn, section.key, ref) + keyboards.navigation(turn)
        turn.say("note.asked_bot", title=section.title, buttons=buttons)
        return
    ack = turn.words("note.added", title=section.title, parts=parts)
    undo = keyboards.remove_line(turn, section.key, ref)
    if found is None:
        turn.reply(ack, buttons=undo + keyboards.navigation(turn))
        return
    results = await linking.tag_entry(turn, opened, section.key, ref, text, found)
    if results is None:
        turn.reply("\n".join([ack, turn.words("link.failed")]),
                   buttons=undo + keyboards.navigation(turn))
        return
    lines = linking.describe(turn, found.plan, results) or [turn.words("link.none")]
    turn.reply(
        "\n".join([ack, *lines]),
        buttons=linking.buttons(turn, section.key, ref, results) + undo
        + keyboards.navigation(turn),
    )


def asks_the_bot(text: str) -> bool:
    """A message that reads as a question or a request to the bot, not as note text: one the
    free-text rules (prompts/intents.toml) answer, asked ("...?") or a request ("remind me")."""
    intent = match_intent(text)
    return intent is not None and (text.rstrip().endswith("?") or intent.name in REQUESTS)


REQUESTS = ("remind", "note")  # intents that are requests even without a question mark


async def on_asked_button(turn: Turn, action: str, argument: str) -> None:
    """The two buttons under a message that read as a question: it stays in the note as sent,
    or it is taken out of the note and answered. Either way the text is somewhere."""
    line = await _line_of(turn, argument)
    if line is None:
        return
    opened, section, ref = line
    if action == "keep":
        turn.say("note.kept_in_note", title=_title(opened, section))
        return
    text = opened.remove_line(section, ref, turn.now)
    turn.say("note.taken_out")
    await turn.answer_as_question(text)


async def remove_line(turn: Turn, argument: str) -> None:
    """✕ under an added line: the line (and what the tagger found in it) leaves the section."""
    line = await _line_of(turn, argument)
    if line is None:
        return
    opened, section, ref = line
    text = opened.remove_line(section, ref, turn.now)
    title = _title(opened, section)
    turn.say("note.line_removed", title=title, text=text, buttons=keyboards.navigation(turn))


async def _line_of(turn: Turn, argument: str) -> tuple[OpenNote, str, int] | None:
    """The open draft, section and message ref that button data `section:ref` names, if the
    section still holds that line; else None, after saying the button is stale."""
    section, _, ref = argument.partition(":")
    number = whole_number(ref)
    opened = await turn.store.notes.open(turn.conversation.note_id)
    entries = (opened.note.content or {}).get(section, []) if opened is not None else []
    if opened is None or opened.note.status != "draft" or number is None or not any(
        entry["ref"] == number for entry in entries
    ):
        turn.say("input.stale_button")
        return None
    return opened, section, number


async def make_move(turn: Turn, move: str) -> None:
    opened = await open_current(turn, turn.conversation.note_id)
    if opened is None:
        return
    opened.spread_shared()  # a group's members get the shared text on every move
    here = opened.stop
    if move in ("next", "skip"):
        if move == "skip" and opened.section.required:
            turn.say("note.skipped_required", title=opened.section.title)
        there = opened.move("next")
        if there is None:
            await review.show(turn, opened)
        else:
            await open_section(turn, opened, there, coming_from=here)
    elif move == "back":
        there = opened.move("back")
        if there is None:
            turn.say("note.at_first")
        await open_section(turn, opened, there or here, show_holding=True, coming_from=here)
    elif move == "done":
        await review.show(turn, opened)
    elif move == "cancel":
        review.leave_as_draft(turn, opened)


async def on_nav_button(turn: Turn, move: str) -> None:
    if turn.mode != NoteMode.SECTION:
        turn.say("input.stale_button")
        return
    await make_move(turn, move)


async def on_edit(turn: Turn) -> None:
    """An edit of an earlier message follows it into the section it went to."""
    link = await turn.store.notes.linked_section(turn.event.message_id)
    if link is None:
        turn.say("note.edit_unlinked")
        return
    opened = await turn.store.notes.open(link.note_id)
    if opened is None:
        turn.say("note.gone")
    elif opened.note.status == "signed":
        turn.say("note.edit_signed")
    else:
        text = turn.event.text.strip()
        opened.replace_line(link.section, turn.event.message_id, text, turn.now)
        await turn.store.audit.note("change", turn.now, opened.note)
        tagged = [] if opened.is_shared(link.section) else await linking.tag_entry(
            turn, opened, link.section, turn.event.message_id, text
        )
        turn.say("note.edit_applied", title=_title(opened, link.section))
        if tagged is None:
            turn.say("link.failed")


def _title(opened: OpenNote, section_key: str) -> str:
    return next(s.title for s in opened.template.sections if s.key == section_key)

"""Progress notes, single and group: start, walk the sections, review, sign. Wiring for the
engine lives here; /group's own steps (members, kind) are in bot/dialogue/group/."""

from __future__ import annotations

from bot.dialogue.modes import IDLE
from bot.dialogue.navigation import typed_move
from bot.dialogue.notes import corrections, review, service, start, walk
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared.vocabulary import whole_number


async def on_button(turn: Turn, action: str, argument: str) -> None:
    if action == "client":
        await start.on_client_button(turn, argument)
    elif action == "tpl":
        await start.choose_template(turn, argument)
    elif action == "fresh" and turn.mode == NoteMode.TEMPLATE:
        await start.choose_template(turn, argument, offer_draft=False)
    elif action == "remove":
        await walk.remove_line(turn, argument)
    elif action == "nav":
        await walk.on_nav_button(turn, argument)
    elif action in ("keep", "answer"):
        await walk.on_asked_button(turn, action, argument)
    elif action == "goto":
        await _go_to_section(turn, whole_number(argument))
    else:
        await review.on_button(turn, action, argument)


async def _go_to_section(turn: Turn, index: int | None) -> None:
    """A section picked on the review screen; forged or stale data gets the stale answer."""
    opened = await turn.store.notes.open(turn.conversation.note_id)
    there = (opened.note.id, index) if opened is not None else None
    if there is None or there not in opened.stops():
        turn.say("input.stale_button")
        return
    await walk.open_section(turn, opened, there, show_holding=True)


async def on_review_text(turn: Turn) -> None:
    """At the review screen, typed words still work: back to the last section, or cancel."""
    move = typed_move(turn.event.text)
    opened = await walk.open_current(turn, turn.conversation.note_id)
    if opened is None:
        return
    if move == "cancel":
        review.leave_as_draft(turn, opened)
    elif move == "back":
        last = len(opened.template.sections) - 1
        await walk.open_section(turn, opened, (opened.note.id, last), show_holding=True)
    else:
        turn.say("note.review_use_buttons")


async def on_group_review_text(turn: Turn) -> None:
    """At a group's review, typed words still work: back to the last section, or cancel."""
    opened = await review.group_to_sign(turn, turn.conversation.note_id)
    if opened is None:
        turn.goto(IDLE)
        return
    move = typed_move(turn.event.text)
    if move == "cancel":
        review.leave_as_draft(turn, opened)
    elif move == "back":
        await walk.open_section(turn, opened, opened.stops()[-1], show_holding=True)
    else:
        turn.say("group.review_use_buttons")


ROUTES = Routes(
    commands={"note": start.note_command},
    buttons={"note": on_button, "link": corrections.on_button, "svc": service.on_button},
    modes={
        NoteMode.CLIENT: start.on_client_text,
        NoteMode.TEMPLATE: start.on_template_text,
        NoteMode.SECTION: walk.on_section_text,
        NoteMode.REVIEW: on_review_text,
        NoteMode.LINK_WORDS: corrections.on_words,
        NoteMode.SERVICE: service.on_typed,
        NoteMode.GROUP_REVIEW: on_group_review_text,
    },
    edit=walk.on_edit,
    dictation_modes=frozenset({NoteMode.SECTION}),
)

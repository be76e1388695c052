"""Progress notes: start, walk the sections, review, sign. Wiring for the engine lives here."""

from __future__ import annotations

from bot.dialogue.navigation import typed_move
from bot.dialogue.notes import corrections, current, review, start, walk
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn


async def on_button(turn: Turn, action: str, argument: str) -> None:
    if action == "client":
        await start.on_client_button(turn, argument)
    elif action == "tpl":
        await start.choose_template(turn, argument)
    elif action == "nav":
        await walk.on_nav_button(turn, argument)
    elif action == "goto" and argument.isdigit() and turn.conversation.note_id:
        await walk.open_section(turn, turn.conversation.note_id, int(argument), show_holding=True)
    else:
        await review.on_button(turn, action, argument)


async def on_review_text(turn: Turn) -> None:
    """At the review screen, typed words still work: back to the last section, or cancel."""
    move = typed_move(turn.event.text)
    opened = await current.load(turn, turn.conversation.note_id)
    if opened is None:
        turn.goto("idle")
        turn.say("note.gone")
    elif move == "cancel":
        review.leave_as_draft(turn, opened)
    elif move == "back":
        last = len(opened.template.sections) - 1
        await walk.open_section(turn, opened.note.id, last, show_holding=True)
    else:
        turn.say("note.review_use_buttons")


ROUTES = Routes(
    commands={"note": start.note_command},
    buttons={"note": on_button, "link": corrections.on_button},
    modes={
        "note.client": start.on_client_text,
        "note.template": start.on_template_text,
        "note.section": walk.on_section_text,
        "note.review": on_review_text,
        "note.link_words": corrections.on_words,
    },
    edit=walk.on_edit,
    dictation_modes=frozenset({"note.section"}),
)

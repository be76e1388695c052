"""`/help`, `/sign` and `/cancel`: the commands that work anywhere."""

from __future__ import annotations

from bot.dialogue.group import group_to_sign
from bot.dialogue.group import walk as group_walk
from bot.dialogue.notes import current, review, walk
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn


async def help_command(turn: Turn) -> None:
    turn.say("help.full")


async def sign_command(turn: Turn) -> None:
    """Signs the note on the review screen, as its Sign button does; a note still being
    written is shown for review first, since nobody should sign what they have not read."""
    note_id = turn.conversation.note_id
    if turn.mode == "note.review" and note_id:
        await review.sign(turn, note_id)
    elif turn.mode == "group.review" and note_id:
        group = await group_to_sign(turn, note_id)
        if group is not None:
            await group_walk.sign_all(turn, group)
    elif turn.mode == "note.section" and note_id:
        await walk.make_move(turn, "done")
        turn.say("general.sign_after_review")
    else:
        turn.say("general.nothing_to_sign")


async def cancel_command(turn: Turn) -> None:
    """Leaves whatever is open; a note becomes a draft, never silently deleted."""
    opened = await current.load(turn, turn.conversation.note_id)
    if opened is not None and opened.note.status == "draft":
        await walk.make_move(turn, "cancel")  # a group's notes are kept together
    elif turn.mode != "idle":
        turn.goto("idle")
        turn.say("general.cancelled")
    else:
        turn.say("general.nothing_to_cancel")


ROUTES = Routes(
    commands={"help": help_command, "sign": sign_command, "cancel": cancel_command}
)

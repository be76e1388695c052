"""`/help` and `/cancel`: the commands that work anywhere."""

from __future__ import annotations

from bot.dialogue.notes import current, walk
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn


async def help_command(turn: Turn) -> None:
    turn.say("help.full")


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


ROUTES = Routes(commands={"help": help_command, "cancel": cancel_command})

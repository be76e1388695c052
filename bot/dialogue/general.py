"""`/help`, `/sign` and `/cancel`: the commands that work anywhere."""

from __future__ import annotations

from bot.dialogue.modes import IDLE
from bot.dialogue.notes import review, walk
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.plans import flow as plan_flow
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn


async def help_command(turn: Turn) -> None:
    turn.say("help.full")


async def sign_command(turn: Turn) -> None:
    """Signs the note on the review screen, as its Sign button does; a note still being
    written is shown for review first, since nobody should sign what they have not read."""
    note_id = turn.conversation.note_id
    if turn.mode == NoteMode.REVIEW and note_id:
        await review.sign(turn, note_id)
    elif turn.mode == NoteMode.GROUP_REVIEW and note_id:
        opened = await review.group_to_sign(turn, note_id)
        if opened is not None:
            await review.sign_group(turn, opened)
    elif turn.mode == NoteMode.SECTION and note_id:
        await walk.make_move(turn, "done")
        turn.say("general.sign_after_review")
    else:
        turn.say("general.nothing_to_sign")


async def cancel_command(turn: Turn) -> None:
    """Leaves whatever is open; a note or a plan build becomes a draft, never silently deleted.
    A question asked on the way (a time zone, an addendum's note) is left for where it was
    asked from."""
    if "resume" in turn.state:
        turn.step_back()
        turn.say("general.cancelled")
        return
    opened = await turn.store.notes.open(turn.conversation.note_id)
    if opened is not None and opened.note.status == "draft":
        await walk.make_move(turn, "cancel")  # a group's notes are kept together
    elif plan_flow.building(turn):
        await plan_flow.cancel(turn, turn.state)  # kept as a draft plan, like a note
    elif turn.mode != IDLE:
        turn.goto(IDLE)
        turn.say("general.cancelled")
    else:
        turn.say("general.nothing_to_cancel")


ROUTES = Routes(
    commands={"help": help_command, "sign": sign_command, "cancel": cancel_command}
)

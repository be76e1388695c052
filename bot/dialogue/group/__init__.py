"""`/group`: group and individualized group notes, one signed progress note per member.

Starting (the members, then Group or Individualized group) lives in start.py. Once started, a
group note is an open note like any other (storage/open_note.py): the note walk and review in
bot/dialogue/notes/ write, move, review and sign it; this package's buttons hand over there.
"""

from __future__ import annotations

from bot.dialogue.group import start
from bot.dialogue.group.modes import GroupMode
from bot.dialogue.notes import keyboards, review, walk
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared.vocabulary import whole_number


async def on_button(turn: Turn, action: str, argument: str) -> None:
    if action == "toggle":
        await start.toggle(turn, argument)
    elif action == "continue":
        await start.on_continue(turn)
    elif action == "kind":
        await start.choose_kind(turn, argument)
    elif action in ("sign", "force", "edit", "save", "goto"):
        note_id, _, index = argument.partition(":")
        opened = await review.group_to_sign(turn, note_id)
        if opened is None:
            return
        if action in ("sign", "force"):
            await review.sign_group(turn, opened, despite_no_objective=action == "force")
        elif action == "edit":
            turn.goto(NoteMode.GROUP_REVIEW, note_id=opened.lead.id)
            turn.say("group.pick_section",
                     buttons=keyboards.stops(turn, opened, opened.stops()))
        elif action == "save":
            review.leave_as_draft(turn, opened)
        elif (note_id, whole_number(index)) in opened.stops():
            await walk.open_section(turn, opened, (note_id, whole_number(index)), show_holding=True)
        else:
            turn.say("input.stale_button")
    else:
        turn.say("input.stale_button")


ROUTES = Routes(
    commands={"group": start.group_command},
    buttons={"group": on_button},
    modes={
        GroupMode.MEMBERS: start.on_members_text,
        GroupMode.KIND: start.on_kind_text,
    },
)

"""`/group`: group and individualized group notes, one signed progress note per member.

Starting lives in start.py, the walk across members and the review in walk.py; typing into a
section is the ordinary note walk's (bot/dialogue/notes/).
"""

from __future__ import annotations

from bot.dialogue.group import start, walk
from bot.dialogue.navigation import typed_move
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn


async def group_to_sign(turn: Turn, note_id: str) -> walk.Group | None:
    """The clinician's group holding this note, with a draft left to sign, else None (said why)."""
    group = await walk.load_by_note(turn, note_id)
    if group is None:
        turn.say("note.gone")
    elif not group.drafts():
        turn.say("group.already_signed")
        return None
    return group


async def on_button(turn: Turn, action: str, argument: str) -> None:
    if action == "toggle":
        await start.toggle(turn, argument)
    elif action == "continue":
        await start.on_continue(turn)
    elif action == "kind":
        await start.choose_kind(turn, argument)
    elif action in ("sign", "force", "edit", "save", "goto"):
        note_id, _, index = argument.partition(":")
        group = await group_to_sign(turn, note_id)
        if group is None:
            return
        if action in ("sign", "force"):
            await walk.sign_all(turn, group, despite_no_objective=action == "force")
        elif action == "edit":
            turn.goto("group.review", note_id=group.lead.id)
            turn.say("group.pick_section", buttons=walk.stop_buttons(turn, group, group.stops()))
        elif action == "save":
            walk.save_drafts(turn, group)
        elif index.isdigit() and (note_id, int(index)) in group.stops():
            await walk.go(turn, group, None, (note_id, int(index)), show_holding=True)
        else:
            turn.say("input.stale_button")
    else:
        turn.say("input.stale_button")


async def on_review_text(turn: Turn) -> None:
    """At the review, typed words still work: back to the last section, or cancel."""
    group = await group_to_sign(turn, turn.conversation.note_id)
    if group is None:
        turn.goto("idle")
        return
    move = typed_move(turn.event.text)
    if move == "cancel":
        walk.save_drafts(turn, group)
    elif move == "back":
        await walk.go(turn, group, None, group.stops()[-1], show_holding=True)
    else:
        turn.say("group.review_use_buttons")


ROUTES = Routes(
    commands={"group": start.group_command},
    buttons={"group": on_button},
    modes={
        "group.members": start.on_members_text,
        "group.kind": start.on_kind_text,
        "group.review": on_review_text,
    },
)

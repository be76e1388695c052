"""Starting a group note: `/group [CODES]`, the members, then Group or Individualized group.

/group ──► group.members ──(typed codes, or recent clients toggled + Continue)──► group.kind
/group A.B. C.D. E.F. ──────────────────────────────────────────────────────────► group.kind
group.kind ──(button)──► one draft note per member, tied by a group id ──► first shared section
"""

from __future__ import annotations

import re

from bot.dialogue.events import Button
from bot.dialogue.group import walk as group_walk
from bot.dialogue.turn import Turn
from nlp.planfile import CLIENT_CODE_PATTERN
from storage import clients as client_store
from storage import notes as note_store
from storage.models import Client, new_id
from storage.plans import current_version_id

MIN_MEMBERS, MAX_MEMBERS = 2, 12
GROUP_KINDS = ("group", "individualized_group")


async def group_command(turn: Turn) -> None:
    if turn.event.args:
        turn.goto("group.members", picked=[])
        await take_members(turn, " ".join(turn.event.args))
    else:
        await ask_for_members(turn, picked=[])


async def ask_for_members(turn: Turn, picked: list[str]) -> None:
    recent = await client_store.recent_clients(turn.session, turn.clinician.id, limit=12)
    turn.goto("group.members", picked=picked)
    recent_hint = turn.words("group.ask_members_recent") if recent else ""
    turn.say("group.ask_members", recent=recent_hint, buttons=member_buttons(turn, recent, picked))


def member_buttons(turn: Turn, recent: list[Client], picked: list[str]) -> list[list[Button]]:
    if not recent:
        return []
    row = [
        turn.button("group.button.picked", f"group:toggle:{client.id}", code=client.code)
        if client.id in picked else Button(client.code, f"group:toggle:{client.id}")
        for client in recent
    ]
    rows = [row[i : i + 3] for i in range(0, len(row), 3)]
    return rows + [[turn.button("group.button.continue", "group:continue:")]]


async def toggle(turn: Turn, client_id: str) -> None:
    client = await turn.session.get(Client, client_id)
    if turn.mode != "group.members" or client is None or client.clinician_id != turn.clinician.id:
        turn.say("input.stale_button")
        return
    picked = turn.state.get("picked", [])
    picked = [c for c in picked if c != client_id] if client_id in picked else picked + [client_id]
    turn.update_state(picked=picked)
    recent = await client_store.recent_clients(turn.session, turn.clinician.id, limit=12)
    codes = [(await turn.session.get(Client, c)).code for c in picked]
    key = "group.picked" if picked else "group.picked_none"
    turn.say(key, codes=", ".join(codes), buttons=member_buttons(turn, recent, picked))


async def on_members_text(turn: Turn) -> None:
    await take_members(turn, turn.event.text)


async def take_members(turn: Turn, text: str) -> None:
    """Typed codes, added to any toggled ones; a bad code or count keeps what was picked."""
    picked = [
        client for client in [await turn.session.get(Client, c)
                              for c in turn.state.get("picked", [])]
        if client is not None and client.clinician_id == turn.clinician.id
    ]
    typed = [code for code in re.split(r"[\s,;]+", text.strip()) if code]
    for code in typed:
        if not CLIENT_CODE_PATTERN.match(code):
            turn.say("group.bad_code", code=code[:20])
            return
    known = {client.code.casefold() for client in picked}
    new_codes = []
    for code in typed:
        if code.casefold() not in known:
            known.add(code.casefold())
            new_codes.append(code)
    count = len(picked) + len(new_codes)
    if count < MIN_MEMBERS:
        turn.say("group.too_few", minimum=MIN_MEMBERS, count=count)
        return
    if count > MAX_MEMBERS:
        turn.say("group.too_many", maximum=MAX_MEMBERS, count=count)
        return
    await confirm_members(turn, picked + [
        await client_store.get_or_create_client(turn.session, turn.clinician.id, code, turn.now)
        for code in new_codes
    ])


async def on_continue(turn: Turn) -> None:
    if turn.mode != "group.members":
        turn.say("input.stale_button")
        return
    await take_members(turn, "")


async def confirm_members(turn: Turn, members: list[Client]) -> None:
    members = sorted(members, key=lambda client: client.code.casefold())
    turn.goto("group.kind", members=[client.id for client in members])
    choices = turn.services.templates.of_kind(*GROUP_KINDS)
    turn.say("group.ask_kind", codes=", ".join(client.code for client in members), buttons=[
        [Button(template.name, f"group:kind:{template.key}") for template in choices]
    ])


async def on_kind_text(turn: Turn) -> None:
    typed = turn.event.text.strip().casefold()
    for template in turn.services.templates.of_kind(*GROUP_KINDS):
        if typed in (template.key, template.name.casefold()):
            await choose_kind(turn, template.key)
            return
    turn.say("group.unknown_kind")


async def choose_kind(turn: Turn, key: str) -> None:
    template = turn.services.templates.get(key)
    if turn.mode != "group.kind" or template is None or template.kind not in GROUP_KINDS:
        turn.say("input.stale_button")
        return
    members = [await turn.session.get(Client, c) for c in turn.state.get("members", [])]
    members = [c for c in members if c is not None and c.clinician_id == turn.clinician.id]
    if len(members) < MIN_MEMBERS:
        await ask_for_members(turn, picked=[])
        return
    group_id, notes = new_id(), []
    for client in members:
        note = await note_store.start_note(
            turn.session, clinician_id=turn.clinician.id, client_id=client.id,
            template=template.key, now=turn.now,
            plan_version_id=await current_version_id(turn.session, client.id),
        )
        note.group_id = group_id
        client.last_used_at = turn.now
        notes.append(note)
    for note in notes[1:]:
        # The others' notes start at their own sections: the shared ones live in the lead's.
        note.section_index = min(template.shared_count, len(template.sections) - 1)
    turn.say("group.started", template=template.name, count=len(members),
             codes=", ".join(client.code for client in members))
    await group_walk.go(turn, await group_walk.load(turn, group_id), None, (notes[0].id, 0))

"""Starting a group note: `/group [CODES]`, the members, then Group or Individualized group.

/group ──► group.members ──(typed codes, or recent clients toggled + Continue)──► group.kind
/group A.B. C.D. E.F. ──────────────────────────────────────────────────────────► group.kind
group.kind ──(button)──► one draft note per member, tied by a group id ──► first shared section,
            where the note walk (bot/dialogue/notes/walk.py) takes over
"""

from __future__ import annotations

import re

from bot.dialogue.group.modes import GroupMode
from bot.dialogue.notes import service, walk
from bot.dialogue.plans.today import today
from bot.dialogue.turn import Turn
from bot.shared.events import Button
from nlp.planfile import CLIENT_CODE_PATTERN
from storage.models import Client

MIN_MEMBERS, MAX_MEMBERS = 2, 12
RECENT_SHOWN = 12  # recent clients offered as buttons: a group's worth
GROUP_KINDS = ("group", "individualized_group")


async def group_command(turn: Turn) -> None:
    if turn.event.args:
        turn.goto(GroupMode.MEMBERS, picked=[])
        await take_members(turn, " ".join(turn.event.args))
    else:
        await ask_for_members(turn, picked=[])


async def ask_for_members(turn: Turn, picked: list[str]) -> None:
    recent = await turn.store.clients.recent(limit=RECENT_SHOWN)
    turn.goto(GroupMode.MEMBERS, picked=picked)
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
    clients = turn.store.clients
    client = await clients.own(client_id)
    if turn.mode != GroupMode.MEMBERS or client is None:
        turn.say("input.stale_button")
        return
    picked = turn.state.get("picked", [])
    picked = [c for c in picked if c != client_id] if client_id in picked else picked + [client_id]
    turn.update_state(picked=picked)
    recent = await clients.recent(limit=RECENT_SHOWN)
    codes = [(await clients.own(c)).code for c in picked]
    key = "group.picked" if picked else "group.picked_none"
    turn.say(key, codes=", ".join(codes), buttons=member_buttons(turn, recent, picked))


async def on_members_text(turn: Turn) -> None:
    await take_members(turn, turn.event.text)


async def take_members(turn: Turn, text: str) -> None:
    """Typed codes, added to any toggled ones; a bad code or count keeps what was picked."""
    picked = await _own_clients(turn, turn.state.get("picked", []))
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
        await turn.store.clients.get_or_create(code, turn.now) for code in new_codes
    ])


async def on_continue(turn: Turn) -> None:
    if turn.mode != GroupMode.MEMBERS:
        turn.say("input.stale_button")
        return
    await take_members(turn, "")


async def confirm_members(turn: Turn, members: list[Client]) -> None:
    members = sorted(members, key=lambda client: client.code.casefold())
    turn.goto(GroupMode.KIND, members=[client.id for client in members])
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
    if turn.mode != GroupMode.KIND or template is None or template.kind not in GROUP_KINDS:
        turn.say("input.stale_button")
        return
    members = await _own_clients(turn, turn.state.get("members", []))
    if len(members) < MIN_MEMBERS:
        await ask_for_members(turn, picked=[])
        return
    plans = turn.store.plans
    opened = await turn.store.notes.start_group(
        [(client, await plans.current_version_id(client.id)) for client in members],
        template, turn.now, today(turn),
    )
    for member in opened.members:
        await turn.store.audit.note("create", turn.now, member.note)
    turn.say("group.started", template=template.name, count=len(members),
             codes=", ".join(client.code for client in members))
    service.offer(turn, opened)
    await walk.open_section(turn, opened, opened.stop)


async def _own_clients(turn: Turn, client_ids: list[str]) -> list[Client]:
    """The clients with these ids that are the clinician's own, in the order given."""
    clients = [await turn.store.clients.own(client_id) for client_id in client_ids]
    return [client for client in clients if client is not None]

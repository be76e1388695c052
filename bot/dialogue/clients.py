"""Clients in the dialogue: a typed code becomes the clinician's client, created on first use.

The one place the code rules (nlp.planfile.CLIENT_CODE_PATTERN) meet the dialogue, so /note,
/plan and /private refuse the same codes with the same words. Case, dots and spaces do not make
another client ("A.B", "AB", "a. b." are A.B.: storage/clients.py); a full name is refused with
the reason; a new code one slip from a known one asks first:

    /note AC soap ──► client.confirm: "Did you mean A.B.?" ──(A.B.)──► /note A.B. soap
                                                         └─(New client AC)──► created; /note AC soap

A tapped client button is checked to be the clinician's own by the store (`turn.store.clients`).
"""

from __future__ import annotations

import re

from bot.dialogue.modes import IDLE, Mode
from bot.dialogue.navigation import typed_move
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared.events import Button
from nlp.planfile import CLIENT_CODE_PATTERN
from storage.models import Client


class ClientMode(Mode):
    CONFIRM = "client.confirm"  # "did you mean A.B.?", the message that asked kept to replay


_INITIAL = re.compile(r"[^\W\d_]\.?")  # "A" or "A.": one part of initials typed with spaces
_NAME = re.compile(r"[A-Z][a-z'’-]+")  # "John", "O'Neil": one part of a person's name


def read_code(typed: str) -> tuple[str, str | None]:
    """The code in what was typed ("A. B." is A.B.) and, when it cannot be one, the wording key
    saying why: a full name ("John Smith") or characters a code does not have."""
    parts = typed.split()
    if len(parts) > 1 and all(_NAME.fullmatch(part) for part in parts):
        return typed.strip(), "client.full_name"
    code = "".join(parts)
    if (len(parts) > 1 and not all(_INITIAL.fullmatch(part) for part in parts)) or not (
        CLIENT_CODE_PATTERN.match(code) and any(c.isalnum() for c in code)
    ):
        return code, "client.bad_code"
    return code, None


async def client_from_code(turn: Turn, typed: str, *, ask_again_in: str) -> Client | None:
    """The client for the code in `typed`; None after saying why not (waiting in `ask_again_in`
    for a better code) or after asking whether a near miss meant a known client."""
    if typed_move(typed) is not None:  # "cancel" (or "done") where a code was asked: leave
        turn.goto(IDLE)
        turn.say("general.cancelled")
        return None
    code, problem = read_code(typed)
    if problem is not None:
        if turn.mode != ask_again_in:  # asked again: what the step holds stays (a transcript)
            turn.goto(ask_again_in)
        turn.say(problem, code=code)
        return None
    client = await turn.store.clients.find(code)
    if client is not None:
        client.last_used_at = turn.now
        return client
    near = await turn.store.clients.near(code)
    around = _around(turn.event.text, typed.strip())
    if near is not None and around is not None:
        turn.step_aside(ClientMode.CONFIRM, around=around, code=code)
        turn.say("client.did_you_mean", code=code, near=near.code, buttons=[[
            Button(near.code, f"client:same:{near.id}"),
            turn.button("client.button_new", "client:new:", code=code),
        ]])
        return None
    return await turn.store.clients.create(code, turn.now)


async def on_button(turn: Turn, action: str, client_id: str) -> None:
    if turn.mode != ClientMode.CONFIRM or action not in ("same", "new"):
        turn.say("input.stale_button")
        return
    if action == "same":
        client = await turn.store.clients.own(client_id)
        if client is None:
            turn.say("input.stale_button")
            return
        chosen = client.code
    else:
        chosen = (await turn.store.clients.get_or_create(turn.state["code"], turn.now)).code
    before, after = turn.step_back()["around"]
    await turn.replay(before + chosen + after)


async def on_text(turn: Turn) -> None:
    """Something else typed instead of an answer: the question is dropped, the text handled."""
    turn.step_back()
    await turn.route_text(turn)


def _around(asked: str, typed: str) -> tuple[str, str] | None:
    """What came before and after the code in the message that asked (after a command's
    name: "/note no soap"), to replay it with the code chosen; None if it is not in there."""
    start = len(asked.split(maxsplit=1)[0]) if asked.startswith("/") else 0
    at = asked.find(typed, start)
    return None if at < 0 else (asked[:at], asked[at + len(typed):])


def client_buttons(clients: list[Client], data_prefix: str) -> list[list[Button]]:
    """A button per client, its code on it, three to a row; data `<data_prefix>:<client id>`."""
    row = [Button(client.code, f"{data_prefix}:{client.id}") for client in clients]
    return [row[i : i + 3] for i in range(0, len(row), 3)]


ROUTES = Routes(buttons={"client": on_button}, modes={ClientMode.CONFIRM: on_text})

"""Clients in the dialogue: a typed code becomes the clinician's client, created on first use.

The one place the code rules (nlp.planfile.CLIENT_CODE_PATTERN) meet the dialogue, so /note,
/plan and /private refuse the same codes with the same words. A tapped client button is checked
to be the clinician's own by the store (`turn.store.clients.own`).
"""

from __future__ import annotations

from bot.dialogue.turn import Turn
from bot.shared.events import Button
from nlp.planfile import CLIENT_CODE_PATTERN
from storage.models import Client


async def client_from_code(turn: Turn, code: str, *, ask_again_in: str) -> Client | None:
    """The client for `code`; when it is not a valid code, says so and waits in `ask_again_in`."""
    code = code.strip()
    if not CLIENT_CODE_PATTERN.match(code):
        turn.goto(ask_again_in)
        turn.say("client.bad_code")
        return None
    return await turn.store.clients.get_or_create(code, turn.now)


def client_buttons(clients: list[Client], data_prefix: str) -> list[list[Button]]:
    """A button per client, its code on it, three to a row; data `<data_prefix>:<client id>`."""
    row = [Button(client.code, f"{data_prefix}:{client.id}") for client in clients]
    return [row[i : i + 3] for i in range(0, len(row), 3)]

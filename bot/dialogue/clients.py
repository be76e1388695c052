"""A typed client code becomes the clinician's client, created on first use.

The one place the code rules (nlp.planfile.CLIENT_CODE_PATTERN) meet the dialogue, so /note,
/plan and /private refuse the same codes with the same words.
"""

from __future__ import annotations

from bot.dialogue.turn import Turn
from nlp.planfile import CLIENT_CODE_PATTERN
from storage import clients as client_store
from storage.models import Client


async def client_from_code(turn: Turn, code: str, *, ask_again_in: str) -> Client | None:
    """The client for `code`; when it is not a valid code, says so and waits in `ask_again_in`."""
    code = code.strip()
    if not CLIENT_CODE_PATTERN.match(code):
        turn.goto(ask_again_in)
        turn.say("client.bad_code")
        return None
    return await client_store.get_or_create_client(turn.session, turn.clinician.id, code, turn.now)

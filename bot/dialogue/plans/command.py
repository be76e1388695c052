"""`/plan [CODE] [history]`: open a client's plan, or start building one when there is none.

/plan ──► plan.client ──(code typed or recent client tapped)──► the plan, or the guided build
/plan A.B. ──► the plan with its buttons (then any route flagged as blocked, blocked.py),
    or build.start_build
/plan A.B. history ──► the versions, newest first, each viewable
Showing a plan leaves the conversation where it was: a note being written stays open.
"""

from __future__ import annotations

from bot.dialogue.clients import client_buttons, client_from_code
from bot.dialogue.plans import blocked, build, show
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.turn import Turn
from storage.models import Client

HISTORY_WORDS = ("history", "versions")


async def plan_command(turn: Turn) -> None:
    args = turn.event.args
    if not args:
        await ask_for_client(turn)
        return
    if len(args) > 2 or (len(args) == 2 and args[1].casefold() not in HISTORY_WORDS):
        turn.say("plan.usage")
        return
    client = await client_by_code(turn, args[0])
    if client is not None:
        await open_client(turn, client, history=len(args) == 2)


async def ask_for_client(turn: Turn) -> None:
    recent = await turn.store.clients.recent()
    turn.goto(PlanMode.CLIENT)
    key = "plan.ask_client_recent" if recent else "plan.ask_client_new"
    turn.say(key, buttons=client_buttons(recent, "plan:client"))


async def client_by_code(turn: Turn, code: str) -> Client | None:
    return await client_from_code(turn, code, ask_again_in=PlanMode.CLIENT)


async def open_client(turn: Turn, client: Client, *, history: bool = False) -> None:
    opened = await turn.store.plans.current(client.id)
    if opened is None and history:
        turn.say("plan.history.none", client=client.code)
    elif opened is None:
        await build.start_or_resume(turn, client)
    elif history:
        await show.show_history(turn, opened)
    else:
        show.show_plan(turn, opened)
        await blocked.show_with_plan(turn, opened)


async def on_client_text(turn: Turn) -> None:
    client = await client_by_code(turn, turn.event.text)
    if client is not None:
        await open_client(turn, client)


async def on_client_button(turn: Turn, client_id: str) -> None:
    client = await turn.store.clients.own(client_id)
    if client is None:
        turn.say("input.stale_button")
        return
    client.last_used_at = turn.now
    await open_client(turn, client)

"""Draft plans: a plan build cancelled (cancel, /cancel, or /plan for another client) is kept,
sealed, to resume (flow.keep_build), as a note becomes a draft; never thrown away unasked.

cancel in a build ──► kept ("/plan A.B. to go on")
/plan A.B. with a draft plan ──► Resume ──► the question it was at, with what it had
                              ├─ Start over ──► "Drop it?" ──(Drop it)──► a new build
                              └─ Delete ──► "Delete it?" ──(Delete for good)──► deleted, audited
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.dialogue.plans import flow
from bot.dialogue.turn import Turn
from storage.models import Client, PlanDraft

# `plan:kept:<action>:<draft id>`
ACTIONS = ("resume", "over", "delete", "really", "really_over", "keep")


def offer(turn: Turn, client: Client, draft: PlanDraft) -> None:
    turn.say(
        "plan.kept.offer",
        client=client.code,
        buttons=[
            [
                turn.button("plan.kept.button.resume", f"plan:kept:resume:{draft.id}"),
                turn.button("plan.kept.button.over", f"plan:kept:over:{draft.id}"),
                turn.button("plan.kept.button.delete", f"plan:kept:delete:{draft.id}"),
            ]
        ],
    )


async def on_button(
    turn: Turn, argument: str, start_build: Callable[[Turn, Client], Awaitable[None]]
) -> None:
    """A press on a draft plan's offer; `start_build` (build.py, which offers drafts) starts the
    new build after "Start over"."""
    action, _, draft_id = argument.partition(":")
    draft = await turn.store.plan_drafts.own(draft_id)
    client = await turn.store.clients.own(draft.client_id) if draft else None
    if action not in ACTIONS:
        turn.say("input.stale_button")
    elif draft is None or client is None:
        turn.say("plan.kept.gone")
    elif action == "resume":
        await resume(turn, draft)
    elif action in ("over", "delete"):
        really = "really_over" if action == "over" else "really"
        turn.say(
            f"plan.kept.confirm_{action}",
            client=client.code,
            buttons=[[
                turn.button(f"plan.kept.button.{really}", f"plan:kept:{really}:{draft.id}"),
                turn.button("plan.kept.button.keep", f"plan:kept:keep:{draft.id}"),
            ]],
        )
    elif action == "keep":
        turn.say("plan.kept.kept", client=client.code)
    else:
        await turn.store.audit.record(
            "delete_draft", turn.now, "plan_draft", draft.id, client_id=client.id
        )
        await turn.store.plan_drafts.delete(draft)
        if action == "really":
            turn.say("plan.kept.deleted", client=client.code)
        else:
            await start_build(turn, client)


async def resume(turn: Turn, draft: PlanDraft) -> None:
    """Back at the question the build was at, with everything it had; the draft row goes, as
    the build is in the conversation again (a later cancel keeps it anew)."""
    mode, state = draft.mode, draft.state
    await turn.store.plan_drafts.delete(draft)
    flow.ask(turn, mode, state, before=turn.words("plan.kept.resumed"))

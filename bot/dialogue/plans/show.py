"""Showing a plan (current or an older version) and its history, with the plan's buttons."""

from __future__ import annotations

from bot.dialogue.plans import keyboards, render
from bot.dialogue.plans.current import OpenPlan, by_plan_id
from bot.dialogue.turn import Turn
from storage import plans as plan_store
from storage.models import PlanVersion


def show_plan(turn: Turn, opened: OpenPlan) -> None:
    number = opened.row.current_version
    text = render.whole_plan(turn, opened.plan, number, number)
    turn.reply(text, buttons=keyboards.plan_actions(turn, opened.row.id))


async def show_history(turn: Turn, opened: OpenPlan) -> None:
    stored = await plan_store.versions(turn.session, opened.row.id)
    text = render.history(turn, opened.client.code, stored)
    turn.reply(text, buttons=keyboards.versions(turn, stored))


async def show_version(turn: Turn, version_id: str) -> None:
    stored = await turn.session.get(PlanVersion, version_id)
    opened = await by_plan_id(turn, stored.plan_id) if stored is not None else None
    if opened is None:
        turn.say("input.stale_button")
        return
    plan = plan_store.read_version(stored)
    text = render.whole_plan(turn, plan, stored.number, opened.row.current_version)
    turn.reply(text)

"""Showing a plan (current or an older version) and its history, with the plan's buttons."""

from __future__ import annotations

from bot.dialogue.plans import keyboards, render
from bot.dialogue.turn import Turn
from storage.plans import OpenPlan, read_version


def show_plan(turn: Turn, opened: OpenPlan) -> None:
    number = opened.row.current_version
    text = render.whole_plan(turn, opened.plan, number, number)
    turn.reply(text, buttons=keyboards.plan_actions(turn, opened.row.id))


async def show_history(turn: Turn, opened: OpenPlan) -> None:
    stored = await turn.store.plans.versions(opened.row.id)
    text = render.history(turn, opened.client.code, stored)
    turn.reply(text, buttons=keyboards.versions(turn, stored))


async def show_version(turn: Turn, version_id: str) -> None:
    found = await turn.store.plans.own_version(version_id)
    if found is None:
        turn.say("input.stale_button")
        return
    stored, opened = found
    plan = read_version(stored)
    text = render.whole_plan(turn, plan, stored.number, opened.row.current_version)
    turn.reply(text)

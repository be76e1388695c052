"""The client and plan a plan turn works on, loaded and checked in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.dialogue.turn import Turn
from nlp import planfile
from storage import plans as plan_store
from storage.models import Client, Plan


@dataclass
class OpenPlan:
    row: Plan
    plan: planfile.Plan
    client: Client


def today(turn: Turn) -> date:
    """The clinician's calendar day: review and target dates are days in their time zone."""
    return turn.local(turn.now).date()


def default_review_date(turn: Turn) -> date:
    return today(turn) + timedelta(days=turn.clinician.review_days)


async def for_client(turn: Turn, client: Client) -> OpenPlan | None:
    found = await plan_store.current_plan(turn.session, client.id)
    return None if found is None else OpenPlan(found[0], found[1], client)


async def by_plan_id(turn: Turn, plan_id: str) -> OpenPlan | None:
    """The clinician's own plan by row id (from a button), or None."""
    row = await turn.session.get(Plan, plan_id) if plan_id else None
    if row is None or row.clinician_id != turn.clinician.id:
        return None
    client = await turn.session.get(Client, row.client_id)
    return await for_client(turn, client)

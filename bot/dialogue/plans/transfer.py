"""Plan files in and out: import a YAML plan (a document in the chat, or `wayfinder plan import`)
and export the current version as YAML (a button, or `wayfinder plan export`).

Import is all or nothing: the file is parsed and validated whole before anything is stored, so a
bad file leaves no half plan. An imported plan for a client who already has one becomes its
next version; the earlier versions stay in the history. An objective id the file words
differently counts as a new objective until the clinician answers "same objective, reworded, or
a new one?" (identity.py; `wayfinder plan import` asks for --same or --new instead). Exported
file names carry no client code (a code is client information).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import PurePath
from zoneinfo import ZoneInfo

from bot.dialogue.plans import identity
from bot.dialogue.plans.show import show_plan
from bot.dialogue.turn import Turn
from bot.shared.events import Document
from bot.shared.wording import Wording
from nlp import planfile
from storage.models import Client, Clinician, PlanVersion
from storage.plans import OpenPlan
from storage.store import Store

PLAN_SUFFIXES = (".yaml", ".yml", ".txt")
PLAN_MIME_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


@dataclass
class Imported:
    client: Client
    version: PlanVersion
    plan: planfile.Plan
    review_defaulted: bool  # the file had no review date, so the clinician's default was used
    reworded: dict[str, tuple[str, str]]  # ids worded differently from before: (was, now)


def clinician_today(clinician: Clinician, now: datetime) -> date:
    return now.astimezone(ZoneInfo(clinician.timezone)).date()


def read_plan_file(clinician: Clinician, data: bytes | str, now: datetime) -> tuple[
    planfile.Plan, bool
]:
    """The validated plan, and whether its review date is the clinician's default (the file
    had none); raises PlanFileError."""
    today = clinician_today(clinician, now)
    plan = planfile.parse_plan(data, today=today)
    if plan.review_due is not None:
        return plan, False
    return replace(plan, review_due=today + timedelta(days=clinician.review_days)), True


async def reworded_ids(store: Store, plan: planfile.Plan) -> dict[str, tuple[str, str]]:
    """Objective ids the client's current plan words differently: id -> (was, now)."""
    client = await store.clients.find(plan.client)
    current = await store.plans.current(client.id) if client else None
    if current is None:
        return {}
    return {
        objective_id: (current.plan.objective(objective_id).text, plan.objective(objective_id).text)
        for objective_id in await store.plans.reworded(client.id, plan)
    }


async def import_plan(
    store: Store,
    words: Wording,
    data: bytes | str,
    now: datetime,
    decisions: dict[str, str] | None = None,
) -> Imported:
    """Parses, validates and stores a plan file; raises PlanFileError, storing nothing.

    `decisions`: identity.SAME or NEW per reworded id; an undecided one is a new objective."""
    plan, defaulted = read_plan_file(store.clinician, data, now)
    reworded = await reworded_ids(store, plan)
    client = await store.clients.get_or_create(plan.client, now)
    stored = await store.plans.save_version(
        client.id, plan, words("plan.change.imported"), now, decisions
    )
    return Imported(client, stored, plan, defaulted, reworded)


def export_file(plan: planfile.Plan, number: int) -> tuple[str, bytes]:
    return f"treatment-plan-v{number}.yaml", planfile.dump_plan(plan).encode("utf-8")


def looks_like_plan_file(document: Document) -> bool:
    suffix = PurePath(document.filename or "").suffix.lower()
    return suffix in PLAN_SUFFIXES or (document.mime_type or "").lower() in PLAN_MIME_TYPES


async def on_document(turn: Turn) -> None:
    """A document in the chat is a plan to import; anything else gets a short refusal."""
    document = turn.event.document
    if document is None or not looks_like_plan_file(document):
        turn.say("plan.import.not_yaml")
        return
    if document.data is None or document.size > planfile.MAX_PLAN_BYTES:
        turn.say("plan.import.too_large")
        return
    try:
        imported = await import_plan(turn.store, turn.services.wording, document.data, turn.now)
    except planfile.PlanFileError as problem:
        turn.say("plan.import.rejected", problem=str(problem))
        return
    key = "plan.import.done_defaulted" if imported.review_defaulted else "plan.import.done"
    turn.say(key, client=imported.client.code, number=imported.version.number)
    show_plan(turn, await turn.store.plans.current(imported.client.id))
    identity.ask_after_import(turn, imported.version.id, imported.reworded)


def send_export(turn: Turn, opened: OpenPlan) -> None:
    name, content = export_file(opened.plan, opened.row.current_version)
    turn.reply(
        turn.words(
            "plan.export.sent", client=opened.client.code, number=opened.row.current_version
        ),
        file=(name, content),
    )

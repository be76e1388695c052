"""Rows for export tests, written through storage as the bot writes them; the record built."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.export.build import build_record
from bot.export.model import ClinicalRecord
from bot.shared.templates import TemplateLibrary
from bot.shared.wording import Wording
from nlp.planfile import parse_plan
from storage import notes as note_store
from storage.models import Clinician
from storage.store import Store
from tests.conftest import CLINICIAN

PANIC_PLAN = (Path(__file__).parents[1] / "e2e" / "panic_plan.yaml").read_text()
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
# One objective for each trend: O1 improving, O2 worsening, O3 no change, O4 none, O5 met.
FIVE_OBJECTIVES = """
client: "C.D."
review_due: 2027-03-01
problems:
  - id: P1
    statement: "Low mood, poor sleep"
    goals:
      - id: G1
        text: "Lift mood and sleep"
        objectives:
          - {id: O1, text: "Walk 20 minutes on 4 days a week", direction: increase}
          - {id: O2, text: "Sleep at least 7 hours", direction: increase}
          - {id: O3, text: "Call a friend weekly", direction: increase}
          - {id: O4, text: "Keep a mood diary", direction: increase}
          - {id: O5, text: "Attend the intake group", direction: increase, status: met}
        interventions:
          - {id: I1, text: "Behavioural activation"}
"""
words = Wording.load()
templates = TemplateLibrary.load()


def tagged(text: str, *tags: tuple[str, str], scores: tuple[tuple[str, float], ...] = ()) -> dict:
    """One tagger sentence object (DESIGN.md's shape) linking `text` to (objective, progress)."""
    return {
        "sentence": text,
        "tags": [
            {
                "objective": objective,
                "negated": False,
                "hypothetical": False,
                "historical": False,
                "other_person": False,
                "progress": progress,
                "evidence": [f"{objective} words"],
            }
            for objective, progress in tags
        ],
        "measurements": [{"kind": "score", "name": name, "value": value} for name, value in scores],
    }


async def add_clinician(database, zone: str = "America/New_York", clinician_id: int = CLINICIAN):
    async with database.transaction() as session:
        session.add(Clinician(id=clinician_id, timezone=zone, created_at=NOW, reminders_off=[]))


async def add_plan_version(database, code: str, plan_yaml: str = PANIC_PLAN) -> str:
    """Stores the plan as the client's next version; returns the version's id."""
    async with database.transaction() as session:
        store = await _store(session)
        client = await store.clients.get_or_create(code, NOW)
        stored = await store.plans.save_version(client.id, parse_plan(plan_yaml), "imported", NOW)
        return stored.id


async def add_signed_note(
    database,
    code: str,
    signed_at: datetime,
    sections: dict[str, str],
    *,
    tags: dict | None = None,
    template: str = "soap",
    addenda: tuple[tuple[datetime, str], ...] = (),
    draft: bool = False,
) -> str:
    async with database.transaction() as session:
        store = await _store(session)
        client = await store.clients.get_or_create(code, signed_at)
        note = await store.notes.start(
            client,
            template,
            signed_at,
            plan_version_id=await store.plans.current_version_id(client.id),
        )
        for ref, (key, text) in enumerate(sections.items()):
            note_store.append_entry(note, key, text, ref, signed_at)
        note.tags = tags
        if draft:
            return note.id
        note_store.sign(note, client, signed_at)
        await session.flush()
        for written_at, text in addenda:
            await store.notes.add_addendum(note, text, written_at)
        return note.id


async def record_of(database, code: str, *, practice: str | None = None) -> ClinicalRecord:
    async with database.transaction() as session:
        store = await _store(session)
        client = await store.clients.find(code)
        rows = await store.exports.rows(store.clinician, client)
        return build_record(rows, templates, practice=practice, now=NOW)


async def _store(session) -> Store:
    return Store(session, await session.get(Clinician, CLINICIAN))

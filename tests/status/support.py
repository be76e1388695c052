"""Signed notes carrying tagger output, the shape the lead stores in `note.tags`."""

from __future__ import annotations

from datetime import datetime

from bot.shared.services import Services
from storage import notes as note_store
from storage.clients import Clients
from storage.notes import Notes
from storage.plans import Plans
from tests.conftest import CLINICIAN


def sentence(text: str, *tags: tuple[str, str], measurements: list[dict] | None = None) -> dict:
    return {
        "sentence": text,
        "tags": [
            {
                "objective": objective,
                "negated": progress == "worsened",
                "hypothetical": False,
                "historical": False,
                "other_person": False,
                "progress": progress,
                "evidence": [f"{objective} keyword"],
            }
            for objective, progress in tags
        ],
        "measurements": measurements or [],
    }


async def add_signed_note(
    services: Services, code: str, signed_at: datetime, tags: dict, clinician_id: int = CLINICIAN
) -> str:
    async with services.database.transaction() as session:
        client = await Clients(session, clinician_id).get_or_create(code, signed_at)
        version_id = await Plans(session, clinician_id).current_version_id(client.id)
        note = await Notes(session, clinician_id).start(
            client, "soap", signed_at, plan_version_id=version_id  # as a note started in chat
        )
        note_store.append_entry(note, "assessment", "Progress noted.", None, signed_at)
        note.tags = tags
        note_store.sign(note, client, signed_at)
        return note.id

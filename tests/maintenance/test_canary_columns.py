"""A canary in every column a clinician's input can reach: each holds it readable, and not one
stored byte holds it in the clear (objective ids and plan change labels included)."""

from __future__ import annotations

from tests.maintenance.support import CANARY, everything_readable, raw_bytes, seed

# Everything a clinician types, dictates or imports that seed() puts a canary into.
CLINICIAN_INPUT = {
    ("notes", "content"),
    ("conversations", "payload"),
    ("private_notes", "body"),
    ("plan_versions", "body"),
    ("plan_versions", "change"),
    ("learned_keywords", "objective_id"),
    ("learned_keywords", "keyword"),
    ("note_cosignatures", "comment"),
}


async def test_every_input_column_holds_the_canary_sealed(database):
    await seed(database)
    readable = await everything_readable(database)
    holding = {(table, column) for (table, column, _), value in readable.items()
               if CANARY in str(value)}
    assert CLINICIAN_INPUT <= holding
    assert CANARY.encode() not in await raw_bytes(database)

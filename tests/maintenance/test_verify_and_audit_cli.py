"""`wayfinder verify` and `wayfinder audit`: counts, failures by table and row, never content;
the operator's own actions (a PIN reset) land in the trail, and `--verify` checks its chains."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.conftest import CLINICIAN
from tests.maintenance.support import CANARY, Place, seed, wayfinder


@pytest.fixture
def place(tmp_path, monkeypatch) -> Place:
    for name in ("WAYFINDER_KEY", "WAYFINDER_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    data_dir = tmp_path / "var"
    data_dir.mkdir()
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(data_dir))
    url = f"sqlite+aiosqlite:///{data_dir / 'wayfinder.db'}"
    monkeypatch.setenv("WAYFINDER_DATABASE_URL", url)
    return Place(url, data_dir / "wayfinder.key")


async def test_verify_counts_and_names_a_tampered_note_by_row(place, capsys):
    db = await place.open()
    try:
        signed_id = await seed(db)
    finally:
        await db.close()
    assert await wayfinder("verify") == 0
    out = capsys.readouterr().out
    assert "1 signed notes" in out and "1 addenda" in out and "All records verified." in out
    db = await place.open()
    try:
        async with db.transaction() as session:
            await session.execute(text("DROP TRIGGER signed_note_no_update"))
            await session.execute(text("UPDATE notes SET template = 'dap' WHERE id = :id"),
                                  {"id": signed_id})
    finally:
        await db.close()
    assert await wayfinder("verify") == 1
    out = capsys.readouterr().out
    assert f"FAILED notes row {signed_id}: fingerprint" in out
    assert CANARY not in out and "Panic attacks" not in out


async def test_audit_prints_the_trail_and_verifies_its_chains(place, capsys):
    db = await place.open()
    try:
        await seed(db)
        async with db.transaction() as session:
            await session.execute(text("UPDATE clinicians SET pin_verifier = 'x' WHERE id = :id"),
                                  {"id": CLINICIAN})
    finally:
        await db.close()
    assert await wayfinder("reset-pin", str(CLINICIAN)) == 0
    assert await wayfinder("audit", "--verify") == 0
    out = capsys.readouterr().out
    assert f"operator  pin_reset  clinician {CLINICIAN}  via cli" in out
    assert "the chains are intact" in out
    assert await wayfinder(
        "audit", "--client", "A.B.", "--since", "2020-01-01", "--clinician", str(CLINICIAN)
    ) == 0
    assert "pin_reset" not in capsys.readouterr().out, "not about client A.B."

"""`wayfinder rotate-key`: everything re-encrypted with a new key version, reads the same after."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.exc import DBAPIError, IntegrityError

from storage import keys, rotation
from storage.clients import Clients
from storage.db import DatabaseKeyError
from storage.models import Base, Note
from tests.conftest import CLINICIAN, TEST_KEY
from tests.maintenance.support import (
    CANARY,
    NOW,
    Place,
    everything_readable,
    raw_bytes,
    seed,
    wayfinder,
)
from tests.pg import fresh_postgres_database, postgres_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def place(request, tmp_path, monkeypatch):
    for name in ("WAYFINDER_KEY", "WAYFINDER_KEY_FILE", "WAYFINDER_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    data_dir = tmp_path / "var"
    data_dir.mkdir()
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(data_dir))
    key_file = data_dir / "wayfinder.key"
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{data_dir / 'wayfinder.db'}"
        monkeypatch.setenv("WAYFINDER_DATABASE_URL", url)
        yield Place(url, key_file)
        return
    if postgres_url() is None:
        pytest.skip("WAYFINDER_TEST_POSTGRES_URL is not set")
    async with fresh_postgres_database() as url:
        monkeypatch.setenv("WAYFINDER_DATABASE_URL", url)
        yield Place(url, key_file)


async def seeded(place: Place, env_key: str | None = None):
    """Seed the database; returns (signed note id, everything as it reads before rotation)."""
    db = await place.open(env_key)
    try:
        signed_id = await seed(db)
        return signed_id, await everything_readable(db)
    finally:
        await db.close()


async def state(place: Place, env_key: str | None = None):
    """(everything readable, key versions in use, raw stored bytes, client A.B.'s code)."""
    db = await place.open(env_key)
    try:
        async with db.transaction() as session:
            found = await Clients(session, CLINICIAN).find("a.b.")
            code = found.code if found else None
        readable = await everything_readable(db)
        return readable, dict(await rotation.versions_in_use(db)), await raw_bytes(db), code
    finally:
        await db.close()


def key_file_versions(place: Place) -> tuple[list[int], int]:
    stored = keys.read_key_file_masters(place.key_file)
    return sorted(stored.masters), stored.current


async def test_rotation_reencrypts_everything_and_forgetting_old_keeps_lookups(place, capsys):
    signed_id, before = await seeded(place)
    assert await wayfinder("rotate-key") == 0
    out = capsys.readouterr().out
    assert "Done" in out and "--forget-old" in out
    assert key_file_versions(place) == ([1, 2], 2)

    readable, in_use, raw, code = await state(place)
    assert readable == before
    assert set(in_use) == {2}
    assert CANARY.encode() not in raw
    assert code == "A.B."
    db = await place.open()
    try:
        with pytest.raises((IntegrityError, DBAPIError), match="signed note cannot be changed"):
            async with db.transaction() as session:
                await session.execute(
                    update(Note).where(Note.id == signed_id).values(template="dap")
                )
    finally:
        await db.close()

    assert await wayfinder("rotate-key", "--forget-old") == 0
    assert "holds only version 2" in capsys.readouterr().out
    assert key_file_versions(place) == ([2], 2)
    readable, in_use, _, code = await state(place)
    assert readable == before and set(in_use) == {2} and code == "A.B."
    db = await place.open()
    try:
        async with db.transaction() as session:
            again = await Clients(session, CLINICIAN).get_or_create("A.B.", NOW)
            everyone = await Clients(session, CLINICIAN).recent()
        assert again.code == "A.B." and len(everyone) == 2  # found, not created anew
    finally:
        await db.close()

    # A second rotation adds version 3 and keeps the separately stored index key.
    assert await wayfinder("rotate-key") == 0
    assert key_file_versions(place) == ([2, 3], 3)
    assert await wayfinder("rotate-key", "--forget-old") == 0
    readable, in_use, _, code = await state(place)
    assert readable == before and set(in_use) == {3} and code == "A.B."


async def test_an_interrupted_rotation_finishes_when_run_again(place, monkeypatch, capsys):
    _, before = await seeded(place)
    monkeypatch.setattr(rotation, "BATCH_ROWS", 1)
    real_batch = rotation._reseal_batch
    calls = []

    async def crash_after_the_first_batch(*args):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("simulated crash")
        await real_batch(*args)

    monkeypatch.setattr(rotation, "_reseal_batch", crash_after_the_first_batch)
    with pytest.raises(RuntimeError, match="simulated crash"):
        await wayfinder("rotate-key")
    readable, in_use, _, code = await state(place)
    assert readable == before and code == "A.B."
    assert in_use[2] == 1 and in_use[1] > 1  # the first batch was committed, the rest was not

    monkeypatch.setattr(rotation, "_reseal_batch", real_batch)
    capsys.readouterr()
    assert await wayfinder("rotate-key") == 0
    out = capsys.readouterr().out
    assert f"{in_use[1]} values still use an older key version" in out
    assert "(1 already used it)" in out
    assert key_file_versions(place) == ([1, 2], 2)  # resumed, no third version
    readable, in_use, _, _ = await state(place)
    assert readable == before and set(in_use) == {2}


async def test_forget_old_refuses_while_a_value_still_uses_an_old_version(place, capsys):
    await seeded(place)
    keys.write_key_file(
        place.key_file, keys.read_key_file_masters(place.key_file).with_new_version()
    )
    before = place.key_file.read_bytes()
    assert await wayfinder("rotate-key", "--forget-old") == 1
    assert "Nothing was changed" in capsys.readouterr().err
    assert place.key_file.read_bytes() == before


async def test_with_wayfinder_key_the_new_value_is_printed_then_used(place, monkeypatch, capsys):
    _, before = await seeded(place, TEST_KEY)
    monkeypatch.setenv("WAYFINDER_KEY", TEST_KEY)
    assert await wayfinder("rotate-key") == 0
    out = capsys.readouterr().out
    assert "Nothing was re-encrypted yet" in out
    (line,) = [line for line in out.splitlines() if line.startswith("WAYFINDER_KEY=v2:")]
    both = line.removeprefix("WAYFINDER_KEY=")
    assert both.endswith(f",v1:{TEST_KEY.rstrip('=')}")
    assert set((await state(place, TEST_KEY))[1]) == {1}
    assert not place.key_file.exists()

    monkeypatch.setenv("WAYFINDER_KEY", both)
    assert await wayfinder("rotate-key") == 0
    assert "Done" in capsys.readouterr().out
    readable, in_use, _, code = await state(place, both)
    assert readable == before and set(in_use) == {2} and code == "A.B."

    assert await wayfinder("rotate-key", "--forget-old") == 0
    (line,) = [x for x in capsys.readouterr().out.splitlines() if x.startswith("WAYFINDER_KEY=")]
    current_only = line.removeprefix("WAYFINDER_KEY=")
    assert (
        current_only.startswith("v2:") and ",index:" in current_only and "v1:" not in current_only
    )
    readable, in_use, _, code = await state(place, current_only)
    assert readable == before and code == "A.B."
    with pytest.raises(DatabaseKeyError):
        await place.open(TEST_KEY)


async def test_a_wrong_key_is_refused_and_nothing_changes(place, monkeypatch, capsys):
    await seeded(place)
    key_before = place.key_file.read_bytes()
    monkeypatch.setenv("WAYFINDER_KEY", keys.encode_key(b"w" * 32))
    assert await wayfinder("rotate-key") == 2
    assert "does not match" in capsys.readouterr().err
    monkeypatch.delenv("WAYFINDER_KEY")
    assert place.key_file.read_bytes() == key_before
    assert set((await state(place))[1]) == {1}


def test_every_encrypted_column_is_rotated_with_its_own_purpose():
    binary = {
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if column.type.python_type is bytes and table.name != "meta"
    }
    found = {sealed.label: sealed.purpose for sealed in rotation.sealed_columns()}
    assert set(found) == binary
    assert found["private_notes.body"] == "private" and found["notes.content"] == "field"

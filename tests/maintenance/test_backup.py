"""`wayfinder backup DEST`: a consistent copy of the live SQLite database, never with the key."""

from __future__ import annotations

import stat

import pytest

from bot.cli import main
from storage import keys
from tests.maintenance.support import CANARY, Place, everything_readable, seed, wayfinder


@pytest.fixture
def place(tmp_path, monkeypatch) -> Place:
    for name in ("WAYFINDER_KEY", "WAYFINDER_KEY_FILE", "WAYFINDER_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    var = tmp_path / "var"
    var.mkdir()
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(var))
    return Place(f"sqlite+aiosqlite:///{var / 'wayfinder.db'}", var / "wayfinder.key")


async def test_a_backup_of_the_live_database_opens_with_the_same_key(place, tmp_path, capsys):
    live = await place.open()
    try:
        await seed(live)  # still in the WAL: the bot has the database open
        expected = await everything_readable(live)
        dest = tmp_path / "backups" / "monday.db"
        dest.parent.mkdir()
        assert await wayfinder("backup", str(dest)) == 0
    finally:
        await live.close()
    out = capsys.readouterr().out
    assert "does not contain the key" in out and str(place.key_file) in out
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert sorted(p.name for p in dest.parent.iterdir()) == ["monday.db"]
    copied = dest.read_bytes()
    master = keys.read_key_file_masters(place.key_file).masters[1]
    assert CANARY.encode() not in copied and master not in copied
    assert keys.encode_key(master).encode() not in copied

    backup = await Place(f"sqlite+aiosqlite:///{dest}", place.key_file).open()
    try:
        assert await everything_readable(backup) == expected
        assert any(CANARY in str(value) for value in expected.values())
    finally:
        await backup.close()


async def test_a_backup_never_overwrites_a_file(place, tmp_path, capsys):
    db = await place.open()
    await db.close()
    dest = tmp_path / "existing.db"
    dest.write_bytes(b"yesterday's backup")
    assert main(["backup", str(dest)]) == 1
    assert "already exists; nothing was written" in capsys.readouterr().err
    assert dest.read_bytes() == b"yesterday's backup"


def test_backup_points_postgres_users_to_pg_dump(monkeypatch, capsys):
    monkeypatch.setenv("WAYFINDER_DATABASE_URL", "postgresql+asyncpg://wayfinder@db.invalid/w")
    assert main(["backup", "/tmp/never-written.db"]) == 2
    assert "pg_dump" in capsys.readouterr().err


def test_backup_without_a_database_says_so(place, tmp_path, capsys):
    assert main(["backup", str(tmp_path / "b.db")]) == 1
    assert "there is no database" in capsys.readouterr().err
    assert not (tmp_path / "b.db").exists()

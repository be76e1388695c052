"""`wayfinder export CODE --format text|pdf|fhir [--out FILE]`, run as the console runs it."""

from __future__ import annotations

import asyncio
import re
import stat
from datetime import UTC, datetime

import pytest
from fhir.resources.R4B.bundle import Bundle

from bot.app import open_services
from bot.cli import main
from bot.config import Settings
from tests.conftest import CLINICIAN
from tests.export.support import add_clinician, add_signed_note


@pytest.fixture
def environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("WAYFINDER_CONSOLE_USER", str(CLINICIAN))
    for name in ("WAYFINDER_DATABASE_URL", "WAYFINDER_KEY", "WAYFINDER_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    return out


def store_notes() -> None:
    async def store() -> None:
        services = await open_services(Settings.from_env())
        try:
            await add_clinician(services.database)
            signed_at = datetime(2026, 11, 30, 15, tzinfo=UTC)
            await add_signed_note(services.database, "A.B.", signed_at, {"subjective": "Calm."})
            await add_signed_note(
                services.database, "E.F.", signed_at, {"subjective": "Draft."}, draft=True
            )
        finally:
            await services.database.close()

    asyncio.run(store())


def test_each_format_goes_to_a_new_private_file_named_without_the_code(environment, capsys):
    store_notes()

    for export_format in ("text", "pdf", "fhir"):
        assert main(["export", "A.B.", "--format", export_format]) == 0

    written = sorted(environment.iterdir())
    names = [path.name for path in written]
    assert len(names) == 3, names
    for name in names:
        assert re.fullmatch(r"record-\d{8}-\d{6}-[0-9a-f]{8}\.(txt|pdf|fhir\.json)", name)
        assert "A.B" not in name
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    contents = {path.suffix: path.read_bytes() for path in written}
    assert "Subjective\nCalm." in contents[".txt"].decode()
    assert contents[".pdf"].startswith(b"%PDF-")
    Bundle.model_validate_json(contents[".json"])
    assert "Wrote 1 signed note(s) as fhir to record-" in capsys.readouterr().out


def test_out_writes_that_file_and_never_overwrites_one(environment, capsys):
    store_notes()
    target = environment / "for-the-auditor.pdf"

    assert main(["export", "a.b.", "--format", "pdf", "--out", str(target)]) == 0
    first = target.read_bytes()
    assert main(["export", "A.B.", "--format", "text", "--out", str(target)]) == 1

    assert "already exists; nothing was written" in capsys.readouterr().err
    assert target.read_bytes() == first and first.startswith(b"%PDF-")


def test_unknown_clients_drafts_only_and_a_missing_database_write_nothing(environment, capsys):
    assert main(["export", "A.B."]) == 1
    assert "there is no database" in capsys.readouterr().err
    assert not (environment.parent / "var" / "wayfinder.db").exists()

    store_notes()
    assert main(["export", "Z.Z."]) == 1
    assert "no client with that code" in capsys.readouterr().err
    assert main(["export", "E.F."]) == 1
    assert "no signed notes" in capsys.readouterr().err
    assert main(["export", "A.B.", "--clinician", "777"]) == 1
    assert list(environment.iterdir()) == []

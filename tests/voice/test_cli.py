"""`wayfinder transcribe FILE... [--json]`."""

import json

from bot.cli import main
from tests.voice.conftest import audio_file


def test_transcribe_prints_one_json_object_per_file(capsys):
    files = [audio_file("gad_next", "festival"), audio_file("plan_back", "festival")]

    status = main(["transcribe", *map(str, files), "--json"])

    lines = capsys.readouterr().out.splitlines()
    assert status == 0
    assert len(lines) == 2
    first, second = map(json.loads, lines)
    assert first["file"] == str(files[0])
    assert "GAD-7 score of 8" in first["text"]
    assert 7 < first["duration"] < 8.5
    assert first["seconds"] > 0
    assert "weekly sessions" in second["text"].lower()


def test_transcribe_prints_plain_text(capsys):
    assert main(["transcribe", str(audio_file("mood_question", "festival"))]) == 0
    assert "4/10" in capsys.readouterr().out


def test_transcribe_reports_an_unreadable_file_and_fails(tmp_path, capsys):
    broken = tmp_path / "broken.ogg"
    broken.write_bytes(b"not audio at all" * 10)

    status = main(["transcribe", str(broken), str(audio_file("plan_back", "festival")), "--json"])

    first, second = map(json.loads, capsys.readouterr().out.splitlines())
    assert status == 1
    assert "damaged" in first["error"]
    assert "weekly sessions" in second["text"].lower()

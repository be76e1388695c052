"""`wayfinder tag PLAN.yaml [FILE|-]` through nlp.cli's parser and handler."""

from __future__ import annotations

import argparse
import io
import json
import sys

import pytest

from nlp.cli import add_tag_parser
from tests.nlp.conftest import PLANS


def _run(argv: list[str], stdin: str = "") -> int:
    parser = argparse.ArgumentParser()
    add_tag_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")))
    try:
        return args.func(args)
    finally:
        sys.stdin = old


def test_tags_stdin_one_json_object_per_sentence(capsys) -> None:
    code = _run(["tag", str(PLANS / "panic.yaml")], "No panic attacks.\nAnxiety 6/10.")
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["sentence"] for line in lines] == [
        "No panic attacks.",
        "Anxiety 6/10.",
    ]
    assert json.loads(lines[1])["measurements"][0]["name"] == "anxiety"


def test_tags_a_file_and_dash(tmp_path, capsys) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Drove on the highway.\n\nHer sister drives on the highway.", "utf-8")
    assert _run(["tag", str(PLANS / "panic.yaml"), str(note)]) == 0
    first, second = (json.loads(x) for x in capsys.readouterr().out.splitlines())
    assert first["tags"][0]["objective"] == "O3" and second["tags"] == []
    assert _run(["tag", str(PLANS / "panic.yaml"), "-"], "Drove to work.") == 0
    assert json.loads(capsys.readouterr().out)["tags"][0]["objective"] == "O3"


@pytest.mark.parametrize(
    ("content", "expected"),
    [("client: A B\nproblems: []\n", "client code"), ("a: [", "not valid YAML")],
)
def test_bad_plan_exits_2_with_message(tmp_path, capsys, content: str, expected: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(content, "utf-8")
    assert _run(["tag", str(plan)], "text") == 2
    captured = capsys.readouterr()
    assert expected in captured.err and captured.out == ""


def test_missing_files_exit_2(tmp_path, capsys) -> None:
    assert _run(["tag", str(tmp_path / "none.yaml")]) == 2
    assert "cannot read the plan file" in capsys.readouterr().err
    assert _run(["tag", str(PLANS / "panic.yaml"), str(tmp_path / "none.txt")]) == 2
    assert "cannot read the note" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "expected"),
    [("[" * 10_000, "nests lists or sections far deeper"),
     ("&a [*a, *a]", "does not look like a plan file"),
     ('client: "A.B."\nproblems:\n  - id: "\\ud800"\n', "Line 3: a character cannot be read")],
)
def test_a_hostile_plan_gets_one_line(tmp_path, capsys, content: str, expected: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(content, encoding="utf-8")
    assert _run(["tag", str(plan)], "No panic attacks.") == 2
    err = capsys.readouterr().err
    assert expected in err and len(err.strip().splitlines()) == 1

"""`wayfinder plan import FILE` and `wayfinder plan export CODE`, run as the CLI runs them."""

from __future__ import annotations

import argparse

import pytest

from bot.plan_cli import add_plan_parser
from nlp.planfile import parse_plan
from tests.conftest import CLINICIAN


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="wayfinder")
    add_plan_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return args.func(args)


@pytest.fixture
def environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("WAYFINDER_CONSOLE_USER", str(CLINICIAN))
    for name in ("WAYFINDER_DATABASE_URL", "WAYFINDER_KEY", "WAYFINDER_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_import_then_export_gives_the_same_plan(environment, sample_plan, capsys):
    source = environment / "in.yaml"
    source.write_text(sample_plan, encoding="utf-8")
    assert run("plan", "import", str(source)) == 0
    assert "as version 1" in capsys.readouterr().out
    assert run("plan", "export", "a.b.") == 0
    exported = capsys.readouterr().out
    assert parse_plan(exported) == parse_plan(sample_plan)
    (environment / "again.yaml").write_text(exported, encoding="utf-8")
    assert run("plan", "import", str(environment / "again.yaml")) == 0
    assert "as version 2" in capsys.readouterr().out


def test_a_different_plan_replaces_the_current_one_only_with_replace(
    environment, sample_plan, capsys
):
    source, changed = environment / "in.yaml", environment / "changed.yaml"
    source.write_text(sample_plan, encoding="utf-8")
    changed.write_text(sample_plan.replace("Fewer than", "Under"), encoding="utf-8")
    assert run("plan", "import", str(source)) == 0
    capsys.readouterr()
    assert run("plan", "import", str(changed), "--same", "O2") == 1
    err = capsys.readouterr().err
    assert "already has a different plan (version 1); add --replace" in err
    assert run("plan", "import", str(changed), "--same", "O2", "--replace") == 0
    assert "as version 2" in capsys.readouterr().out


def test_plans_belong_to_the_clinician_given(environment, sample_plan, capsys):
    source = environment / "in.yaml"
    source.write_text(sample_plan, encoding="utf-8")
    assert run("plan", "import", str(source), "--clinician", "777") == 0
    assert run("plan", "export", "A.B.") == 1  # the console user has no such client
    assert "no plan" in capsys.readouterr().err
    assert run("plan", "export", "A.B.", "--clinician", "777") == 0


def test_a_bad_file_imports_nothing_and_exits_1(environment, sample_plan, capsys):
    source = environment / "bad.yaml"
    source.write_text(sample_plan.replace("id: O2", "id: O1"), encoding="utf-8")
    assert run("plan", "import", str(source)) == 1
    err = capsys.readouterr().err
    assert "nothing was imported" in err and "is used twice" in err
    assert run("plan", "export", "A.B.") == 1
    assert run("plan", "import", str(environment / "missing.yaml")) == 1
    assert "cannot read the file" in capsys.readouterr().err
    big = environment / "big.yaml"
    big.write_bytes(b"#" * (1024 * 1024 + 1))
    assert run("plan", "import", str(big)) == 1
    assert "larger than 1 MB" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "expected"),
    [("[" * 10_000, "nests lists or sections far deeper"),
     ('client: "A.B."\nproblems: "\\ud800"\n', "Line 2: a character cannot be read")],
)
def test_a_hostile_file_gets_one_line_and_imports_nothing(environment, capsys, content, expected):
    source = environment / "bad.yaml"
    source.write_text(content, encoding="utf-8")
    assert run("plan", "import", str(source)) == 1
    err = capsys.readouterr().err
    assert expected in err and len(err.strip().splitlines()) == 1

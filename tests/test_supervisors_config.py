"""WAYFINDER_SUPERVISORS: who co-signs whose notes, read at start; a bad entry is named and
`wayfinder run` refuses to start."""

from __future__ import annotations

import pytest

from bot import cli
from bot.config import ConfigError, Settings

ALLOWED = {"WAYFINDER_ALLOWED_USERS": "111,222,333,444,555"}


def test_supervisors_and_their_supervisees_are_read():
    settings = Settings.from_env(ALLOWED | {"WAYFINDER_SUPERVISORS": "111:222, 333; 444:555"})
    assert settings.supervisors == {111: frozenset({222, 333}), 444: frozenset({555})}
    assert settings.supervisor_of(333) == 111
    assert settings.supervisor_of(111) is None
    assert Settings.from_env(ALLOWED).supervisors == {}


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("999:222", "supervisor 999 is not in WAYFINDER_ALLOWED_USERS"),
        ("111:998", "supervisee 998 is not in WAYFINDER_ALLOWED_USERS"),
        ("111", "'111' is not SUPERVISOR:SUPERVISEE"),
        ("111:bob", "'111:bob' is not SUPERVISOR:SUPERVISEE"),
        ("111:222;333:222", "222 has two supervisors"),
        ("111:111", "111 cannot supervise themselves"),
        ("111:222;111:333", "supervisor 111 is named twice"),
    ],
)
def test_a_bad_entry_is_named(value, named):
    with pytest.raises(ConfigError, match=named):
        Settings.from_env(ALLOWED | {"WAYFINDER_SUPERVISORS": value})


def test_run_refuses_to_start_naming_the_unknown_supervisor(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("WAYFINDER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WAYFINDER_ALLOWED_USERS", "111,222")
    monkeypatch.setenv("WAYFINDER_SUPERVISORS", "999:222")
    assert cli.main(["run"]) == 2
    assert "supervisor 999 is not in WAYFINDER_ALLOWED_USERS" in capsys.readouterr().err

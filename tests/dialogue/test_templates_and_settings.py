"""Templates load from TOML (a broken one is named, the rest load); settings are checked."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, Settings
from bot.shared.templates import TemplateLibrary

PRACTICE_TEMPLATE = """
[template]
key = "crisis"
name = "Crisis contact"

[[sections]]
key = "situation"
title = "Situation"
prompt = "What happened?"

[[sections]]
key = "safety"
title = "Safety"
prompt = "Risk and safety plan"
required = false
"""


def test_builtin_templates_load_with_their_sections():
    library = TemplateLibrary.load()
    assert library.problems == []
    assert {"soap", "dap", "birp", "girp", "pirp"} <= set(library.templates)
    assert library.get("SOAP").section_keys == ["subjective", "objective", "assessment", "plan"]


def test_a_practice_folder_adds_templates_and_a_broken_file_is_named(tmp_path):
    (tmp_path / "crisis.toml").write_text(PRACTICE_TEMPLATE)
    (tmp_path / "broken.toml").write_text("[template\nkey = 'x'")
    (tmp_path / "nosections.toml").write_text("[template]\nkey = 'n'\nname = 'N'\n")
    library = TemplateLibrary.load(tmp_path)
    assert library.get("crisis").sections[1].required is False
    assert "soap" in library.templates
    assert len(library.problems) == 2
    assert any(p.startswith("broken.toml: ") for p in library.problems)
    assert "nosections.toml: needs at least one [[sections]] entry" in library.problems


def test_settings_from_the_environment():
    settings = Settings.from_env({
        "WAYFINDER_ALLOWED_USERS": "11, 22", "WAYFINDER_DATA_DIR": "/tmp/x",
        "WAYFINDER_MAX_MESSAGE_CHARS": "500",
    })
    assert settings.allowed_users == frozenset({11, 22})
    assert settings.resolved_database_url == "sqlite+aiosqlite:////tmp/x/wayfinder.db"
    assert settings.max_message_chars == 500
    with pytest.raises(ConfigError, match="WAYFINDER_ALLOWED_USERS"):
        Settings.from_env({"WAYFINDER_ALLOWED_USERS": "11,bob"})
    with pytest.raises(ConfigError, match="WAYFINDER_VOICE_MAX_SECONDS"):
        Settings.from_env({"WAYFINDER_VOICE_MAX_SECONDS": "ten"})

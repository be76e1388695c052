"""The wording files and the code agree, key by key: every key the code names exists, every key
in prompts/ is one the code can ask for, and what the bot hears is not in what it says.

A key counts as asked for when the code names it whole ("note.gone"), as the head of an f-string
(f"note.status.{status}" asks for every note.status key), or for counted() ("reminder.digest"
asks for reminder.digest.one and .many).
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from functools import cache
from pathlib import Path

from bot.dialogue import plans
from bot.dialogue.navigation import MOVES
from bot.dialogue.plans.extend import PARENT_KIND
from bot.dialogue.plans.flow import CHECKS
from bot.reminders.planner import PLANNED_KINDS
from bot.shared.vocabulary import VOCABULARIES, vocabulary
from bot.shared.wording import PROMPTS_DIR, WORDING_FILES, Wording
from bot.telegram.incoming import UNSUPPORTED_KINDS
from nlp.planfile import DIRECTIONS, STATUSES
from tests.dialogue.test_modes import declared

ROOT = Path(__file__).resolve().parents[1]


@cache
def keys() -> frozenset[str]:
    return frozenset(Wording.load().keys())


@cache
def strings_in_code() -> tuple[frozenset[str], frozenset[str]]:
    """(whole string literals, constant heads of f-strings) in every module of bot/."""
    whole, heads = set(), set()
    for path in (ROOT / "bot").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        formatted = [node for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)]
        parts = {id(part) for node in formatted for part in node.values}
        heads.update(
            node.values[0].value for node in formatted if isinstance(node.values[0], ast.Constant)
        )
        whole.update(
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in parts
        )
    return frozenset(whole), frozenset(heads)


def named_keys() -> set[str]:
    """Literals shaped like a wording key of one of the wording files' tables."""
    tables = "|".join(sorted({key.split(".")[0] for key in keys()}))
    shape = re.compile(rf"(?:{tables})(?:\.[a-z0-9_]+)+")
    modes = {str(mode) for mode in declared()}
    whole, _ = strings_in_code()
    return {s for s in whole if shape.fullmatch(s) and s not in modes and not s.endswith(".toml")}


def asked_for(key: str) -> bool:
    whole, heads = strings_in_code()
    family = [head for head in heads if "." in head and head.endswith((".", "_"))]
    return (
        key in whole
        or any(key.startswith(head) for head in family)
        or key.rsplit(".", 1)[0] in whole and key.rsplit(".", 1)[1] in ("one", "many")
    )


def test_every_key_the_code_names_exists():
    named = named_keys()
    assert {"note.gone", "reminder.digest", "plan.change.created"} <= named
    counted = {key for key in named if {f"{key}.one", f"{key}.many"} <= keys()}
    assert sorted(named - keys() - counted) == []


def test_every_key_in_prompts_is_asked_for():
    assert sorted(key for key in keys() if not asked_for(key)) == []


def test_every_key_family_is_complete():
    families = [f"plan.status.{s}" for s in STATUSES]
    families += [f"plan.arrow.{d}" for d in (*DIRECTIONS, "none")]
    families += [f"plan.direction_meaning.{d}" for d in DIRECTIONS]
    families += [f"plan.check.{c}" for c in CHECKS] + [f"plan.check_short.{c}" for c in CHECKS]
    families += [f"plan.button.{a}" for a in plans.PLAN_ACTIONS - {"open", "item", "obj"}]
    families += [
        f"plan.add.{part}.{kind}" for part in ("pick_parent", "no_parent") for kind in PARENT_KIND
    ]
    families += [f"plan.button.{m}" for m in MOVES]
    families += [f"plan.button.{d}_suggested" for d in DIRECTIONS]
    families += [f"plan.button.review_{c}" for c in ("keep", "revise", "met", "discontinue")]
    families += [f"plan.review.done_{c}" for c in ("keep", "revise", "met", "discontinue")]
    families += [f"plan.change.{status}" for status in ("met", "discontinued")]
    families += [f"input.kind.{kind}" for kind in (*UNSUPPORTED_KINDS, "other")]
    families += [f"voice.then.{move}" for move in MOVES]
    families += [f"reminder.kind.{kind}" for kind in (*PLANNED_KINDS, "own")]
    families += [f"note.status.{status}" for status in ("draft", "signed")]
    assert sorted(set(families) - keys()) == []


def test_wording_files_hold_only_wording_and_vocabularies_only_what_is_heard():
    for name in WORDING_FILES:
        with (PROMPTS_DIR / name).open("rb") as handle:
            values = _leaves(tomllib.load(handle))
        assert values and all(isinstance(value, str) for value in values), name
    assert not {name.removesuffix(".toml") for name in WORDING_FILES} & set(VOCABULARIES)
    for name in ("navigation", "plan_words", "reminder_words", "voice_commands"):
        lists = vocabulary(name).values()
        assert lists and all(isinstance(words, list) and words for words in lists), name
        assert all(isinstance(word, str) for words in lists for word in words), name
    assert all(entry["patterns"] for entry in vocabulary("intents")["intent"])
    assert not keys() & {f"plan.answers.{meaning}" for meaning in vocabulary("plan_words")}


def _leaves(table: dict) -> list:
    return [
        leaf
        for value in table.values()
        for leaf in (_leaves(value) if isinstance(value, dict) else [value])
    ]


def test_plan_file_messages_and_the_parser_agree():
    """nlp/planfile.py's messages are data too (nlp/data/plan_file_errors.json, beside it)."""
    data = ROOT / "nlp" / "data" / "plan_file_errors.json"
    messages = set(json.loads(data.read_text(encoding="utf-8"))) - {"_about"}
    code = (ROOT / "nlp" / "planfile.py").read_text(encoding="utf-8")
    asked = set(re.findall(r'_message\("([a-z0-9_]+)"', code))
    assert asked and asked == messages

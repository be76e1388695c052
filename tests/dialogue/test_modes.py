"""Modes are declared names (bot/dialogue/modes.py): every mode the code goes to is routed to a
handler, every routed mode is one the code goes to, and no mode is spelled out as a string.

A mode counts as gone to where the code hands it to a call (`turn.goto(NoteMode.SECTION)`,
`flow.ask(turn, PlanMode.GOAL, state)`, `client_from_code(..., ask_again_in=...)`); the
`Routes(...)` tables themselves do not count.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from functools import cache
from pathlib import Path
from types import ModuleType

import bot.dialogue
from bot.dialogue.features import FEATURES
from bot.dialogue.modes import IDLE, Mode
from bot.dialogue.routes import merge

WORDING_CALLS = {"say", "words", "button", "_answer"}  # their first argument is a wording key


@cache
def dialogue_modules() -> tuple[ModuleType, ...]:
    found = pkgutil.walk_packages(bot.dialogue.__path__, "bot.dialogue.")
    return tuple(importlib.import_module(info.name) for info in found)


def declared() -> set[Mode]:
    dialogue_modules()  # every feature's Mode classes are defined on import
    kinds, found = [Mode], set()
    while kinds:
        kind = kinds.pop()
        kinds.extend(kind.__subclasses__())
        found.update(kind)
    return found


def routed() -> set[str]:
    return set(merge([feature.ROUTES for feature in FEATURES]).modes)


def _syntax(module: ModuleType) -> ast.Module:
    return ast.parse(Path(module.__file__).read_text(encoding="utf-8"))


def _named_mode(module: ModuleType, node: ast.expr) -> Mode | None:
    """The Mode a name or attribute in `module` stands for, if it is one."""
    if not isinstance(node, ast.Name | ast.Attribute):
        return None
    try:
        value = eval(compile(ast.Expression(node), module.__file__, "eval"), vars(module))
    except (NameError, AttributeError):
        return None  # a local name (a parameter): whatever its callers pass is checked there
    return value if isinstance(value, Mode) else None


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def gone_to() -> dict[Mode, list[str]]:
    """Each mode handed to a call, and where."""
    targets: dict[Mode, list[str]] = {}
    for module in dialogue_modules():
        for node in ast.walk(_syntax(module)):
            if not isinstance(node, ast.Call) or _callee(node) == "Routes":
                continue
            for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                mode = _named_mode(module, argument)
                if mode is not None:
                    targets.setdefault(mode, []).append(f"{module.__name__}:{node.lineno}")
    return targets


def spelled_out() -> list[str]:
    """String literals equal to a mode's value outside its declaration (wording keys aside)."""
    values = {str(mode) for mode in declared()}
    found = []
    for module in dialogue_modules():
        tree = _syntax(module)
        skip: set[int] = set()
        for node in ast.walk(tree):
            declares = isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and base.id == "Mode" for base in node.bases
            )
            if declares:
                skip.update(id(child) for child in ast.walk(node))
            elif isinstance(node, ast.Call) and _callee(node) in WORDING_CALLS and node.args:
                skip.add(id(node.args[0]))
        found += [
            f"{module.__name__}:{node.lineno} {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in values and id(node) not in skip
        ]
    return found


def test_every_feature_declares_its_modes():
    modes = declared()
    assert {"note.section", "plan.goal", "group.members", "voice.pending"} <= modes
    assert len({str(mode) for mode in modes}) == len(modes), "two features declare one mode"


def test_every_routed_mode_is_declared_and_every_declared_mode_routed():
    routes = merge([feature.ROUTES for feature in FEATURES])
    assert set(routes.modes) <= declared()
    assert declared() - {IDLE} <= set(routes.modes)
    assert routes.dictation_modes <= set(routes.modes)


def test_every_mode_gone_to_is_routed():
    unrouted = {
        mode: places for mode, places in gone_to().items() if mode != IDLE and mode not in routed()
    }
    assert unrouted == {}
    assert IDLE in gone_to()


def test_every_routed_mode_is_reached():
    assert sorted(routed() - set(gone_to())) == []


def test_no_mode_is_spelled_out_as_a_string():
    assert spelled_out() == []

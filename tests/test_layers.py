"""The import graph against DESIGN.md's layers: arrows point one way, and no import cycle.

`bot` uses `nlp` and `storage`; `nlp` and `storage` never import `bot` (and `nlp` never touches
the database); nothing in `bot` imports `sqlalchemy`: the dialogue reaches the database only
through its store, the reminders and the command line through storage's repositories;
`bot/dialogue` is transport-free (no `telegram`); `bot/reminders` does not import the dialogue;
`bot/shared` sits below the dialogue, the reminders and the transports. Every import counts,
also one inside a function or under TYPE_CHECKING: each is a dependency all the same.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "nlp", "storage")


@cache
def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


@cache
def imports_of(module: str) -> frozenset[str]:
    """Every module `module` imports: ours by full name, others by their top-level name."""
    modules, found = project_modules(), set()
    for node in ast.walk(ast.parse(modules[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in modules else node.module)
    return frozenset(
        name if name in modules or name.split(".")[0] in PACKAGES else name.split(".")[0]
        for name in found
    )


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def arrows(source: str, target: str) -> list[str]:
    """`importer -> imported` for every import from inside `source` into `target`."""
    return sorted(
        f"{module} -> {imported}"
        for module in project_modules()
        if within(module, source)
        for imported in imports_of(module)
        if within(imported, target)
    )


FORBIDDEN = [
    ("nlp", "bot"),
    ("nlp", "storage"),
    ("nlp", "sqlalchemy"),
    ("storage", "bot"),
    ("storage", "telegram"),
    ("bot", "sqlalchemy"),  # every query, lock, upsert and statement cache lives in storage/
    ("bot.dialogue", "telegram"),
    ("bot.reminders", "bot.dialogue"),
    ("bot.reminders", "telegram"),
    ("bot.shared", "bot.dialogue"),
    ("bot.shared", "bot.reminders"),
    ("bot.shared", "bot.telegram"),
    ("bot.shared", "telegram"),
]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan): each holds a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def unit_graph(unit_of) -> dict[str, set[str]]:
    """The module graph seen from further away: each module replaced by its unit (or dropped)."""
    graph: dict[str, set[str]] = {}
    for module in project_modules():
        source = unit_of(module)
        if source is None:
            continue
        targets = {unit_of(imported) for imported in imports_of(module)}
        graph.setdefault(source, set()).update(targets - {source, None})
    return graph


def layer_of(module: str) -> str | None:
    """nlp, storage, a package of bot (bot.dialogue with its features), or a module of bot."""
    parts = module.split(".")
    if parts[0] not in PACKAGES:
        return None
    return ".".join(parts[:2]) if parts[0] == "bot" and len(parts) > 1 else parts[0]


def feature_of(module: str) -> str | None:
    """Inside bot/dialogue: each module, and each feature package as a whole."""
    parts = module.split(".")
    if parts[:2] != ["bot", "dialogue"] or len(parts) < 3:
        return None
    return ".".join(parts[:3])


def test_no_import_cycle():
    ours = set(project_modules())
    assert cycles({module: set(imports_of(module)) & ours for module in ours}) == []


def test_the_layers_form_no_cycle():
    assert cycles(unit_graph(layer_of)) == []


def test_the_dialogues_features_form_no_cycle():
    """A feature package (notes, group, plans) or module never comes back to one it was
    imported from: group notes use the note walk, the walk does not use them."""
    graph = unit_graph(feature_of)
    assert "bot.dialogue.notes" in graph.get("bot.dialogue.group", set())
    assert cycles(graph) == []


def test_every_module_is_read():
    assert {"bot.dialogue.engine", "bot.shared.events", "storage.models", "nlp.planfile"} <= set(
        project_modules()
    )
    assert "storage.db" in imports_of("bot.app") and "sqlalchemy" in imports_of("storage.db")
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize(("source", "target"), FORBIDDEN, ids=[f"{s}-x-{t}" for s, t in FORBIDDEN])
def test_no_arrow_against_the_layers(source, target):
    assert arrows(source, target) == []


def test_only_the_telegram_adapter_imports_telegram():
    outside = [a for a in arrows("bot", "telegram") if not a.startswith("bot.telegram")]
    assert outside == []

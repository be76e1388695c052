"""Taggers for the development plans, built once per test session (the pipeline is shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp import build_tagger
from nlp.planfile import parse_plan

PLANS = Path(__file__).resolve().parent.parent / "data" / "nlp" / "plans"


def plan_of(name: str):
    return parse_plan((PLANS / f"{name}.yaml").read_bytes())


@pytest.fixture(scope="session")
def tagger_for():
    taggers = {}

    def get(name: str):
        if name not in taggers:
            taggers[name] = build_tagger(plan_of(name))
        return taggers[name]

    return get


def one_goal_tagger(objectives_yaml: str):
    """A tagger for a plan written in a test: one problem, one goal, the objectives given as
    their YAML list items (indented under `objectives:`)."""
    return build_tagger(
        parse_plan(
            f"""
client: "Q.Z."
problems:
  - id: P1
    statement: "test plan"
    goals:
      - id: G1
        text: "test goal"
        objectives:
{objectives_yaml.rstrip(chr(10))}
""".encode()
        )
    )


def listed_plan_taggers(plans: dict[str, list[tuple[str, str, str]]]):
    """Taggers for plans listed in a test as (objective id, text, direction) triples, one
    problem and goal each, built the first time a test asks for one."""
    taggers = {}

    def get(name: str):
        if name not in taggers:
            taggers[name] = build_tagger(parse_plan(_listed_plan_yaml(plans[name])))
        return taggers[name]

    return get


def _listed_plan_yaml(objectives: list[tuple[str, str, str]]) -> bytes:
    lines = ['client: "X.Y."', "problems:", "  - id: P1", '    statement: "Presenting problem"']
    lines += ["    goals:", "      - id: G1", '        text: "Goal"', "        objectives:"]
    for objective, text, direction in objectives:
        lines += [f"          - id: {objective}", f'            text: "{text}"']
        lines += [f"            direction: {direction}"]
    return "\n".join(lines).encode()


def only(results):
    assert len(results) == 1, [r.sentence for r in results]
    return results[0]


def tags_of(tagger, text: str) -> dict:
    return {t.objective: t for r in tagger.tag(text) for t in r.tags}


def measurement_shape(m: dict) -> tuple:
    """A measurement as the labelling standard compares it: kind, value, earlier value, and its
    scale, period or unit."""
    return (
        m["kind"],
        m["value"],
        m.get("previous"),
        m.get("scale") or m.get("period") or m.get("unit"),
    )


@pytest.fixture(scope="module")
def measure(tagger_for):
    """The measurements (as JSON) read from a text in the development panic plan."""
    tagger = tagger_for("panic")
    return lambda text: [m.to_json() for r in tagger.tag(text) for m in r.measurements]

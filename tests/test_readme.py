"""README describes the file formats itself, and its examples hold; it points nowhere outside
the repository."""

from __future__ import annotations

import json
import re
from pathlib import Path

from nlp import build_tagger
from nlp.planfile import dump_plan, parse_plan

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _block(language: str) -> str:
    (found,) = re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL)
    return found


def test_the_plan_example_is_a_plan_file():
    plan = parse_plan(_block("yaml"))
    assert plan.client == "A.B." and plan.objective("O1").keywords == ["breathing"]
    assert plan.self_check.client_involved is None
    assert parse_plan(dump_plan(plan)) == plan


def test_the_tagger_writes_the_documented_shape():
    documented = json.loads(_block("json"))
    (result,) = build_tagger(parse_plan(_block("yaml"))).tag(documented["sentence"])
    written = result.to_json()
    assert written.keys() == documented.keys()
    assert [tag.keys() for tag in written["tags"]] == [tag.keys() for tag in documented["tags"]]
    assert written["tags"][0]["objective"] == "O1"


def test_the_readme_points_only_inside_the_repository():
    assert "DESIGN.md" not in README and "../" not in README
    for path in re.findall(r"`((?:bot|nlp|storage|prompts|tests|bench)/[\w./]+)`", README):
        assert (Path(__file__).resolve().parents[1] / path).exists(), path

"""Group templates: `kind` and per-member sections in the [template] files, checked on load."""

from __future__ import annotations

import pytest

from bot.shared.templates import TemplateError, TemplateLibrary, parse_template


def template(kind: str, *members: bool) -> dict:
    sections = [
        {"key": f"s{n}", "title": f"S{n}", "prompt": "?", "member": member}
        for n, member in enumerate(members)
    ]
    return {"template": {"key": "t", "name": "T", "kind": kind}, "sections": sections}


def test_shipped_group_templates_share_their_leading_sections():
    library = TemplateLibrary.load()
    assert not library.problems
    group, individualized = library.get("group"), library.get("individualized_group")
    assert group.kind == "group" and group.shared_count == len(group.sections)
    assert individualized.shared_count == 3
    assert [s.key for s in individualized.sections[3:]] == ["participation", "response", "plan"]
    assert {t.key for t in library.of_kind("individual")} >= {"soap", "dap", "birp"}
    assert not {"group", "individualized_group"} & {t.key for t in library.of_kind("individual")}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (template("triad", False), "kind must be one of"),
        (template("individual", False, True), "member sections belong to group templates"),
        (template("individualized_group", True, False), "after the shared ones"),
    ],
)
def test_a_malformed_group_template_is_reported(data, problem):
    with pytest.raises(TemplateError, match=problem):
        parse_template(data)

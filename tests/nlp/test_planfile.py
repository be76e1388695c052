"""The plan file format: parsing, every rejection, dumping and the dict form."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from nlp.planfile import (
    CLIENT_CODE_PATTERN,
    Objective,
    PlanFileError,
    SelfCheck,
    dump_plan,
    infer_direction,
    parse_plan,
    plan_from_dict,
    plan_to_dict,
)

PLANS = Path(__file__).resolve().parent.parent / "data" / "nlp" / "plans"

DESIGN_EXAMPLE = """\
client: "A.B."                # a code, never a full name
review_due: 2027-02-15
problems:
  - id: P1
    statement: "Panic attacks 4-5 times per week; avoids driving"
    goals:
      - id: G1
        text: "Reduce frequency and intensity of panic attacks"
        objectives:
          - id: O1
            text: "Practice diaphragmatic breathing at least 5 days per week"
            direction: increase     # increase: a behaviour to do more
            target_date: 2027-01-15 # optional
            keywords: [breathing]   # optional, clinician-supplied
        interventions:
          - id: I1
            text: "Teach diaphragmatic breathing and interoceptive exposure (CBT)"
"""


def _with(replace: str, by: str) -> str:
    assert replace in DESIGN_EXAMPLE
    return DESIGN_EXAMPLE.replace(replace, by)


def _error(data: str | bytes, **kwargs) -> str:
    with pytest.raises(PlanFileError) as caught:
        parse_plan(data, **kwargs)
    return str(caught.value)


def test_design_example_parses() -> None:
    plan = parse_plan(DESIGN_EXAMPLE)
    assert plan.client == "A.B."
    assert plan.review_due == date(2027, 2, 15)
    objective = plan.objective("O1")
    assert objective == Objective(
        "O1",
        "Practice diaphragmatic breathing at least 5 days per week",
        "increase",
        date(2027, 1, 15),
        ["breathing"],
        "active",
    )
    assert [o.id for o in plan.objectives()] == ["O1"]
    assert plan.problems[0].goals[0].interventions[0].id == "I1"
    assert plan.self_check is None
    assert plan.objective("O9") is None


@pytest.mark.parametrize("path", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.stem)
def test_round_trip_yaml_and_dict(path: Path) -> None:
    plan = parse_plan(path.read_bytes())
    assert parse_plan(dump_plan(plan)) == plan
    stored = json.loads(json.dumps(plan_to_dict(plan)))
    assert plan_from_dict(stored) == plan


def test_round_trip_keeps_status_self_check_and_awkward_text() -> None:
    text = _with("keywords: [breathing]", "keywords: [breathing, 'yes']\n            status: met")
    text += "self_check: {client_goals: yes, strengths: no}\n"
    text = text.replace('statement: "Panic', 'statement: "#1: 2027-01-01 panic')
    plan = parse_plan(text)
    assert plan.objective("O1").status == "met"
    assert plan.self_check == SelfCheck(True, False, None)
    dumped = dump_plan(plan)
    assert "status: met" in dumped
    assert parse_plan(dumped) == plan
    assert plan_from_dict(plan_to_dict(plan)) == plan


def test_dump_is_in_design_format() -> None:
    dumped = dump_plan(parse_plan(DESIGN_EXAMPLE))
    assert dumped.startswith("client: A.B.\nreview_due: 2027-02-15\nproblems:\n  - id: P1\n")
    assert "keywords: [breathing]" in dumped
    assert "status" not in dumped  # active is the default and is not written


def test_direction_is_inferred_when_omitted() -> None:
    plan = parse_plan(_with("direction: increase     # increase: a behaviour to do more", ""))
    objective = plan.objective("O1")
    assert objective.direction is None
    assert objective.effective_direction == "increase"
    assert infer_direction("Reduce panic attacks to fewer than 1 per week") == "decrease"
    assert infer_direction("Fewer than 2 outbursts per week") == "decrease"
    assert infer_direction("Attend AA meetings twice weekly") == "increase"
    assert infer_direction("Use a thought record") == "increase"
    assert infer_direction("Something with no cue") is None


def test_client_code_pattern() -> None:
    for good in ("A.B.", "Robin", "K_L-2", "x"):
        assert CLIENT_CODE_PATTERN.match(good)
    for bad in ("A B", "", "a" * 17, "A.B.\n", "Jo/Ann"):
        assert not CLIENT_CODE_PATTERN.match(bad)


def test_problem_without_goals_is_allowed_as_deferred() -> None:
    plan = parse_plan("client: AB\nproblems:\n  - id: P1\n    statement: Grief, deferred\n")
    assert plan.problems[0].goals == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"client: AB\n" + b"#" * (1024 * 1024), "larger than 1 MB"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        (b"client: \xff\xfeAB\n", "not UTF-8"),
        ("", "empty"),
        ("Dear colleague, here is the plan we discussed.", "does not look like a plan"),
        ("- one\n- two\n", "does not look like a plan"),
        ("client: AB\nproblems: [\n", "Line 3: the file is not valid YAML"),
        ("client: AB\n  problems: x\n bad", "Line 2: the file is not valid YAML"),
    ],
)
def test_unreadable_files_are_rejected(data: str | bytes, expected: str) -> None:
    assert expected in _error(data)


def test_missing_and_invalid_client_code() -> None:
    assert "the plan has no client" in _error(DESIGN_EXAMPLE.split("\n", 1)[1])
    assert "unknown key 'clients'" in _error(_with('client: "A.B."', "clients: AB"))
    message = _error(_with('client: "A.B."', 'client: "Jane Doe"'))
    assert message.startswith("Line 1: the client code")
    assert "Jane" not in message  # the rejected value may be a real name: never echoed


def test_unknown_key_names_key_and_line() -> None:
    message = _error(_with("target_date: 2027-01-15", "target_dat: 2027-01-15"))
    assert message.startswith("Line 13:")
    assert "'target_dat'" in message


def test_repeated_key_is_rejected() -> None:
    message = _error(
        _with("            keywords:", "            text: again\n            keywords:")
    )
    assert message.startswith("Line 14:") and "'text' appears twice" in message


def test_duplicate_ids_anywhere() -> None:
    message = _error(_with("id: I1", "id: O1"))
    assert "Line 16: id 'O1' is used twice (first used on line 10)" in message
    assert "used twice" in _error(_with("id: G1", "id: P1"))


def test_objective_without_text() -> None:
    missing = _error(_with('text: "Practice diaphragmatic', 'txt: "Practice diaphragmatic'))
    assert "unknown key 'txt'" in missing
    empty = _error(_with('"Practice diaphragmatic breathing at least 5 days per week"', '""'))
    assert "Line 11: objective O1 has an empty text" in empty
    null = _error(_with('"Practice diaphragmatic breathing at least 5 days per week"', "~"))
    assert "objective O1 has no text" in null


def test_unknown_direction_and_status() -> None:
    message = _error(_with("direction: increase ", "direction: upwards "))
    assert message.startswith("Line 12: unknown direction for objective O1")
    assert "increase or decrease" in message
    assert "unknown status" in _error(_with("keywords: [breathing]", "status: done"))


@pytest.mark.parametrize("bad", ["2027-02-30", "next month", "2027-02-15 10:00:00", "[1, 2]"])
def test_bad_dates(bad: str) -> None:
    message = _error(_with("review_due: 2027-02-15", f"review_due: {bad}"))
    assert message.startswith("Line 2: ")
    assert "date" in message


def test_review_date_in_the_past_only_when_today_is_given() -> None:
    assert "in the past" in _error(DESIGN_EXAMPLE, today=date(2027, 3, 1))
    assert parse_plan(DESIGN_EXAMPLE, today=date(2027, 2, 15)).review_due == date(2027, 2, 15)
    assert parse_plan(DESIGN_EXAMPLE).review_due == date(2027, 2, 15)


def test_structure_errors() -> None:
    assert "no problems" in _error("client: AB\nproblems: []\n")
    assert "must be a list" in _error("client: AB\nproblems: P1\n")
    no_objectives = _error(
        "client: AB\nproblems:\n  - id: P1\n    statement: s\n    goals:\n"
        "      - id: G1\n        text: t\n"
    )
    assert "Line 6: goal G1 has no objectives" in no_objectives
    assert "must be 1-16 letters" in _error(_with("id: O1", "id: O 1"))
    assert "keyword" in _error(_with("keywords: [breathing]", "keywords: [[a]]"))
    assert "yes or no" in _error(DESIGN_EXAMPLE + "self_check: {strengths: maybe}\n")


def test_plan_from_dict_validates_like_the_file() -> None:
    stored = plan_to_dict(parse_plan(DESIGN_EXAMPLE))
    stored["problems"][0]["goals"][0]["objectives"][0]["direction"] = "sideways"
    with pytest.raises(PlanFileError, match="unknown direction"):
        plan_from_dict(stored)
    with pytest.raises(PlanFileError):
        plan_from_dict(["not", "a", "mapping"])  # type: ignore[arg-type]

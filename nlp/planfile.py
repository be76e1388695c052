"""The treatment-plan file format: dataclasses, a strict YAML parser, a dumper and a JSON-safe form.

The format is described in DESIGN.md ("Plan file format"). It is shared by the plans feature
(import/export, storage) and the tagger. Parsing is strict so that a typo never drops data
silently: unknown keys, duplicate keys and duplicate ids are errors naming the line.

Clinical choices:
- A problem may have no goals yet. Treatment plans record "deferred" problems (noted now,
  addressed later); refusing them would make clinicians delete true information.
- A goal needs at least one objective: a goal with nothing measurable under it cannot be
  tracked by notes, which is the point of the plan. Interventions may be empty.
- An objective's status is active unless stated (active | met | revised | discontinued).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path

import yaml

MAX_PLAN_BYTES = 1024 * 1024
CLIENT_CODE_PATTERN = re.compile(r"^[\w.-]{1,16}\Z")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][\w.-]{0,15}\Z")
DIRECTIONS = ("increase", "decrease")
STATUSES = ("active", "met", "revised", "discontinued")
_DATA_DIR = Path(__file__).parent / "data"

_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


# Longest text of one plan item (a statement, goal, objective, intervention): a paragraph at
# most. A plan is read in chat, and a 900 KB statement would take /plan 138 messages to show.
TEXT_LIMIT = 2000


class PlanFileError(ValueError):
    """A plan file or plan dict that cannot be accepted; the message is meant for the clinician."""


@cache
def _messages() -> dict[str, str]:
    return json.loads((_DATA_DIR / "plan_file_errors.json").read_text(encoding="utf-8"))


def _message(name: str, /, **values: object) -> str:
    """A clinician-readable message from data/plan_file_errors.json."""
    return _messages()[name].format(**values)


@cache
def _direction_cues() -> tuple[re.Pattern[str], list[str]]:
    """All cues as one alternation, one group each, and the direction of each group. One search
    finds the earliest cue, the first listed where two start at the same place, as searching
    cue by cue for the earliest would, without a search per cue and objective."""
    data = json.loads((_DATA_DIR / "directions.json").read_text(encoding="utf-8"))
    cues = [(cue, direction) for direction in DIRECTIONS for cue in data[direction]]
    pattern = re.compile("|".join(rf"(\b{re.escape(cue)}\b)" for cue, _ in cues))
    return pattern, [direction for _, direction in cues]


def infer_direction(text: str) -> str | None:
    """The direction suggested by an objective's wording, or None when it gives no cue."""
    pattern, directions = _direction_cues()
    found = pattern.search(text.lower())
    return directions[found.lastindex - 1] if found else None


@dataclass(frozen=True)
class Intervention:
    id: str
    text: str


@dataclass(frozen=True)
class Objective:
    id: str
    text: str
    direction: str | None = None
    target_date: date | None = None
    keywords: list[str] = field(default_factory=list)
    status: str = "active"

    @property
    def effective_direction(self) -> str | None:
        """The stated direction, else the one inferred from the wording (None if no cue)."""
        return self.direction or infer_direction(self.text)


@dataclass(frozen=True)
class Goal:
    id: str
    text: str
    objectives: list[Objective]
    interventions: list[Intervention] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    id: str
    statement: str
    goals: list[Goal] = field(default_factory=list)


@dataclass(frozen=True)
class SelfCheck:
    client_goals: bool | None = None
    strengths: bool | None = None
    client_involved: bool | None = None


@dataclass(frozen=True)
class Plan:
    client: str
    review_due: date | None
    problems: list[Problem]
    self_check: SelfCheck | None = None

    def objectives(self) -> list[Objective]:
        return [o for p in self.problems for g in p.goals for o in g.objectives]

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives() if o.id == objective_id), None)


# ---------------------------------------------------------------------------------------------
# Reading: YAML text -> node tree -> validated dataclasses (nodes keep line numbers for messages)


def _where(node: yaml.Node) -> str:
    mark = node.start_mark
    return _message("line", number=mark.line + 1) if mark is not None else ""


def _fail(node: yaml.Node, message: str) -> PlanFileError:
    return PlanFileError(_where(node) + message)


class _Reader:
    """Walks the composed YAML nodes, building the plan and collecting ids for duplicates."""

    def __init__(self, today: date | None) -> None:
        self.today = today
        self.ids_seen: dict[str, yaml.Node] = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def mapping(self, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> dict:
        if not isinstance(node, yaml.MappingNode):
            raise _fail(node, _message("not_mapping", what=what))
        items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in allowed:
                shown = key if key is not None else _message("complex_key")
                raise _fail(
                    key_node,
                    _message("unknown_key", key=shown, what=what, expected=", ".join(allowed)),
                )
            if key in items:
                raise _fail(key_node, _message("key_twice", key=key, what=what))
            items[key] = (key_node, value_node)
        return items

    @staticmethod
    def _is_null(node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG

    def text(self, items: dict, key: str, what: str, parent: yaml.Node) -> str:
        if key not in items or self._is_null(items[key][1]):
            raise _fail(parent, _message("missing", what=what, key=key))
        node = items[key][1]
        if not isinstance(node, yaml.ScalarNode) or node.tag == _BOOL_TAG:
            raise _fail(node, _message("not_plain_text", key=key, what=what))
        value = str(node.value).strip()
        if not value:
            raise _fail(node, _message("empty", what=what, key=key))
        if len(value) > TEXT_LIMIT:
            raise _fail(
                node,
                _message("too_long", key=key, what=what, length=len(value), limit=TEXT_LIMIT),
            )
        return value

    def identifier(self, items: dict, what: str, parent: yaml.Node) -> str:
        value = self.text(items, "id", what, parent)
        node = items["id"][1]
        if not ID_PATTERN.match(value):
            raise _fail(node, _message("bad_id", id=value, what=what))
        if value in self.ids_seen:
            first = self.ids_seen[value].start_mark
            again = _message("id_first_used", number=first.line + 1) if first is not None else ""
            raise _fail(node, _message("id_twice", id=value, first=again))
        self.ids_seen[value] = node
        return value

    def sequence(self, items: dict, key: str, what: str) -> list[yaml.Node]:
        if key not in items or self._is_null(items[key][1]):
            return []
        node = items[key][1]
        if not isinstance(node, yaml.SequenceNode):
            raise _fail(node, _message("not_list", key=key, what=what))
        return list(node.value)

    def date_value(self, items: dict, key: str, what: str) -> date | None:
        if key not in items or self._is_null(items[key][1]):
            return None
        node = items[key][1]
        message = _message("not_date", key=key, what=what)
        if not isinstance(node, yaml.ScalarNode):
            raise _fail(node, message)
        if node.tag == _TIMESTAMP_TAG:
            try:
                value = self.constructor.construct_object(node)
            except ValueError:
                raise _fail(node, _message("unreal_date", key=key, what=what)) from None
        else:
            try:
                value = date.fromisoformat(str(node.value).strip())
            except ValueError:
                raise _fail(node, message) from None
        if isinstance(value, datetime):
            raise _fail(node, _message("date_with_time", key=key, what=what))
        return value

    def plan(self, root: yaml.Node) -> Plan:
        the_plan = _message("what_plan")
        items = self.mapping(root, the_plan, ("client", "review_due", "problems", "self_check"))
        client = self.text(items, "client", the_plan, root)
        if not CLIENT_CODE_PATTERN.match(client):
            raise _fail(items["client"][1], _message("bad_client_code"))
        review_due = self.date_value(items, "review_due", the_plan)
        if review_due is not None and self.today is not None and review_due < self.today:
            raise _fail(items["review_due"][1], _message("review_in_past"))
        problem_nodes = self.sequence(items, "problems", the_plan)
        if not problem_nodes:
            raise _fail(root, _message("no_problems"))
        problems = [self.problem(node) for node in problem_nodes]
        self_check = self.self_check(items["self_check"][1]) if "self_check" in items else None
        return Plan(client, review_due, problems, self_check)

    def problem(self, node: yaml.Node) -> Problem:
        a_problem = _message("what_a_problem")
        items = self.mapping(node, a_problem, ("id", "statement", "goals"))
        pid = self.identifier(items, a_problem, node)
        what = _message("what_problem", id=pid)
        statement = self.text(items, "statement", what, node)
        goals = [self.goal(child) for child in self.sequence(items, "goals", what)]
        return Problem(pid, statement, goals)

    def goal(self, node: yaml.Node) -> Goal:
        a_goal = _message("what_a_goal")
        items = self.mapping(node, a_goal, ("id", "text", "objectives", "interventions"))
        gid = self.identifier(items, a_goal, node)
        what = _message("what_goal", id=gid)
        text = self.text(items, "text", what, node)
        objective_nodes = self.sequence(items, "objectives", what)
        if not objective_nodes:
            raise _fail(node, _message("goal_without_objectives", what=what))
        objectives = [self.objective(child) for child in objective_nodes]
        interventions = [
            self.intervention(child) for child in self.sequence(items, "interventions", what)
        ]
        return Goal(gid, text, objectives, interventions)

    def objective(self, node: yaml.Node) -> Objective:
        keys = ("id", "text", "direction", "target_date", "keywords", "status")
        an_objective = _message("what_an_objective")
        items = self.mapping(node, an_objective, keys)
        oid = self.identifier(items, an_objective, node)
        what = _message("what_objective", id=oid)
        text = self.text(items, "text", what, node)
        direction = self.choice(items, "direction", what, DIRECTIONS, default=None)
        status = self.choice(items, "status", what, STATUSES, default="active")
        target_date = self.date_value(items, "target_date", what)
        keywords = []
        for child in self.sequence(items, "keywords", what):
            if not isinstance(child, yaml.ScalarNode) or not str(child.value).strip():
                raise _fail(child, _message("bad_keyword", what=what))
            keywords.append(str(child.value).strip())
        return Objective(oid, text, direction, target_date, keywords, status)

    def choice(
        self, items: dict, key: str, what: str, allowed: tuple[str, ...], default: str | None
    ) -> str | None:
        if key not in items or self._is_null(items[key][1]):
            return default
        node = items[key][1]
        value = str(node.value).strip().lower() if isinstance(node, yaml.ScalarNode) else None
        if value not in allowed:
            choices = _message("choice_separator").join(allowed)
            raise _fail(node, _message("unknown_choice", key=key, what=what, choices=choices))
        return value

    def intervention(self, node: yaml.Node) -> Intervention:
        an_intervention = _message("what_an_intervention")
        items = self.mapping(node, an_intervention, ("id", "text"))
        iid = self.identifier(items, an_intervention, node)
        what = _message("what_intervention", id=iid)
        return Intervention(iid, self.text(items, "text", what, node))

    def self_check(self, node: yaml.Node) -> SelfCheck | None:
        if self._is_null(node):
            return None
        keys = ("client_goals", "strengths", "client_involved")
        items = self.mapping(node, _message("what_self_check"), keys)
        answers: dict[str, bool | None] = {}
        for key in keys:
            value_node = items.get(key, (None, None))[1]
            if value_node is None or self._is_null(value_node):
                answers[key] = None
            elif isinstance(value_node, yaml.ScalarNode) and value_node.tag == _BOOL_TAG:
                answers[key] = self.constructor.construct_object(value_node)
            else:
                raise _fail(value_node, _message("bad_self_check", key=key))
        return SelfCheck(**answers)


def _decode(data: str | bytes) -> str:
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > MAX_PLAN_BYTES:
        raise PlanFileError(_message("too_large"))
    if isinstance(data, bytes):
        if b"\x00" in data:
            raise PlanFileError(_message("not_text_file"))
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PlanFileError(_message("not_utf8")) from None
    if "\x00" in data:
        raise PlanFileError(_message("not_text_file"))
    return data


def _compose(text: str) -> yaml.Node:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = _message("line", number=mark.line + 1) if mark is not None else ""
        problem = error.problem or error.context or _message("unreadable_yaml")
        raise PlanFileError(_message("invalid_yaml_at", line=line, problem=problem)) from None
    except yaml.YAMLError:
        raise PlanFileError(_message("invalid_yaml")) from None
    except RecursionError:  # PyYAML composes nested nodes recursively: 10,000 "[" is too deep
        raise PlanFileError(_message("nested_too_deeply")) from None
    if root is None:
        raise PlanFileError(_message("empty_file"))
    if not isinstance(root, yaml.MappingNode):
        raise PlanFileError(_message("not_a_plan"))
    _refuse_unreadable(root)
    return root


def _refuse_unreadable(root: yaml.Node) -> None:
    """A "\\ud800" escape makes a lone surrogate, which no UTF-8 text (the store, the
    terminal) can hold: refused with its line, the nodes walked without recursion."""
    pending, seen = [root], set()
    while pending:
        node = pending.pop()
        if id(node) in seen:  # an alias: the same node again, maybe inside itself
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if any("\ud800" <= char <= "\udfff" for char in node.value):
                line = _message("line", number=node.start_mark.line + 1)
                raise PlanFileError(_message("unreadable_character", line=line))
        elif isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
        else:
            pending.extend(node.value)


def parse_plan(data: str | bytes, *, today: date | None = None) -> Plan:
    """Parse a plan YAML file; raises PlanFileError with a short, line-aware message."""
    return _Reader(today).plan(_compose(_decode(data)))


# ---------------------------------------------------------------------------------------------
# Writing: dataclasses -> plain dict (dates as ISO strings) -> YAML


def plan_to_dict(plan: Plan) -> dict:
    """A JSON-safe dict in the file's key order; optional fields appear only when set."""

    def objective(o: Objective) -> dict:
        out: dict = {"id": o.id, "text": o.text}
        if o.direction:
            out["direction"] = o.direction
        if o.target_date:
            out["target_date"] = o.target_date.isoformat()
        if o.keywords:
            out["keywords"] = list(o.keywords)
        if o.status != "active":
            out["status"] = o.status
        return out

    out: dict = {"client": plan.client}
    if plan.review_due:
        out["review_due"] = plan.review_due.isoformat()
    out["problems"] = [
        {
            "id": p.id,
            "statement": p.statement,
            "goals": [
                {
                    "id": g.id,
                    "text": g.text,
                    "objectives": [objective(o) for o in g.objectives],
                    "interventions": [{"id": i.id, "text": i.text} for i in g.interventions],
                }
                for g in p.goals
            ],
        }
        for p in plan.problems
    ]
    if plan.self_check is not None:
        out["self_check"] = {
            "client_goals": plan.self_check.client_goals,
            "strengths": plan.self_check.strengths,
            "client_involved": plan.self_check.client_involved,
        }
    return out


def plan_from_dict(data: dict) -> Plan:
    """The inverse of plan_to_dict, with the same validation as parse_plan."""
    if not isinstance(data, dict):
        raise PlanFileError(_message("stored_not_mapping"))
    try:
        root = yaml.representer.SafeRepresenter().represent_data(data)
    except yaml.representer.RepresenterError:
        raise PlanFileError(_message("stored_bad_value")) from None
    return _Reader(today=None).plan(root)


class _PlanDumper(yaml.SafeDumper):
    """Indents lists under their key and keeps short keyword lists on one line, as in DESIGN.md."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, values: list) -> yaml.Node:
    flow = bool(values) and all(isinstance(v, str) and len(v) < 40 for v in values)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", values, flow_style=flow)


_PlanDumper.add_representer(list, _represent_list)


def dump_plan(plan: Plan) -> str:
    """The plan as YAML in DESIGN.md's format; parse_plan(dump_plan(p)) == p."""
    data = plan_to_dict(plan)
    if "review_due" in data:
        data["review_due"] = plan.review_due
    for problem, problem_data in zip(plan.problems, data["problems"], strict=True):
        for goal, goal_data in zip(problem.goals, problem_data["goals"], strict=True):
            for objective, objective_data in zip(
                goal.objectives, goal_data["objectives"], strict=True
            ):
                if objective.target_date:
                    objective_data["target_date"] = objective.target_date
    return yaml.dump(data, Dumper=_PlanDumper, sort_keys=False, allow_unicode=True, width=100)

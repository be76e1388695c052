"""Instruments a plan names that the registry (data/instruments.json) does not know.

A practice may measure with a scale the registry lacks: "Reduce BDD-YBOCS score from 30 to below
16", "FTND total below 3". The plan itself says the name is an instrument (it stands where a score
is named: before "score" or "total", after "measured by", in parentheses before the change), so
its scores are read and linked as a registry instrument's are (labelling D: a score; A4: it goes to
the objectives that name it). What the plan cannot say is the valid range, so such a score is never
flagged out of range; which way is better is the naming objective's direction, and the disorders it
measures are those of what the objective's own words name ("nicotine dependence (FTND)"), for which
the objective is then a global-severity one (the tagger sets both). As in the registry, a name
without a digit or hyphen matches only in capitals, as written ("FTND", not "ftnd"). The patterns
are data/plan_instruments.json.
"""

from __future__ import annotations

import re
from functools import cache

from nlp.planfile import Plan
from nlp.text import alias_key, load_data


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    rules = load_data("plan_instruments.json")
    name = rules["name"]
    return tuple(
        re.compile(p.replace("{name}", rf"(?P<name>{name})")) for p in rules["declared_by"]
    )


@cache
def _not_names() -> frozenset[str]:
    return frozenset(alias_key(n) for n in load_data("plan_instruments.json")["not_names"])


def declared_instruments(plan: Plan, known: frozenset[str]) -> list[dict]:
    """Registry-shaped entries for each instrument the plan's objectives name by a score and
    the registry's aliases (`known`, as nlp.text.alias_key gives them) do not hold. Each entry's
    "named_by" lists the objectives whose text names it as a word, as a registry instrument is
    named ("BDD-YBOCS" is not named by "BDD-YBOCS-SR")."""
    found: dict[str, dict] = {}
    objectives = plan.objectives()
    for objective in objectives:
        for pattern in _patterns():
            for match in pattern.finditer(objective.text):
                name = match.group("name")
                key = alias_key(name)
                if key in known or key in found or key in _not_names():
                    continue
                as_word = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
                better = "higher" if objective.effective_direction == "increase" else "lower"
                found[key] = {
                    "name": name,
                    "aliases": [name],
                    "min": float("-inf"),
                    "max": float("inf"),
                    "better": better,
                    "named_by": [o.id for o in objectives if as_word.search(o.text)],
                }
    return list(found.values())

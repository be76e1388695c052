"""Objective identity: which objective of a plan version is which objective of another.

An id can be reused for a different objective (a re-imported plan whose O1 is now "Attend a weekly
yoga class"), so evidence is bound to the objective as worded, not to its id. Each version maps
its objective ids to identities, "N:O1" being the objective first worded so in version N. A new
version carries an identity over where the id stays and the wording does too (case and spacing
aside), or where the clinician said "same objective, reworded"; any other objective starts a new
identity. Pure functions: storage/plans.py stores and resolves the maps.
"""

from __future__ import annotations

from collections.abc import Iterable

from nlp.planfile import Plan

SAME = "same"  # the clinician's answer: the same objective, reworded
NEW = "new"  # a new objective under a reused id


def _wording(text: str) -> str:
    return " ".join(text.split()).casefold()


def same_wording(was: str, now: str) -> bool:
    """Case and spacing aside, the same words."""
    return _wording(was) == _wording(now)


def reworded(previous: Plan | None, plan: Plan) -> list[str]:
    """Ids kept from `previous` whose wording changed in `plan`, in plan order: the ones to ask
    about."""
    if previous is None:
        return []
    before = {objective.id: objective.text for objective in previous.objectives()}
    return [
        objective.id
        for objective in plan.objectives()
        if objective.id in before and not same_wording(before[objective.id], objective.text)
    ]


def carry(
    previous: Plan | None,
    previous_identities: dict[str, str],
    plan: Plan,
    number: int,
    decisions: dict[str, str] | None = None,
) -> dict[str, str]:
    """The identities of `plan`'s objectives as version `number`, given the version before it.

    A changed wording without a decision starts a new identity: old evidence stays off an
    objective nobody said was the same."""
    decisions = decisions or {}
    changed = set(reworded(previous, plan))
    identities = {}
    for objective in plan.objectives():
        kept = previous_identities.get(objective.id)
        same = objective.id not in changed or decisions.get(objective.id) == SAME
        identities[objective.id] = kept if kept and same else f"{number}:{objective.id}"
    return identities


def resolve(
    versions: Iterable[tuple[str, int, dict[str, str] | None, Plan]],
) -> dict[str, dict[str, str]]:
    """Version id -> its identities, for (id, number, stored identities, plan) oldest first; a
    version stored before identities were kept (None) gets them from the wording."""
    resolved: dict[str, dict[str, str]] = {}
    previous: Plan | None = None
    previous_identities: dict[str, str] = {}
    for version_id, number, stored, plan in versions:
        found = stored or carry(previous, previous_identities, plan, number)
        resolved[version_id] = found
        previous, previous_identities = plan, found
    return resolved


def translation(note_identities: dict[str, str], current: dict[str, str]) -> dict[str, str]:
    """Objective ids of a note's plan version -> the current version's ids of the same objective."""
    by_identity = {identity: objective_id for objective_id, identity in current.items()}
    return {
        objective_id: by_identity[identity]
        for objective_id, identity in note_identities.items()
        if identity in by_identity
    }

"""The reminder rules from rules.toml, read once into a frozen object."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path

RULES_FILE = Path(__file__).with_name("rules.toml")


@dataclass(frozen=True)
class ReminderRules:
    digest_weekdays: frozenset[int]
    late_after_days: int
    review_days_before: tuple[int, ...]
    digest_routes: int  # blocked routes shown in one digest
    review_overdue_every_days: int
    review_horizon_days: int
    review_at: str
    snooze_short: timedelta
    lease: timedelta
    batch: int
    max_attempts: int
    backoff: tuple[timedelta, ...]
    max_wait: timedelta
    tick_seconds: int
    plan_every_seconds: int
    bare_hour_pm_before: int

    def backoff_after(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failure (1-based); the last step repeats."""
        return self.backoff[min(max(attempts, 1), len(self.backoff)) - 1]


@cache
def rules() -> ReminderRules:
    with RULES_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    sending = data["sending"]
    return ReminderRules(
        digest_weekdays=frozenset(data["digest"]["weekdays"]),
        late_after_days=data["digest"]["late_after_days"],
        review_days_before=tuple(sorted(data["review"]["days_before"], reverse=True)),
        digest_routes=data["digest"]["routes"],
        review_overdue_every_days=data["review"]["overdue_every_days"],
        review_horizon_days=data["review"]["horizon_days"],
        review_at=data["review"]["at"],
        snooze_short=timedelta(minutes=data["snooze"]["short_minutes"]),
        lease=timedelta(seconds=sending["lease_seconds"]),
        batch=sending["batch"],
        max_attempts=sending["max_attempts"],
        backoff=tuple(timedelta(seconds=s) for s in sending["backoff_seconds"]),
        max_wait=timedelta(seconds=sending["max_wait_seconds"]),
        tick_seconds=sending["tick_seconds"],
        plan_every_seconds=sending["plan_every_seconds"],
        bare_hour_pm_before=data["own"]["bare_hour_pm_before"],
    )

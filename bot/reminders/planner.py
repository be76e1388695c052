"""Which recurring reminders a clinician should have pending, kept in step with their rows.

Stateless: from the clinician's settings, drafts and plans it computes the next digest, the
nudge and the next review reminder per plan, each with a dedupe key naming its occurrence.
Rows with those keys are inserted if missing (racing workers insert each once); future pending
rows it no longer wants (a changed digest time, a plan reviewed) are cancelled. Overdue pending
rows are left alone: they are what was missed while the bot was down, sent once on restart.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.logsafe import describe_failure
from bot.reminders.rules import rules
from bot.reminders.schedule import QuietHours, at_local, next_daily, parse_clock
from bot.shared import dates
from storage import clinicians
from storage.db import Database
from storage.models import Clinician
from storage.reminders import NewReminder
from storage.store import Store

log = logging.getLogger(__name__)

PLANNED_PREFIX = "auto:"
PLANNED_KINDS = ("digest", "nudge", "review")


def quiet_hours(clinician: Clinician) -> QuietHours:
    return QuietHours(clinician.quiet_start, clinician.quiet_end, ZoneInfo(clinician.timezone))


async def plan_clinician(store: Store, now: datetime) -> None:
    """Brings one clinician's planned reminders in step with their settings and data."""
    clinician, reminders = store.clinician, store.reminders
    off = set(clinician.reminders_off or [])
    if clinician.blocked or not clinician.onboarded:
        await reminders.cancel_pending(key_prefix=PLANNED_PREFIX)
        return
    if off:
        await reminders.cancel_pending(kinds=off)
    wanted: list[NewReminder] = []
    if "digest" not in off:
        wanted.append(_digest(clinician, now))
    if "nudge" not in off:
        nudge = await _nudge(store, now)
        if nudge is not None:
            wanted.append(nudge)
    if "review" not in off:
        wanted.extend(await _reviews(store, now))
    await reminders.cancel_pending(
        key_prefix=PLANNED_PREFIX, keep_keys=[row.dedupe_key for row in wanted], after=now
    )
    await reminders.add_unique(wanted, now)


def _digest(clinician: Clinician, now: datetime) -> NewReminder:
    zone = ZoneInfo(clinician.timezone)
    clock = parse_clock(clinician.digest_time)
    due = next_daily(now, clock, zone, rules().digest_weekdays)
    return NewReminder(
        clinician.id,
        "digest",
        quiet_hours(clinician).hold(due),
        dedupe_key=f"{PLANNED_PREFIX}digest:{clinician.id}:{dates.occurrence_key(due)}",
    )


async def _nudge(store: Store, now: datetime) -> NewReminder | None:
    clinician = store.clinician
    _, oldest = await store.notes.draft_count()
    if oldest is None:
        return None
    zone, quiet = ZoneInfo(clinician.timezone), quiet_hours(clinician)
    due = oldest + timedelta(hours=clinician.nudge_hours)
    last = await store.reminders.last_sent_at("nudge")
    if last is not None:
        # At most one a day: the next may come the morning after the last one.
        next_day = last.astimezone(zone).date() + timedelta(days=1)
        due = max(due, at_local(next_day, quiet.end, zone))
    due = quiet.hold(due)
    return NewReminder(
        clinician.id,
        "nudge",
        due,
        dedupe_key=f"{PLANNED_PREFIX}nudge:{clinician.id}:{dates.day_key(due.astimezone(zone))}",
    )


def review_dates(review_due: date) -> list[date]:
    """Reminder days before the review; after it, weekly while overdue (first year)."""
    before = [review_due - timedelta(days=days) for days in rules().review_days_before]
    every = rules().review_overdue_every_days
    return before + [review_due + timedelta(days=every * k) for k in range(1, 53)]


async def _reviews(store: Store, now: datetime) -> list[NewReminder]:
    clinician = store.clinician
    zone, quiet = ZoneInfo(clinician.timezone), quiet_hours(clinician)
    clock = parse_clock(rules().review_at)
    # A week beyond the earliest reminder, so it is planned well before it is due.
    soon = now.astimezone(zone).date() + timedelta(days=max(rules().review_days_before) + 7)
    wanted = []
    for plan in await store.plans.due_for_review(soon):
        upcoming = ((day, at_local(day, clock, zone)) for day in review_dates(plan.review_due))
        day, due = next(((d, m) for d, m in upcoming if m > now), (None, None))
        if day is None:
            continue
        wanted.append(
            NewReminder(
                clinician.id,
                "review",
                quiet.hold(due),
                dedupe_key=(
                    f"{PLANNED_PREFIX}review:{plan.id}:"
                    f"{dates.day_key(plan.review_due)}:{dates.day_key(day)}"
                ),
                subject_id=plan.id,
            )
        )
    return wanted


async def plan_everyone(database: Database, now: datetime) -> int:
    """Plans every active clinician, one short transaction each; returns how many."""
    async with database.transaction() as session:
        ids = await clinicians.onboarded_ids(session)
    for clinician_id in ids:
        try:
            async with database.transaction() as session:
                clinician = await clinicians.get(session, clinician_id)
                if clinician is not None:
                    await plan_clinician(Store(session, clinician), now)
        except Exception as failure:  # one clinician's bad row must not stop the others
            log.error(
                "planning reminders for %s failed: %s", clinician_id, describe_failure(failure)
            )
    return len(ids)

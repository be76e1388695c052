"""Sending due reminders exactly once, from any number of worker processes.

One tick: claim a batch of due rows (storage.reminders.claim_due, under a lease), group them by
clinician and kind (a restart after downtime finds several missed rows of one kind: they become
one message), compose each group's message, send it outside any transaction, and settle it in
its own short transaction as soon as Telegram has accepted it: a worker killed mid-batch sends
again only the one message it was sending (the rest of its claimed rows were settled, or
never sent). Groups not sent (skipped, held, failed...) are settled together at the end.
Repeats until nothing is due.

Send outcomes:
- sent: rows `sent`; other due rows of the group are `coalesced`; a repeating reminder gets its
  next occurrence (after now, so missed ticks are not replayed one by one).
- RetryLater (429): wait `retry_after` and send again, when the wait is short; otherwise the rows
  go back to pending, due when the wait ends. Not counted as a failure.
- RecipientGone (blocked the bot): the clinician is marked blocked, their reminders cancelled.
- SendFailed or anything else: pending again after a growing backoff; after `max_attempts`
  failures the rows are `failed` and a log line says so (ids and counts only, no PHI).
Quiet hours are checked when a row comes due (settings may have changed since it was planned):
a row due inside them goes back to pending until they end.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.logsafe import describe_failure
from bot.reminders.compose import compose
from bot.reminders.planner import quiet_hours
from bot.reminders.rules import rules
from bot.reminders.schedule import next_occurrence
from bot.reminders.sending import RecipientGone, RetryLater, Send
from bot.shared import dates
from bot.shared.events import Reply
from bot.shared.services import Services
from storage import clinicians
from storage import reminders as reminder_store
from storage.reminders import Claimed, NewReminder, Reminders
from storage.store import Store

log = logging.getLogger(__name__)


def default_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


@dataclass
class TickReport:
    sent: int = 0  # messages
    rows_sent: int = 0
    skipped: int = 0
    held: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0


@dataclass
class _Group:
    rows: list[Claimed]
    reply: Reply | None = None
    # "sent" until decided otherwise: skipped, cancelled, held, retry, retry_failed, failed, gone
    outcome: str = "sent"
    due_again: datetime | None = None

    @property
    def lead(self) -> Claimed:
        return self.rows[0]

    @property
    def ids(self) -> list[str]:
        return [row.id for row in self.rows]

    @property
    def coalesce_key(self) -> tuple[int, str, str | None]:
        """Rows with the same key make one message: own reminders per series, others per kind."""
        lead = self.lead
        return lead.clinician_id, lead.kind, lead.subject_id if lead.kind == "own" else None


@dataclass
class Dispatcher:
    services: Services
    send: Send
    worker: str = field(default_factory=default_worker_id)
    # Injectable so tests observe 429 waits without waiting.
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    @property
    def now(self) -> datetime:
        return self.services.clock.now()

    async def tick(self) -> TickReport:
        report = TickReport()
        while True:
            async with self.services.database.transaction() as session:
                claimed = await reminder_store.claim_due(
                    session,
                    now=self.now,
                    worker=self.worker,
                    lease=rules().lease,
                    limit=rules().batch,
                )
            if not claimed:
                return report
            groups = await self._prepare(_group(claimed))
            for group in groups:
                if group.outcome == "sent":
                    await self._deliver(group)
                if group.outcome == "sent":
                    await self._settle_sent(group, report)
            await self._settle_unsent([g for g in groups if g.outcome != "sent"], report)

    async def _prepare(self, groups: list[_Group]) -> list[_Group]:
        """Decides, per group, whether to send now and what; reads in one transaction."""
        now, words = self.now, self.services.wording
        async with self.services.database.transaction() as session:
            found = await clinicians.by_ids(session, {group.lead.clinician_id for group in groups})
            for group in groups:
                clinician = found.get(group.lead.clinician_id)
                if clinician is None or clinician.blocked:
                    group.outcome = "cancelled"
                    continue
                if group.lead.kind in (clinician.reminders_off or []):
                    group.outcome = "cancelled"
                    continue
                try:
                    held = quiet_hours(clinician).hold(now)
                    if held != now:
                        group.outcome, group.due_again = "held", held
                        continue
                    group.reply = await compose(Store(session, clinician), words, group.lead, now)
                except Exception as failure:  # one bad row must not stall the others
                    self._failed(group, failure)
                    continue
                if group.reply is None:
                    group.outcome = "skipped"
        return groups

    async def _deliver(self, group: _Group) -> None:
        clinician_id = group.lead.clinician_id
        while True:
            try:
                await self.send(clinician_id, group.reply)
                return
            except RetryLater as wait:
                seconds = max(float(wait.seconds), 0.0)
                if seconds > rules().max_wait.total_seconds():
                    group.outcome = "retry"
                    group.due_again = self.now + timedelta(seconds=seconds)
                    return
                await self.sleep(seconds)
            except RecipientGone:
                group.outcome = "gone"
                return
            except Exception as failure:  # SendFailed, or a bug in the transport
                self._failed(group, failure)
                return

    def _failed(self, group: _Group, failure: Exception) -> None:
        """Backoff and retry, or give up after max_attempts; logs ids and types only."""
        attempts = group.lead.attempts + 1
        describe = describe_failure(failure)
        if attempts >= rules().max_attempts:
            group.outcome = "failed"
            log.error(
                "reminder %s (%s) given up after %d attempts: %s",
                group.lead.id,
                group.lead.kind,
                attempts,
                describe,
            )
        else:
            group.outcome = "retry_failed"
            group.due_again = self.now + rules().backoff_after(attempts)
            log.warning("reminder %s failed (attempt %d): %s", group.lead.id, attempts, describe)

    async def _settle_sent(self, group: _Group, report: TickReport) -> None:
        """A message Telegram accepted: its rows sent, due rows of its kind folded in, the next
        occurrence of a repeating reminder planned, in one short transaction of its own (one
        that a database crash may forget: that would repeat the message, not lose it)."""
        now = self.now
        async with self.services.database.transaction(durable=False) as session:
            sent_ids = await reminder_store.settle(
                session, group.ids, worker=self.worker, status="sent", now=now
            )
            report.sent += 1
            report.rows_sent += len(sent_ids)
            if not sent_ids.issuperset(group.ids):
                log.warning("reminder %s: lease lost while sending", group.lead.id)
                return
            await reminder_store.absorb_due(session, [group.coalesce_key], now)
            if group.lead.recurrence:
                await schedule_next(session, group.lead, now)

    async def _settle_unsent(self, groups: list[_Group], report: TickReport) -> None:
        """One transaction for the groups not sent: a statement per outcome, not per group."""
        if not groups:
            return
        now, worker = self.now, self.worker
        by_outcome: dict[str, list[_Group]] = defaultdict(list)
        for group in groups:
            by_outcome[group.outcome].append(group)
        async with self.services.database.transaction() as session:

            async def settle(outcome: str, status: str) -> set[str]:
                ids = [i for group in by_outcome[outcome] for i in group.ids]
                return await reminder_store.settle(
                    session, ids, worker=worker, status=status, now=now
                )

            for outcome in ("skipped", "cancelled", "failed"):
                await settle(outcome, outcome)
                setattr(report, outcome, getattr(report, outcome) + len(by_outcome[outcome]))
            await settle("gone", "cancelled")
            for group in by_outcome["gone"]:
                await self._turn_off(session, group.lead.clinician_id)
            report.cancelled += len(by_outcome["gone"])
            for outcome in ("held", "retry", "retry_failed"):
                for group in by_outcome[outcome]:
                    await reminder_store.release(
                        session,
                        group.ids,
                        worker=worker,
                        due_at=group.due_again,
                        failed=outcome == "retry_failed",
                    )
            report.held += len(by_outcome["held"])
            report.retried += len(by_outcome["retry"]) + len(by_outcome["retry_failed"])

    async def _turn_off(self, session, clinician_id: int) -> None:
        clinician = await clinicians.get(session, clinician_id)
        if clinician is not None:
            clinician.blocked = True
        await Reminders(session, clinician_id).cancel_pending()
        log.info("clinician %s blocked the bot; reminders stopped", clinician_id)


async def schedule_next(session, sent: Claimed, now: datetime) -> None:
    """The next occurrence of a repeating reminder, after now: missed ticks are not replayed."""
    clinician = await clinicians.get(session, sent.clinician_id)
    reminders = Reminders(session, clinician.id)
    zone = ZoneInfo(clinician.timezone)
    due = next_occurrence(sent.recurrence, now, zone)
    key = f"own:{sent.subject_id}:{dates.occurrence_key(due)}"
    if await reminders.exists(key):
        return  # already there; a failed insert would undo the whole batch's settling
    row = await reminders.own(sent.id)
    await reminders.add(
        NewReminder(
            sent.clinician_id,
            sent.kind,
            quiet_hours(clinician).hold(due),
            dedupe_key=key,
            subject_id=sent.subject_id,
            recurrence=sent.recurrence,
        ),
        row.text,
        now,
    )


def _group(claimed: list[Claimed]) -> list[_Group]:
    groups: dict[tuple, list[Claimed]] = defaultdict(list)
    for row in claimed:
        groups[_Group([row]).coalesce_key].append(row)
    return [_Group(sorted(rows, key=lambda r: r.due_at, reverse=True)) for rows in groups.values()]

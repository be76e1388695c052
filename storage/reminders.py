"""Reminder rows: adding them idempotently, claiming due ones with a lease, settling them.

Claiming is one UPDATE over a sub-select of due rows. On PostgreSQL the sub-select locks its
rows `FOR UPDATE SKIP LOCKED`, so racing workers each get different rows; SQLite ignores that
clause and relies on `Database.transaction()` taking the write lock up front (BEGIN IMMEDIATE),
one writer at a time. A claimed row is `sending` with a lease; when the lease runs out (its
worker died mid-send) the row is due again for anyone. Settling checks the lease owner, so a
worker whose lease was taken over cannot mark another worker's send.

Statuses: pending -> sending -> sent | skipped (nothing to say) | coalesced (folded into
another row's message) | failed (gave up) ; pending -> cancelled (turned off, replanned).

The functions here work across clinicians (the dispatcher's batches); `Reminders` is one
clinician's rows, as a turn's or the planner's store sees them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Reminder, new_id
from storage.repository import Repository
from storage.upsert import insert_for

DONE_STATUSES = ("sent", "skipped", "coalesced", "failed", "cancelled")


@dataclass(frozen=True)
class Claimed:
    """A claimed row's plain fields (no ORM object, so it outlives the claiming transaction)."""

    id: str
    clinician_id: int
    kind: str
    due_at: datetime
    subject_id: str | None
    recurrence: str | None
    attempts: int


@dataclass(frozen=True)
class NewReminder:
    clinician_id: int
    kind: str
    due_at: datetime
    dedupe_key: str | None = None
    subject_id: str | None = None
    recurrence: str | None = None


def _pending(row: NewReminder, now: datetime) -> dict:
    """The columns of a new, not yet sent reminder row."""
    return dict(
        clinician_id=row.clinician_id,
        kind=row.kind,
        due_at=row.due_at,
        status="pending",
        attempts=0,
        dedupe_key=row.dedupe_key,
        subject_id=row.subject_id,
        recurrence=row.recurrence,
        created_at=now,
    )


async def add_unique(session: AsyncSession, rows: Iterable[NewReminder], now: datetime) -> int:
    """Inserts rows without text; a row whose dedupe_key exists already is left alone.

    Returns how many were new. Safe when several workers plan the same reminders at once.
    """
    values = [{"id": new_id(), **_pending(row, now)} for row in rows]
    if not values:
        return 0
    statement = (
        insert_for(session, Reminder)
        .values(values)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    result = await session.execute(statement)
    return max(result.rowcount or 0, 0)


async def add_with_text(
    session: AsyncSession, row: NewReminder, text: str | None, now: datetime
) -> Reminder:
    """One reminder whose text is the clinician's own words (encrypted like any client text)."""
    reminder = Reminder(**_pending(row, now))
    reminder.text = text
    session.add(reminder)
    await session.flush()
    return reminder


async def claim_due(
    session: AsyncSession, *, now: datetime, worker: str, lease: timedelta, limit: int
) -> list[Claimed]:
    """Claims up to `limit` due rows (pending and due, or sending with a lapsed lease)."""
    due = (
        select(Reminder.id)
        .where(
            or_(
                and_(Reminder.status == "pending", Reminder.due_at <= now),
                and_(Reminder.status == "sending", Reminder.lease_until < now),
            )
        )
        .order_by(Reminder.due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    statement = (
        update(Reminder)
        .where(Reminder.id.in_(due.scalar_subquery()))
        .values(status="sending", lease_owner=worker, lease_until=now + lease)
        .returning(
            Reminder.id,
            Reminder.clinician_id,
            Reminder.kind,
            Reminder.due_at,
            Reminder.subject_id,
            Reminder.recurrence,
            Reminder.attempts,
        )
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(statement)
    return [Claimed(*row) for row in result.all()]


def _mine(ids: Iterable[str], worker: str):
    return and_(
        Reminder.id.in_(list(ids)),
        Reminder.status == "sending",
        Reminder.lease_owner == worker,
    )


async def settle(
    session: AsyncSession, ids: Iterable[str], *, worker: str, status: str, now: datetime
) -> set[str]:
    """Marks claimed rows done (sent, skipped, coalesced, failed, cancelled).

    Only rows this worker still holds change; the ids returned are those. A missing id means
    another worker took the row over after this one's lease ran out.
    """
    if status not in DONE_STATUSES:
        raise ValueError(f"not a final status: {status}")
    ids = list(ids)
    if not ids:
        return set()
    result = await session.execute(
        update(Reminder)
        .where(_mine(ids, worker))
        .values(status=status, sent_at=now if status == "sent" else None, lease_until=None)
        .returning(Reminder.id)
        .execution_options(synchronize_session=False)
    )
    return set(result.scalars())


async def release(
    session: AsyncSession,
    ids: Iterable[str],
    *,
    worker: str,
    due_at: datetime,
    failed: bool = False,
) -> int:
    """Gives claimed rows back as pending, due at `due_at`; `failed` counts an attempt."""
    values: dict = dict(status="pending", due_at=due_at, lease_owner=None, lease_until=None)
    if failed:
        values["attempts"] = Reminder.attempts + 1
    result = await session.execute(
        update(Reminder)
        .where(_mine(ids, worker))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


async def absorb_due(
    session: AsyncSession, groups: Iterable[tuple[int, str, str | None]], now: datetime
) -> int:
    """Folds other due, unclaimed rows into messages just sent: `groups` holds
    (clinician_id, kind, subject_id or None for any subject). Returns how many rows.
    One statement, as it runs once per message sent."""
    wanted = [
        and_(
            Reminder.clinician_id == clinician,
            Reminder.kind == kind,
            *([Reminder.subject_id == subject] if subject is not None else []),
        )
        for clinician, kind, subject in set(groups)
    ]
    if not wanted:
        return 0
    result = await session.execute(
        update(Reminder)
        .where(Reminder.status == "pending", Reminder.due_at <= now, or_(*wanted))
        .values(status="coalesced")
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


class Reminders(Repository):
    """One clinician's reminder rows, as a turn or the planner sees them."""

    async def own(self, reminder_id: str | None) -> Reminder | None:
        return await self._own(Reminder, reminder_id)

    async def exists(self, dedupe_key: str) -> bool:
        found = await self._session.scalar(
            select(Reminder.id).where(Reminder.dedupe_key == dedupe_key)
        )
        return found is not None

    async def add(self, row: NewReminder, text: str | None, now: datetime) -> Reminder:
        return await add_with_text(self._session, row, text, now)

    async def add_unique(self, rows: Iterable[NewReminder], now: datetime) -> int:
        return await add_unique(self._session, rows, now)

    async def cancel_pending(
        self,
        *,
        kinds: Iterable[str] | None = None,
        subject_id: str | None = None,
        keep_keys: Iterable[str] | None = None,
        key_prefix: str | None = None,
        after: datetime | None = None,
    ) -> int:
        """Cancels pending rows matching every filter given; returns how many."""
        condition = [Reminder.clinician_id == self._clinician_id, Reminder.status == "pending"]
        if kinds is not None:
            condition.append(Reminder.kind.in_(list(kinds)))
        if subject_id is not None:
            condition.append(Reminder.subject_id == subject_id)
        if key_prefix is not None:
            condition.append(Reminder.dedupe_key.startswith(key_prefix, autoescape=True))
        if keep_keys is not None:
            condition.append(Reminder.dedupe_key.not_in(list(keep_keys)))
        if after is not None:
            condition.append(Reminder.due_at > after)
        result = await self._session.execute(
            update(Reminder)
            .where(*condition)
            .values(status="cancelled")
            .execution_options(synchronize_session=False)
        )
        return result.rowcount

    async def next_pending(self) -> Reminder | None:
        return await self._session.scalar(
            select(Reminder)
            .where(Reminder.clinician_id == self._clinician_id, Reminder.status == "pending")
            .order_by(Reminder.due_at)
            .limit(1)
        )

    async def own_pending(self, limit: int = 20) -> list[Reminder]:
        """The clinician's own reminders still to come, soonest first."""
        rows = await self._session.scalars(
            select(Reminder)
            .where(
                Reminder.clinician_id == self._clinician_id,
                Reminder.kind == "own",
                Reminder.status == "pending",
            )
            .order_by(Reminder.due_at)
            .limit(limit)
        )
        return list(rows)

    async def last_sent_at(self, kind: str) -> datetime | None:
        return await self._session.scalar(
            select(func.max(Reminder.sent_at)).where(
                Reminder.clinician_id == self._clinician_id,
                Reminder.kind == kind,
                Reminder.status == "sent",
            )
        )

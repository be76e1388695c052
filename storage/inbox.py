"""The update inbox: every update is recorded here before anything else happens, then processed
from here exactly once, one at a time per chat, in update-id order, by whichever worker claims it.

A row's life: `pending` (recorded; nothing done yet) -> `replying` (the turn's effects and its
replies committed together, in the turn's own transaction) -> `done` (every reply sent; the
payload and replies are dropped, the id stays so a redelivery is a no-op until it is pruned).

Claiming takes, under a lease, only the oldest open row of each chat: a chat's next update
cannot be claimed while an earlier one is open, so no two workers ever hold the same chat, and
a chat's updates run in order. On PostgreSQL the claim locks its rows FOR UPDATE SKIP LOCKED,
so racing workers take different chats; SQLite has one writer (storage.db), so claims are
serial anyway. A worker that dies leaves its lease to run out, or to be dropped at once by a
worker on the same machine that sees the process is gone (bot/telegram/inbox_worker.py).
On the way of every update, an update is recorded already claimed when its chat is free
(`record_and_claim`), and answering one claims its chat's next (`answer_and_claim_next`): a
statement each, so that an update costs the worker as few round trips as it can.
The turn marks its row processed only if it is still `pending` (the row lock makes a second
marker wait, then find it taken), so a worker whose lease was taken over never applies a
second time what another worker did: its turn rolls back.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    and_,
    bindparam,
    case,
    delete,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.models import InboxUpdate, UTCDateTime
from storage.upsert import Executor, dialect_of, insert_for, insert_into


def _open(row=InboxUpdate):
    """Not yet answered. Written as the partial index `inbox_open_by_chat` is defined, so the
    planner uses it: open rows are few, answered ones pile up for a day."""
    return row.status != "done"



class AlreadyProcessed(Exception):
    """The update's turn has already run (another worker, or an earlier attempt)."""


class NotRecorded(Exception):
    """An update reached the dialogue without being recorded in the inbox first."""


@dataclass(frozen=True)
class Received:
    update_id: int
    chat_id: int | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class Claimed:
    """A claimed row, decrypted: the update to process, or the replies still to send."""

    update_id: int
    chat_id: int | None
    status: str
    attempts: int
    replies_sent: int
    payload: dict[str, Any] | None
    replies: list[dict[str, Any]] | None


def _sealed(update_id: int, **values: Any) -> InboxUpdate:
    # A transient row seals values with the inbox's own associated data (table, column, id).
    return InboxUpdate(id=update_id, **values)


async def record(session: Executor, received: Iterable[Received], now: datetime) -> int:
    """Records updates as pending; an update already recorded is left alone. Returns how many
    were new."""
    values = [
        {
            "id": item.update_id,
            "chat_id": item.chat_id,
            "status": "pending",
            "payload": _sealed(item.update_id, payload=item.payload).payload_sealed,
            "replies_sent": 0,
            "attempts": 0,
            "received_at": now,
        }
        for item in received
    ]
    if not values:
        return 0
    statement = (
        insert_for(session, InboxUpdate.__table__)
        .values(values)
        .on_conflict_do_nothing(index_elements=["id"])
    )
    result = await session.execute(statement)
    return max(result.rowcount or 0, 0)


async def record_and_claim(
    session: Executor,
    received: Iterable[Received],
    *,
    worker: str,
    now: datetime,
    lease: timedelta,
    limit: int,
) -> list[Claimed]:
    """Records updates as pending (an update already recorded is left alone) and claims, up to
    `limit`, those whose chat has no earlier open row: a statement per update, each one
    recording and claiming at once, and on PostgreSQL announcing (`announce`) the update when
    it leaves it unclaimed. Returns what it claimed."""
    statement = _record_claimed(dialect_of(session))
    claimed, known = [], []
    for item in sorted(received, key=lambda item: item.update_id):
        holder = worker if len(claimed) < limit else None
        sealed = _sealed(item.update_id, payload=item.payload).payload_sealed
        values = {"update": item.update_id, "chat": item.chat_id, "payload": sealed,
                  "now": now, "holder": holder, "until": now + lease}
        inserted = (await session.execute(statement, values)).first()
        if inserted is None:
            known.append(item.update_id)  # a redelivery: claimable as it stands, maybe
        elif inserted.lease_owner is not None:
            claimed.append(Claimed(item.update_id, item.chat_id, "pending", 1, 0, item.payload,
                                   None))
    if known:
        again = []
        if len(claimed) < limit:
            again = await claim(session, worker=worker, now=now, lease=lease,
                                limit=limit - len(claimed), only=known)
        if len(again) < len(known):
            await announce(session)
        claimed += again
    return claimed


# PostgreSQL only: a worker that leaves updates unclaimed says so; the others, listening, look.
CHANNEL = "wayfinder_inbox"

# The statements every update runs are built once: building one costs more than running it.
_INBOX = InboxUpdate.__table__
_EARLIER = _INBOX.alias("earlier")
_RETURNED = (
    _INBOX.c.id,
    _INBOX.c.chat_id,
    _INBOX.c.status,
    _INBOX.c.attempts,
    _INBOX.c.replies_sent,
    _INBOX.c.payload,
    _INBOX.c.replies,
)


def _claim_statement(*narrower, passing_over=()):
    """Claims the oldest open row of each chat (among `narrower`'s) that no live lease holds
    and no retry wait keeps back; `limit` of them. An earlier open row that `passing_over`
    excludes does not hold its chat back."""
    heads = (
        select(_INBOX.c.id)
        .where(
            _INBOX.c.status != "done",
            or_(_INBOX.c.lease_until.is_(None), _INBOX.c.lease_until < bindparam("now")),
            or_(_INBOX.c.retry_at.is_(None), _INBOX.c.retry_at <= bindparam("now")),
            ~exists().where(
                _EARLIER.c.chat_id == _INBOX.c.chat_id,
                _EARLIER.c.status != "done",
                _EARLIER.c.id < _INBOX.c.id,
                *passing_over,
            ),
            *narrower,
        )
        .order_by(_INBOX.c.id)
        .limit(bindparam("limit"))
        .with_for_update(of=_INBOX, skip_locked=True)
    )
    return (
        update(_INBOX)
        .where(_INBOX.c.id.in_(heads.scalar_subquery()))
        .values(
            lease_owner=bindparam("holder"),
            lease_until=bindparam("until"),
            attempts=_INBOX.c.attempts + 1,
        )
        .returning(*_RETURNED)
    )


@functools.cache
def _record_claimed(dialect: str):
    """Records one update, claimed by `holder` (unless None) when its chat has no earlier open
    row, in one statement: one round trip, one commit before Telegram hears 200. On PostgreSQL
    the same statement announces the update if it is recorded unclaimed (a round trip less than
    `announce` after it); a CASE evaluates `pg_notify` only then."""
    earlier_open = exists().where(
        _EARLIER.c.chat_id == bindparam("chat"),
        _EARLIER.c.status != "done",
        _EARLIER.c.id < bindparam("update"),
    )
    holder = bindparam("holder", type_=_INBOX.c.lease_owner.type)
    claimed = and_(holder.is_not(None), ~earlier_open)
    row = select(
        bindparam("update", type_=_INBOX.c.id.type),
        bindparam("chat", type_=_INBOX.c.chat_id.type),
        literal("pending", _INBOX.c.status.type),
        bindparam("payload", type_=_INBOX.c.payload.type),
        literal(0, _INBOX.c.replies_sent.type),
        case((claimed, 1), else_=0),
        bindparam("now", type_=_INBOX.c.received_at.type),
        case((claimed, holder), else_=null()),
        case((claimed, bindparam("until", type_=_INBOX.c.lease_until.type)), else_=null()),
    ).where(true())  # SQLite: ON CONFLICT after a bare SELECT would parse as a join's
    columns = ("id", "chat_id", "status", "payload", "replies_sent", "attempts", "received_at",
               "lease_owner", "lease_until")
    recording = (
        insert_into(dialect, _INBOX)
        .from_select(columns, row)
        .on_conflict_do_nothing(index_elements=["id"])
        .returning(_INBOX.c.lease_owner)
    )
    if dialect != "postgresql":
        return recording
    recorded = recording.cte("recorded")
    left = recorded.c.lease_owner.is_(None)
    return select(recorded.c.lease_owner, case((left, func.pg_notify(CHANNEL, "")), else_=null()))


_CLAIM_ANY = _claim_statement()
_CLAIM_CHAT = _claim_statement(_INBOX.c.chat_id == bindparam("chat"))
_CLAIM_ONLY = _claim_statement(_INBOX.c.id.in_(bindparam("only", expanding=True)))
_CLAIM_LEFT = _claim_statement(_INBOX.c.received_at <= bindparam("left_before"))
_MARK_PROCESSED = (
    update(_INBOX)
    .where(_INBOX.c.id == bindparam("update"), _INBOX.c.status == "pending")
    .values(
        status="replying",
        payload=None,
        replies=bindparam("sealed"),
        replies_sent=0,
        processed_at=bindparam("at"),
    )
)
_COUNT_SENT = (
    update(_INBOX)
    .where(_INBOX.c.id == bindparam("update"), _INBOX.c.lease_owner == bindparam("holder"))
    .values(replies_sent=bindparam("sent"))
)
_ANSWERED = (
    update(_INBOX)
    .where(
        _INBOX.c.id == bindparam("update"),
        _INBOX.c.status != "done",
        _INBOX.c.lease_owner == bindparam("holder"),
    )
    .values(
        status="done",
        chat_id=None,
        payload=None,
        replies=None,
        lease_owner=None,
        lease_until=None,
        retry_at=None,
        processed_at=func.coalesce(_INBOX.c.processed_at, bindparam("at", type_=UTCDateTime())),
    )
)
# PostgreSQL: the update answered and its chat's next one claimed, in one statement. The claim
# sees the rows as they were before the statement, so it passes over the row being answered,
# and claims only if that row was this worker's to answer.
_ANSWERING = _ANSWERED.returning(_INBOX.c.id).cte("answering")
_ANSWER_AND_CLAIM_NEXT = _claim_statement(
    _INBOX.c.chat_id == bindparam("chat"),
    _INBOX.c.id != bindparam("update"),
    exists(select(_ANSWERING.c.id)),
    passing_over=(_EARLIER.c.id != bindparam("update"),),
).add_cte(_ANSWERING)


async def claim(
    session: Executor,
    *,
    worker: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    chat_id: int | None = None,
    only: Iterable[int] | None = None,
    left_before: datetime | None = None,
) -> list[Claimed]:
    """Claims up to `limit` rows, each the oldest open row of its chat, that no live lease
    holds and no retry wait keeps back; only `chat_id`'s, only those in `only`, or only those
    recorded at `left_before` or earlier and left unclaimed since, if given."""
    values = {"now": now, "until": now + lease, "holder": worker, "limit": limit}
    if chat_id is not None:
        statement, values["chat"] = _CLAIM_CHAT, chat_id
    elif only is not None:
        statement, values["only"] = _CLAIM_ONLY, list(only)
    elif left_before is not None:
        statement, values["left_before"] = _CLAIM_LEFT, left_before
    else:
        statement = _CLAIM_ANY
    rows = (await session.execute(statement, values)).all()
    claimed = []
    for update_id, chat, status, attempts, sent, payload, replies in sorted(rows):
        opened = _sealed(update_id, payload_sealed=payload, replies_sealed=replies)
        claimed.append(
            Claimed(update_id, chat, status, attempts, sent, opened.payload, opened.replies)
        )
    return claimed


async def mark_processed(
    session: Executor, update_id: int, replies: list[dict[str, Any]], now: datetime
) -> None:
    """In the turn's transaction: the turn is done, its replies kept (sealed) until sent, the
    update's payload dropped. Raises AlreadyProcessed unless the row was still pending (the
    turn's transaction then rolls back), NotRecorded if there is no row at all."""
    sealed = _sealed(update_id, replies=replies).replies_sealed
    result = await session.execute(
        _MARK_PROCESSED, {"update": update_id, "sealed": sealed, "at": now}
    )
    if result.rowcount == 1:
        return
    status = await session.scalar(select(InboxUpdate.status).where(InboxUpdate.id == update_id))
    if status is None:
        raise NotRecorded(f"update {update_id} is not in the inbox")
    raise AlreadyProcessed(f"update {update_id} is {status}")


async def count_sent(session: Executor, update_id: int, sent: int, *, worker: str) -> None:
    """How many of the kept replies have reached Telegram, so a retry sends only the rest."""
    await session.execute(_COUNT_SENT, {"update": update_id, "holder": worker, "sent": sent})


async def answered(session: Executor, update_id: int, *, worker: str, now: datetime) -> bool:
    """The update is processed and answered: only its id and times are kept. Only the lease's
    holder can say so (a worker whose lease was taken over leaves it to the new holder)."""
    result = await session.execute(_ANSWERED, {"update": update_id, "holder": worker, "at": now})
    return result.rowcount == 1


async def answer_and_claim_next(
    session: Executor,
    update_id: int,
    chat_id: int,
    *,
    worker: str,
    now: datetime,
    lease: timedelta,
) -> Claimed | None:
    """`answered`, then, if the update was this worker's to answer, its chat's next update
    claimed (as `claim` would): one statement on PostgreSQL, two on SQLite."""
    if dialect_of(session) != "postgresql":
        if not await answered(session, update_id, worker=worker, now=now):
            return None
        following = await claim(session, worker=worker, now=now, lease=lease, limit=1,
                                chat_id=chat_id)
        return following[0] if following else None
    values = {"update": update_id, "chat": chat_id, "holder": worker, "at": now, "now": now,
              "until": now + lease, "limit": 1}
    row = (await session.execute(_ANSWER_AND_CLAIM_NEXT, values)).first()
    if row is None:
        return None
    update_id, chat, status, attempts, sent, payload, replies = row
    opened = _sealed(update_id, payload_sealed=payload, replies_sealed=replies)
    return Claimed(update_id, chat, status, attempts, sent, opened.payload, opened.replies)


async def release(
    session: Executor, update_id: int, *, worker: str, retry_at: datetime | None = None
) -> None:
    """Gives a claimed row back (to be tried again at `retry_at`, or at once)."""
    await session.execute(
        update(InboxUpdate)
        .where(InboxUpdate.id == update_id, InboxUpdate.lease_owner == worker)
        .values(lease_owner=None, lease_until=None, retry_at=retry_at)
        .execution_options(synchronize_session=False)
    )


async def renew(
    session: Executor, update_ids: Iterable[int], *, worker: str, until: datetime
) -> int:
    """Extends this worker's leases on rows it is still working on."""
    ids = list(update_ids)
    if not ids:
        return 0
    result = await session.execute(
        update(InboxUpdate)
        .where(InboxUpdate.id.in_(ids), InboxUpdate.lease_owner == worker)
        .values(lease_until=until)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


async def lease_owners(session: Executor, now: datetime) -> set[str]:
    """Workers holding a live lease on an open row."""
    rows = await session.scalars(
        select(InboxUpdate.lease_owner)
        .where(_open(), InboxUpdate.lease_until >= now)
        .distinct()
    )
    return set(rows)


async def drop_leases(session: Executor, owners: Iterable[str]) -> int:
    """Frees every open row these (stopped or dead) workers held."""
    owners = list(owners)
    if not owners:
        return 0
    result = await session.execute(
        update(InboxUpdate)
        .where(InboxUpdate.lease_owner.in_(owners), _open())
        .values(lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


async def depth(session: Executor) -> int:
    """Updates recorded and not yet answered."""
    return await session.scalar(
        select(func.count()).select_from(InboxUpdate).where(_open())
    )


async def prune(session: Executor, before: datetime, limit: int = 5000) -> int:
    """Deletes up to `limit` answered rows received before `before` (past Telegram's
    redelivery horizon); returns how many."""
    oldest = (
        select(InboxUpdate.id)
        .where(InboxUpdate.status == "done", InboxUpdate.received_at < before)
        .limit(limit)
    )
    result = await session.execute(
        delete(InboxUpdate)
        .where(InboxUpdate.id.in_(oldest.scalar_subquery()))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


_ANNOUNCE = select(func.pg_notify(CHANNEL, ""))


async def announce(session: Executor) -> None:
    """Tells listening workers, once this transaction commits, that there is work to claim."""
    if dialect_of(session) == "postgresql":
        await session.execute(_ANNOUNCE)


@asynccontextmanager
async def listening(engine: AsyncEngine, heard: Callable[[], None]) -> AsyncIterator[bool]:
    """Calls `heard()` at each announcement while open; yields whether it listens at all
    (PostgreSQL does; SQLite has one process, nobody to tell)."""
    if engine.dialect.name != "postgresql":
        yield False
        return
    async with engine.connect() as connection:
        raw = (await connection.get_raw_connection()).driver_connection

        def on_notice(*_args) -> None:
            heard()

        await raw.add_listener(CHANNEL, on_notice)
        try:
            yield True
        finally:
            await raw.remove_listener(CHANNEL, on_notice)


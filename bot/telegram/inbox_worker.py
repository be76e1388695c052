"""Processing the inbox: record what arrives, claim it, run it through PTB, send the replies.

    polling / webhook ─take_in─► inbox (recorded and claimed: one statement) ─► handlers ─► turn
                                                    (the turn's effects and replies: one commit)
     done, and the chat's next update claimed (one statement) ◄── every reply sent ◄───┘

`take_in` is the only way in: an update is processed only once its row is committed (it is
recorded already claimed when its chat is free, so a quiet chat's update goes straight on).
The inbox's own bookkeeping (record, claim, count sent, done) runs through
`Database.statements()`: each of those statements is safe alone, so on PostgreSQL each commits
by itself, without BEGIN and COMMIT, round trips that cost as much as the statement; only the
turn is a transaction. A claimed row is either `pending` (its handler runs: download,
transcribe, the turn) or `replying` (its turn is done; the kept replies are sent, from the
first one not yet sent). Handlers do not send the dialogue's replies themselves: they hand
them to `answer`, and the worker sends them after the handler returns, counts each one sent,
then marks the row done. What goes wrong is decided here, not in the handlers:

- a handler that fails before its turn (a download that times out, say): tried again after a
  short wait; after `handler_tries` the clinician is told and the row is done;
- a reply Telegram does not take: RetryAfter and network errors wait and try again (the chat's
  later updates wait behind it, in order); Forbidden (the bot was blocked) ends it; anything
  else is tried `send_tries` times, then given up with a log line (ids and types only).

`run()` is the background loop of a serving process: it first frees the leases of this
machine's dead workers (a restart resumes what the killed process had claimed), then claims
whatever is claimable (woken by its own intake, by PostgreSQL's NOTIFY from other workers, or
every `poll_every`), keeps its leases alive, and prunes answered rows past Telegram's
redelivery horizon. With other workers listening, a worker with `share_above` updates in hand
claims no more, except those every worker has left unclaimed for `patience`: it looks for them
that long after hearing of one, so an update never waits for a busy worker's finish alone.
Tests drive updates through `take_in` and await the tasks it returns, or one chat inline
(`process_chat`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application

from bot import lease_holder, metrics
from bot.logsafe import describe_failure
from bot.shared.events import Reply
from bot.shared.kept_replies import replies_from_json
from bot.shared.services import Services
from bot.telegram.durations import seconds_of
from bot.telegram.intake import received
from bot.telegram.outgoing import send_reply
from storage import inbox
from storage.inbox import Claimed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InboxRules:
    lease: timedelta = timedelta(seconds=30)
    renew_every: float = 10.0  # seconds; well inside the lease
    poll_every: float = 0.2  # seconds between claim rounds without news (retries, leftovers)
    housekeeping_every: float = 5.0  # dead workers' leases, metrics files
    prune_every: float = 600.0
    keep_answered: timedelta = timedelta(hours=24)  # Telegram redelivers within a day at most
    max_in_flight: int = 64
    share_above: int = 2  # updates in hand beyond which new ones are left to other workers
    patience: float = 0.05  # seconds an update every worker left waits before a busy one takes it
    handler_tries: int = 3
    send_tries: int = 5
    max_claims: int = 10  # an update that kept killing its worker is answered, not retried
    backoff: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0, 60.0)

    def wait_after(self, tries: int) -> timedelta:
        return timedelta(seconds=self.backoff[min(max(tries, 1), len(self.backoff)) - 1])


@dataclass
class _Handling:
    """What one update's handler produced: replies to send, or the failure that stopped it."""

    replies: list[Reply] = field(default_factory=list)
    failure: BaseException | None = None


class _SendFailed(Exception):
    def __init__(self, cause: BaseException, sent: int) -> None:
        super().__init__(type(cause).__name__)
        self.cause = cause
        self.sent = sent


class InboxWorker:
    def __init__(
        self,
        application: Application,
        services: Services,
        *,
        holder: str | None = None,
        rules: InboxRules = InboxRules(),
    ) -> None:
        self.application = application
        self.services = services
        self.holder = holder or lease_holder.this_process()
        self.rules = rules
        self._handling: dict[int, _Handling] = {}
        self._held: set[int] = set()
        self._tasks: set[asyncio.Task] = set()
        self._wake = asyncio.Event()
        self._stopping = False
        self._others_listen = False  # PostgreSQL: other workers hear what this one leaves
        self._passed_over = False  # an announcement heard while too busy to take it
        self._claiming = 0  # updates that claims in flight may yet bring into hand
        # When a busy worker next looks for updates every worker left for `patience`
        # (monotonic): `patience` after the first news since its last look, then the latest's.
        self._look_at: float | None = None
        self._look_next: float | None = None

    # --- the way in ---------------------------------------------------------------------------

    async def take_in(self, updates: list[dict[str, Any]]) -> list[asyncio.Task]:
        """Records updates and claims those whose chat is free (a statement each, committed
        before this returns), and starts processing them; returns those tasks. An update whose
        chat is busy is taken by whoever finishes the chat's earlier one. A worker already busy
        with `share_above` updates (in hand, or being claimed by its own claim round) leaves new
        ones to the others (PostgreSQL tells them, in the statement that records the update),
        so the work spreads whichever worker Telegram's connections reach."""
        batch = [received(update) for update in updates]
        room = min(self.rules.max_in_flight - self._in_hand(), len(batch))
        if self._others_listen and self._in_hand() >= self.rules.share_above:
            room = 0
        async with self._reserved(room) as room:
            async with self.services.database.statements() as session:
                claimed = await inbox.record_and_claim(
                    session, batch, worker=self.holder, now=self.services.clock.now(),
                    lease=self.rules.lease, limit=room,
                )
        if len(claimed) < len(batch):
            self._wake.set()  # a second look soon, in case the busy chat is just finishing
        return [self._start(row) for row in claimed]

    # --- what handlers call -------------------------------------------------------------------

    def answer(self, update: Update, replies: list[Reply]) -> None:
        """The replies to send for `update`, once its handler returns."""
        self._handling[update.update_id].replies.extend(replies)

    def failed(self, update: object, failure: BaseException) -> None:
        """A handler stopped with `failure` (PTB's error handler reports it here)."""
        handling = self._handling.get(getattr(update, "update_id", None))
        if handling is not None:
            handling.failure = failure

    # --- inline, for tests and benchmarks -----------------------------------------------------

    async def process_chat(self, chat_id: int) -> None:
        """Processes this chat's claimable updates, in order, in this task, until none is left."""
        if claimed := await self._claim(1, chat_id=chat_id):
            await self._work_through(claimed[0])

    # --- the background loop ------------------------------------------------------------------

    async def run(self) -> None:
        """Claims and processes until `stop()`; then lets go of whatever it still holds."""
        renewing = asyncio.create_task(self._keep_leases())
        housekeeping = asyncio.create_task(self._housekeeping())
        async with inbox.listening(self.services.database.engine, self._wake.set) as listens:
            # Sharing is for several workers; one alone would only wait for its own next round.
            self._others_listen = listens and self.services.settings.workers > 1
            try:
                await self._claim_until_stopped()
            finally:
                self._others_listen = False
                renewing.cancel()
                housekeeping.cancel()

    async def _claim_until_stopped(self) -> None:
        with contextlib.suppress(Exception):  # housekeeping tries again shortly
            await self._free_dead_leases()
        while not self._stopping:
            # Cleared before claiming: what is recorded meanwhile wakes the next round.
            heard = self._wake.is_set()
            self._wake.clear()
            room = self.rules.max_in_flight - self._in_hand()
            left_before = None
            if self._others_listen:
                # Every round, woken or not (the first, a timed one): the least busy workers
                # take new updates; a busy one looks again as soon as it finishes an update, in
                # case every worker was as busy, and takes, a few at a time, what every worker
                # has left for `patience`.
                share = self.rules.share_above - self._in_hand()
                self._passed_over = share <= 0
                if share > 0:
                    room = min(room, share)
                elif self._time_to_look(heard):
                    room = min(room, self.rules.share_above)
                    patience = timedelta(seconds=self.rules.patience)
                    left_before = self.services.clock.now() - patience
                else:
                    room = 0
            claimed = await self._claim_safely(room, left_before) if room > 0 else []
            for row in claimed:
                self._start(row)
            if left_before is None and len(claimed) < room:
                self._look_at = self._look_next = None  # it took whatever was left
            elif claimed and len(claimed) == room:
                # There may be more: news for the next round, which takes it at once, or, busy
                # by now, looks for it after `patience` (nothing else may announce it again).
                self._wake.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._next_round_within())

    def _in_hand(self) -> int:
        """Updates being processed, and those a claim still under way may bring: counted at
        once, so that neither an intake nor a claim round takes what the other took already."""
        return len(self._tasks) + self._claiming

    @contextlib.asynccontextmanager
    async def _reserved(self, room: int):
        room = max(room, 0)
        self._claiming += room
        try:
            yield room
        finally:
            self._claiming -= room

    def _time_to_look(self, heard: bool) -> bool:
        """A busy worker: whether to look now for updates every worker left for `patience`.
        What it heard of is looked for `patience` later (nobody may have taken it by then),
        not at every announcement: a busy worker costs the database nothing for those. The
        second look is `patience` after the latest news, not the second: a look takes only
        what was left `patience` before it, so news heard while both looks were set would
        otherwise never be looked for."""
        now = time.monotonic()
        if heard:
            if self._look_at is None:
                self._look_at = now + self.rules.patience
            else:
                self._look_next = now + self.rules.patience
        if self._look_at is None or now < self._look_at:
            return False
        self._look_at, self._look_next = self._look_next, None
        return True

    def _next_round_within(self) -> float:
        if self._look_at is None:
            return self.rules.poll_every
        return min(self.rules.poll_every, max(self._look_at - time.monotonic(), 0.0))

    async def stop(self, grace: float = 10.0) -> None:
        """Stops claiming, waits up to `grace` seconds for updates in hand, frees the rest."""
        self._stopping = True
        self._wake.set()
        if self._tasks:
            _, unfinished = await asyncio.wait(set(self._tasks), timeout=grace)
            for task in unfinished:
                task.cancel()
            await asyncio.gather(*unfinished, return_exceptions=True)
        async with self.services.database.statements() as session:
            await inbox.drop_leases(session, [self.holder])

    # --- processing one chat's updates -------------------------------------------------------

    def _start(self, row: Claimed) -> asyncio.Task:
        task = asyncio.create_task(self._work_through_safely(row))
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if self._passed_over:
            self._passed_over = False
            self._wake.set()

    async def _work_through_safely(self, row: Claimed) -> None:
        try:
            await self._work_through(row)
        except Exception as failure:  # a database outage, say: the lease runs out, then again
            log.error("update %s not finished: %s", row.update_id, describe_failure(failure))

    async def _work_through(self, row: Claimed | None) -> None:
        """Processes `row`, then the same chat's next updates while there are any: finishing
        one claims the next in the same transaction."""
        while row is not None:
            started, current, kind = time.perf_counter(), row, _kind_of(row)
            self._held.add(current.update_id)
            try:
                outcome = await self._run_and_answer(current)
                if outcome is None:
                    return  # to be tried again later: the chat waits for it
                row = await self._finish_and_take_next(current)
            finally:
                self._held.discard(current.update_id)
            metrics.TURNS.labels(kind, outcome).inc()
            metrics.TURN_SECONDS.observe(time.perf_counter() - started)

    async def _run_and_answer(self, row: Claimed) -> str | None:
        """Returns how the update ended (answered, gave_up, gone), None if it is to be retried."""
        if row.status == "replying":
            replies, sent = replies_from_json(row.replies or []), row.replies_sent
        elif row.attempts > self.rules.max_claims:
            log.error("update %s given up after %d claims", row.update_id, row.attempts)
            replies, sent = [self._sorry()], 0
        else:
            handling = await self._run_handlers(row)
            if handling.failure is not None:
                return await self._after_handler_failure(row, handling.failure)
            replies, sent = handling.replies, 0
        try:
            await self._send(row, replies, sent)
        except _SendFailed as failure:
            return await self._after_send_failure(row, failure)
        return "answered"

    async def _run_handlers(self, row: Claimed) -> _Handling:
        handling = self._handling[row.update_id] = _Handling()
        try:
            update = Update.de_json(row.payload, self.application.bot)
            await self.application.process_update(update)
        except Exception as failure:  # a payload PTB cannot read: nothing will change that
            handling.failure = failure
        finally:
            del self._handling[row.update_id]
        return handling

    async def _send(self, row: Claimed, replies: list[Reply], sent: int) -> None:
        bot = self.application.bot
        for number in range(sent, len(replies)):
            try:
                await send_reply(bot, row.chat_id, replies[number])
            except Exception as failure:
                raise _SendFailed(failure, number) from failure
            if number + 1 < len(replies):
                # A kill from here on repeats at most the reply being sent.
                async with self.services.database.statements() as session:
                    await inbox.count_sent(
                        session, row.update_id, number + 1, worker=self.holder
                    )

    async def _finish_and_take_next(self, row: Claimed) -> Claimed | None:
        """Marks `row` done and claims its chat's next update, if any (one statement)."""
        async with self.services.database.statements() as session:
            now = self.services.clock.now()
            if self._stopping or row.chat_id is None:
                await inbox.answered(session, row.update_id, worker=self.holder, now=now)
                return None
            return await inbox.answer_and_claim_next(
                session, row.update_id, row.chat_id, worker=self.holder, now=now,
                lease=self.rules.lease,
            )

    async def _after_handler_failure(self, row: Claimed, failure: BaseException) -> str | None:
        log.warning("update %s failed (try %d): %s", row.update_id, row.attempts,
                    describe_failure(failure))
        if row.attempts < self.rules.handler_tries:
            await self._retry_later(row, self.rules.wait_after(row.attempts))
            return None
        try:
            await self._send(row, [self._sorry()], 0)
        except _SendFailed as send_failure:
            return await self._after_send_failure(row, send_failure)
        return "gave_up"

    async def _after_send_failure(self, row: Claimed, failure: _SendFailed) -> str | None:
        cause = failure.cause
        log.warning("update %s: reply %d not sent: %s", row.update_id, failure.sent + 1,
                    describe_failure(cause))
        if failure.sent:
            async with self.services.database.statements() as session:
                await inbox.count_sent(session, row.update_id, failure.sent, worker=self.holder)
        if isinstance(cause, Forbidden):
            return "gone"  # the clinician blocked the bot: nobody to answer
        if isinstance(cause, RetryAfter):
            await self._retry_later(row, timedelta(seconds=seconds_of(cause, "retry_after") or 1))
            return None
        transient = isinstance(cause, NetworkError) and not isinstance(cause, BadRequest)
        if transient or row.attempts < self.rules.send_tries:
            await self._retry_later(row, self.rules.wait_after(row.attempts))
            return None
        log.error("update %s: replies given up after %d tries", row.update_id, row.attempts)
        return "gave_up"

    async def _retry_later(self, row: Claimed, wait: timedelta) -> None:
        async with self.services.database.statements() as session:
            await inbox.release(
                session, row.update_id, worker=self.holder,
                retry_at=self.services.clock.now() + wait,
            )

    def _sorry(self) -> Reply:
        return Reply(self.services.wording("error.internal"))

    # --- claims and leases --------------------------------------------------------------------

    async def _claim(
        self, limit: int, chat_id: int | None = None, left_before: datetime | None = None
    ) -> list[Claimed]:
        async with self._reserved(limit) as limit:
            async with self.services.database.statements() as session:
                return await inbox.claim(
                    session,
                    worker=self.holder,
                    now=self.services.clock.now(),
                    lease=self.rules.lease,
                    limit=limit,
                    chat_id=chat_id,
                    left_before=left_before,
                )

    async def _claim_safely(self, limit: int, left_before: datetime | None) -> list[Claimed]:
        try:
            return await self._claim(limit, left_before=left_before)
        except Exception as failure:  # the database is away: try again at the next poll
            log.error("inbox claim failed: %s", describe_failure(failure))
            return []

    async def _keep_leases(self) -> None:
        while True:
            await asyncio.sleep(self.rules.renew_every)
            if not self._held:
                continue
            with contextlib.suppress(Exception):
                async with self.services.database.statements() as session:
                    until = self.services.clock.now() + self.rules.lease
                    await inbox.renew(session, set(self._held), worker=self.holder, until=until)

    async def _housekeeping(self) -> None:
        last_prune = time.monotonic()
        while True:
            await asyncio.sleep(self.rules.housekeeping_every)
            try:
                await self._free_dead_leases()
                metrics.forget_dead_workers(lease_holder.process_alive)
                if time.monotonic() - last_prune >= self.rules.prune_every:
                    last_prune = time.monotonic()
                    await self.prune()
            except Exception as failure:
                log.error("inbox housekeeping failed: %s", describe_failure(failure))

    async def _free_dead_leases(self) -> None:
        async with self.services.database.statements() as session:
            owners = await inbox.lease_owners(session, self.services.clock.now())
            dead = [owner for owner in owners if lease_holder.gone(owner)]
            if dead and await inbox.drop_leases(session, dead):
                log.info("took over the inbox leases of %d stopped worker(s)", len(dead))
        if dead:
            self._wake.set()

    async def prune(self) -> int:
        """Deletes answered rows older than Telegram's redelivery horizon; returns how many."""
        before = self.services.clock.now() - self.rules.keep_answered
        pruned = 0
        while True:
            async with self.services.database.statements() as session:
                batch = await inbox.prune(session, before)
            pruned += batch
            if batch == 0:
                return pruned

    async def depth(self) -> int:
        async with self.services.database.statements() as session:
            return await inbox.depth(session)


def _kind_of(row: Claimed) -> str:
    if row.status == "replying" or not row.payload:
        return "kept_replies"
    return next((key for key in row.payload if key != "update_id"), "unknown")

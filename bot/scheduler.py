"""APScheduler wiring for reminders: in-memory jobs that run the planner and the dispatcher.

Nothing lives in APScheduler's job store: the reminder rows are the state, so every worker
process can run this same scheduler and a restart picks up where the rows say. `max_instances=1`
and `coalesce=True` keep a slow tick from piling up runs inside one process; the row leases keep
processes from sending the same reminder.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import metrics
from bot.logsafe import describe_failure
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.planner import plan_everyone
from bot.reminders.rules import rules
from bot.reminders.sending import Send
from bot.shared.services import Services

log = logging.getLogger(__name__)


async def plan_job(services: Services) -> None:
    try:
        await plan_everyone(services.database, services.clock.now())
    except Exception as failure:
        log.error("reminder planning failed: %s", describe_failure(failure))


async def dispatch_job(dispatcher: Dispatcher) -> None:
    try:
        report = await dispatcher.tick()
    except Exception as failure:
        log.error("reminder dispatch failed: %s", describe_failure(failure))
        return
    for outcome in ("sent", "failed", "retried", "skipped", "cancelled", "held"):
        metrics.REMINDERS.labels(outcome).inc(getattr(report, outcome))


def start_reminders(
    services: Services, send: Send, *, worker: str | None = None
) -> AsyncIOScheduler:
    """Starts planning and dispatching on the running event loop; call `.shutdown()` to stop.

    `send(clinician_id, reply)` delivers one message and raises bot.reminders.sending errors.
    Planning and a first dispatch run at once, so a restart sends what was missed right away.
    """
    dispatcher = Dispatcher(services, send, **({"worker": worker} if worker else {}))
    scheduler = AsyncIOScheduler(timezone="UTC")
    now = datetime.now(UTC)  # APScheduler runs on real time, whatever clock the bot reads
    scheduler.add_job(
        plan_job,
        "interval",
        args=[services],
        seconds=rules().plan_every_seconds,
        next_run_time=now,
        id="reminders.plan",
        max_instances=1,
        coalesce=True,
    )
    scheduler.add_job(
        dispatch_job,
        "interval",
        args=[dispatcher],
        seconds=rules().tick_seconds,
        next_run_time=now + timedelta(seconds=1),
        id="reminders.dispatch",
        max_instances=1,
        coalesce=True,
    )
    scheduler.start()
    return scheduler

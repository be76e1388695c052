"""Reminder dispatch benchmark: N reminders due in the same minute, sent by 1 and by 3 processes.

Each run gets a fresh PostgreSQL database: N clinicians, one reminder each, all due now. Worker
processes (this file with --worker) start together and run the real dispatcher until nothing is
due; their send() records which clinician got a message. Printed per process count: seconds to
send all, messages per second, duplicates (must be 0), lost (must be 0) and rows not `sent`.
The exactly-once test (tests/reminders/test_exactly_once_postgres.py) runs this with --json.

With --kill K, K of the processes are killed with SIGKILL at random moments while they send
(each send then takes a millisecond, as a network round trip would); every send is written to a
file as it happens, so the killed ones count too. When the others are done, one more process
runs with its clock past the lease, as a worker would once the killed ones' leases ran out,
and sends what they had claimed and not sent. A message is settled right after Telegram
accepts it, so each kill may repeat only the message in flight: duplicates at most K, lost 0.
tests/reminders/test_exactly_once_postgres.py runs both.

Also printed, with --answers or without --json: how long /status, /clients and /progress (with
its chart) take for a clinician with 50 clients, 300 signed notes and 20 drafts (targets: under
a second each, /progress with its chart under 300 ms), on SQLite and, given a server, PostgreSQL.

Run from the repository root, with a PostgreSQL server:
  WAYFINDER_TEST_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test \
    .venv/bin/python -m bench.reminders [--count 10000] [--processes 1 3] [--kill K] [--json]
  .venv/bin/python -m bench.reminders --answers   # only /status, /clients, /progress: SQLite,
                                                  # and PostgreSQL too where a server is given
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import open_services
from bot.clock import ManualClock
from bot.config import Settings
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.rules import rules
from bot.shared.events import Reply
from storage.db import open_database
from storage.models import Clinician, Reminder

ROOT = Path(__file__).resolve().parents[1]
BENCH_KEY = base64.urlsafe_b64encode(b"b" * 32).decode()
FIRST_CLINICIAN = 5_000_000


async def admin_sql(base_url: str, statement: str) -> None:
    """One statement outside any transaction (CREATE / DROP DATABASE)."""
    engine = create_async_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


@contextmanager
def scratch_database(base_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the server of `base_url`; dropped afterwards."""
    name = f"wayfinder_bench_{uuid.uuid4().hex[:10]}"
    asyncio.run(admin_sql(base_url, f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(admin_sql(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def seed(url: str, count: int, key_file: Path) -> None:
    database = await open_database(url, env_key=BENCH_KEY, key_file=key_file)
    now = datetime.now(UTC)
    try:
        async with database.transaction() as session:
            ids = range(FIRST_CLINICIAN, FIRST_CLINICIAN + count)
            await session.execute(
                insert(Clinician),
                [
                    # No quiet hours, so the run does not depend on the time of day.
                    dict(
                        id=i,
                        timezone="UTC",
                        onboarded=True,
                        reminders_off=[],
                        blocked=False,
                        digest_time="17:00",
                        quiet_start="00:00",
                        quiet_end="00:00",
                        nudge_hours=24,
                        review_days=90,
                        created_at=now,
                    )
                    for i in ids
                ],
            )
            await session.execute(
                insert(Reminder),
                [
                    dict(
                        id=uuid.uuid4().hex,
                        clinician_id=i,
                        kind="own",
                        status="pending",
                        attempts=0,
                        due_at=now - timedelta(seconds=30),
                        subject_id=f"s{i}",
                        created_at=now,
                    )
                    for i in ids
                ],
            )
    finally:
        await database.close()


async def unsent_rows(url: str, key_file: Path) -> int:
    database = await open_database(url, env_key=BENCH_KEY, key_file=key_file)
    try:
        async with database.transaction() as session:
            return await session.scalar(
                select(func.count()).select_from(Reminder).where(Reminder.status != "sent")
            )
    finally:
        await database.close()


async def worker(url: str, data_dir: str, record: str | None, ahead: float) -> None:
    """One dispatcher process: says "ready", waits for "go" on stdin, sends until nothing is due,
    then prints what it sent as JSON. With `record`, each send is also appended to that file at
    once (a killed worker's sends count); `ahead` runs its clock that many seconds fast."""
    settings = Settings(database_url=url, key=BENCH_KEY, data_dir=Path(data_dir))
    clock = ManualClock(datetime.now(UTC) + timedelta(seconds=ahead)) if ahead else None
    services = await open_services(settings, clock)
    sent: list[int] = []
    # Written straight to the file, no buffer: what a killed worker sent is there.
    written = os.open(record, os.O_WRONLY | os.O_APPEND | os.O_CREAT) if record else None

    async def send(clinician_id: int, reply: Reply) -> None:
        sent.append(clinician_id)
        if written is not None:
            os.write(written, f"{clinician_id}\n".encode())
            await asyncio.sleep(0.001)  # a network round trip, so a kill can land mid-batch
        else:
            await asyncio.sleep(0)  # a real send awaits the network; let the loop turn

    dispatcher = Dispatcher(services, send, worker=f"bench-{os.getpid()}")
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    started, cpu = time.time(), time.process_time()
    await dispatcher.tick()
    finished, cpu = time.time(), time.process_time() - cpu
    await services.database.close()
    print(json.dumps({"sent": sent, "started": started, "finished": finished, "cpu": cpu}),
          flush=True)


def _start_worker(url: str, scratch: Path, record: Path | None = None, ahead: float = 0):
    command = [sys.executable, "-m", "bench.reminders", "--worker", url, str(scratch)]
    if record is not None:
        command += ["--record", str(record), "--ahead", str(ahead)]
    child = subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    if child.stdout.readline().strip() != "ready":
        raise SystemExit("a worker failed to start")
    return child


def _go(children) -> None:
    for child in children:  # all at once: they race for the same rows
        child.stdin.write("go\n")
        child.stdin.flush()


def _finished(child) -> dict:
    output, _ = child.communicate(timeout=600)
    if child.returncode != 0:
        raise SystemExit("a worker failed")
    return json.loads(output)


def _kill_while_sending(children, records: list[Path], kills: int, rng: random.Random) -> None:
    """SIGKILLs `kills` of the children, each at a random moment after it began sending."""
    for child, record in zip(children[:kills], records[:kills], strict=True):
        deadline = time.monotonic() + 60
        while (not record.exists() or not record.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()


def run(base_url: str, count: int, processes: int, kills: int = 0, seed_value: int = 1) -> dict:
    with tempfile.TemporaryDirectory() as scratch, scratch_database(base_url) as url:
        scratch_dir = Path(scratch)
        key_file = scratch_dir / "key"
        records = [scratch_dir / f"sent-{n}.txt" for n in range(processes + 1)]
        asyncio.run(seed(url, count, key_file))
        children = [
            _start_worker(url, scratch_dir, records[n] if kills else None)
            for n in range(processes)
        ]
        _go(children)
        if kills:
            _kill_while_sending(children, records, kills, random.Random(seed_value))
        results = [_finished(child) for child in children[kills:]]
        if kills:  # the killed workers' leases have run out by this worker's clock
            lease = rules().lease.total_seconds()
            finisher = _start_worker(url, scratch_dir, records[-1], ahead=lease + 60)
            _go([finisher])
            results.append(_finished(finisher))
        unsent = asyncio.run(unsent_rows(url, key_file))
        if kills:
            sent = [int(line) for record in records if record.exists()
                    for line in record.read_text().split()]
        else:
            sent = [clinician for result in results for clinician in result["sent"]]
    seconds = max(r["finished"] for r in results) - min(r["started"] for r in results)
    expected = set(range(FIRST_CLINICIAN, FIRST_CLINICIAN + count))
    return {
        "processes": processes,
        "killed": kills,
        "reminders": count,
        "seconds": round(seconds, 2),
        "per_second": round(len(sent) / seconds) if seconds and not kills else None,
        "per_worker": [len(r["sent"]) for r in results],
        # What a machine shared with other work disturbs less than the seconds.
        "cpu_ms_per_reminder": round(sum(r["cpu"] for r in results) / len(sent) * 1000, 2)
        if sent else None,
        "duplicates": len(sent) - len(set(sent)),
        "lost": len(expected - set(sent)),
        "unsent_rows": unsent,
    }


def weekly_note(week: int) -> dict:
    """A note's tags as the tagger writes them for the plan of tests.reminders.support (O1
    breathing, O2 sleep): panic attacks falling, sleep rising, PHQ-9 every other week and tagged
    progress, so /progress judges trends and its chart has three panels."""
    from tests.status.support import sentence

    return {
        "subjective": [
            sentence(
                f"Had {max(5 - week, 0)} panic attacks this week.",
                measurements=[
                    {
                        "kind": "frequency",
                        "name": "panic attack",
                        "value": max(5 - week, 0),
                        "period": "week",
                    },
                ],
            ),
            sentence(
                f"Slept {4 + week / 2:g} hours a night.",
                ("O2", "unknown"),
                measurements=[
                    {"kind": "duration", "name": "sleep", "value": 4 + week / 2, "unit": "hour"}
                ],
            ),
        ],
        "assessment": [
            sentence(
                "Practised breathing.",
                ("O1", "improved" if week % 3 else "worsened"),
                measurements=(
                    [] if week % 2 else [{"kind": "score", "name": "PHQ-9", "value": 18 - week}]
                ),
            )
        ],
    }


async def answer_times(
    database_url: str | None = None, clients: int = 50, notes_per_client: int = 6, drafts: int = 20
) -> dict:
    """Median seconds (wall clock and CPU) of /status, /clients and /progress (with its chart) for
    a busy clinician, on SQLite, or on `database_url` (an empty database)."""
    from bot.clock import ManualClock
    from bot.dialogue.engine import Dialogue
    from bot.shared.events import Event
    from tests.reminders.support import add_clinician, add_draft, add_plan
    from tests.status.support import add_signed_note

    clinician = 1001
    start = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(
            data_dir=Path(scratch),
            key=BENCH_KEY,
            allowed_users=frozenset({clinician}),
            database_url=database_url,
        )
        services = await open_services(settings, ManualClock(start))
        try:
            await add_clinician(services, "America/New_York", clinician)
            for n in range(drafts):
                await add_draft(services, f"D{n}.", clinician)
            for c in range(clients):
                code = f"C{c}."
                await add_plan(services, code, (start + timedelta(days=c)).date(), clinician)
                for week in range(notes_per_client):
                    signed = start - timedelta(weeks=notes_per_client - week)
                    await add_signed_note(services, code, signed, weekly_note(week), clinician)
            dialogue = Dialogue(services)
            figures = {}
            for name in ("status", "clients", "progress"):
                line = "/progress C0." if name == "progress" else f"/{name}"
                times, cpu = [], []
                for _ in range(5):
                    began, began_cpu = time.perf_counter(), time.process_time()
                    replies = await dialogue.handle(Event.from_text(clinician, line))
                    times.append(time.perf_counter() - began)
                    cpu.append(time.process_time() - began_cpu)  # all threads: the chart's too
                figures[f"{name}_seconds"] = round(sorted(times)[len(times) // 2], 3)
                figures[f"{name}_cpu_seconds"] = round(sorted(cpu)[len(cpu) // 2], 3)
                if name == "progress" and not any(reply.image for reply in replies):
                    raise SystemExit("/progress sent no chart")
            return figures
        finally:
            await services.database.close()


def print_answers(where: str, database_url: str | None) -> None:
    answers = asyncio.run(answer_times(database_url))
    print(
        f"{where}: /status {answers['status_seconds']} s, /clients {answers['clients_seconds']} s, "
        f"/progress with chart {answers['progress_seconds']} s "
        f"(CPU {answers['progress_cpu_seconds']} s, which a shared machine disturbs less; "
        "medians of 5; 50 clients, 300 signed notes, 20 drafts)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--url", default=os.environ.get("WAYFINDER_TEST_POSTGRES_URL"))
    parser.add_argument("--json", action="store_true", help="one JSON object per run")
    parser.add_argument("--answers", action="store_true", help="only time the answers")
    parser.add_argument("--kill", type=int, default=0, help="SIGKILL this many while sending")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker", nargs=2, metavar=("URL", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--record", help=argparse.SUPPRESS)
    parser.add_argument("--ahead", type=float, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker(*args.worker, args.record, args.ahead))
        return
    if args.answers or not args.json:
        print_answers("SQLite", None)
        if args.url:
            with scratch_database(args.url) as url:
                print_answers("PostgreSQL", url)
    if args.answers:
        return
    if not args.url:
        raise SystemExit("set WAYFINDER_TEST_POSTGRES_URL or pass --url (a PostgreSQL server)")
    for processes in args.processes:
        figures = run(args.url, args.count, processes, args.kill, args.seed)
        if args.json:
            print(json.dumps(figures), flush=True)
        else:
            killed = f", {args.kill} killed while sending" if args.kill else ""
            print(
                f"{figures['reminders']} reminders, {processes} process(es){killed}: "
                f"{figures['seconds']} s ({figures['per_second']}/s, dispatcher CPU "
                f"{figures['cpu_ms_per_reminder']} ms a reminder), per worker "
                f"{figures['per_worker']}, duplicates {figures['duplicates']}, "
                f"lost {figures['lost']}, rows not sent {figures['unsent_rows']}",
                flush=True,
            )


if __name__ == "__main__":
    main()

"""`wayfinder verify` over 10,000 signed notes: seconds, wall and process CPU. Target: under 10 s.

A run stores the notes (SOAP, about 2,300 characters each, tagged, an addendum on every tenth)
across 50 clients of one clinician, each client's chain built as signing builds it, then runs
the whole check `wayfinder verify` runs: every sealed value decrypted, every signed note and
addendum fingerprinted, sealed and walked along its client's chain, the audit chains. CPU time
is the process's own (time.process_time), so other load on the machine shows in wall time only.

    .venv/bin/python bench/verify.py [--notes 10000] [--clients 50]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.export import sign_bench_note  # noqa: E402
from bot.app import open_services  # noqa: E402
from bot.config import Settings  # noqa: E402
from storage.models import Clinician  # noqa: E402
from storage.store import Store  # noqa: E402
from storage.verify import verify_database  # noqa: E402

CLINICIAN = 1
FIRST = datetime(2020, 1, 6, 21, tzinfo=UTC)
BATCH = 500


async def store_notes(services, count: int, clients: int) -> None:
    async with services.database.transaction() as session:
        session.add(Clinician(id=CLINICIAN, created_at=FIRST, reminders_off=[], onboarded=True))
    for start in range(0, count, BATCH):
        async with services.database.transaction() as session:
            store = Store(session, await session.get(Clinician, CLINICIAN))
            for number in range(start, min(start + BATCH, count)):
                client = await store.clients.get_or_create(f"C{number % clients}", FIRST)
                await sign_bench_note(
                    session, store, client, number, FIRST + timedelta(hours=number),
                    addendum_after=timedelta(minutes=30),
                )


async def run(count: int, clients: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        services = await open_services(Settings(data_dir=Path(tmp)))
        try:
            await store_notes(services, count, clients)
            wall, cpu = time.perf_counter(), time.process_time()
            async with services.database.sessions() as session:
                report = await verify_database(session)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        finally:
            await services.database.close()
    checked = ", ".join(f"{number} {what}" for what, number in report.checked.items())
    print(f"verify: {wall:.2f} s wall, {cpu:.2f} s CPU; checked {checked}; "
          f"{len(report.failures)} failures (target: under 10 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(run(args.notes, args.clients))


if __name__ == "__main__":
    main()

"""What one update costs a worker: CPU seconds, SQL statements and transactions per update.

The figures the webhook's latency follows from, measured without the noise of a shared
machine's wall clock: the bot is served in this process as a webhook worker serves it (the
inbox worker running, updates handed to `take_in` as the webhook hands them, replies sent to
the fake Bot API in-process, so no HTTP is counted), and `--clinicians` clinicians write SOAP
notes one message after another (a sentence or "next"), all at once. Timed: the process's CPU
time (all threads) over the timed turns, and every statement and commit the database engine
ran meanwhile, by the statement's first words. `--profile FILE` also writes cProfile's stats.

    .venv/bin/python -m bench.inbox_cost [--database URL] [--clinicians 20] [--turns 30]
                                         [--profile FILE] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import cProfile
import json
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.reminders import admin_sql  # noqa: E402
from bot.app import open_services  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.telegram.application import build_application, serving  # noqa: E402
from tests.support.clinic import SENTENCES  # noqa: E402
from tests.support.fake_bot_api import FakeBotAPI  # noqa: E402

KEY = base64.urlsafe_b64encode(b"c" * 32).decode()
FIRST = 9000


class Counting:
    """Statements (by their first two words) the engine runs while `on`, and the writes to
    PostgreSQL's socket: a round trip each (a statement, BEGIN, COMMIT, a ping)."""

    def __init__(self, engine) -> None:
        self.on = False
        self.statements: Counter = Counter()
        self.commits = 0
        self.round_trips = 0
        event.listen(engine.sync_engine, "before_cursor_execute", self._statement)
        event.listen(engine.sync_engine, "commit", self._commit)
        if engine.dialect.name == "postgresql":
            self._count_writes(engine.url.port or 5432)

    def _count_writes(self, port: int) -> None:
        transport = asyncio.selector_events._SelectorSocketTransport
        write = transport.write

        def counted(this, data) -> None:
            if self.on and (this.get_extra_info("peername") or (None, None))[1] == port:
                self.round_trips += 1
            write(this, data)

        transport.write = counted

    def _statement(self, _conn, _cursor, statement, *_args) -> None:
        if self.on:
            self.statements[" ".join(statement.split()[:2])] += 1

    def _commit(self, _conn) -> None:
        if self.on:
            self.commits += 1


async def converse(worker, api: FakeBotAPI, user_id: int, lines: list[str]) -> None:
    for line in lines:
        tasks = await worker.take_in([api.updates.message(user_id, line)])
        await asyncio.gather(*tasks)
        await api.wait_for_sent(user_id, 1, 30)  # at least one reply by now: never lost


def note_lines(user_id: int, turns: int) -> list[str]:
    lines: list[str] = []
    note = 0
    while len(lines) < turns:
        note += 1
        lines.append(f"/note T{user_id}-{note}. soap")
        for step in range(6):
            lines.append("next" if step % 2 else f"{SENTENCES[step // 2]} [{user_id}:{note}]")
        lines.append("cancel")
    return lines[:turns]


async def measure(url: str | None, clinicians: int, turns: int, profile: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        users = list(range(FIRST, FIRST + clinicians))
        settings = Settings(data_dir=Path(scratch), key=KEY, allowed_users=frozenset(users),
                            database_url=url)
        services = await open_services(settings)
        counting = Counting(services.database.engine)
        api = FakeBotAPI()
        for user in users:
            api.add_user(user)
        application = build_application(services, builder=api.application_builder())
        try:
            async with serving(application) as worker:
                await asyncio.gather(*(
                    converse(worker, api, user, ["/start", "Europe/London"]) for user in users
                ))
                scripts = {user: note_lines(user, turns) for user in users}
                profiler = cProfile.Profile(time.process_time) if profile else None
                counting.on = True
                cpu, wall = time.process_time(), time.perf_counter()
                if profiler:
                    profiler.enable()
                await asyncio.gather(*(
                    converse(worker, api, user, scripts[user]) for user in users
                ))
                if profiler:
                    profiler.disable()
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                counting.on = False
                if profiler:
                    profiler.dump_stats(profile)
        finally:
            await services.database.close()
    updates = clinicians * turns
    return {
        "database": "postgresql" if url else "sqlite",
        "updates": updates,
        "cpu_ms_per_update": round(cpu / updates * 1000, 2),
        "wall_seconds": round(wall, 1),
        "statements_per_update": round(sum(counting.statements.values()) / updates, 2),
        "commits_per_update": round(counting.commits / updates, 2),
        "round_trips_per_update": round(counting.round_trips / updates, 2),
        "statements": {
            name: round(count / updates, 2) for name, count in counting.statements.most_common()
        },
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a PostgreSQL server's URL: a scratch database is "
                        "made there (default: SQLite in a temporary directory)")
    parser.add_argument("--clinicians", type=int, default=20)
    parser.add_argument("--turns", type=int, default=30, help="timed messages per clinician")
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the timed turns")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    url = None
    if args.database:
        name = f"wayfinder_cost_{uuid.uuid4().hex[:10]}"
        url = make_url(args.database).set(database=name).render_as_string(hide_password=False)
        await admin_sql(args.database, f'CREATE DATABASE "{name}"')
    try:
        figures = await measure(url, args.clinicians, args.turns, args.profile)
    finally:
        if args.database:
            await admin_sql(args.database, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{figures['database']}: {figures['updates']} updates, "
          f"CPU {figures['cpu_ms_per_update']} ms per update, "
          f"{figures['statements_per_update']} statements and "
          f"{figures['commits_per_update']} commits per update, "
          f"{figures['round_trips_per_update']} round trips to PostgreSQL per update "
          f"({figures['wall_seconds']} s)")
    for name, count in figures["statements"].items():
        print(f"    {count:5.2f}  {name}")


if __name__ == "__main__":
    asyncio.run(main())

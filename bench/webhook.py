"""Webhook mode under load: simulated clinicians post to `wayfinder run --webhook --workers N`
over real HTTP on 127.0.0.1, for 1, 2 and 4 workers on PostgreSQL.

Each run gets a fresh database and the fake Bot API served over HTTP (in this process). The harness
shares the machine's cores with what it measures, so Telegram's side posts over an aiohttp session
(a fraction of httpx's CPU per post); what is measured is the real `wayfinder run --webhook` over
HTTP all the same. Every clinician onboards first (not timed), then writes SOAP notes: a sentence
or "next" per message, each message posted as Telegram posts an update (again until it answers
200), and waits for the bot's reply before thinking for a while (`--think`, 1-3 s: a person on a
phone) and sending the next. A turn is timed from the POST to the reply reaching the fake Bot API.
The saturation run has `--saturation-clinicians` clinicians and no think time: as many turns as the
workers can take. After each run the database is read: every sentence must be in its note exactly
once (processed twice: more than once; lost: missing, or its reply never came).

Printed per run: turns/s, p50 and p99 (over the run and per 5 s window, to tell a burst at the
start from a tail all through), processed twice, lost, each worker process's CPU, and
what the database's sessions were doing (pg_stat_activity sampled every 20 ms: the statement
and its wait, a lock or the disk or the client), to show where the next limit is. `--py-spy DIR`
also samples each worker process with py-spy (installed into the venv by hand: it is a
measuring tool, not a dependency) over the timed run and prints where its CPU went.

    WAYFINDER_TEST_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test \\
      .venv/bin/python -m bench.webhook [--workers 1 2 4] [--clinicians 200] [--think 1-3]
                                        [--saturation-clinicians 48] [--seconds 30] [--json]
                                        [--py-spy DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp  # noqa: E402
import httpx  # noqa: E402
from sqlalchemy import select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from bench.reminders import admin_sql  # noqa: E402
from storage.db import open_database  # noqa: E402
from storage.models import Note  # noqa: E402
from tests.support.clinic import SENTENCES  # noqa: E402
from tests.support.fake_bot_api import FakeBotAPI  # noqa: E402
from tests.support.http_bot_api import free_port, post_update, served_over_http  # noqa: E402
from tests.support.remote import (  # noqa: E402
    BotProcess,
    bot_environment,
    cpu_seconds,
    wait_until,
    wait_until_serving,
    worker_pids,
)

FIRST = 7000
REPLY_WITHIN = 60.0
WINDOW_SECONDS = 5


class Clinician:
    def __init__(self, api: FakeBotAPI, client: aiohttp.ClientSession, hook: str, secret: str,
                 user_id: int) -> None:
        self.api, self.client, self.hook, self.secret = api, client, hook, secret
        self.user_id = user_id
        self.sentences: list[str] = []
        self.posted = 0  # updates, timed or not
        api.add_user(user_id)

    async def send(self, text: str, expect: str) -> float | None:
        """Posts one message; seconds until the reply holding `expect` reached Telegram (None:
        no such reply)."""
        seen = self.api.sent_count(self.user_id)
        self.posted += 1
        started = time.perf_counter()
        await post_update(self.client, self.hook, self.secret,
                          self.api.updates.message(self.user_id, text))
        try:
            while True:
                seen += 1
                reply = await self.api.wait_for_sent(self.user_id, seen, REPLY_WITHIN)
                if expect in reply.message.visible_text:
                    return reply.at - started
        except TimeoutError:
            return None

    async def onboard(self) -> None:
        await self.send("/start", "time zone")
        await self.send("Europe/London", "Time zone set")

    async def write(self, until: float, think: tuple[float, float],
                    latencies: list[tuple[float, float]], unanswered: list[str]) -> None:
        """Writes notes until `until`; each timed turn goes into `latencies` as (when its reply
        came, seconds it took)."""
        pace = random.Random(self.user_id)
        note = 0
        while time.perf_counter() < until:
            note += 1
            await self.send(f"/note W{self.user_id}-{note}. soap", "(1/4)")
            for step in range(6):
                if time.perf_counter() >= until:
                    break
                await asyncio.sleep(pace.uniform(*think))
                text, expect = "next", f"({step // 2 + 2}/4)"
                if step % 2 == 0:
                    text = f"{SENTENCES[step // 2 % len(SENTENCES)]} [{self.user_id}:{note}:{step}]"
                    expect = "so far"
                    self.sentences.append(text)
                latency = await self.send(text, expect)
                if latency is None:
                    unanswered.append(text)
                else:
                    latencies.append((time.perf_counter(), latency))
            await self.send("cancel", "draft")


class ActivitySampler:
    """What the database's sessions are doing, sampled every 20 ms during the timed run: the
    statement (its first words) and what it waits for (a lock, the disk, the client)."""

    def __init__(self, url: str) -> None:
        self.engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
        self.seen: Counter = Counter()
        self.samples = 0

    async def run(self, stop: asyncio.Event) -> None:
        query = text(
            "SELECT state, coalesce(wait_event_type, 'CPU'), coalesce(wait_event, ''), "
            "left(regexp_replace(query, '\\s+', ' ', 'g'), 60) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND state <> 'idle'"
        )
        async with self.engine.connect() as connection:
            while not stop.is_set():
                self.samples += 1
                for state, kind, event, statement in await connection.execute(query):
                    self.seen[(state, f"{kind}:{event}", statement)] += 1
                await asyncio.sleep(0.02)
        await self.engine.dispose()

    async def backend_cpu(self) -> dict[int, float]:
        """CPU seconds so far of each PostgreSQL backend serving this database (the server is
        shared with other databases: its whole CPU would count their work too)."""
        query = text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        async with self.engine.connect() as connection:
            pids = (await connection.scalars(query)).all()
        seconds = {}
        for pid in pids:
            with contextlib.suppress(OSError):
                seconds[pid] = cpu_seconds(pid)
        return seconds

    def busiest(self, count: int = 6) -> list[str]:
        return [
            f"{n / self.samples:.2f} sessions {state} {wait} | {statement}"
            for (state, wait, statement), n in self.seen.most_common(count)
        ]


class Spy:
    """py-spy sampling each worker process over the timed run (not pausing it), then where its
    CPU went: the share of samples whose innermost frame is in each package or bot module, and
    the functions most often on the stack (idle samples, the event loop waiting, left out).
    With `gil`, only samples holding the GIL: Python's own work, without the time spent in
    system calls (a socket write's kernel side, or waiting for a core while in one)."""

    def __init__(self, directory: Path | None, gil: bool = False) -> None:
        self.directory = directory
        self.program = shutil.which("py-spy", path=str(Path(sys.executable).parent))
        if directory and not self.program:
            raise SystemExit("--py-spy needs py-spy: .venv/bin/pip install py-spy")
        self.only_gil = ("--gil",) if gil else ()
        self.processes: list[asyncio.subprocess.Process] = []
        self.outputs: list[Path] = []

    async def start(self, pids: list[int], seconds: float) -> None:
        if not self.directory:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for pid in pids:
            output = self.directory / f"worker-{pid}.txt"
            self.outputs.append(output)
            self.processes.append(await asyncio.create_subprocess_exec(
                self.program, "record", "--nonblocking", *self.only_gil, "-p", str(pid),
                "-d", str(int(seconds)), "-r", "100", "-f", "raw", "-o", str(output),
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            ))

    async def report(self) -> list[str]:
        for process in self.processes:
            await process.wait()
        lines = []
        for output in self.outputs:
            if output.exists():
                lines += _where_cpu_went(output)
        return lines


def _where_cpu_went(raw: Path, count: int = 14) -> list[str]:
    own: Counter = Counter()
    on_stack: Counter = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, samples = line.rpartition(" ")
        frames = stack.split(";")
        if frames[-1].startswith(("select (selectors.py", "_run_once (asyncio")):
            continue  # idle: waiting for the network
        total += int(samples)
        own[_place(frames[-1])] += int(samples)
        for frame in set(frames):
            on_stack[frame] += int(samples)
    if not total:
        return []
    lines = [f"{raw.name}: {total} busy samples; innermost frame in:"]
    lines += [f"  {n / total:5.1%}  {place}" for place, n in own.most_common(count)]
    lines.append("  on the stack:")
    lines += [f"  {n / total:5.1%}  {frame}" for frame, n in on_stack.most_common(count * 3)]
    return lines


def _place(frame: str) -> str:
    """The package (or the bot's module) a py-spy frame `name (path:line)` is in."""
    path = frame.rpartition("(")[2].rpartition(":")[0]
    if "site-packages/" in path:
        return path.split("site-packages/")[1].split("/")[0]
    if "/python3.11/" in path:
        return "stdlib " + path.split("/python3.11/")[1].split("/")[0]
    return path


async def sentences_in(url: str, key_file: Path) -> Counter:
    database = await open_database(url, env_key=None, key_file=key_file)
    try:
        async with database.transaction() as session:
            found: Counter = Counter()
            for note in await session.scalars(select(Note)):
                for entries in (note.content or {}).values():
                    found.update(entry["text"] for entry in entries)
            return found
    finally:
        await database.close()


async def one_run(base_url: str, workers: int, clinicians: int, think: tuple[float, float],
                  seconds: float, spy: Spy) -> dict:
    name = f"wayfinder_webhook_{uuid.uuid4().hex[:10]}"
    url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
    await admin_sql(base_url, f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as scratch:
            return await _measure(url, Path(scratch), workers, clinicians, think, seconds, spy)
    finally:
        await admin_sql(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _measure(url: str, scratch: Path, workers: int, clinicians: int,
                   think: tuple[float, float], seconds: float, spy: Spy) -> dict:
    api = FakeBotAPI()
    port = free_port()
    hook, base = f"http://127.0.0.1:{port}/hook", f"http://127.0.0.1:{port}"
    users = [FIRST + n for n in range(clinicians)]
    async with served_over_http(api) as served, httpx.AsyncClient(timeout=30) as client:
        env = bot_environment(api, served, scratch / "var", users, WAYFINDER_DATABASE_URL=url,
                              WAYFINDER_LOG_LEVEL="WARNING")
        args = ["run", "--webhook", hook, "--listen", f"127.0.0.1:{port}",
                "--workers", str(workers)]
        async with BotProcess(args, env, scratch / "bot.log") as bot:
            await wait_until_serving(client, base, within=180)
            if workers > 1:
                await wait_until(lambda: len(worker_pids(bot.pid)) == workers, 180, step=0.1)
            pids = worker_pids(bot.pid) if workers > 1 else [bot.pid]
            secret = (scratch / "var" / "webhook.secret").read_text().strip()
            # Telegram's 40 connections, over the cheaper client: the harness's CPU is the
            # workers' loss on this machine.
            posting = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=40),
                timeout=aiohttp.ClientTimeout(total=30),
            )
            people = [Clinician(api, posting, hook, secret, user) for user in users]
            await asyncio.gather(*(person.onboard() for person in people))
            latencies: list[tuple[float, float]] = []
            unanswered: list[str] = []
            posted_before = sum(person.posted for person in people)
            cpu_before = {pid: cpu_seconds(pid) for pid in pids}
            harness_before = cpu_seconds(os.getpid())
            sampler, sampling = ActivitySampler(url), asyncio.Event()
            backends_before = await sampler.backend_cpu()
            watching = asyncio.create_task(sampler.run(sampling))
            await spy.start(pids, seconds)
            started = time.perf_counter()
            until = started + seconds
            await asyncio.gather(
                *(person.write(until, think, latencies, unanswered) for person in people)
            )
            elapsed = time.perf_counter() - started
            backends = await sampler.backend_cpu()
            database_cpu = sum(cpu - backends_before.get(pid, 0.0) for pid, cpu in backends.items())
            sampling.set()
            await watching
            cpu = [round(cpu_seconds(pid) - cpu_before[pid], 1) for pid in pids]
            posted = sum(person.posted for person in people) - posted_before
            harness = round(cpu_seconds(os.getpid()) - harness_before, 1)
            await posting.close()
            await bot.stop()
    found = await sentences_in(url, scratch / "var" / "wayfinder.key")
    sent = [sentence for person in people for sentence in person.sentences]
    windows = _by_window(latencies, started)
    latencies = sorted(latency for _, latency in latencies)
    return {
        "workers": workers,
        "clinicians": clinicians,
        "think": list(think),
        "timed_turns": len(latencies),
        "turns_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p99_ms": _percentile_ms(latencies, 0.99),
        "windows": windows,
        "processed_twice": sum(1 for sentence in sent if found[sentence] > 1),
        "lost": len(unanswered) + sum(1 for sentence in sent if found[sentence] == 0),
        "worker_cpu_seconds": cpu,
        "updates": posted,  # timed turns, and the untimed /note and cancel between them
        "worker_cpu_ms_per_update": round(sum(cpu) * 1000 / max(posted, 1), 2),
        "harness_cpu_seconds": harness,  # this process: the clinicians and the fake Bot API
        # PostgreSQL's backends for this database that were still open at the end
        "database_cpu_seconds": round(database_cpu, 1),
        "seconds": round(elapsed, 1),
        "database_busiest": sampler.busiest(),
        "py_spy": await spy.report(),
    }


def _percentile_ms(ordered: list[float], fraction: float) -> float | None:
    return round(ordered[max(int(len(ordered) * fraction) - 1, 0)] * 1000, 1) if ordered else None


def _by_window(latencies: list[tuple[float, float]], started: float) -> list[dict]:
    """Turns, p50 and p99 of each WINDOW_SECONDS of the timed run, by when the reply came."""
    windows: dict[int, list[float]] = {}
    for at, latency in latencies:
        windows.setdefault(int((at - started) // WINDOW_SECONDS), []).append(latency)
    return [
        {
            "from_s": index * WINDOW_SECONDS,
            "turns": len(values),
            "p50_ms": _percentile_ms(sorted(values), 0.5),
            "p99_ms": _percentile_ms(sorted(values), 0.99),
        }
        for index, values in sorted(windows.items())
    ]


def _think(value: str) -> tuple[float, float]:
    low, _, high = value.partition("-")
    return float(low), float(high or low)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--clinicians", type=int, default=200)
    parser.add_argument("--think", default="1-3", help="seconds between messages: A-B")
    parser.add_argument("--saturation-clinicians", type=int, default=48,
                        help="clinicians without think time (0: no saturation run)")
    parser.add_argument("--seconds", type=float, default=30, help="timed seconds per run")
    parser.add_argument("--url", default=os.environ.get("WAYFINDER_TEST_POSTGRES_URL"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--py-spy", type=Path, metavar="DIR",
                        help="sample each worker with py-spy, raw stacks into DIR")
    parser.add_argument("--py-spy-gil", action="store_true",
                        help="with --py-spy: only samples holding the GIL")
    args = parser.parse_args()
    if not args.url:
        raise SystemExit("set WAYFINDER_TEST_POSTGRES_URL or pass --url (a PostgreSQL server)")
    runs = [(args.clinicians, _think(args.think))]
    if args.saturation_clinicians:
        runs.append((args.saturation_clinicians, (0.0, 0.0)))
    for clinicians, think in runs:
        for workers in args.workers:
            figures = asyncio.run(one_run(args.url, workers, clinicians, think, args.seconds,
                                          Spy(args.py_spy, args.py_spy_gil)))
            if args.json:
                print(json.dumps(figures), flush=True)
                continue
            pause = "no think time" if think == (0.0, 0.0) else f"{think[0]:g}-{think[1]:g} s"
            print(
                f"{workers} worker(s), {clinicians} clinicians, {pause}: "
                f"{figures['turns_per_second']} turns/s, p50 {figures['p50_ms']} ms, "
                f"p99 {figures['p99_ms']} ms ({figures['timed_turns']} turns); processed "
                f"twice {figures['processed_twice']}, lost {figures['lost']}; worker CPU "
                f"{figures['worker_cpu_seconds']} s ({figures['worker_cpu_ms_per_update']} ms per "
                f"update of {figures['updates']}), this harness "
                f"{figures['harness_cpu_seconds']} s, PostgreSQL "
                f"{figures['database_cpu_seconds']} s, in {figures['seconds']} s",
                flush=True,
            )
            windows = ", ".join(
                f"{w['from_s']}s {w['p50_ms']}/{w['p99_ms']}" for w in figures["windows"]
            )
            print(f"    p50/p99 ms per {WINDOW_SECONDS} s window: {windows}", flush=True)
            for line in figures["database_busiest"]:
                print(f"    database: {line}", flush=True)
            for line in figures["py_spy"]:
                print(f"    {line}", flush=True)


if __name__ == "__main__":
    main()

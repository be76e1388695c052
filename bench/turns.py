"""Text-turn latency: N clinicians write notes at once through the real PTB Application.

Each simulated clinician onboards and sends their client's treatment plan (a YAML file), all
before timing starts, then writes notes section by section, every sentence tagged to the plan's
objectives (`--no-plans`: a client without a plan, no tagging). A turn is one text message in
until the bot's reply is recorded by the fake Bot API, counted from when the message arrives:
waiting behind other clinicians' turns is part of it. Between turns a clinician
pauses for a random 1-3 s (`--think`; a fast typist on a phone takes longer), so N clinicians
are N people writing at once; `--think 0` sends back to back and measures saturation instead.
`--with-voice` keeps the speech model busy the whole time, transcribing the ~60 s test note
over and over, as when another clinician dictates. The bot warms up as a serving one does
(bot/telegram/warm_up.py) before the clinicians start. Prints turns/s, p50 and p99, the
resident memory of an idle bot in a fresh process, then the tail (p99.9, the slowest turn) and
the longest garbage-collector pause of the timed run. `--profile` runs the timed phase under
cProfile and prints, per package of the bot's side (sqlalchemy, telegram, nlp, storage, bot),
its own CPU and its entries with the most cumulative CPU (CPU of the event loop's thread, the
one every turn waits for: SQLite's own thread is not in it); the profiler slows every turn, so the
latencies printed with it are not figures.

    .venv/bin/python bench/turns.py [--clinicians 50] [--turns 40] [--think 1-3] [--with-voice]
                                    [--database URL] [--no-plans] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import cProfile
import gc
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import open_services  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.telegram.application import build_application  # noqa: E402
from bot.telegram.warm_up import warm_up  # noqa: E402
from tests.support.chat import Chat, running  # noqa: E402
from tests.support.fake_bot_api import FakeBotAPI  # noqa: E402

KEY = base64.urlsafe_b64encode(b"b" * 32).decode()
SENTENCES = [
    "Client reports two panic attacks this week, down from five.",
    "Practised diaphragmatic breathing on four days.",
    "Anxiety rated 6/10, previously 8/10.",
    "Avoided driving on the highway but drove to work twice.",
    "Discussed interoceptive exposure homework.",
]


PLAN = ROOT / "tests" / "e2e" / "panic_plan.yaml"


async def set_up(chat: Chat, with_plan: bool) -> None:
    await chat.say("/start")
    await chat.say("America/Chicago")
    if with_plan:
        await chat.send_document("plan.yaml", PLAN.read_bytes(), "application/x-yaml")
        chat.expect("Imported")


async def write_notes(
    chat: Chat, turns: int, think: tuple[float, float], latencies: list[float]
) -> None:
    pace = random.Random(chat.user_id)

    async def after_a_pause(text: str) -> float:
        # The message arrives when the pause ends, whether or not the bot is free then: time
        # spent waiting behind other clinicians' turns counts.
        arrives = time.perf_counter() + pace.uniform(*think)
        await asyncio.sleep(arrives - time.perf_counter())
        await chat.say(text)
        return time.perf_counter() - arrives

    done = 0
    while done < turns:
        await after_a_pause("/note A.B. soap")
        for step in range(TIMED_PER_NOTE):
            text = SENTENCES[step % len(SENTENCES)] if step % 2 == 0 else "next"
            latencies.append(await after_a_pause(text))
            done += 1
        await after_a_pause("cancel")


TIMED_PER_NOTE = 8  # text turns timed per note, between its untimed /note and cancel
MESSAGES_PER_NOTE = TIMED_PER_NOTE + 2

LONG_NOTE = ROOT / "tests" / "audio" / "long_note_festival.ogg"


async def keep_transcribing() -> int:
    from bot.voice import TranscriptionService

    service, audio, done = TranscriptionService(), LONG_NOTE.read_bytes(), 0
    await service.preload()
    try:
        while True:
            await service.transcribe(audio)
            done += 1
    except asyncio.CancelledError:
        return done
    finally:
        service.close()


class GcPauses:
    """How long each garbage collection held the process (gc.callbacks: start, then stop)."""

    def __init__(self) -> None:
        self.longest, self.longest_generation = 0.0, 0
        self.per_generation = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        pause = time.perf_counter() - self._started
        self.per_generation[info["generation"]] += 1
        if pause > self.longest:
            self.longest, self.longest_generation = pause, info["generation"]

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


PACKAGES = {
    "sqlalchemy": "/site-packages/sqlalchemy/",
    "telegram": "/site-packages/telegram/",
    "nlp": f"{ROOT}/nlp/",
    "storage": f"{ROOT}/storage/",
    "bot": f"{ROOT}/bot/",
}
TOP_PER_PACKAGE = 6


def print_profile(profiler: cProfile.Profile) -> None:
    """Per package: its own CPU (no call counted twice) and its entries by cumulative CPU."""
    entries = pstats.Stats(profiler).stats  # (file, line, function) -> (cc, calls, own, cum, _)
    total = sum(stat[2] for stat in entries.values())
    print(f"profile of the timed run: {total * 1000:.0f} ms of the event loop thread's CPU "
          "(cumulative includes what an entry calls; the rest is asyncio, spaCy, the fake Bot "
          "API and the like)")
    for package, marker in PACKAGES.items():
        ours = [(where, stat) for where, stat in entries.items() if marker in where[0]]
        own = sum(stat[2] for _, stat in ours)
        print(f"  {package}: {own * 1000:.0f} ms of its own CPU in {len(ours)} functions")
        for (file, line, function), (_, calls, _, cumulative, _) in sorted(
            ours, key=lambda entry: entry[1][3], reverse=True
        )[:TOP_PER_PACKAGE]:
            where = f"{file.split(marker, 1)[1]}:{line} {function}"
            print(f"    {cumulative * 1000:8.0f} ms cum {calls:8d} calls  {where}")


async def stop(task: asyncio.Task | None) -> int:
    if task is None:
        return 0
    task.cancel()
    return await task


IDLE_PROBE = """
import asyncio, base64, sys
sys.path.insert(0, {root!r})
from bot.app import open_services
from bot.config import Settings
from bot.telegram.application import build_application
from tests.support.chat import running
from tests.support.fake_bot_api import FakeBotAPI
from nlp import build_tagger
from nlp.planfile import parse_plan
PLAN = open({plan!r}).read()
def rss():
    line = [l for l in open("/proc/self/status") if l.startswith("VmRSS")][0]
    return int(line.split()[1]) // 1024
async def main():
    settings = Settings(data_dir=__import__("pathlib").Path({data!r}), key={key!r})
    services = await open_services(settings)
    api = FakeBotAPI()
    async with running(build_application(services, builder=api.application_builder())):
        await asyncio.sleep(1)
        idle = rss()
        build_tagger(parse_plan(PLAN)).tag("Practised breathing on four days.")
        print(idle, rss())
asyncio.run(main())
"""


def idle_rss_mb(data_dir: str) -> tuple[int, int]:
    """RSS of a fresh bot process: idle after start, then with the NLP pipeline loaded."""
    probe = IDLE_PROBE.format(root=str(ROOT), data=data_dir, key=KEY, plan=str(PLAN))
    output = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.split()
    return int(output[0]), int(output[1])


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clinicians", type=int, default=50)
    parser.add_argument("--turns", type=int, default=40, help="text turns per clinician")
    parser.add_argument("--think", default="1-3", help="pause between turns, seconds: A-B or 0")
    parser.add_argument("--with-voice", action="store_true", help="transcribe meanwhile")
    parser.add_argument("--database", help="URL of an empty database (default: SQLite, temp dir)")
    parser.add_argument("--no-plans", action="store_true", help="clients without a plan")
    parser.add_argument("--profile", action="store_true", help="cProfile the timed run")
    args = parser.parse_args()
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))
    with tempfile.TemporaryDirectory() as tmp:
        users = frozenset(range(5000, 5000 + args.clinicians))
        settings = Settings(data_dir=Path(tmp), key=KEY, allowed_users=users,
                            database_url=args.database)
        services = await open_services(settings)
        api = FakeBotAPI()
        app = build_application(services, builder=api.application_builder())
        latencies: list[float] = []
        profiler = cProfile.Profile(time.thread_time) if args.profile else None
        async with running(app):
            warm_up()
            chats = [Chat(app, api, user) for user in sorted(users)]
            dictating = asyncio.create_task(keep_transcribing()) if args.with_voice else None
            await asyncio.gather(*(set_up(chat, not args.no_plans) for chat in chats))
            with GcPauses() as pauses:
                if profiler:
                    profiler.enable()
                started, cpu = time.perf_counter(), time.process_time()
                await asyncio.gather(*(write_notes(c, args.turns, think, latencies) for c in chats))
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
                if profiler:
                    profiler.disable()
            transcribed = await stop(dictating)
        await services.database.close()
        rss = idle_rss_mb(str(Path(tmp) / "idle"))
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    p999 = latencies[int(len(latencies) * 0.999) - 1] * 1000
    backend = "PostgreSQL" if args.database else "SQLite"
    plans = "clients without plans" if args.no_plans else "sentences tagged to each client's plan"
    print(f"{backend}, {args.clinicians} concurrent clinicians, {len(latencies)} text turns, "
          f"{args.think} s between turns, {plans}")
    print(f"throughput: {len(latencies) / elapsed:.0f} turns/s (timed turns only)")
    print(f"text turn latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    # Process CPU, not wall time: other load on the machine does not count. Every message of
    # the timed phase, the untimed /note and cancel of each note (2 in 10) included.
    messages = len(latencies) * MESSAGES_PER_NOTE // TIMED_PER_NOTE
    print(f"process CPU: {cpu * 1000 / messages:.2f} ms per message ({messages} messages)")
    if args.with_voice:
        print(f"meanwhile: {transcribed} transcriptions of the {LONG_NOTE.name} voice note")
    print(f"idle bot memory: {rss[0]} MB RSS; {rss[1]} MB once the NLP pipeline is loaded")
    print(f"tail: p99.9 {p999:.1f} ms, slowest turn {latencies[-1] * 1000:.1f} ms")
    print(f"longest GC pause: {pauses.longest * 1000:.1f} ms (generation "
          f"{pauses.longest_generation}); collections of generation 0/1/2: "
          + "/".join(str(count) for count in pauses.per_generation))
    if profiler:
        print_profile(profiler)


if __name__ == "__main__":
    asyncio.run(main())

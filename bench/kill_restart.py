"""Kill and restart: SIGKILL `wayfinder run` at random moments while clinicians press Sign,
dictate and type, then count what became of every update.

Three clinicians work through the real process over HTTP (the fake Bot API, long polling):
one writes short DAP notes and presses Sign on each; one types numbered lines into a note;
one dictates (a real OGG clip through the real speech model) when a cycle asks for it. Each
cycle picks a moment to SIGKILL the process at random, aimed where updates are in flight:

  press   0-80 ms after a Sign press reaches Telegram (the bot fetches, records, signs, answers
          within that window, so the kill lands before, inside or after any of those)
  text    0-30 ms after a typed line reaches Telegram
  voice   0-1.5 s after the bot downloads a voice message (it is being transcribed)
  any     0.1-1.5 s after the process starts polling

then starts it again. Each update is sent once, as Telegram would hold it, and waited for
across restarts. Printed, per kind of update and in all:

  sent              updates the clinicians sent
  processed once    their effect is in the database exactly once (read after the last stop)
  answered          the reply expected for it reached Telegram (or the "went wrong" answer)
  duplicate replies the same reply more than once (a kill between sending it and marking the
                    update done); at most one per kill is the design
  lost              neither processed nor answered: must be 0

    .venv/bin/python -m bench.kill_restart [--cycles 50] [--seed 1] [--json]

tests/e2e/test_kill_restart.py runs 50 cycles and checks the figures; README quotes them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from storage.db import open_database  # noqa: E402
from storage.models import Client, Note  # noqa: E402
from tests.support.fake_bot_api import DOWNLOAD, FakeBotAPI  # noqa: E402
from tests.support.http_bot_api import served_over_http  # noqa: E402
from tests.support.remote import (  # noqa: E402
    BotProcess,
    RemoteChat,
    bot_environment,
    queue_for_polling,
    wait_until,
)

SIGNER, DICTATOR, TYPIST = 2001, 2002, 2003
CLIP = Path(__file__).resolve().parents[1] / "tests" / "audio" / "anxiety_rating_festival.ogg"
CLIP_SAYS = "6/10"  # the clip's transcript holds this once
WENT_WRONG = "Something went wrong on my side"
WAIT_FOR_A_REPLY = 90.0  # seconds, across however many restarts


@dataclass
class Tally:
    sent: Counter = field(default_factory=Counter)
    answered: Counter = field(default_factory=Counter)
    answered_with_error: int = 0
    unanswered: Counter = field(default_factory=Counter)
    kills: int = 0

    def step(self, kind: str, reply_text: str | None) -> None:
        self.sent[kind] += 1
        if reply_text is None:
            self.unanswered[kind] += 1
            return
        self.answered[kind] += 1
        if WENT_WRONG in reply_text:
            self.answered_with_error += 1


class Moments:
    """When updates of each kind reached Telegram, for the killer to aim at."""

    def __init__(self) -> None:
        self._changed = asyncio.Condition()
        self.count: Counter = Counter()

    async def mark(self, kind: str) -> None:
        async with self._changed:
            self.count[kind] += 1
            self._changed.notify_all()

    async def next(self, kind: str) -> None:
        async with self._changed:
            seen = self.count[kind]
            await self._changed.wait_for(lambda: self.count[kind] > seen)


class Clinician:
    """One clinician's steps: each update sent once and its reply awaited across restarts."""

    def __init__(self, chat: RemoteChat, tally: Tally, moments: Moments) -> None:
        self.chat = chat
        self.tally = tally
        self.moments = moments

    async def step(self, kind: str, text: str, expect: str) -> bool:
        return await self._answered(kind, self.chat.api.updates.message(self.chat.user_id, text),
                                    expect)

    async def press(self, label: str, expect: str) -> bool:
        message = self.chat.latest_keyboard()
        [button] = [b for b in message.inline_buttons if label in b["text"]]
        update = self.chat.api.updates.callback_query(
            self.chat.user_id, message, button["callback_data"]
        )
        return await self._answered("press", update, expect)

    async def voice(self, expect: str) -> bool:
        data = CLIP.read_bytes()
        self.chat._files += 1
        file_id = f"voice-{self.chat.user_id}-{self.chat._files}"
        self.chat.api.add_file(file_id, data)
        update = self.chat.api.updates.voice(self.chat.user_id, file_id, 8, file_size=len(data))
        return await self._answered("voice", update, expect)

    async def _answered(self, kind: str, update: dict, expect: str) -> bool:
        mark = len(self.chat.api.calls)
        await self.chat.deliver(update)
        await self.moments.mark(kind)

        def reply() -> str | None:
            for message in self.chat.sent_since(mark):
                if expect in message.visible_text or WENT_WRONG in message.visible_text:
                    return message.visible_text
            return None

        try:
            await wait_until(lambda: reply() is not None, WAIT_FOR_A_REPLY, step=0.01)
        except TimeoutError:
            self.tally.step(kind, None)
            return False
        self.tally.step(kind, reply())
        return WENT_WRONG not in reply()


async def signer(person: Clinician, stop: asyncio.Event, signed: list[str]) -> None:
    number = 0
    while not stop.is_set():
        number += 1
        code = f"S{number}."
        steps = [
            ("command", f"/note {code} dap", f"New DAP note · {code}"),
            ("text", f"Data {number}.", "Added to Data (1 so far)"),
            ("navigation", "next", "Assessment (2/3)"),
            ("text", f"Assessment {number}.", "Added to Assessment (1 so far)"),
            ("navigation", "next", "Plan (3/3)"),
            ("text", f"Plan {number}.", "Added to Plan (1 so far)"),
            ("navigation", "done", f"DAP note · {code}"),
        ]
        for kind, text, expect in steps:
            if not await person.step(kind, text, expect):
                return
        if not await person.press("Sign", f"Signed: DAP · {code}"):
            return
        signed.append(code)


async def dictator(person: Clinician, asked: asyncio.Queue, heard: list[int]) -> None:
    """Dictates one voice message each time a cycle asks (None: stop)."""
    while await asked.get() is not None:
        if not await person.voice("I heard"):
            return
        heard.append(1)
        asked.task_done()


async def typist(person: Clinician, stop: asyncio.Event, lines: list[str]) -> None:
    while not stop.is_set():
        line = f"Line {len(lines) + 1}."
        if not await person.step("text", line, f"Added to Data ({len(lines) + 1} so far)"):
            return
        lines.append(line)
        await asyncio.sleep(0.05)  # a person typing, not a flood


async def polled_again(api: FakeBotAPI, within: float = 120) -> None:
    """Until a (restarted) process asks for updates: it serves from then on."""
    polls = len(api.calls_of("getUpdates"))
    await wait_until(lambda: len(api.calls_of("getUpdates")) > polls, within, step=0.01)


async def kill_at_a_random_moment(
    bot: BotProcess, api: FakeBotAPI, moments: Moments, dictation: asyncio.Queue,
    rng: random.Random, tally: Tally,
) -> str:
    aim = rng.choices(["press", "text", "voice", "any"], weights=[35, 25, 20, 20])[0]
    if aim == "press":
        await moments.next("press")
        await asyncio.sleep(rng.uniform(0, 0.08))
    elif aim == "text":
        await moments.next("text")
        await asyncio.sleep(rng.uniform(0, 0.03))
    elif aim == "voice":
        downloads = len(api.calls_of(DOWNLOAD))
        await dictation.put("dictate")
        await wait_until(lambda: len(api.calls_of(DOWNLOAD)) > downloads, 120, step=0.01)
        await asyncio.sleep(rng.uniform(0, 1.5))
    else:
        await asyncio.sleep(rng.uniform(0.1, 1.5))
    await bot.kill()
    tally.kills += 1
    await bot.start()
    if aim == "voice":
        await dictation.join()  # transcribed again after the restart, before the next kill
    return aim


async def killer(bot: BotProcess, api: FakeBotAPI, moments: Moments, dictation: asyncio.Queue,
                 cycles: int, rng: random.Random, tally: Tally) -> Counter:
    aims: Counter = Counter()
    for _ in range(cycles):
        await polled_again(api)
        aims[await kill_at_a_random_moment(bot, api, moments, dictation, rng, tally)] += 1
    await polled_again(api)
    return aims


async def notes_by_client(data_dir: Path, clinician: int) -> dict[str, list[Note]]:
    database = await open_database(
        f"sqlite+aiosqlite:///{data_dir / 'wayfinder.db'}", env_key=None,
        key_file=data_dir / "wayfinder.key",
    )
    try:
        async with database.transaction() as session:
            rows = await session.execute(
                select(Note, Client).join(Client, Client.id == Note.client_id)
                .where(Note.clinician_id == clinician)
            )
            found: dict[str, list[Note]] = {}
            for note, client in rows:
                found.setdefault(client.code, []).append(note)
            return found
    finally:
        await database.close()


def entries(note: Note, section: str) -> list[str]:
    return [entry["text"] for entry in (note.content or {}).get(section, [])]


async def run(cycles: int, seed: int, workdir: Path) -> dict:
    rng = random.Random(seed)
    tally = Tally()
    api = FakeBotAPI()
    data_dir = workdir / "var"
    started = time.monotonic()
    async with served_over_http(api) as served:
        env = bot_environment(api, served, data_dir, [SIGNER, DICTATOR, TYPIST])
        async with BotProcess(["run"], env, workdir / "bot.log") as bot:
            figures = await with_the_bot_running(api, bot, rng, tally, cycles)
    problems = await check_records(data_dir, *figures["made"])
    logged = (workdir / "bot.log").read_text()
    return summary(tally, figures, problems, logged, started)


async def with_the_bot_running(api: FakeBotAPI, bot: BotProcess, rng: random.Random,
                               tally: Tally, cycles: int) -> dict:
    """Onboards the three clinicians, sets them working, kills `cycles` times, stops."""
    moments = Moments()
    people = {
        user: Clinician(RemoteChat(api, user, queue_for_polling(api)), tally, moments)
        for user in (SIGNER, DICTATOR, TYPIST)
    }
    for person in people.values():
        await person.step("command", "/start", "time zone")
        await person.step("text", "Europe/London", "Time zone set")
    await people[DICTATOR].step("command", "/note V.V. soap", "Subjective (1/4)")
    await people[TYPIST].step("command", "/note T.T. dap", "Data (1/3)")
    stop = asyncio.Event()
    dictation: asyncio.Queue = asyncio.Queue()
    signed: list[str] = []
    heard: list[int] = []
    lines: list[str] = []
    drivers = [
        asyncio.create_task(signer(people[SIGNER], stop, signed)),
        asyncio.create_task(dictator(people[DICTATOR], dictation, heard)),
        asyncio.create_task(typist(people[TYPIST], stop, lines)),
    ]
    aims = await killer(bot, api, moments, dictation, cycles, rng, tally)
    stop.set()
    await dictation.put(None)
    await asyncio.gather(*drivers)
    if heard:
        await people[DICTATOR].press("Keep", "Added to Subjective (1 so far)")
    exit_code = await bot.stop()
    return {"made": (signed, len(heard), lines), "aims": aims, "people": people,
            "exit_code": exit_code}


def summary(tally: Tally, figures: dict, problems: dict, logged: str, started: float) -> dict:
    signed, voices, lines = figures["made"]
    sent = sum(tally.sent.values())
    return {
        "cycles": sum(figures["aims"].values()),
        "kills": tally.kills,
        "kills_aimed_at": dict(figures["aims"]),
        "seconds": round(time.monotonic() - started, 1),
        "sent": sent,
        "sent_by_kind": dict(tally.sent),
        "processed_once": sent - len(problems["duplicated"]) - len(problems["missing"]),
        "answered": sum(tally.answered.values()),
        "answered_with_error": tally.answered_with_error,
        "duplicate_replies": duplicate_replies(figures["people"], signed, lines, voices),
        "duplicated_effects": problems["duplicated"],
        "missing_effects": problems["missing"],
        "lost": sum(tally.unanswered.values()) + len(problems["missing"]),
        "notes_signed": len(signed),
        "voice_messages": voices,
        "typed_lines": len(lines),
        "clean_stop": figures["exit_code"] == 0,
        "phi_in_log": any(text in logged for text in ("Data 1.", "Line 1.", "S1.", "T.T.")),
    }


async def check_records(data_dir: Path, signed: list[str], voices: int, lines: list[str]):
    """Every update's effect in the database exactly once: returns what is missing or doubled."""
    duplicated: list[str] = []
    missing: list[str] = []
    signer_notes = await notes_by_client(data_dir, SIGNER)
    for number, code in enumerate(signed, start=1):
        notes = signer_notes.get(code, [])
        if len(notes) != 1:
            (duplicated if len(notes) > 1 else missing).append(f"note {code}")
            continue
        note = notes[0]
        expected = {"data": [f"Data {number}."], "assessment": [f"Assessment {number}."],
                    "plan": [f"Plan {number}."]}
        for section, wanted in expected.items():
            found = entries(note, section)
            if found != wanted:
                (duplicated if len(found) > len(wanted) else missing).append(
                    f"{code} {section}"
                )
        if note.status != "signed":
            missing.append(f"{code} signature")
    [typed] = (await notes_by_client(data_dir, TYPIST))["T.T."]
    found_lines = entries(typed, "data")
    for line in lines:
        count = found_lines.count(line)
        if count != 1:
            (duplicated if count > 1 else missing).append(line)
    [dictated] = (await notes_by_client(data_dir, DICTATOR))["V.V."]
    kept = " ".join(entries(dictated, "subjective"))
    if kept.count(CLIP_SAYS) != voices:
        (duplicated if kept.count(CLIP_SAYS) > voices else missing).append(
            f"voice: {kept.count(CLIP_SAYS)} transcripts kept for {voices} voice messages"
        )
    return {"duplicated": duplicated, "missing": missing}


def duplicate_replies(people: dict[int, Clinician], signed: list[str], lines: list[str],
                      voices: int) -> int:
    """Replies Telegram got more than once, where each reply is recognisable."""
    extra = 0
    signer, dictator_chat = people[SIGNER].chat, people[DICTATOR].chat
    for code in signed:
        extra += max(signer.count(f"Signed: DAP · {code}") - 1, 0)
        extra += max(signer.count(f"New DAP note · {code}") - 1, 0)
    typist_chat = people[TYPIST].chat
    for number in range(1, len(lines) + 1):
        extra += max(typist_chat.count(f"Added to Data ({number} so far)") - 1, 0)
    heard = len([
        call for call in dictator_chat.api.calls
        if call.method == "sendMessage" and call.message is not None
        and call.message.chat_id == DICTATOR and re.search("I heard", call.message.visible_text)
    ])
    extra += max(heard - voices, 0)
    return extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        figures = asyncio.run(run(args.cycles, args.seed, Path(scratch)))
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{figures['kills']} SIGKILLs {figures['kills_aimed_at']} in {figures['seconds']} s; "
          f"updates sent {figures['sent']} {figures['sent_by_kind']}")
    print(f"processed once {figures['processed_once']}, answered {figures['answered']} "
          f"(with an error: {figures['answered_with_error']}), duplicate replies "
          f"{figures['duplicate_replies']}, lost {figures['lost']}")
    print(f"notes signed {figures['notes_signed']}, voice messages {figures['voice_messages']}, "
          f"typed lines {figures['typed_lines']}")
    if figures["duplicated_effects"] or figures["missing_effects"]:
        print(f"doubled: {figures['duplicated_effects']}; missing: {figures['missing_effects']}")


if __name__ == "__main__":
    main()

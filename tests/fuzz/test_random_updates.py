"""Fuzz (issue #12): 2,000 random updates through the real PTB Application and the fake Bot
API: typed text (commands, navigation, questions, clinical sentences, hostile strings), presses
of real buttons and of forged callback data, stickers, photos, voice messages and edits of
earlier messages. No update may log an error or a traceback, none may get the "went wrong"
answer, and every one must be answered in the chat. Seeded, so a failure repeats exactly.
"""

from __future__ import annotations

import logging
import os
import random
import time

from tests.support.chat import Chat

UPDATES = int(os.environ.get("FUZZ_UPDATES", "2000"))
SEED = 12
WENT_WRONG = "Something went wrong on my side"

COMMANDS = [
    "/start", "/help", "/note", "/note A.B. soap", "/note C.D. dap", "/note A.B", "/note ab birp",
    "/note John Smith soap", "/note \ud800 soap", "/note A.B. nosuch", "/drafts", "/sign",
    "/cancel", "/status", "/clients", "/addendum", "/addendum A.B.", "/export", "/export Z.Z.",
    "/settings", "/settings nudge ²", "/settings nudge 48", "/settings timezone PST",
    "/settings quiet 22:00-07:00", "/settings digest 99:99", "/remind", "/progress A.B.",
    "/plan", "/private", "/group A.B. C.D.", "/nosuchcommand", "/note@wayfinder_bot A.B. soap",
]
WORDS = [
    "next", "back", "skip", "done", "cancel", "Next.", "DONE", "Continue.", "stop", "n", "b",
    "yes", "no", "Eastern", "London", "Asia/Kolkata", "Narnia", "A.B.", "ab", "C.D", "Z.Z.",
    "soap", "dap", "what's left today?", "any plan reviews due?", "how is A.B. doing on sleep?",
    "remind me in 1 minute to finish A.B.'s note", "remind me tomorrow at 9 to call",
    "new soap note for C.D.", "Reports panic attacks twice this week.",
    "Practised diaphragmatic breathing on 5 days.", "GAD-7 = 12, PHQ-9 of 9.",
    "Slept six hours; fewer nightmares.", "Continue interoceptive exposure weekly.",
]
HOSTILE = [
    "", " ", "#²", "²", "\ud800", "a\udfffb", "\u200b", "\u202eevil", "🙂" * 50, "[" * 500,
    "{" * 300, "\x00", "null", "%s%s%n", "'; DROP TABLE notes; --", "../../etc/passwd",
    "x" * 9_000, "\n\n\n", "/", "//", "/ note", "#0", "#999999999999",
]
FORGED = [
    "note:goto:²", "note:goto:99", "note:goto:-1", "note:nav:sideways", "note:tpl:zzz",
    "note:client:nope", "note:keep:subjective:²", "note:answer:x:1", "note:remove:plan:1",
    "note:fresh:soap", "link:drop:subjective:²:O1", "link:add::", "link:pick:a:b:c",
    "drafts:resume:nope", "drafts:delete:", "drafts:really:x", "onboard:tz:Not/AZone",
    "onboard:tz:../../etc", "client:same:nope", "client:new:", "voice:keep", "voice:edit",
    "export:pdf:nope", "export:client:", "addendum:pick:nope", "settings:toggle:nope",
    "remind:confirm:", "remind:stop:nope", "status:drafts:", "plan:client:x", "lock:nope",
    "", ":", "::::", "x" * 64, "\udfff", "²:²:²",
]


def random_text(rng: random.Random) -> str:
    pool = rng.choices([COMMANDS, WORDS, HOSTILE], weights=[3, 6, 2])[0]
    text = rng.choice(pool)
    if rng.random() < 0.1:
        text += " " + "".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(1, 20)))
    return text


async def test_two_thousand_random_updates_are_each_answered_without_an_error(
    dictating, caplog
):
    chat, speech = dictating
    api, rng = chat.api, random.Random(SEED)
    caplog.set_level(logging.WARNING)
    unanswered: list[str] = []
    said: list[int] = []
    started = time.monotonic()
    for number in range(UPDATES):
        kind = rng.choices(
            ["text", "press", "forged", "sticker", "photo", "voice", "edit"],
            weights=[50, 20, 12, 3, 3, 6, 6],
        )[0]
        first = len(api.calls)
        if kind == "text":
            said.append(await chat.say(random_text(rng)))
        elif kind == "press" and _has_keyboard(chat):
            await chat.press_forged(rng.choice(_latest_buttons(chat))["callback_data"])
        elif kind in ("press", "forged") and _has_keyboard(chat):
            await chat.press_forged(rng.choice(FORGED))
        elif kind == "sticker":
            await chat.send_sticker()
        elif kind == "photo":
            await chat.send_photo(caption=rng.choice([None, random_text(rng)]))
        elif kind == "voice":
            speech.lines.append(rng.choice(WORDS + ["Next section.", "That's all."]))
            await chat.send_voice(b"OggS" * 64, duration=rng.randrange(1, 30))
        elif kind == "edit" and said:
            await chat.edit(rng.choice(said), random_text(rng) or "edited")
        else:
            said.append(await chat.say(random_text(rng)))
        shown = [call for call in api.calls[first:] if call.message is not None]
        if not shown:
            unanswered.append(f"#{number} {kind}: {api.calls[first:]}")
        elif any(WENT_WRONG in call.message.visible_text for call in shown):
            unanswered.append(f"#{number} {kind}: went wrong")
    elapsed = time.monotonic() - started
    problems = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not problems, [f"{r.name}: {r.getMessage()}" for r in problems[:5]]
    assert not unanswered, unanswered[:10]
    print(f"{UPDATES} updates in {elapsed:.1f} s")


def _latest_buttons(chat: Chat) -> list[dict]:
    keyboards = [m for m in chat.api.messages_in(chat.user_id) if m.inline_buttons]
    return keyboards[-1].inline_buttons


def _has_keyboard(chat: Chat) -> bool:
    return any(message.inline_buttons for message in chat.api.messages_in(chat.user_id))

"""Clinicians writing notes through a webhook, delivered as Telegram delivers them: each chat's
next update is posted once the previous one got its 200 (Telegram sends a chat's updates one
at a time), without waiting for the bot's replies, and every chat at once.

Used by the multi-worker tests (tests/e2e/test_webhook_workers.py) and bench/webhook.py.
"""

from __future__ import annotations

import asyncio
import random

import httpx

from tests.support.fake_bot_api import FakeBotAPI
from tests.support.http_bot_api import post_update

SENTENCES = [
    "Client reports two panic attacks this week, down from five.",
    "Practised diaphragmatic breathing on four days.",
    "Anxiety rated 6/10, previously 8/10.",
    "Avoided driving on the highway but drove to work twice.",
]


def note_script(number: int, sentences: int = 8) -> list[str]:
    """Onboarding, then a SOAP note whose sentences fill its four sections in turn."""
    lines = ["/start", "Europe/London", f"/note C{number}. soap"]
    per_section = max(sentences // 4, 1)
    for index in range(sentences):
        lines.append(f"{SENTENCES[index % len(SENTENCES)]} ({number}.{index})")
        if (index + 1) % per_section == 0 and (index + 1) // per_section < 4:
            lines.append("next")
    return [*lines, "done"]


def last_reply_of(number: int) -> str:
    """What the bot says to the script's last line: the review of the note ("New SOAP note ·
    C1." began it)."""
    return f"SOAP note · C{number}. · draft"


async def post_chat_in_order(
    client: httpx.AsyncClient,
    api: FakeBotAPI,
    hook: str,
    secret: str,
    user_id: int,
    lines: list[str],
    think: tuple[float, float] | None = None,
) -> None:
    pace = random.Random(user_id)
    for line in lines:
        await post_update(client, hook, secret, api.updates.message(user_id, line))
        if think:
            await asyncio.sleep(pace.uniform(*think))


async def post_interleaved(
    client: httpx.AsyncClient, api: FakeBotAPI, hook: str, secret: str,
    scripts: dict[int, list[str]], think: tuple[float, float] | None = None,
) -> None:
    """Every chat at once, each in order; `think` pauses between one chat's messages."""
    for user_id in scripts:
        api.add_user(user_id)
    await asyncio.gather(
        *(post_chat_in_order(client, api, hook, secret, user, lines, think)
          for user, lines in scripts.items())
    )


def counted_replies(api: FakeBotAPI, user_id: int) -> list[str]:
    """The bot's "Added to <section> (n so far)" replies in a chat, in the order sent."""
    return [m.visible_text for m in api.messages_in(user_id) if "so far" in m.visible_text]


def reviewed(api: FakeBotAPI, user_id: int, number: int) -> bool:
    return any(last_reply_of(number) in m.visible_text for m in api.messages_in(user_id))

"""Acceptance: the real `wayfinder run` process, talking HTTP to the fake Bot API, by long polling
and as a webhook that updates are posted to."""

from __future__ import annotations

import asyncio
import signal
import stat
import subprocess

import httpx

from tests.support.fake_bot_api import FakeBotAPI
from tests.support.http_bot_api import SECRET_HEADER, free_port, served_over_http
from tests.support.remote import (
    WAYFINDER,
    BotProcess,
    RemoteChat,
    bot_environment,
    post_to_webhook,
    queue_for_polling,
    wait_until_serving,
)

CLINICIAN = 1001
NOTE_TEXT = "Reported sleeping better, fewer panic attacks."


async def write_and_sign_a_note(chat: RemoteChat) -> None:
    await chat.say("/start", expect="time zone")
    await chat.say("Europe/London", expect="Time zone set")
    await chat.say("/note A.B. dap", expect="Data (1/3)")
    await chat.say(NOTE_TEXT, expect="Added to Data (1 so far)")
    await chat.say("next", expect="Assessment (2/3)")
    await chat.say("Anxiety lower than at intake.", expect="Added to Assessment")
    await chat.say("next", expect="Plan (3/3)")
    await chat.say("Continue weekly sessions.", expect="Added to Plan")
    await chat.say("done", expect="DAP note · A.B.")
    await chat.press("Sign", expect="Signed: DAP · A.B.")


async def test_long_polling_serves_a_whole_note_and_stops_cleanly(tmp_path):
    api = FakeBotAPI()
    log = tmp_path / "bot.log"
    async with served_over_http(api) as served:
        env = bot_environment(api, served, tmp_path / "var", [CLINICIAN])
        async with BotProcess(["run"], env, log) as bot:
            chat = RemoteChat(api, CLINICIAN, queue_for_polling(api))
            await write_and_sign_a_note(chat)
            assert await bot.stop() == 0
    assert api.calls_of("deleteWebhook"), "polling removes a webhook first"
    polls = api.calls_of("getUpdates")
    assert polls[-1].params["allowed_updates"] == ["message", "edited_message", "callback_query"]
    assert api.pending_updates == [], "every update was confirmed, after it was recorded"
    logged = log.read_text()
    assert "serving on Telegram (long polling)" in logged
    assert NOTE_TEXT not in logged and "A.B." not in logged


async def test_webhook_checks_the_secret_records_then_answers_and_reports_health(tmp_path):
    api = FakeBotAPI()
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram-hook"
    data_dir = tmp_path / "var"
    async with served_over_http(api) as served, httpx.AsyncClient(timeout=10) as client:
        env = bot_environment(api, served, data_dir, [CLINICIAN])
        bot = BotProcess(["run", "--webhook", hook, "--listen", f"127.0.0.1:{port}"], env,
                         tmp_path / "bot.log")
        async with bot:
            await talk_to_the_webhook(api, client, bot, data_dir, hook, port)
    logged = (tmp_path / "bot.log").read_text()
    assert "webhook worker stopped" in logged
    assert NOTE_TEXT not in logged and "A.B." not in logged


async def talk_to_the_webhook(api, client, bot, data_dir, hook, port) -> None:
    """Secret, setWebhook, refusals, a whole note, a redelivery, health and metrics."""
    base = f"http://127.0.0.1:{port}"
    await wait_until_serving(client, base)

    [set_webhook] = api.calls_of("setWebhook")
    secret_file = data_dir / "webhook.secret"
    secret = secret_file.read_text().strip()
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert set_webhook.params["url"] == hook
    assert set_webhook.params["secret_token"] == secret
    assert set_webhook.params["max_connections"] == 40
    assert set_webhook.params["allowed_updates"] == [
        "message", "edited_message", "callback_query"
    ]

    update = api.updates.message(CLINICIAN, "/start")
    assert (await client.post(hook, json=update)).status_code == 403
    wrong = {SECRET_HEADER: "not-the-secret"}
    assert (await client.post(hook, json=update, headers=wrong)).status_code == 403
    right = {SECRET_HEADER: secret}
    assert (await client.post(hook, content=b"{", headers=right)).status_code == 400
    assert not api.messages_in(CLINICIAN), "nothing refused was processed"

    chat = RemoteChat(api, CLINICIAN, post_to_webhook(client, hook, secret))
    await write_and_sign_a_note(chat)

    # Telegram sending the same update again (its 200 got lost): recorded once, answered
    # once. The chat's next update is answered after anything before it, so once it is,
    # a second answer would be there too.
    again = api.updates.message(CLINICIAN, "/note C.D. soap")
    for _ in range(2):
        assert (await client.post(hook, json=again, headers=right)).status_code == 200
    await chat.say("cancel", expect="draft")
    assert chat.count("New SOAP note · C.D.") == 1

    assert (await client.get(f"{base}/readyz")).text == "ready"
    metrics = await metrics_once_answered(client, base)
    assert 'wayfinder_turns_total{kind="message",outcome="answered"}' in metrics
    assert 'wayfinder_turns_total{kind="callback_query",outcome="answered"}' in metrics
    assert "wayfinder_turn_seconds_bucket" in metrics
    assert NOTE_TEXT not in metrics and "A.B." not in metrics
    # Uvicorn shuts down gracefully, then ends by the signal it got, as it was sent.
    assert await bot.stop() in (0, -signal.SIGTERM)


async def metrics_once_answered(client: httpx.AsyncClient, base: str) -> str:
    """/metrics once the inbox is empty (the last reply is out just before its row is done)."""
    async with asyncio.timeout(10):
        while True:
            metrics = (await client.get(f"{base}/metrics")).text
            if "wayfinder_inbox_depth 0.0" in metrics:
                return metrics
            await asyncio.sleep(0.05)


def test_several_workers_on_sqlite_are_refused_with_the_reason(tmp_path):
    env = {"WAYFINDER_TELEGRAM_TOKEN": "1:T", "WAYFINDER_DATA_DIR": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    finished = subprocess.run(
        [str(WAYFINDER), "run", "--webhook", "https://bot.example.org/hook", "--workers", "3"],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert finished.returncode == 2
    assert "several workers need PostgreSQL" in finished.stderr
    assert not (tmp_path / "wayfinder.db").exists(), "refused before touching anything"

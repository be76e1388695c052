"""Starting webhook mode: `wayfinder run --webhook URL [--listen HOST:PORT] [--workers N]`.

Done once, before any worker starts: the settings are checked (several workers need
PostgreSQL), the database is migrated and its key checked, the secret token is read or made,
and Telegram is told the webhook (setWebhook with secret_token, max_connections and
allowed_updates). Then uvicorn serves `bot.telegram.webhook:worker_app`: in this process for
one worker, or in N worker processes that share the listening socket. Uvicorn's supervisor
replaces a worker that dies, replaces them one at a time on SIGHUP (a rolling restart: each new
worker is ready before the old one stops), and adds or removes one on SIGTTIN / SIGTTOU.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import tempfile

import uvicorn
from telegram import Bot

from bot.config import ConfigError, Settings
from bot.metrics import MULTIPROCESS_DIR
from bot.telegram.intake import ALLOWED_UPDATES
from bot.telegram.webhook_secret import webhook_secret
from storage.db import open_database
from storage.private_files import private_directory

log = logging.getLogger(__name__)

GRACE_SECONDS = 10  # a stopping worker finishes the updates in hand, up to this long
READY_SECONDS = 60  # a new worker imports the bot and opens the database before it is ready


def check_webhook_settings(settings: Settings) -> None:
    if not settings.telegram_token:
        raise ConfigError("webhook mode needs WAYFINDER_TELEGRAM_TOKEN")
    if settings.workers < 1:
        raise ConfigError("--workers must be at least 1")
    if settings.workers > 1 and settings.resolved_database_url.startswith("sqlite"):
        raise ConfigError(
            "several workers need PostgreSQL (WAYFINDER_DATABASE_URL=postgresql+asyncpg://...): "
            "SQLite takes one writer at a time, so one process serves it. Use --workers 1."
        )
    settings.listen_address  # noqa: B018 (raises ConfigError when malformed)


async def _prepare(settings: Settings, secret: str) -> None:
    from bot.telegram.application import bot_api_urls  # the whole bot: only once it is needed

    database = await open_database(
        settings.resolved_database_url, env_key=settings.key, key_file=settings.resolved_key_file
    )
    await database.close()
    async with Bot(settings.telegram_token, **bot_api_urls(settings)) as bot:
        await bot.set_webhook(
            settings.webhook_url,
            secret_token=secret,
            max_connections=settings.webhook_max_connections,
            allowed_updates=ALLOWED_UPDATES,
        )


def _hand_to_workers(settings: Settings) -> None:
    """Worker processes read their settings from the environment: the command line's too."""
    os.environ["WAYFINDER_WEBHOOK_URL"] = settings.webhook_url
    os.environ["WAYFINDER_WEBHOOK_LISTEN"] = settings.webhook_listen
    os.environ["WAYFINDER_WORKERS"] = str(settings.workers)
    os.environ["WAYFINDER_PRELOAD"] = "1" if settings.preload_voice else "0"


def run_webhook(settings: Settings) -> None:
    check_webhook_settings(settings)
    host, port = settings.listen_address
    private_directory(settings.data_dir)
    asyncio.run(_prepare(settings, webhook_secret(settings)))
    _hand_to_workers(settings)
    metrics_dir = None
    if settings.workers > 1:
        metrics_dir = tempfile.mkdtemp(prefix="wayfinder-metrics-")
        os.environ[MULTIPROCESS_DIR] = metrics_dir
    log.info("webhook set; %d worker(s) on %s:%d", settings.workers, host, port)
    try:
        uvicorn.run(
            "bot.telegram.webhook:worker_app",
            factory=True,
            host=host,
            port=port,
            workers=settings.workers,
            lifespan="on",
            loop="asyncio",
            http="h11",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=GRACE_SECONDS,
            timeout_worker_healthcheck=READY_SECONDS,
        )
    finally:
        if metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)

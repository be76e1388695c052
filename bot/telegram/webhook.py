"""Webhook mode: an ASGI app (Starlette on uvicorn, as in PTB's custom-webhook example).

    POST <path of WAYFINDER_WEBHOOK_URL>  Telegram's updates: the secret token checked (403
                                          otherwise), the update recorded in the inbox, and 200
                                          only once that is committed (Telegram retries others)
    GET  /healthz                         the process is up
    GET  /readyz                          the database answers and its migrations are current
    GET  /metrics                         Prometheus metrics (bot/metrics.py)

Any worker can take any update: the inbox decides who processes it, in order per chat
(storage/inbox.py). `worker_app` is what each worker process serves; `wayfinder run --webhook`
(bot/telegram/serve.py) sets the webhook once and starts the workers.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot import metrics
from bot.config import Settings
from bot.logsafe import configure_logging, describe_failure
from bot.telegram.intake import NotAnUpdate
from bot.telegram.webhook_secret import webhook_secret
from storage.migrate import is_current

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_path(url: str) -> str:
    return urlsplit(url).path or "/"


def worker_app() -> Starlette:
    """One worker's app, from the environment (uvicorn calls this in each worker process)."""
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    secret = webhook_secret(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        from bot.app import open_services
        from bot.telegram.application import build_application, serving
        from bot.voice import TranscriptionService

        services = await open_services(settings)
        voice = TranscriptionService(settings.whisper_model, max_seconds=settings.voice_max_seconds)
        try:
            if settings.preload_voice:
                voice.preload_in_background()
            application = build_application(services, voice=voice)
            async with serving(application) as worker:
                app.state.worker, app.state.database = worker, services.database
                log.info("serving on Telegram (webhook)")
                yield
        finally:
            voice.close()
            await services.database.close()
        log.info("webhook worker stopped")

    return webhook_app(webhook_path(settings.webhook_url or "/"), secret, lifespan)


def webhook_app(path: str, secret: str, lifespan) -> Starlette:
    expected = secret.encode()

    async def telegram(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        try:
            update = await request.json()
            await request.app.state.worker.take_in([update])
        except (ValueError, NotAnUpdate):
            return Response(status_code=400)
        except Exception as failure:  # not recorded: Telegram sends it again
            log.error("update not recorded: %s", describe_failure(failure))
            return Response(status_code=503)
        return Response()

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def readyz(request: Request) -> Response:
        try:
            ready = await is_current(request.app.state.database.engine)
        except Exception as failure:
            log.warning("not ready: %s", describe_failure(failure))
            ready = False
        if not ready:
            return PlainTextResponse("not ready", status_code=503)
        return PlainTextResponse("ready")

    async def metrics_page(request: Request) -> Response:
        body, content_type = metrics.render(await request.app.state.worker.depth())
        return Response(body, media_type=content_type)

    return Starlette(
        routes=[
            Route(path, telegram, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", metrics_page, methods=["GET"]),
        ],
        lifespan=lifespan,
    )

"""The `wayfinder` command: run the bot, chat in a terminal, and the tools around them.

wayfinder run          Telegram when WAYFINDER_TELEGRAM_TOKEN is set (long polling, or a webhook
                       with --webhook URL), else the terminal
wayfinder chat         the same conversation in the terminal
wayfinder tag          tag sentences against a plan file (nlp)
wayfinder transcribe   transcribe audio files (voice)
wayfinder plan         import and export treatment plans
wayfinder export       a client's signed notes as a text, PDF or FHIR R4 file
wayfinder backup       copy the SQLite database; rotate-key: a new encryption key;
                       reset-pin: remove a forgotten chat-lock PIN
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys

from bot.config import ConfigError, Settings
from bot.logsafe import configure_logging
from storage.db import DatabaseKeyError
from storage.keys import KeyProblem


def _settings() -> Settings:
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    return settings


async def _chat(settings: Settings) -> None:
    from bot.app import open_services
    from bot.console import run_console
    from bot.dialogue.engine import Dialogue

    services = await open_services(settings)
    try:
        dialogue = Dialogue(services, trusted_users=frozenset({settings.console_user}))
        await run_console(dialogue, settings.console_user)
    finally:
        await services.database.close()


async def _serve(settings: Settings) -> None:
    from bot.app import open_services
    from bot.telegram.application import build_application, run_polling
    from bot.voice import TranscriptionService

    services = await open_services(settings)
    voice = TranscriptionService(settings.whisper_model, max_seconds=settings.voice_max_seconds)
    try:
        if settings.preload_voice:
            voice.preload_in_background()
        await run_polling(build_application(services, voice=voice))
    finally:
        voice.close()
        await services.database.close()


def _run_settings(args: argparse.Namespace) -> Settings:
    """The environment's settings, with what the command line says instead."""
    settings = _settings()
    given = {
        "webhook_url": args.webhook,
        "webhook_listen": args.listen,
        "workers": args.workers,
        "preload_voice": args.preload or None,
    }
    return dataclasses.replace(settings, **{k: v for k, v in given.items() if v is not None})


def run_command(args: argparse.Namespace) -> int:
    settings = _run_settings(args)
    if settings.webhook_url:
        from bot.telegram.serve import run_webhook

        run_webhook(settings)
    elif settings.workers > 1:
        raise ConfigError(
            "several workers need webhook mode (--webhook URL): Telegram lets one process "
            "at a time fetch a bot's updates by long polling"
        )
    elif settings.telegram_token:
        asyncio.run(_serve(settings))
    else:
        print("No WAYFINDER_TELEGRAM_TOKEN set: opening the conversation in this terminal.")
        asyncio.run(_chat(settings))
    return 0


def chat_command(args: argparse.Namespace) -> int:
    asyncio.run(_chat(_settings()))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from bot.export_cli import add_export_parser
    from bot.integrity_cli import add_integrity_parsers
    from bot.maintenance_cli import add_maintenance_parsers
    from bot.plan_cli import add_plan_parser
    from bot.voice_cli import add_transcribe_parser
    from nlp.cli import add_tag_parser

    parser = argparse.ArgumentParser(prog="wayfinder", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="serve the bot")
    run.add_argument("--preload", action="store_true", help="load the speech model at start")
    run.add_argument("--webhook", metavar="URL", help="serve a webhook at this public HTTPS URL")
    run.add_argument("--listen", metavar="HOST:PORT", help="where the webhook server listens")
    run.add_argument("--workers", type=int, metavar="N", help="webhook worker processes")
    run.set_defaults(func=run_command)
    commands.add_parser("chat", help="talk to the bot in this terminal").set_defaults(
        func=chat_command
    )
    add_tag_parser(commands)
    add_transcribe_parser(commands)
    add_plan_parser(commands)
    add_export_parser(commands)
    add_maintenance_parsers(commands)
    add_integrity_parsers(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ConfigError, DatabaseKeyError, KeyProblem) as problem:
        print(f"wayfinder: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

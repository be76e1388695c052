"""The `wayfinder` command: run the bot, chat in a terminal, and the tools around them.

wayfinder run          Telegram when WAYFINDER_TELEGRAM_TOKEN is set, else the terminal
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


async def _serve(settings: Settings, preload: bool) -> None:
    from bot.app import open_services
    from bot.telegram.application import build_application, run_polling
    from bot.voice import TranscriptionService

    services = await open_services(settings)
    voice = TranscriptionService(settings.whisper_model, max_seconds=settings.voice_max_seconds)
    try:
        if preload:
            await voice.preload()
        await run_polling(build_application(services, voice=voice))
    finally:
        voice.close()
        await services.database.close()


def run_command(args: argparse.Namespace) -> int:
    settings = _settings()
    if settings.telegram_token:
        asyncio.run(_serve(settings, args.preload))
    else:
        print("No WAYFINDER_TELEGRAM_TOKEN set: opening the conversation in this terminal.")
        asyncio.run(_chat(settings))
    return 0


def chat_command(args: argparse.Namespace) -> int:
    asyncio.run(_chat(_settings()))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from bot.export_cli import add_export_parser
    from bot.maintenance_cli import add_maintenance_parsers
    from bot.plan_cli import add_plan_parser
    from bot.voice_cli import add_transcribe_parser
    from nlp.cli import add_tag_parser

    parser = argparse.ArgumentParser(prog="wayfinder", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="serve the bot")
    run.add_argument("--preload", action="store_true", help="load the speech model at start")
    run.set_defaults(func=run_command)
    commands.add_parser("chat", help="talk to the bot in this terminal").set_defaults(
        func=chat_command
    )
    add_tag_parser(commands)
    add_transcribe_parser(commands)
    add_plan_parser(commands)
    add_export_parser(commands)
    add_maintenance_parsers(commands)
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

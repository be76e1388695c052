"""Assembling the bot's services from settings: database, key, templates, wording.

Every transport (Telegram, console, tests, benchmarks) starts here, so they all run the same
dialogue over the same storage.
"""

from __future__ import annotations

import logging

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.shared.services import Services
from bot.shared.templates import TemplateLibrary
from bot.shared.wording import Wording
from storage.db import open_database
from storage.private_files import private_directory

log = logging.getLogger(__name__)


async def open_services(settings: Settings, clock: Clock | None = None) -> Services:
    private_directory(settings.data_dir)
    database = await open_database(
        settings.resolved_database_url, env_key=settings.key, key_file=settings.resolved_key_file
    )
    templates = TemplateLibrary.load(settings.templates_dir)
    for problem in templates.problems:
        log.warning("template not loaded: %s", problem)
    return Services(
        database=database,
        clock=clock or SystemClock(),
        wording=Wording.load(),
        templates=templates,
        settings=settings,
    )

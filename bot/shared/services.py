"""What the dialogue and the reminders need from outside: database, clock, wording, templates,
settings."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.config import Settings
from bot.shared.templates import TemplateLibrary
from bot.shared.wording import Wording
from storage.db import Database


@dataclass
class Services:
    database: Database
    clock: Clock
    wording: Wording
    templates: TemplateLibrary
    settings: Settings

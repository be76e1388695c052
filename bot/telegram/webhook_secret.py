"""The webhook's secret token: Telegram sends it with every update, and a request without it is
refused. WAYFINDER_WEBHOOK_SECRET when set; otherwise generated on first run and kept, like the
key file, in the data directory with mode 0600 (several machines must share one: set it).
"""

from __future__ import annotations

import os
import re
import secrets
import stat

from bot.config import ConfigError, Settings

# Telegram's rule for secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
VALID = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def webhook_secret(settings: Settings) -> str:
    if settings.webhook_secret:
        if not VALID.match(settings.webhook_secret):
            raise ConfigError(
                "WAYFINDER_WEBHOOK_SECRET must be 1-256 letters, digits, _ or - (Telegram's rule)"
            )
        return settings.webhook_secret
    path = settings.webhook_secret_file
    if path.exists():
        if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ConfigError(f"{path} is readable by others; run: chmod 600 {path}")
        kept = path.read_text().strip()
        if not VALID.match(kept):
            raise ConfigError(f"{path} does not hold a valid secret; delete it to make a new one")
        return kept
    made = secrets.token_urlsafe(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(made + "\n")
    os.replace(temporary, path)
    return made

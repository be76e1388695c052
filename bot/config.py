"""Settings from the environment: every `WAYFINDER_*` variable, its default, in one place.

README's configuration table lists the same variables; keep them in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


class ConfigError(Exception):
    """A setting is malformed; the message names the variable."""


def _user_ids(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ConfigError(f"WAYFINDER_ALLOWED_USERS: {part!r} is not a Telegram user id")
        ids.add(int(part))
    return frozenset(ids)


def _supervisors(raw: str, allowed: frozenset[int]) -> dict[int, frozenset[int]]:
    """ "111:222,333;444:555": supervisor 111 co-signs for 222 and 333, 444 for 555. Each one a
    clinician WAYFINDER_ALLOWED_USERS lets in; a supervisee has one supervisor, not themselves."""
    name = "WAYFINDER_SUPERVISORS"
    found: dict[int, frozenset[int]] = {}
    supervisor_of: dict[int, int] = {}
    for entry in (part.strip() for part in raw.split(";")):
        if not entry:
            continue
        head, colon, tail = entry.partition(":")
        ids = [head.strip(), *(p.strip() for p in tail.split(",") if p.strip())]
        if not colon or len(ids) < 2 or not all(p.lstrip("-").isdigit() for p in ids):
            raise ConfigError(f"{name}: {entry!r} is not SUPERVISOR:SUPERVISEE,SUPERVISEE")
        supervisor, *supervisees = (int(p) for p in ids)
        for user in (supervisor, *supervisees):
            if user not in allowed:
                role = "supervisor" if user == supervisor else "supervisee"
                raise ConfigError(f"{name}: {role} {user} is not in WAYFINDER_ALLOWED_USERS")
        if supervisor in found:
            raise ConfigError(f"{name}: supervisor {supervisor} is named twice")
        for supervisee in supervisees:
            if supervisee == supervisor:
                raise ConfigError(f"{name}: {supervisor} cannot supervise themselves")
            if supervisee in supervisor_of:
                raise ConfigError(f"{name}: {supervisee} has two supervisors")
            supervisor_of[supervisee] = supervisor
        found[supervisor] = frozenset(supervisees)
    return found


@dataclass(frozen=True)
class Settings:
    telegram_token: str | None = None
    allowed_users: frozenset[int] = frozenset()
    data_dir: Path = Path("var")
    database_url: str | None = None
    key: str | None = field(default=None, repr=False)
    key_file: Path | None = None
    templates_dir: Path | None = None
    bot_api_url: str | None = None
    whisper_model: str | None = None
    voice_max_seconds: int = 600
    console_user: int = 1
    max_message_chars: int = 8000
    lock_after_minutes: int = 30
    practice_name: str | None = None
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1:8443"
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_max_connections: int = 40
    workers: int = 1
    preload_voice: bool = False
    route_sessions: int = 4  # sessions without improvement that flag a route as blocked
    # Supervisor -> the clinicians whose signed notes they co-sign (bot/dialogue/supervision.py).
    supervisors: dict[int, frozenset[int]] = field(default_factory=dict)

    def supervisor_of(self, clinician_id: int) -> int | None:
        return next((s for s, ees in self.supervisors.items() if clinician_id in ees), None)

    @property
    def resolved_key_file(self) -> Path:
        return self.key_file or self.data_dir / "wayfinder.key"

    @property
    def webhook_secret_file(self) -> Path:
        return self.data_dir / "webhook.secret"

    @property
    def listen_address(self) -> tuple[str, int]:
        host, _, port = self.webhook_listen.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ConfigError(
                f"WAYFINDER_WEBHOOK_LISTEN must be HOST:PORT, not {self.webhook_listen!r}"
            )
        return host.strip("[]"), int(port)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / 'wayfinder.db'}"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)

        def get(name: str) -> str | None:
            value = env.get(f"WAYFINDER_{name}", "").strip()
            return value or None

        def number(name: str, default: int) -> int:
            raw = get(name)
            if raw is None:
                return default
            if not raw.isdigit():
                raise ConfigError(f"WAYFINDER_{name} must be a whole number, not {raw!r}")
            return int(raw)

        allowed_users = _user_ids(get("ALLOWED_USERS") or "")
        return cls(
            telegram_token=get("TELEGRAM_TOKEN"),
            allowed_users=allowed_users,
            data_dir=Path(get("DATA_DIR") or "var"),
            database_url=get("DATABASE_URL"),
            key=get("KEY"),
            key_file=Path(p) if (p := get("KEY_FILE")) else None,
            templates_dir=Path(p) if (p := get("TEMPLATES_DIR")) else None,
            bot_api_url=get("BOT_API_URL"),
            whisper_model=get("WHISPER_MODEL"),
            voice_max_seconds=number("VOICE_MAX_SECONDS", 600),
            console_user=number("CONSOLE_USER", 1),
            max_message_chars=number("MAX_MESSAGE_CHARS", 8000),
            lock_after_minutes=number("LOCK_AFTER_MINUTES", 30),
            practice_name=get("PRACTICE_NAME"),
            log_level=(get("LOG_LEVEL") or "INFO").upper(),
            webhook_url=get("WEBHOOK_URL"),
            webhook_listen=get("WEBHOOK_LISTEN") or "127.0.0.1:8443",
            webhook_secret=get("WEBHOOK_SECRET"),
            webhook_max_connections=number("WEBHOOK_MAX_CONNECTIONS", 40),
            workers=number("WORKERS", 1),
            preload_voice=(get("PRELOAD") or "0") not in ("0", "false", "no"),
            route_sessions=max(2, number("ROUTE_SESSIONS", 4)),
            supervisors=_supervisors(get("SUPERVISORS") or "", allowed_users),
        )

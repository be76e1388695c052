"""`wayfinder backup DEST`, `wayfinder rotate-key [--forget-old]`, `wayfinder reset-pin USER_ID`:
keeping data, key and access safe.

backup      an online, consistent copy of the SQLite database (sqlite3's backup API) to a new
            file with mode 0600. The key is never in it: back that up separately.
rotate-key  a new master key version becomes current and every sealed value is re-encrypted
            with it, in batches; an interrupted run is finished by running it again. With a key
            file, the file gains the version. With WAYFINDER_KEY, the first run prints the new
            value to set, and the run with that value set re-encrypts. `--forget-old` then drops
            the old versions once nothing uses them.
reset-pin   a clinician who forgot their chat-lock PIN: the PIN is removed and the chat unlocked
            (they set a new one with /lock). Nothing else changes; it works while the bot runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Settings
from storage import audit, clinicians, keys, rotation
from storage.db import open_database, sqlite_file
from storage.held import HeldMessages

STOP_THE_BOT = "Stop the bot first: it reads the key only when it starts."


def add_maintenance_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register `backup` and `rotate-key`; each handler is stored as the `func` default."""
    backup = subparsers.add_parser(
        "backup",
        help="copy the SQLite database, while it runs, to a new file (without the key)",
        description="Copy the SQLite database to DEST (a new file, mode 0600) while the bot "
        "runs. The key is not included: back it up separately. For PostgreSQL use pg_dump.",
    )
    backup.add_argument("dest", type=Path, metavar="DEST", help="the backup file to create")
    backup.set_defaults(func=run_backup)
    rotate = subparsers.add_parser(
        "rotate-key",
        help="re-encrypt everything with a new key version",
        description="A new key version becomes current and every encrypted value is "
        f"re-encrypted with it; if interrupted, run it again. {STOP_THE_BOT}",
    )
    rotate.add_argument(
        "--forget-old",
        action="store_true",
        help="after a completed rotation, remove the old key versions",
    )
    rotate.set_defaults(func=run_rotate_key)
    reset = subparsers.add_parser(
        "reset-pin",
        help="remove a clinician's forgotten chat-lock PIN and unlock their chat",
        description="Removes the PIN of the clinician with this Telegram user id and unlocks "
        "their chat; they can set a new PIN with /lock. Works while the bot runs.",
    )
    reset.add_argument("user_id", type=int, metavar="USER_ID", help="their Telegram user id")
    reset.set_defaults(func=run_reset_pin)


def missing_sqlite_file(url: str, command: str) -> bool:
    """True (and said) when the database is SQLite and its file is missing: opening it would
    create an empty database and a new key."""
    path = sqlite_file(url)
    if path is None or path.exists():
        return False
    print(f"wayfinder {command}: there is no database at {path}.", file=sys.stderr)
    return True


def run_backup(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    source = sqlite_file(settings.resolved_database_url)
    if source is None:
        print(
            "wayfinder backup: the database is PostgreSQL; back it up with pg_dump "
            "(e.g. pg_dump --format=custom). Keep the key apart from the dump.",
            file=sys.stderr,
        )
        return 2
    if not source.exists():
        print(f"wayfinder backup: there is no database at {source}.", file=sys.stderr)
        return 1
    try:
        copy_sqlite(source, args.dest)
        asyncio.run(_record_backup(settings))
    except FileExistsError:
        print(
            f"wayfinder backup: {args.dest} already exists; nothing was written. "
            "Give a new file name.",
            file=sys.stderr,
        )
        return 1
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(f"wayfinder backup: cannot write {args.dest}: {reason}", file=sys.stderr)
        return 1
    key_place = "WAYFINDER_KEY" if settings.key else f"the key file {settings.resolved_key_file}"
    print(f"Backed up the database to {args.dest}.")
    print(f"The backup does not contain the key: back up {key_place} separately, kept apart.")
    return 0


async def _record_backup(settings: Settings) -> None:
    database = await open_database(
        settings.resolved_database_url, env_key=settings.key, key_file=settings.resolved_key_file
    )
    try:
        await audit.record_operator_action(database, "backup", "database")
    finally:
        await database.close()


def copy_sqlite(source: Path, dest: Path) -> None:
    """A consistent copy of a live database, WAL included, as one self-contained file."""
    # O_EXCL: never overwrite, even a file created a moment ago; 0600 before a byte is written.
    os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        with (
            closing(sqlite3.connect(source, timeout=30)) as live,
            closing(sqlite3.connect(dest)) as copy,
        ):
            live.backup(copy)
            # The copy would inherit WAL mode; a backup is one file, not three.
            copy.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        dest.unlink(missing_ok=True)
        raise


def run_rotate_key(args: argparse.Namespace) -> int:
    return asyncio.run(_rotate_key(Settings.from_env(), forget_old=args.forget_old))


async def _rotate_key(settings: Settings, *, forget_old: bool) -> int:
    url, key_file = settings.resolved_database_url, settings.resolved_key_file
    if missing_sqlite_file(url, "rotate-key"):
        return 1
    if settings.key:
        stored = keys.parse_env_masters(settings.key)
    elif key_file.exists():
        stored = keys.read_key_file_masters(key_file)
    else:
        print(f"wayfinder rotate-key: no key found (WAYFINDER_KEY or {key_file}).", file=sys.stderr)
        return 1
    # Opening checks the key against the database before anything is written or printed.
    database = await open_database(url, env_key=settings.key, key_file=key_file)
    try:
        in_use = await rotation.versions_in_use(database)
        outdated = sum(count for version, count in in_use.items() if version != stored.current)
        if forget_old:
            return _forget_old(settings, key_file, stored, outdated)
        if outdated:
            print(
                f"{outdated} values still use an older key version; re-encrypting them with "
                f"version {stored.current}."
            )
        else:
            stored = stored.with_new_version()
            if settings.key:
                _print_env_value(stored, "holds the new version and the old ones")
                print(
                    "Nothing was re-encrypted yet. Set this value wherever the bot runs and "
                    "restart it (it reads both versions and writes with the new one), then run "
                    "`wayfinder rotate-key` again with it set to re-encrypt everything."
                )
                return 0
            keys.write_key_file(key_file, stored)
            print(f"The key file now holds version {stored.current}, current; old ones are kept.")
        try:
            report = await rotation.reseal_all(database, stored.ring())
        except rotation.RotationError as problem:
            print(f"wayfinder rotate-key: stopped: {problem}", file=sys.stderr)
            return 1
        await audit.record_operator_action(database, "key_rotation", "key", str(stored.current))
        return _report_rotation(settings, stored, report)
    finally:
        await database.close()


def _report_rotation(
    settings: Settings, stored: keys.MasterKeys, report: rotation.RotationReport
) -> int:
    print(
        f"Re-encrypted {report.total_resealed} values with key version {stored.current} "
        f"({report.already_current} already used it)."
    )
    if report.changed_meanwhile:
        print(
            f"{report.changed_meanwhile} values changed while this ran and still use an older "
            "version: restart the bot and run `wayfinder rotate-key` again to finish."
        )
        return 1
    where = "in WAYFINDER_KEY" if settings.key else "in the key file"
    print(
        f"Done. The old versions stay {where} until `wayfinder rotate-key --forget-old`. "
        "Restart the bot if it is running."
    )
    return 0


def _forget_old(settings: Settings, key_file: Path, stored: keys.MasterKeys, outdated: int) -> int:
    if outdated:
        print(
            f"wayfinder rotate-key: {outdated} values still use an older key version, so the "
            "old versions are still needed. Run `wayfinder rotate-key` to finish re-encrypting "
            "first. Nothing was changed.",
            file=sys.stderr,
        )
        return 1
    if len(stored.masters) == 1:
        print(f"Only key version {stored.current} is there; there is nothing to forget.")
        return 0
    kept = stored.without_old_versions()
    if settings.key:
        _print_env_value(kept, "holds only the current version")
        print("Set it wherever the bot runs and restart it; then the old value can be destroyed.")
        return 0
    keys.write_key_file(key_file, kept)
    print(
        f"The key file now holds only version {kept.current}, and the client-code index key "
        "(it decrypts nothing). Back up the key file again."
    )
    return 0


def _print_env_value(stored: keys.MasterKeys, holds: str) -> None:
    print(f"The new WAYFINDER_KEY value ({holds}; keep it secret):")
    print(f"WAYFINDER_KEY={stored.as_env_value()}")


def run_reset_pin(args: argparse.Namespace) -> int:
    return asyncio.run(_reset_pin(Settings.from_env(), args.user_id))


async def _reset_pin(settings: Settings, user_id: int) -> int:
    url = settings.resolved_database_url
    if missing_sqlite_file(url, "reset-pin"):
        return 1
    database = await open_database(url, env_key=settings.key, key_file=settings.resolved_key_file)
    try:
        async with database.transaction() as session:
            clinician = await clinicians.get(session, user_id)
            if clinician is None or clinician.pin_verifier is None:
                print(f"wayfinder reset-pin: user {user_id} has no PIN; nothing changed.",
                      file=sys.stderr)
                return 1
            clinician.pin_verifier, clinician.locked = None, False
            clinician.pin_failures, clinician.pin_retry_at = 0, None
            held = await HeldMessages(session, user_id).count()
            await audit.append(
                session, chain=audit.OPERATOR, actor=None, action="pin_reset",
                at=datetime.now(UTC), transport="cli", record_type="clinician",
                record_id=str(user_id),
            )
    finally:
        await database.close()
    print(f"PIN removed for user {user_id}: their chat is unlocked; /lock sets a new PIN.")
    if held:
        # Sent by whoever had the phone while it was locked: handled only behind a new PIN.
        print(f"{held} messages sent while locked stay held; they are handled once the "
              "clinician sets a new PIN with /lock and enters it.")
    return 0

"""`wayfinder export CODE [--format text|pdf|fhir] [--out FILE] [--clinician ID]`.

The same file /export sends in the chat, written to FILE, or without --out to a new file in the
current folder named as the chat names it (time and a random part, never the client code).
The file is created with mode 0600 and never overwrites one that exists. The clinician
defaults to WAYFINDER_CONSOLE_USER, as for `wayfinder chat` and `wayfinder plan`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app import open_services
from bot.config import Settings
from bot.export.build import build_record
from bot.export.files import FORMATS
from bot.maintenance_cli import missing_sqlite_file
from storage import audit
from storage.models import Clinician
from storage.store import Store


def add_export_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "export",
        help="write a client's signed notes to a file (text, PDF or FHIR R4)",
        description="Write a client's signed progress notes (never drafts or private notes) "
        "to a file: text, a PDF, or a FHIR R4 Bundle with the plan and scores.",
    )
    parser.add_argument("code", metavar="CODE", help="the client's code, e.g. A.B.")
    parser.add_argument(
        "--format", choices=list(FORMATS), default="text", help="the file's format (default: text)"
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="the file to create (default: a new file here)"
    )
    parser.add_argument(
        "--clinician", type=int, help="Telegram user id (default: WAYFINDER_CONSOLE_USER)"
    )
    parser.set_defaults(func=run_export)
    return parser


def run_export(args: argparse.Namespace) -> int:
    return asyncio.run(_export(args))


async def _export(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    if missing_sqlite_file(settings.resolved_database_url, "export"):
        return 1
    chosen = FORMATS[args.format]
    services = await open_services(settings)
    try:
        async with services.database.transaction() as session:
            owner = args.clinician or settings.console_user
            clinician = await session.get(Clinician, owner)
            store = Store(session, clinician) if clinician is not None else None
            client = await store.clients.find(args.code) if store is not None else None
            if client is None:
                print("wayfinder export: no client with that code.", file=sys.stderr)
                return 1
            rows = await store.exports.rows(clinician, client)
            await audit.append(
                session, chain=audit.OPERATOR, actor=None, action="export",
                at=services.clock.now(), transport="cli", record_type="client",
                record_id=client.id, client_id=client.id,
            )
            for failed in rows.failed:
                print(f"wayfinder export: note {failed.row_id} failed its integrity check and "
                      "is left out (`wayfinder verify` for details).", file=sys.stderr)
            if not rows.signed:
                print("wayfinder export: that client has no signed notes.", file=sys.stderr)
                return 1
            now = services.clock.now()
            record = build_record(
                rows, services.templates, practice=settings.practice_name, now=now
            )
    finally:
        await services.database.close()
    content = chosen.render(record, services.wording)
    target = args.out or Path(chosen.file_name(now.astimezone(ZoneInfo(record.timezone))))
    try:
        _write_new(target, content)
    except FileExistsError:
        print(f"wayfinder export: {target} already exists; nothing was written.", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"wayfinder export: cannot write {target}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote {len(record.notes)} signed note(s) as {args.format} to {target}.")
    return 0


def _write_new(target: Path, content: bytes) -> None:
    # O_EXCL: never overwrite; 0600 before a byte is written, as the record is client data.
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
    except BaseException:
        target.unlink(missing_ok=True)  # half a record is worse than none
        raise

"""`wayfinder verify` and `wayfinder audit`: does the record prove itself, and who touched it.

verify   every sealed value decrypts, every signed note and addendum matches its fingerprint and
         seal and its client's chain, every audit row its chain: counts, then each failure by
         table and row (never content). Exit status 1 when anything failed.
audit    the audit trail, oldest first: when, who, action, record, transport; `--client CODE`
         and `--since DATE` narrow it, `--verify` checks its chains as well.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime

from bot.config import Settings
from bot.maintenance_cli import missing_sqlite_file
from storage import audit
from storage.clients import Clients
from storage.db import Database, open_database
from storage.verify import verify_database


def add_integrity_parsers(subparsers: argparse._SubParsersAction) -> None:
    verify = subparsers.add_parser(
        "verify",
        help="check every sealed value, signed note, addendum and audit row",
        description="Walks the whole database. Prints how many records were checked and each "
        "failure by table and row id, never content. Exit status 1 when anything failed.",
    )
    verify.set_defaults(func=run_verify)
    trail = subparsers.add_parser(
        "audit",
        help="print the audit trail (who touched which record, when, from where)",
        description="The audit trail, oldest first. It never holds content.",
    )
    trail.add_argument("--client", metavar="CODE", help="only rows about this client")
    trail.add_argument("--since", type=_day, metavar="DATE", help="only rows from DATE (UTC)")
    trail.add_argument("--clinician", type=int, metavar="USER_ID",
                       help="whose client code --client is (default: the console user)")
    trail.add_argument("--verify", action="store_true", help="also check the rows' hash chains")
    trail.set_defaults(func=run_audit)


def _day(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


async def _open(settings: Settings, command: str) -> Database | None:
    url = settings.resolved_database_url
    if missing_sqlite_file(url, command):
        return None
    return await open_database(url, env_key=settings.key, key_file=settings.resolved_key_file)


def run_verify(_args: argparse.Namespace) -> int:
    return asyncio.run(_verify(Settings.from_env()))


async def _verify(settings: Settings) -> int:
    database = await _open(settings, "verify")
    if database is None:
        return 1
    try:
        async with database.sessions() as session:
            report = await verify_database(session)
    finally:
        await database.close()
    print("Checked: " + ", ".join(f"{count} {what}" for what, count in report.checked.items()))
    for failure in report.failures:
        print(f"FAILED {failure.table} row {failure.row_id}: {failure.why}")
    print("All records verified." if report.ok else f"{len(report.failures)} failure(s).")
    return 0 if report.ok else 1


def run_audit(args: argparse.Namespace) -> int:
    return asyncio.run(_audit(Settings.from_env(), args))


async def _audit(settings: Settings, args: argparse.Namespace) -> int:
    database = await _open(settings, "audit")
    if database is None:
        return 1
    try:
        async with database.sessions() as session:
            client_id = None
            if args.client:
                owner = args.clinician or settings.console_user
                client = await Clients(session, owner).find(args.client)
                if client is None:
                    print("wayfinder audit: no client with that code.", file=sys.stderr)
                    return 1
                client_id = client.id
            async for row in audit.rows(session, client_id=client_id, since=args.since):
                who = "operator" if row.actor is None else f"user {row.actor}"
                record = " ".join(filter(None, [row.record_type, row.record_id])) or "-"
                print(f"{row.at.isoformat(timespec='seconds')}  {who}  {row.action}  {record}"
                      f"  via {row.transport}")
            if not args.verify:
                return 0
            count, breaks = await audit.verify_chains(session)
    finally:
        await database.close()
    for found in breaks:
        print(f"FAILED audit row {found.row_id} (chain {found.chain}): {found.why}")
    print(f"{count} audit rows checked; " + ("the chains are intact." if not breaks
                                             else f"{len(breaks)} failure(s)."))
    return 0 if not breaks else 1

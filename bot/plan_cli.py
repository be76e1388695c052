"""`wayfinder plan import FILE [--clinician ID]` and `wayfinder plan export CODE [--clinician ID]`.

Import reads a plan YAML file and stores it as the client's next plan version (all or nothing;
a bad file prints the clinician-readable problem and exits 1). A file that words an existing
objective id differently is refused unless each such id is named with --same (the same
objective, reworded: its notes still count) or --new (a new objective under a reused id).
A file that would replace a client's different current plan is refused unless --replace is
given (the same plan again is stored as its next version, as before).
Export prints the current version as YAML on stdout, ready to be imported again. The clinician
defaults to WAYFINDER_CONSOLE_USER, the same user `wayfinder chat` talks as.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.app import open_services
from bot.config import Settings
from bot.dialogue.plans.transfer import import_plan, read_plan_file, replaced_by, reworded_ids
from nlp.planfile import MAX_PLAN_BYTES, PlanFileError, dump_plan
from storage import clinicians
from storage.identity import NEW, SAME
from storage.plans import OpenPlan
from storage.store import Store


def add_plan_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `plan import` and `plan export`; each handler is stored as the `func` default."""
    parser = subparsers.add_parser(
        "plan",
        help="import and export treatment plans (YAML)",
        description="Move treatment plans in and out as YAML files (format: docs/formats.md).",
    )
    actions = parser.add_subparsers(dest="plan_command", required=True)
    importing = actions.add_parser("import", help="store a plan file as the client's plan")
    importing.add_argument("file", type=Path, metavar="FILE")
    for choice, meaning in ((SAME, "the same objective, reworded"), (NEW, "a new objective")):
        importing.add_argument(
            f"--{choice}", default="", metavar="IDS",
            help=f"objective ids (comma-separated) worded differently that are {meaning}",
        )
    importing.add_argument(
        "--replace", action="store_true",
        help="replace the client's current plan when the file differs from it",
    )
    exporting = actions.add_parser("export", help="print a client's current plan as YAML")
    exporting.add_argument("code", metavar="CODE", help="the client's code, e.g. A.B.")
    for action in (importing, exporting):
        action.add_argument(
            "--clinician", type=int, help="Telegram user id (default: WAYFINDER_CONSOLE_USER)"
        )
    importing.set_defaults(func=run_import)
    exporting.set_defaults(func=run_export)
    return parser


def run_import(args: argparse.Namespace) -> int:
    try:
        if args.file.stat().st_size > MAX_PLAN_BYTES:
            raise PlanFileError("The plan file is larger than 1 MB; a plan is a few kilobytes.")
        data = args.file.read_bytes()
    except OSError as error:
        print(f"wayfinder plan import: cannot read the file: {error.strerror}", file=sys.stderr)
        return 1
    except PlanFileError as problem:
        print(f"wayfinder plan import: nothing was imported. {problem}", file=sys.stderr)
        return 1
    decisions = {
        objective_id.strip(): choice
        for choice in (SAME, NEW)
        for objective_id in getattr(args, choice).split(",")
        if objective_id.strip()
    }
    return asyncio.run(_import(data, args.clinician, decisions, args.replace))


def run_export(args: argparse.Namespace) -> int:
    return asyncio.run(_export(args.code, args.clinician))


async def _import(
    data: bytes, clinician_id: int | None, decisions: dict[str, str], replacing: bool
) -> int:
    settings = Settings.from_env()
    services = await open_services(settings)
    try:
        now = services.clock.now()
        async with services.database.transaction() as session:
            store = await _store(session, clinician_id or settings.console_user, now)
            try:
                undecided = await _undecided(store, data, now, decisions)
                if undecided:
                    ids = ",".join(undecided)
                    print(
                        f"wayfinder plan import: nothing was imported. {', '.join(undecided)} "
                        "worded differently from the current plan: say whether each is the "
                        f"same objective, reworded (--same {ids}) or a new one (--new {ids}).",
                        file=sys.stderr,
                    )
                    return 1
                current = await replaced_by(store, read_plan_file(store.clinician, data, now)[0])
                if current is not None and not replacing:
                    print(
                        f"wayfinder plan import: nothing was imported. {current.client.code} "
                        f"already has a different plan (version {current.row.current_version}); "
                        "add --replace to store this file as its next version.",
                        file=sys.stderr,
                    )
                    return 1
                imported = await import_plan(store, services.wording, data, now, decisions)
            except PlanFileError as problem:
                print(f"wayfinder plan import: nothing was imported. {problem}", file=sys.stderr)
                return 1
            print(
                f"Imported the plan for {imported.client.code} as version "
                f"{imported.version.number} (review due {imported.plan.review_due})."
            )
        return 0
    finally:
        await services.database.close()


async def _export(code: str, clinician_id: int | None) -> int:
    settings = Settings.from_env()
    services = await open_services(settings)
    try:
        async with services.database.transaction() as session:
            clinician = await clinicians.get(session, clinician_id or settings.console_user)
            found = await _current_plan(Store(session, clinician), code) if clinician else None
            if found is None:
                print("wayfinder plan export: that client has no plan.", file=sys.stderr)
                return 1
            sys.stdout.write(dump_plan(found.plan))
        return 0
    finally:
        await services.database.close()


async def _undecided(store: Store, data: bytes, now, decisions: dict[str, str]) -> list[str]:
    """Reworded objective ids neither --same nor --new names."""
    plan, _ = read_plan_file(store.clinician, data, now)
    return [i for i in await reworded_ids(store, plan) if i not in decisions]


async def _store(session, clinician_id: int, now) -> Store:
    """The clinician's records; their row is created (not yet onboarded) if they have never
    used the bot."""
    clinician = await clinicians.get(session, clinician_id)
    if clinician is None:
        clinician = await clinicians.first_contact(session, clinician_id, now)
    return Store(session, clinician)


async def _current_plan(store: Store, code: str) -> OpenPlan | None:
    client = await store.clients.find(code)
    return await store.plans.current(client.id) if client else None

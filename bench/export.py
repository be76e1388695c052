"""Export of one client with 200 signed notes: seconds and peak memory, PDF and FHIR (and text).

Each format runs in a process of its own, so its peak memory (RSS) is its own. A run stores the
notes (SOAP, about 2,300 characters each, linked to a 6-objective plan, a PHQ-9 or GAD-7 score
in every other note, an addendum in every tenth), then times the whole export as /export does
it: the rows read, the record built, the file rendered. Targets: under 3 s and 300 MB.

    .venv/bin/python bench/export.py [--notes 200] [--repeats 3] [--format pdf|fhir|text]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import open_services  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.export.build import build_record  # noqa: E402
from bot.export.files import FORMATS  # noqa: E402
from nlp.planfile import parse_plan  # noqa: E402
from storage import notes as note_store  # noqa: E402
from storage.models import Clinician  # noqa: E402
from storage.store import Store  # noqa: E402

CLINICIAN = 1
FIRST = datetime(2023, 1, 2, 21, tzinfo=UTC)
PLAN = """
client: "A.B."
review_due: 2027-02-15
problems:
  - id: P1
    statement: "Panic attacks 4-5 times per week; avoids driving"
    goals:
      - id: G1
        text: "Reduce frequency and intensity of panic attacks"
        objectives:
          - {id: O1, text: "Practice diaphragmatic breathing at least 5 days per week"}
          - {id: O2, text: "Reduce panic attacks to fewer than one per week"}
          - {id: O3, text: "Drive on the highway for 20 minutes twice a week"}
        interventions:
          - {id: I1, text: "Teach diaphragmatic breathing and interoceptive exposure (CBT)"}
  - id: P2
    statement: "Sleeps 4-5 hours a night"
    goals:
      - id: G2
        text: "Restore sleep"
        objectives:
          - {id: O4, text: "Sleep at least 7 hours on 5 nights a week"}
          - {id: O5, text: "Keep a sleep diary every day"}
          - {id: O6, text: "No screens after 22:00", status: met}
"""
SECTION = (
    "Client reported {n} panic attacks this week and practised breathing on {d} days; she "
    "drove to work twice and described the second drive as easier. Sleep about {h} hours. "
)


async def sign_bench_note(
    session, store: Store, client, number: int, signed_at: datetime, *, addendum_after: timedelta,
    plan_version_id: str | None = None,
) -> None:
    """One signed SOAP note of about 2,300 characters, tagged; every tenth gets an addendum."""
    note = await store.notes.start(client, "soap", signed_at, plan_version_id=plan_version_id)
    for ref, key in enumerate(("subjective", "objective", "assessment", "plan")):
        text = (SECTION * 5).format(n=number % 5, d=number % 7, h=4 + number % 4)
        note_store.append_entry(note, key, text.strip(), ref, signed_at)
    note.tags = tags(number)
    note_store.sign(note, client, signed_at)
    if number % 10 == 0:
        await session.flush()
        await store.notes.add_addendum(
            note, "Client called: safety plan confirmed.", signed_at + addendum_after
        )


def tags(number: int) -> dict:
    progress = "improved" if number % 3 else "worsened"
    sentence = {
        "sentence": "Practised breathing.",
        "measurements": [],
        "tags": [
            {"objective": objective, "negated": False, "hypothetical": False,
             "historical": False, "other_person": False, "progress": progress,
             "evidence": ["breathing ~ diaphragmatic breathing"]}
            for objective in ("O1", "O2", "O4")
        ],
    }
    if number % 2 == 0:
        name = "PHQ-9" if number % 4 == 0 else "GAD-7"
        sentence["measurements"] = [{"kind": "score", "name": name, "value": number % 20}]
    return {"subjective": [sentence]}


async def store_notes(services, count: int) -> None:
    async with services.database.transaction() as session:
        clinician = Clinician(id=CLINICIAN, timezone="America/New_York", created_at=FIRST,
                              reminders_off=[], onboarded=True)
        session.add(clinician)
        await session.flush()
        store = Store(session, clinician)
        client = await store.clients.get_or_create("A.B.", FIRST)
        version = await store.plans.save_version(client.id, parse_plan(PLAN), "imported", FIRST)
        for number in range(count):
            await sign_bench_note(
                session, store, client, number, FIRST + timedelta(days=7 * number),
                addendum_after=timedelta(hours=3), plan_version_id=version.id,
            )


async def export_once(services, chosen) -> tuple[float, int]:
    started = time.perf_counter()
    async with services.database.transaction() as session:
        store = Store(session, await session.get(Clinician, CLINICIAN))
        client = await store.clients.get_or_create("A.B.", FIRST)
        rows = await store.exports.rows(store.clinician, client)
        record = build_record(rows, services.templates, practice="Bench Practice",
                              now=datetime.now(UTC))
    content = await asyncio.to_thread(chosen.render, record, services.wording)
    return time.perf_counter() - started, len(content)


async def one_format(format_key: str, notes: int, repeats: int) -> dict:
    chosen = FORMATS[format_key]
    with tempfile.TemporaryDirectory() as tmp:
        services = await open_services(Settings(data_dir=Path(tmp)))
        try:
            await store_notes(services, notes)
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            runs = [await export_once(services, chosen) for _ in range(repeats)]
        finally:
            await services.database.close()
    seconds = [elapsed for elapsed, _ in runs]
    return {
        "format": format_key,
        "first": seconds[0],
        "median": statistics.median(seconds),
        "bytes": runs[0][1],
        "rss_before": before,
        "rss_peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--format", choices=list(FORMATS), help="one format, in this process")
    args = parser.parse_args()
    if args.format:
        print(json.dumps(asyncio.run(one_format(args.format, args.notes, args.repeats))))
        return
    print(f"{args.notes} signed notes, {args.repeats} exports per format, each format in its "
          "own process (the first export includes loading the PDF or FHIR library)")
    for format_key in ("pdf", "fhir", "text"):
        child = subprocess.run(
            [sys.executable, __file__, "--format", format_key, "--notes", str(args.notes),
             "--repeats", str(args.repeats)],
            check=True, capture_output=True, text=True,
        )
        found = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"{format_key:5s} first {found['first']:5.2f} s  median {found['median']:5.2f} s  "
              f"{found['bytes'] / 1e6:5.2f} MB file  peak RSS {found['rss_peak']} MB "
              f"({found['rss_before']} MB before the first export)")


if __name__ == "__main__":
    main()

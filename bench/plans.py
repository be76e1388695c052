"""Plan turn latency: import a 60-objective plan as a document, show it with /plan, mark an
objective met, each a dialogue turn with its database work (no Telegram adapter in the timing;
bench/turns.py measures that). Every round adds two versions, so the last rounds work on a plan
with a long history. Prints the median and the maximum of each kind of turn.

    .venv/bin/python bench/plans.py [--rounds 20] [--database URL]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import open_services  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.dialogue.engine import Dialogue  # noqa: E402
from bot.shared.events import Document, Event  # noqa: E402
from nlp import planfile  # noqa: E402

CLINICIAN = 1
PROBLEMS, GOALS_PER_PROBLEM, OBJECTIVES_PER_GOAL = 10, 2, 3  # 60 objectives


def large_plan_file() -> bytes:
    """A valid plan of 10 problems, 20 goals, 60 objectives and 20 interventions, as YAML."""
    problems, goal_number, objective_number = [], 0, 0
    for problem_number in range(1, PROBLEMS + 1):
        goals = []
        for _ in range(GOALS_PER_PROBLEM):
            goal_number += 1
            objectives = []
            for _ in range(OBJECTIVES_PER_GOAL):
                objective_number += 1
                objectives.append(
                    {
                        "id": f"O{objective_number}",
                        "text": f"Practice skill {objective_number} at least 5 days per week",
                        "direction": "increase",
                    }
                )
            goals.append(
                {
                    "id": f"G{goal_number}",
                    "text": f"Goal {goal_number}: use the new skills in daily life",
                    "objectives": objectives,
                    "interventions": [{"id": f"I{goal_number}", "text": "Skills coaching"}],
                }
            )
        problems.append(
            {
                "id": f"P{problem_number}",
                "statement": f"Problem {problem_number} in behavioural terms, several times a week",
                "goals": goals,
            }
        )
    draft = {"client": "A.B.", "review_due": "2027-02-15", "problems": problems}
    return planfile.dump_plan(planfile.plan_from_dict(draft)).encode("utf-8")


async def timed(dialogue: Dialogue, event: Event, timings: list[float]) -> list:
    started = time.perf_counter()
    replies = await dialogue.handle(event)
    timings.append(time.perf_counter() - started)
    return replies


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--database", help="a PostgreSQL URL; SQLite in a temporary folder if not")
    args = parser.parse_args()
    data = large_plan_file()
    document = Document("plan.yaml", "application/x-yaml", len(data), data)
    timings: dict[str, list[float]] = {"import (document)": [], "/plan A.B.": [], "mark met": []}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp), allowed_users=frozenset({CLINICIAN}), database_url=args.database
        )
        services = await open_services(settings)
        dialogue = Dialogue(services)
        await dialogue.handle(Event.from_text(CLINICIAN, "/start"))
        await dialogue.handle(Event.from_text(CLINICIAN, "UTC"))
        for _ in range(args.rounds):
            event = Event(CLINICIAN, "document", document=document)
            imported = await timed(dialogue, event, timings["import (document)"])
            assert "Imported" in imported[0].text, imported[0].text
            shown = await timed(
                dialogue, Event.from_text(CLINICIAN, "/plan A.B."), timings["/plan A.B."]
            )
            plan_id = shown[-1].buttons[0][0].data.split(":")[2]
            met = Event(CLINICIAN, "button", data=f"plan:met:{plan_id}:O1")
            marked = await timed(dialogue, met, timings["mark met"])
            assert "O1 met" in marked[0].text, marked[0].text
        await services.database.close()
    backend = "PostgreSQL" if args.database else "SQLite"
    print(
        f"{backend}; plan of {PROBLEMS * GOALS_PER_PROBLEM * OBJECTIVES_PER_GOAL} objectives, "
        f"{len(data)} bytes of YAML; {args.rounds} rounds, {2 * args.rounds} versions at the end"
    )
    for name, values in timings.items():
        median, worst = statistics.median(values) * 1000, max(values) * 1000
        print(f"{name:18s} median {median:6.1f} ms   max {worst:6.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())

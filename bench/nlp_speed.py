"""Speed of the objective tagger: sentences per second on one core, pipeline and tagger build time.

The plan has 20 objectives (taken from the development plans); the text is the development
set's 315 sentences grouped into notes of 10 sentences, tagged over and over for --seconds.
The process is pinned to one core; throughput is given per CPU second of the tagging thread
(the machine is shared, so wall-clock figures depend on what else runs) and per wall second.
Usage: python bench/nlp_speed.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.planfile import Goal, Plan, Problem, parse_plan  # noqa: E402

DATA = ROOT / "tests" / "data" / "nlp"


def twenty_objective_plan() -> Plan:
    objectives = []
    for path in sorted((DATA / "plans").glob("*.yaml")):
        objectives += parse_plan(path.read_bytes()).objectives()
    objectives = [replace(o, id=f"O{k}") for k, o in enumerate(objectives[:20], 1)]
    goal = Goal("G1", "Combined goals", objectives, [])
    return Plan("BENCH", None, [Problem("P1", "Combined problems", [goal])], None)


def dev_sentences() -> list[str]:
    lines = (DATA / "labels.txt").read_text("utf-8").splitlines()
    return [line.split(" => ")[0] for line in lines if line and not line.startswith("#")]


def _throughput(tag_all, seconds: float) -> tuple[float, float]:
    """Sentences per CPU second of this thread (robust to other processes on the machine)
    and per wall-clock second."""
    tagged = 0
    wall_start, cpu_start = time.perf_counter(), time.thread_time()
    while time.perf_counter() - wall_start < seconds:
        tagged += tag_all()
    cpu = time.thread_time() - cpu_start
    wall = time.perf_counter() - wall_start
    return tagged / cpu, tagged / wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    import nlp.pipeline  # spaCy and the components import here, outside the timing
    from nlp import build_tagger

    started = time.perf_counter()
    nlp.pipeline.get_language()
    build_seconds = time.perf_counter() - started

    plan = twenty_objective_plan()
    started = time.perf_counter()
    rounds = 50
    for _ in range(rounds):
        tagger = build_tagger(plan)
    tagger_ms = (time.perf_counter() - started) / rounds * 1000

    sentences = dev_sentences()
    notes = [" ".join(sentences[k : k + 10]) for k in range(0, len(sentences), 10)]
    tagger.tag(" ".join(sentences))  # warm the word-form cache as a running bot would be
    per_note = _throughput(lambda: sum(len(tagger.tag(note)) for note in notes), args.seconds)
    per_call = _throughput(
        lambda: sum(len(tagger.tag(sentence)) for sentence in sentences), args.seconds / 2
    )

    print(f"objectives in plan          {len(plan.objectives())}")
    print(f"pipeline build (s)          {build_seconds:.3f}")
    print(f"build_tagger (ms)           {tagger_ms:.2f}")
    print(f"sentences/s, notes of 10    {per_note[0]:,.0f} per CPU second, {per_note[1]:,.0f} wall")
    print(f"sentences/s, one per call   {per_call[0]:,.0f} per CPU second, {per_call[1]:,.0f} wall")
    print(f"load average (1 min)        {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

"""Exactly once: three dispatcher processes racing on one PostgreSQL database, 10,000 reminders.

Runs the benchmark (bench/reminders.py) with three real processes and checks its counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.pg import postgres_url, requires_postgres

ROOT = Path(__file__).resolve().parents[2]


def bench_figures(*arguments: str) -> dict:
    """bench/reminders.py's figures (its last JSON line) for these arguments."""
    finished = subprocess.run(
        [sys.executable, "-m", "bench.reminders", *arguments, "--json", "--url", postgres_url()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(finished.stdout.strip().splitlines()[-1])


@requires_postgres
def test_three_processes_send_ten_thousand_reminders_each_once():
    figures = bench_figures("--processes", "3", "--count", "10000")
    assert figures["duplicates"] == 0
    assert figures["lost"] == 0
    assert figures["unsent_rows"] == 0
    assert sum(figures["per_worker"]) == 10_000
    assert sum(1 for sent in figures["per_worker"] if sent) >= 2  # they really did race


@requires_postgres
def test_a_worker_killed_while_sending_repeats_at_most_the_message_in_flight():
    """Two of three dispatchers are SIGKILLed mid-batch; the survivor and one more (its clock
    past the lease) send the rest. Each message is settled as soon as Telegram takes it."""
    figures = bench_figures("--processes", "3", "--count", "3000", "--kill", "2")
    assert figures["killed"] == 2
    assert figures["lost"] == 0 and figures["unsent_rows"] == 0
    assert figures["duplicates"] <= 2, "at most one repeated message per kill"

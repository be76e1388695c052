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


@requires_postgres
def test_three_processes_send_ten_thousand_reminders_each_once():
    command = [sys.executable, "-m", "bench.reminders", "--processes", "3", "--count", "10000"]
    finished = subprocess.run(
        [*command, "--json", "--url", postgres_url()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    figures = json.loads(finished.stdout.strip().splitlines()[-1])
    assert figures["duplicates"] == 0
    assert figures["lost"] == 0
    assert figures["unsent_rows"] == 0
    assert sum(figures["per_worker"]) == 10_000
    assert sum(1 for sent in figures["per_worker"] if sent) >= 2  # they really did race

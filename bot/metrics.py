"""Prometheus metrics, shown at /metrics: counts and timings only.

No label carries PHI: labels are kinds of update (message, callback_query, ...), kinds of
reminder (digest, nudge, review, own) and outcomes. With several worker processes
(`wayfinder run --workers N`) PROMETHEUS_MULTIPROC_DIR is set before any worker starts, each
worker writes its own files there, and any worker's /metrics shows the sum over all of them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"

TURNS = Counter(
    "wayfinder_turns_total",
    "Telegram updates processed, by kind of update and how they ended",
    ["kind", "outcome"],
)
TURN_SECONDS = Histogram(
    "wayfinder_turn_seconds",
    "From claiming an update in the inbox to its last reply reaching Telegram",
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
REMINDERS = Counter(
    "wayfinder_reminders_total",
    "Reminder messages by outcome: sent, failed (given up), retried, skipped, cancelled, held",
    ["outcome"],
)
TRANSCRIPTIONS = Gauge(
    "wayfinder_transcription_queue",
    "Voice messages being transcribed or waiting for the speech worker",
    multiprocess_mode="livesum",
)


class _Snapshot:
    """A gauge whose value was read just before the scrape (the inbox depth, from the
    database: the same for every worker, so it is not summed over them)."""

    def __init__(self, name: str, documentation: str, value: float) -> None:
        self.family = GaugeMetricFamily(name, documentation, value=value)

    def collect(self):
        yield self.family


def render(inbox_depth: int) -> tuple[bytes, str]:
    """The /metrics body and its content type."""
    snapshot = CollectorRegistry()
    snapshot.register(
        _Snapshot("wayfinder_inbox_depth", "Updates recorded and not yet answered", inbox_depth)
    )
    directory = os.environ.get(MULTIPROCESS_DIR)
    if directory:
        workers = CollectorRegistry()
        MultiProcessCollector(workers, path=directory)
        body = generate_latest(workers)
    else:
        body = generate_latest(REGISTRY)
    return body + generate_latest(snapshot), CONTENT_TYPE_LATEST


def forget_dead_workers(alive: Callable[[int], bool]) -> None:
    """Drops the live gauges of worker processes that are gone (a killed worker cannot)."""
    directory = os.environ.get(MULTIPROCESS_DIR)
    if not directory:
        return
    for path in Path(directory).glob("gauge_live*_*.db"):
        pid = path.stem.rsplit("_", 1)[-1]
        if pid.isdigit() and not alive(int(pid)):
            mark_process_dead(int(pid), directory)

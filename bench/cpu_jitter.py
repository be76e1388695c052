"""How steady this machine's CPU is: the same few milliseconds of work, timed over and over.

A text turn is a few milliseconds of CPU with the process idle in between (bench/turns.py),
so a turn's p99 can be no better than the p99 of any fixed piece of work done that way here.
This times one fixed pure-Python workload (about a text turn's CPU) two ways: with idle gaps
of 10-50 ms between runs, as when 50 clinicians' messages arrive, and back to back. The ratio
of p99 to p50 is the machine's, not the bot's.

    .venv/bin/python bench/cpu_jitter.py [--seconds 20]
"""

from __future__ import annotations

import argparse
import random
import time


def workload() -> int:
    total = 0
    for number in range(50_000):
        total += number * number
    return total


def timings(seconds: float, gaps: tuple[float, float] | None) -> list[float]:
    spans, pace, end = [], random.Random(1), time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.perf_counter()
        workload()
        spans.append(time.perf_counter() - started)
        if gaps:
            time.sleep(pace.uniform(*gaps))
    return sorted(spans)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    for label, gaps in (("idle gaps of 10-50 ms", (0.01, 0.05)), ("back to back", None)):
        spans = timings(args.seconds, gaps)
        p50, p99 = spans[len(spans) // 2] * 1000, spans[int(len(spans) * 0.99) - 1] * 1000
        print(f"fixed workload, {label}: p50 {p50:.1f} ms, p99 {p99:.1f} ms "
              f"(p99/p50 {p99 / p50:.1f}, {len(spans)} runs)")


if __name__ == "__main__":
    main()

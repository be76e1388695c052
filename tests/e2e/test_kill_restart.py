"""Issue 12's crash test: SIGKILL the real `wayfinder run` at random moments, 50 times, while
Sign presses, voice messages and typed text are in flight; restart it each time. Every update
is processed once and answered; none is silently gone (bench/kill_restart.py does the work and
prints the figures README quotes)."""

from __future__ import annotations

import json

from bench.kill_restart import run

CYCLES = 50


async def test_fifty_kills_lose_nothing_and_do_nothing_twice(tmp_path):
    figures = await run(CYCLES, seed=12, workdir=tmp_path)
    print(json.dumps(figures))  # the figures, for README (pytest -s shows them)
    assert figures["kills"] == CYCLES
    assert set(figures["kills_aimed_at"]) == {"press", "text", "voice", "any"}
    assert figures["sent_by_kind"]["press"] >= CYCLES // 2
    assert figures["sent_by_kind"]["voice"] >= 1
    assert figures["duplicated_effects"] == [] and figures["missing_effects"] == []
    assert figures["processed_once"] == figures["sent"]
    assert figures["answered"] == figures["sent"]
    assert figures["lost"] == 0
    assert figures["duplicate_replies"] <= figures["kills"]
    assert figures["clean_stop"] and not figures["phi_in_log"]

"""SIGKILL the real `wayfinder chat` process mid-note, start it again: nothing is lost."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

WAYFINDER = Path(sys.executable).with_name("wayfinder")


class Terminal:
    def __init__(self, env: dict[str, str]):
        self.process = subprocess.Popen(
            [str(WAYFINDER), "chat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, env=env,
        )
        self.seen = b""

    def type(self, line: str) -> None:
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def wait_for(self, text: str, timeout: float = 30) -> str:
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while text.encode() not in self.seen:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                raise AssertionError(f"{text!r} not shown; the terminal showed:\n{self.seen!r}")
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError(f"process ended before {text!r}:\n{self.seen!r}")
            self.seen += chunk
        shown, _, self.seen = self.seen.partition(text.encode())
        return shown.decode()


def test_sigkill_mid_note_then_restart_continues_where_it_was(tmp_path):
    env = {**os.environ, "WAYFINDER_DATA_DIR": str(tmp_path / "var"), "WAYFINDER_KEY": ""}
    first = Terminal(env)
    first.wait_for("Ctrl-D to quit")
    first.type("/start")
    first.wait_for("time zone")
    first.type("Europe/London")
    first.wait_for("Time zone set")
    first.type("/note A.B. birp")
    first.wait_for("Behavior (1/4)")
    first.type("Arrived late, tearful.")
    first.wait_for("(1 so far)")
    first.type("next")
    first.wait_for("Intervention (2/4)")
    first.type("Grounding exercise, 5-4-3-2-1.")
    first.wait_for("(1 so far)")
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(timeout=10)

    second = Terminal(env)
    second.wait_for("Ctrl-D to quit")
    second.type("Validated feelings.")
    second.wait_for("Added to Intervention (2 so far)")
    second.type("done")
    review = second.wait_for("#1 ✅ Sign")
    assert "Arrived late, tearful." in review
    assert "Grounding exercise, 5-4-3-2-1.\nValidated feelings." in review
    second.process.stdin.close()
    assert second.process.wait(timeout=10) == 0

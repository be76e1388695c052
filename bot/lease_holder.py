"""Who holds a lease: this machine and this process, and whether a holder on this machine is gone.

A lease names its holder as `host/boot:pid`. A worker that finds a lease held by a process of
its own machine (same host name, same boot) that no longer exists can take it at once instead
of waiting for it to run out: that is how a restarted worker picks up, straight away, what the
killed one had claimed. Holders on other machines are left to their leases.
"""

from __future__ import annotations

import os
import socket
from functools import cache
from pathlib import Path

BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


@cache
def this_machine() -> str:
    boot = BOOT_ID.read_text().strip()[:8] if BOOT_ID.exists() else "-"
    return f"{socket.gethostname()[:40]}/{boot}"


def this_process() -> str:
    return f"{this_machine()}:{os.getpid()}"


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def gone(holder: str) -> bool:
    """True only for a holder on this machine whose process has ended."""
    machine, _, pid = holder.rpartition(":")
    if machine != this_machine() or not pid.isdigit():
        return False
    return int(pid) != os.getpid() and not process_alive(int(pid))

"""Chat-lock PINs, kept only as a keyed hash.

A 4-to-8-digit PIN has at most 10^8 values, so no unkeyed hash would protect it: anyone with
the database file could try them all. Keyed with the database's look-up key (the one client codes
are indexed with), the verifier is worthless without the key, and the key already opens
everything the PIN guards. Checking one costs microseconds, so it runs inside a turn.
"""

from __future__ import annotations

import hmac
import re

from storage.fields import keyring

PIN_PATTERN = re.compile(r"\d{4,8}")


def pin_verifier(clinician_id: int, pin: str) -> str:
    return keyring().blind_index(f"chat-lock|{clinician_id}|{pin}")


def pin_matches(clinician_id: int, pin: str, verifier: str | None) -> bool:
    return verifier is not None and hmac.compare_digest(pin_verifier(clinician_id, pin), verifier)

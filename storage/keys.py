"""Where the master key comes from: `WAYFINDER_KEY`, or a key file created on first run (0600).

The key file holds every key version, so a rotation can re-encrypt old values and still read
them until it finishes. `WAYFINDER_KEY` holds one or more base64 keys, `v2:KEY,v1:KEY` style.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import stat
from pathlib import Path

from storage.crypto import KeyRing


class KeyProblem(Exception):
    """The key is missing, malformed or unsafe; the message says what to do."""


def _decode(text: str, origin: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except ValueError:
        raise KeyProblem(f"{origin} is not base64") from None
    if len(raw) != 32:
        raise KeyProblem(f"{origin} must decode to 32 bytes, not {len(raw)}")
    return raw


def encode_key(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def parse_env_key(value: str) -> KeyRing:
    masters: dict[int, bytes] = {}
    for position, part in enumerate(p for p in value.split(",") if p.strip()):
        version_text, sep, key_text = part.partition(":")
        if sep and version_text.strip().lstrip("v").isdigit():
            version = int(version_text.strip().lstrip("v"))
        else:
            version, key_text = position + 1, part
        masters[version] = _decode(key_text, "WAYFINDER_KEY")
    if not masters:
        raise KeyProblem("WAYFINDER_KEY is empty")
    return KeyRing(masters)


def read_key_file(path: Path) -> KeyRing:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyProblem(f"key file {path} is readable by others; run: chmod 600 {path}")
    try:
        data = json.loads(path.read_text())
        masters = {int(v): _decode(k, f"key file {path}") for v, k in data["keys"].items()}
        return KeyRing(masters, current=int(data["current"]))
    except (ValueError, KeyError, TypeError):
        raise KeyProblem(f"key file {path} is malformed") from None


def write_key_file(path: Path, ring_keys: dict[int, bytes], current: int) -> None:
    """Write atomically with mode 0600 from the start; the key never exists world-readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        payload = {
            "current": current,
            "keys": {str(v): encode_key(k) for v, k in ring_keys.items()},
        }
        json.dump(payload, handle)
    os.replace(tmp, path)


def load_key_file_masters(path: Path) -> tuple[dict[int, bytes], int]:
    data = json.loads(path.read_text())
    return {int(v): _decode(k, "key file") for v, k in data["keys"].items()}, int(data["current"])


def new_master() -> bytes:
    return secrets.token_bytes(32)


def load_keyring(env_key: str | None, key_file: Path) -> KeyRing | None:
    """The configured key ring, or None when there is none yet (the caller decides to create)."""
    if env_key:
        return parse_env_key(env_key)
    if key_file.exists():
        return read_key_file(key_file)
    return None


def create_key_file(key_file: Path) -> KeyRing:
    master = new_master()
    write_key_file(key_file, {1: master}, 1)
    return KeyRing({1: master})

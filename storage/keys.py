"""Where the master key comes from: `WAYFINDER_KEY`, or a key file created on first run (0600).

The key file holds every key version, so a rotation can re-encrypt old values and still read
them until it finishes. `WAYFINDER_KEY` holds one or more base64 keys, `v2:KEY,v1:KEY` style.
After old versions are forgotten (`wayfinder rotate-key --forget-old`) the client-code index key
derived from the first version is kept on its own: `"index"` in the file, `index:KEY` in
`WAYFINDER_KEY`.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from storage.crypto import KeyRing
from storage.private_files import private_directory


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


@dataclass
class MasterKeys:
    """What a key file or `WAYFINDER_KEY` holds: master keys by version, the one that encrypts,
    and the client-code index key when it is kept apart from the masters."""

    masters: dict[int, bytes]
    current: int
    index_key: bytes | None = field(default=None, repr=False)

    def ring(self) -> KeyRing:
        return KeyRing(self.masters, self.current, index_key=self.index_key)

    def with_new_version(self) -> MasterKeys:
        """A fresh master as the next version, now current; older versions are kept."""
        version = max(self.masters) + 1
        return MasterKeys({**self.masters, version: new_master()}, version, self.index_key)

    def without_old_versions(self) -> MasterKeys:
        """Only the current master, plus the index key so client look-ups keep matching."""
        current = {self.current: self.masters[self.current]}
        return MasterKeys(current, self.current, self.ring().index_key)

    def as_env_value(self) -> str:
        """The `WAYFINDER_KEY` value holding these keys, newest version first."""
        parts = [f"v{v}:{encode_key(self.masters[v])}" for v in sorted(self.masters, reverse=True)]
        if self.index_key is not None:
            parts.append(f"index:{encode_key(self.index_key)}")
        return ",".join(parts)


def parse_env_masters(value: str) -> MasterKeys:
    masters: dict[int, bytes] = {}
    index_key = None
    for position, part in enumerate(p for p in value.split(",") if p.strip()):
        label, sep, key_text = part.partition(":")
        label = label.strip()
        if sep and label == "index":
            index_key = _decode(key_text, "WAYFINDER_KEY index key")
            continue
        if sep and label.lstrip("v").isdigit():
            version = int(label.lstrip("v"))
        else:
            version, key_text = position + 1, part
        masters[version] = _decode(key_text, "WAYFINDER_KEY")
    if not masters:
        raise KeyProblem("WAYFINDER_KEY is empty")
    return MasterKeys(masters, max(masters), index_key)


def parse_env_key(value: str) -> KeyRing:
    return parse_env_masters(value).ring()


def read_key_file_masters(path: Path) -> MasterKeys:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyProblem(f"key file {path} is readable by others; run: chmod 600 {path}")
    try:
        data = json.loads(path.read_text())
        masters = {int(v): _decode(k, f"key file {path}") for v, k in data["keys"].items()}
        index = data.get("index")
        index_key = _decode(index, f"key file {path}") if index is not None else None
        return MasterKeys(masters, int(data["current"]), index_key)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise KeyProblem(f"key file {path} is malformed") from None


def read_key_file(path: Path) -> KeyRing:
    return read_key_file_masters(path).ring()


def write_key_file(path: Path, stored: MasterKeys) -> None:
    """Write atomically with mode 0600 from the start; the key never exists world-readable."""
    private_directory(path.parent)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        payload = {
            "current": stored.current,
            "keys": {str(v): encode_key(k) for v, k in stored.masters.items()},
        }
        if stored.index_key is not None:
            payload["index"] = encode_key(stored.index_key)
        json.dump(payload, handle)
    os.replace(tmp, path)


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
    created = MasterKeys({1: new_master()}, 1)
    write_key_file(key_file, created)
    return created.ring()

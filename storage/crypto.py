"""Field encryption: AES-256-GCM with a fresh nonce per value, bound to its place, owner, version.

Every column that can hold client information stores the bytes produced here. The associated
data ties a ciphertext to the place it was written (table, column, row), the row's owner (client
and clinician) and the row's write counter, so a value copied into another row or column, a row
moved to another client, or an older ciphertext of the row put back fails to decrypt instead of
silently showing the wrong text.

Stored layout: key version (2 bytes, big-endian) | nonce (12 bytes) | ciphertext and tag.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12
_HEADER = struct.Struct(">H")

# Purposes get keys of their own so private psychotherapy notes never share a key with progress
# notes, and the lookup index key never encrypts anything.
PURPOSES = ("field", "private", "index")


class DecryptionError(Exception):
    """A stored value could not be decrypted: wrong key, or the value was moved or altered."""


def _derive(master: bytes, purpose: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"wayfinder/{purpose}".encode()
    ).derive(master)


class KeyRing:
    """Master keys by version; the newest version encrypts, every version decrypts."""

    def __init__(
        self,
        masters: dict[int, bytes],
        current: int | None = None,
        *,
        index_key: bytes | None = None,
    ):
        if not masters:
            raise ValueError("a key ring needs at least one key")
        for version, key in masters.items():
            if len(key) != 32:
                raise ValueError(f"key version {version} is not 32 bytes")
        self.current = current if current is not None else max(masters)
        self._keys = {
            (version, purpose): _derive(key, purpose)
            for version, key in masters.items()
            for purpose in PURPOSES
        }
        self._aead = {ident: AESGCM(key) for ident, key in self._keys.items()}
        self.versions = sorted(masters)
        # Look-up hashes are made with the first version's index key and must never change, or
        # stored client codes stop matching. Once old versions are forgotten, that derived key
        # is kept on its own (`index_key`): it can hash, but it decrypts nothing.
        self.index_key = index_key or self._keys[(self.versions[0], "index")]

    def encrypt(self, plaintext: bytes, aad: bytes, *, purpose: str = "field") -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead[(self.current, purpose)].encrypt(nonce, plaintext, aad)
        return _HEADER.pack(self.current) + nonce + sealed

    def decrypt(self, blob: bytes, aad: bytes, *, purpose: str = "field") -> bytes:
        if len(blob) < _HEADER.size + NONCE_BYTES + 16:
            raise DecryptionError("stored value is truncated")
        (version,) = _HEADER.unpack_from(blob)
        aead = self._aead.get((version, purpose))
        if aead is None:
            raise DecryptionError(f"no key with version {version}")
        nonce = blob[_HEADER.size : _HEADER.size + NONCE_BYTES]
        try:
            return aead.decrypt(nonce, blob[_HEADER.size + NONCE_BYTES :], aad)
        except InvalidTag:
            raise DecryptionError("stored value does not match this key or place") from None

    @staticmethod
    def version_of(blob: bytes) -> int:
        return _HEADER.unpack_from(blob)[0]

    def blind_index(self, value: str) -> str:
        """A keyed hash for equality look-ups (a client code) without storing the value."""
        return hmac.new(self.index_key, value.encode(), hashlib.sha256).hexdigest()


def aad_for(table: str, column: str, row_id: object) -> bytes:
    """The place alone: the key check's, and every row value's before migration 0012."""
    return f"{table}|{column}|{row_id}".encode()


def row_aad(
    table: str, column: str, row_id: object, owner: tuple[object, ...], version: int
) -> bytes:
    """A row value's associated data: table|column|row_id|owner values|version."""
    owners = ",".join(str(value) for value in owner)
    return aad_for(table, column, row_id) + f"|{owners}|{version}".encode()

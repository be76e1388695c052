"""The one way client information reaches a column: an attribute that encrypts on write.

`body = encrypted_text("body")` on a model stores AES-GCM bytes in the column `body` and gives
plain text back on read. The row id is part of the associated data, so models set their id when
constructed (see `storage.models.Base`), before any encrypted attribute is assigned.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import LargeBinary
from sqlalchemy.orm import mapped_column

from storage.crypto import DecryptionError, KeyRing, aad_for

log = logging.getLogger(__name__)

_keyring: KeyRing | None = None


def install_keyring(ring: KeyRing) -> None:
    global _keyring
    _keyring = ring


def keyring() -> KeyRing:
    if _keyring is None:
        raise RuntimeError("no encryption key is loaded; open the database first")
    return _keyring


class EncryptedValue:
    """Descriptor over a private mapped bytes attribute; `codec` turns values into bytes."""

    def __init__(self, column: str, *, as_json: bool = False, purpose: str = "field"):
        self.column = column
        self.as_json = as_json
        self.purpose = purpose
        self.storage_attr = f"{column}_sealed"

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def _aad(self, instance: Any) -> bytes:
        if instance.id is None:
            raise RuntimeError("encrypted attribute set before the row has an id")
        return aad_for(type(instance).__tablename__, self.column, instance.id)

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        blob = getattr(instance, self.storage_attr)
        if blob is None:
            return None
        try:
            plain = keyring().decrypt(blob, self._aad(instance), purpose=self.purpose).decode()
        except DecryptionError:
            # Where, never what: the table, column and row, so the one bad record can be found.
            place = f"{type(instance).__tablename__}.{self.column} row {instance.id}"
            log.warning("cannot decrypt %s", place)
            raise DecryptionError(f"cannot decrypt {place}") from None
        return json.loads(plain) if self.as_json else plain

    def __set__(self, instance: Any, value: Any) -> None:
        if value is None:
            setattr(instance, self.storage_attr, None)
            return
        plain = json.dumps(value, ensure_ascii=False) if self.as_json else str(value)
        sealed = keyring().encrypt(plain.encode(), self._aad(instance), purpose=self.purpose)
        setattr(instance, self.storage_attr, sealed)


def sealed_column(column: str, *, nullable: bool = True):
    """The bytes column behind an `EncryptedValue`, named as the clear attribute would be."""
    return mapped_column(column, LargeBinary, nullable=nullable)

"""The one way client information reaches a column: an attribute that encrypts on write.

`body = encrypted_text("body")` on a model stores AES-GCM bytes in the column `body` and gives
plain text back on read. The associated data (storage/crypto.py `row_aad`) names the row's id,
its owner (the columns the model lists in `__sealed_owner__`) and its `sealed_version`, so
models set their id and owner when constructed (see `storage.models.Base`), before any
encrypted attribute is assigned.

One version per row, not one per column: the first write of a sealed attribute in a unit of
work (until the next flush) raises the row's version by one and re-seals the row's other sealed
values under it; later writes before the flush reuse it. Every sealed value of a row is then
always sealed under the row's one version, so putting back any older ciphertext of the row
fails, and a single integer column is all the bookkeeping. A model without `sealed_version`
(the inbox, whose values are each written once) seals under version 0.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import LargeBinary
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm.attributes import get_history

from storage.crypto import DecryptionError, KeyRing, row_aad

log = logging.getLogger(__name__)

_keyring: KeyRing | None = None


def install_keyring(ring: KeyRing) -> None:
    global _keyring
    _keyring = ring


def keyring() -> KeyRing:
    if _keyring is None:
        raise RuntimeError("no encryption key is loaded; open the database first")
    return _keyring


def is_versioned(model: type) -> bool:
    return hasattr(model, "sealed_version")


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
        model = type(instance)
        owner = tuple(getattr(instance, name) for name in model.__sealed_owner__)
        if None in owner:
            raise RuntimeError("encrypted attribute set before the row's owner")
        version = (instance.sealed_version or 0) if is_versioned(model) else 0
        return row_aad(model.__tablename__, self.column, instance.id, owner, version)

    def _open(self, instance: Any, blob: bytes) -> bytes:
        return keyring().decrypt(blob, self._aad(instance), purpose=self.purpose)

    def _seal(self, instance: Any, plain: bytes) -> bytes:
        return keyring().encrypt(plain, self._aad(instance), purpose=self.purpose)

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        blob = getattr(instance, self.storage_attr)
        if blob is None:
            return None
        try:
            plain = self._open(instance, blob).decode()
        except DecryptionError:
            # Where, never what: the table, column and row, so the one bad record can be found.
            place = f"{type(instance).__tablename__}.{self.column} row {instance.id}"
            log.warning("cannot decrypt %s", place)
            raise DecryptionError(f"cannot decrypt {place}") from None
        return json.loads(plain) if self.as_json else plain

    def __set__(self, instance: Any, value: Any) -> None:
        if value is None and getattr(instance, self.storage_attr) is None:
            # Nothing changes: no new version, no re-sealing of the row's other values and no
            # UPDATE for it (a conversation's `goto` clears a payload that is often empty).
            return
        _next_version(instance, writing=self)
        if value is None:
            setattr(instance, self.storage_attr, None)
            return
        plain = json.dumps(value, ensure_ascii=False) if self.as_json else str(value)
        setattr(instance, self.storage_attr, self._seal(instance, plain.encode()))


def sealed_values(model: type) -> list[EncryptedValue]:
    """A model's encrypted attributes, its bases' included, one per stored column."""
    found = {
        value.storage_attr: value
        for klass in reversed(model.__mro__)
        for value in vars(klass).values()
        if isinstance(value, EncryptedValue)
    }
    return list(found.values())


def _next_version(instance: Any, *, writing: EncryptedValue) -> None:
    """Raise the row's version once per flush, re-sealing its other values under the new one."""
    model = type(instance)
    if not is_versioned(model) or get_history(instance, "sealed_version").added:
        return
    opened = {}
    for value in sealed_values(model):
        blob = getattr(instance, value.storage_attr)
        if value is writing or blob is None:
            continue
        try:
            opened[value] = value._open(instance, blob)
        except DecryptionError:
            # Already unreadable: it stays so (under any version), and reads report it as before.
            continue
    instance.sealed_version = (instance.sealed_version or 0) + 1
    for value, plain in opened.items():
        setattr(instance, value.storage_attr, value._seal(instance, plain))


def sealed_column(column: str, *, nullable: bool = True):
    """The bytes column behind an `EncryptedValue`, named as the clear attribute would be."""
    return mapped_column(column, LargeBinary, nullable=nullable)

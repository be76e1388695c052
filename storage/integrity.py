"""Signed records that prove themselves: a fingerprint over what a record says and what it is,
chained per client, and sealed with a key the database does not hold.

A signed note's fingerprint (SHA-256, printed in exports) covers its id, client, clinician,
template, plan version, group, sections, tags, signed time and the fingerprint of the client's
previous signed record; an addendum's covers its id, note, client, clinician, text, time and
the previous record. A client's signed records form one chain, from the first (previous "") to
`clients.chain_head`. Anyone who can write the database file can recompute a SHA-256, so each
fingerprint is also sealed with an HMAC under a key derived from the key ring's index key (kept
across key rotations): a changed record cannot be given a matching seal without the key.

A co-signature (a supervisor's, storage/cosignatures.py) has a fingerprint of its own over the
note's fingerprint as it was when sent, the supervisor and the time, sealed the same way: the
note cannot change without its co-signature failing, nor the co-signature be forged or moved.

`verify_note` is the one check every reader of a signed note calls (show, export, progress,
addendum); `storage/verify.py` walks the whole database with it (`wayfinder verify`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from storage.crypto import DecryptionError
from storage.fields import keyring
from storage.models import Addendum, Client, Note, NoteCosignature

log = logging.getLogger(__name__)

GENESIS = ""  # the previous fingerprint of a client's first signed record


@dataclass(frozen=True)
class IntegrityFailure:
    """A record that failed its check: where it is, never what it says."""

    table: str
    row_id: str
    signed_at: datetime | None


def _fingerprint(fields: dict) -> str:
    canonical = json.dumps(
        fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _moment(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def note_fingerprint(note: Note, signed_at: datetime, previous: str) -> str:
    return _fingerprint(
        {
            "record": "note",
            "id": note.id,
            "client": note.client_id,
            "clinician": note.clinician_id,
            "template": note.template,
            "plan_version": note.plan_version_id,
            "group": note.group_id,
            "sections": note.content or {},
            "tags": note.tags or {},
            "signed_at": _moment(signed_at),
            "previous": previous,
        }
        | _service(note)
    )


def _service(note: Note) -> dict:
    # A note from before service details existed has none, so its fingerprint reads as signed.
    if note.service_date is None:
        return {}
    return {
        "service": {
            "date": note.service_date.isoformat(),
            "start": note.service_start,
            "minutes": note.service_minutes,
            "format": note.service_format,
            "present": note.present,
        }
    }


def addendum_fingerprint(addendum: Addendum, note: Note, previous: str) -> str:
    return _fingerprint(
        {
            "record": "addendum",
            "id": addendum.id,
            "note": note.id,
            "client": note.client_id,
            "clinician": note.clinician_id,
            "body": addendum.body,
            "created_at": _moment(addendum.created_at),
            "previous": previous,
        }
    )


def cosignature_fingerprint(cosignature: NoteCosignature, note_hash: str, at: datetime) -> str:
    return _fingerprint(
        {
            "record": "cosignature",
            "id": cosignature.id,
            "note": cosignature.note_id,
            "note_hash": note_hash,
            "supervisor": cosignature.supervisor_id,
            "cosigned_at": _moment(at),
        }
    )


@cache
def _seal_key(index_key: bytes) -> bytes:
    return hmac.new(index_key, b"wayfinder/record-seal", hashlib.sha256).digest()


def seal(fingerprint: str) -> str:
    """The fingerprint under the installation's key: only a holder of the key can make it."""
    key = _seal_key(keyring().index_key)
    return hmac.new(key, fingerprint.encode(), hashlib.sha256).hexdigest()


def _sealed_right(fingerprint: str | None, stored_seal: str | None) -> bool:
    return (
        fingerprint is not None
        and stored_seal is not None
        and hmac.compare_digest(seal(fingerprint), stored_seal)
    )


def sign_note(note: Note, client: Client, now: datetime) -> str:
    """Fingerprints and seals the note as signed now, as the next link of its client's chain."""
    previous = client.chain_head or GENESIS
    note.previous_hash = previous
    note.content_hash = note_fingerprint(note, now, previous)
    note.seal = seal(note.content_hash)
    client.chain_head = note.content_hash
    return note.content_hash


def sign_addendum(addendum: Addendum, note: Note, client: Client) -> None:
    previous = client.chain_head or GENESIS
    addendum.previous_hash = previous
    addendum.content_hash = addendum_fingerprint(addendum, note, previous)
    addendum.seal = seal(addendum.content_hash)
    client.chain_head = addendum.content_hash


def cosign(cosignature: NoteCosignature, note: Note, now: datetime) -> None:
    """The supervisor's signature on the note as it reads now (the caller checked it is the note
    that was sent: `cosignature.note_hash`)."""
    cosignature.content_hash = cosignature_fingerprint(cosignature, note.content_hash, now)
    cosignature.seal = seal(cosignature.content_hash)
    cosignature.decided_at = now
    cosignature.state = "cosigned"


def verify_cosignature(cosignature: NoteCosignature, note: Note) -> IntegrityFailure | None:
    """None when a co-signed note's co-signature still matches the note and its own seal."""
    if cosignature.state != "cosigned":
        return None
    if (
        cosignature.decided_at is not None
        and note.content_hash == cosignature.note_hash
        and hmac.compare_digest(
            cosignature_fingerprint(cosignature, note.content_hash or "", cosignature.decided_at),
            cosignature.content_hash or "",
        )
        and _sealed_right(cosignature.content_hash, cosignature.seal)
    ):
        return None
    return _failure("note_cosignatures", cosignature.id, cosignature.decided_at)


def _failure(table: str, row_id: str, signed_at: datetime | None) -> IntegrityFailure:
    # Table and row only: the log of a clinical record system must never hold its content.
    log.warning("integrity check failed: %s row %s", table, row_id)
    return IntegrityFailure(table, row_id, signed_at)


def verify_note(note: Note, addenda: tuple[Addendum, ...] | list[Addendum] = ()) -> (
    IntegrityFailure | None
):
    """None when the signed note (and its addenda) reads back exactly as signed.

    A value that no longer decrypts, a changed field, a moved or re-signed note, or a seal that
    does not match all fail the same way: the note is shown as failed, the rest carries on."""
    try:
        expected = note_fingerprint(note, note.signed_at, note.previous_hash or GENESIS)
        if not (
            hmac.compare_digest(expected, note.content_hash or "")
            and _sealed_right(note.content_hash, note.seal)
        ):
            return _failure("notes", note.id, note.signed_at)
    except (DecryptionError, ValueError, TypeError, AttributeError):
        return _failure("notes", note.id, note.signed_at)
    for addendum in addenda:
        if verify_addendum(addendum, note) is not None:
            return _failure("addenda", addendum.id, note.signed_at)
    return None


def verify_addendum(addendum: Addendum, note: Note) -> IntegrityFailure | None:
    try:
        expected = addendum_fingerprint(addendum, note, addendum.previous_hash or GENESIS)
    except (DecryptionError, ValueError, TypeError):
        return IntegrityFailure("addenda", addendum.id, addendum.created_at)
    if hmac.compare_digest(expected, addendum.content_hash or "") and _sealed_right(
        addendum.content_hash, addendum.seal
    ):
        return None
    return IntegrityFailure("addenda", addendum.id, addendum.created_at)

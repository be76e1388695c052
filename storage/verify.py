"""`wayfinder verify`: the whole database, checked; failures named by table and row, never content.

Three walks: every sealed value decrypts under its place, its row's owner and version (a flipped
byte, a value moved to another row, a row moved to another client, an older ciphertext put
back); every
signed note, addendum and co-signature matches its fingerprint and seal (storage/integrity.py;
a co-signature also fails when its note is no longer the note it co-signed) and each
client's records form one unbroken chain ending at the client's `chain_head` (a record removed,
re-signed or moved breaks it); and every audit row is in its chain (storage/audit.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import audit, integrity
from storage.crypto import DecryptionError
from storage.fields import keyring
from storage.models import Addendum, Client, Note, NoteCosignature
from storage.rotation import sealed_columns


@dataclass(frozen=True)
class Failure:
    table: str
    row_id: str
    why: str  # "decrypt", "fingerprint", "chain", "chain head", or an audit break's reason


@dataclass
class VerifyReport:
    checked: Counter = field(default_factory=Counter)  # by what: "sealed values", "notes", ...
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


async def verify_database(session: AsyncSession) -> VerifyReport:
    report = VerifyReport()
    await _sealed_values(session, report)
    await _signed_records(session, report)
    count, breaks = await audit.verify_chains(session)
    report.checked["audit rows"] = count
    report.failures.extend(Failure("audit", str(b.row_id), b.why) for b in breaks)
    return report


async def _sealed_values(session: AsyncSession, report: VerifyReport) -> None:
    ring = keyring()
    for sealed in sealed_columns():
        for row in await session.execute(sealed.rows()):
            report.checked["sealed values"] += 1
            try:
                ring.decrypt(row[1], sealed.aad(row), purpose=sealed.purpose)
            except DecryptionError:
                report.failures.append(Failure(sealed.table.name, str(row[0]), "decrypt"))


async def _signed_records(session: AsyncSession, report: VerifyReport) -> None:
    notes = {n.id: n for n in await session.scalars(select(Note).where(Note.status == "signed"))}
    by_client: dict[str, list[Note | Addendum]] = defaultdict(list)
    for note in notes.values():
        report.checked["signed notes"] += 1
        if integrity.verify_note(note) is not None:
            report.failures.append(Failure("notes", note.id, "fingerprint"))
        by_client[note.client_id].append(note)
    for addendum in await session.scalars(select(Addendum)):
        report.checked["addenda"] += 1
        note = notes.get(addendum.note_id)
        if note is None or integrity.verify_addendum(addendum, note) is not None:
            report.failures.append(Failure("addenda", addendum.id, "fingerprint"))
            continue
        by_client[note.client_id].append(addendum)
    cosigned = select(NoteCosignature).where(NoteCosignature.state == "cosigned")
    for cosignature in await session.scalars(cosigned):
        report.checked["co-signatures"] += 1
        note = notes.get(cosignature.note_id)
        if note is None or integrity.verify_cosignature(cosignature, note) is not None:
            report.failures.append(Failure("note_cosignatures", cosignature.id, "fingerprint"))
    heads = dict((await session.execute(select(Client.id, Client.chain_head))).all())
    for client_id, head in heads.items():
        _walk_chain(client_id, head, by_client.get(client_id, []), report)


def _walk_chain(
    client_id: str, head: str | None, records: list[Note | Addendum], report: VerifyReport
) -> None:
    """From the first record (previous "") link by link; whatever is not reached is broken."""
    following: dict[str, list[Note | Addendum]] = defaultdict(list)
    for record in records:
        following[record.previous_hash or integrity.GENESIS].append(record)
    at, reached = integrity.GENESIS, set()
    while len(following.get(at, [])) == 1:
        (record,) = following[at]
        reached.add(record.id)
        at = record.content_hash
    for record in records:
        if record.id not in reached:
            table = "notes" if isinstance(record, Note) else "addenda"
            report.failures.append(Failure(table, record.id, "chain"))
    if records and at != (head or integrity.GENESIS):
        report.failures.append(Failure("clients", client_id, "chain head"))

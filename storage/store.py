"""The store: one clinician's records in one transaction, a repository per kind of record.

The dialogue reaches the database only through a turn's store (`turn.store`), the reminders
through a clinician's: every query, lock, upsert and statement cache is behind a repository
here or in the modules they come from. A new kind of record is a new repository, one line in
`Store`; features that do not use it do not change.

    store.clinician       the clinician's row, read and changed in place
    store.conversation    where the dialogue is (a turn's store only)
    store.clients         codes, recent clients, where each one stands
    store.notes           progress notes, addenda, message links; a turn's store opens notes
    store.plans           treatment plans, versions, learned keywords
    store.plan_drafts     plan builds kept to resume
    store.reminders       reminder rows
    store.route_flags     objectives whose route looks blocked, flagged once
    store.private_notes   psychotherapy notes, apart from everything else
    store.exports         what an export of a client's record reads
    store.audit           the audit trail: one row per access, in the turn's transaction
    store.held            messages sent to a locked chat, handled after the PIN
    store.cosignatures    notes sent to a supervisor, co-signed or returned
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import audit, clinicians
from storage.audit import Audit
from storage.clients import Clients
from storage.conversations import ConversationState
from storage.cosignatures import Cosignatures
from storage.exports import Exports
from storage.held import HeldMessages
from storage.models import Client, Clinician, Conversation, Note
from storage.notes import Notes
from storage.open_note import Templates, TurnNotes
from storage.plan_drafts import PlanDrafts
from storage.plans import Plans
from storage.private_notes import PrivateNotes
from storage.reminders import Reminders
from storage.route_flags import RouteFlags

# Every turn runs it; built once, as building a statement costs more than running it on SQLite
# (bench/turns.py). The clinician's row is locked for the turn on PostgreSQL (SQLite's writer
# lock already serialises turns), and the conversation's open note and its client come along:
# most turns work on them. So does the head of the clinician's audit chain, which a turn that
# records an access chains from without a lookup of its own (storage/audit.py checks it is
# still the head when it writes: read while waiting for the lock, it can be an older one).
_TURN_ROWS = (
    select(Clinician, Conversation, Note, Client, audit.last_hash_of(Clinician.id))
    .outerjoin(Conversation, Conversation.clinician_id == Clinician.id)
    .outerjoin(Note, (Note.id == Conversation.note_id) & (Note.clinician_id == Clinician.id))
    .outerjoin(Client, Client.id == Note.client_id)
    .where(Clinician.id == bindparam("user_id"))
    .with_for_update(of=Clinician)
)


class Store:
    def __init__(self, session: AsyncSession, clinician: Clinician) -> None:
        self.clinician = clinician
        self.clients = Clients(session, clinician.id)
        self.notes = Notes(session, clinician.id)
        self.plans = Plans(session, clinician.id)
        self.plan_drafts = PlanDrafts(session, clinician.id)
        self.reminders = Reminders(session, clinician.id)
        self.route_flags = RouteFlags(session, clinician.id)
        self.private_notes = PrivateNotes(session, clinician.id)
        self.exports = Exports(session, clinician.id)
        self.audit = Audit(session, clinician.id)
        self.held = HeldMessages(session, clinician.id)
        self.cosignatures = Cosignatures(session, clinician.id)


class TurnStore(Store):
    """A turn's store: also the conversation, and the notes a turn opens."""

    def __init__(
        self,
        session: AsyncSession,
        clinician: Clinician,
        conversation: Conversation,
        templates: Templates,
        open_note: tuple[Note, Client] | None = None,
    ) -> None:
        super().__init__(session, clinician)
        self.conversation = ConversationState(session, conversation)
        self.notes = TurnNotes(session, clinician.id, templates, open_note)

    @classmethod
    async def open(
        cls, session: AsyncSession, clinician_id: int, now: datetime, templates: Templates
    ) -> TurnStore:
        """The clinician's rows for this turn, in one query; created on first contact."""
        row = (await session.execute(_TURN_ROWS, {"user_id": clinician_id})).first()
        clinician, conversation, note, client, audit_head = row if row is not None else (None,) * 5
        if clinician is None:
            clinician = await clinicians.first_contact(session, clinician_id, now)
        else:
            audit.expect_head(session, clinician.id, audit_head)
        if conversation is None:
            # "idle" is the conversation's default mode (storage/models.py): nothing open.
            conversation = Conversation(clinician_id=clinician.id, mode="idle", updated_at=now)
            session.add(conversation)
        open_note = (note, client) if note is not None else None
        return cls(session, clinician, conversation, templates, open_note)

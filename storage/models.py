"""Tables. Anything that can hold client information is an `EncryptedValue`; the rest is plain.

Plain columns carry only what the software needs to find and order rows: ids, template names,
timestamps, statuses and review dates. A plan's objective ids are the clinician's own words (up
to 16 characters of their choosing), so they are sealed wherever they are stored. Client codes
are looked up through a keyed hash (`code_index`), never stored in the clear.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    TypeDecorator,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry
from sqlalchemy.orm.base import NEVER_SET, NO_VALUE

from storage.fields import EncryptedValue, sealed_column, sealed_values


def new_id() -> str:
    return uuid.uuid4().hex


class UTCDateTime(TypeDecorator):
    """Stores naive UTC (SQLite has no zones) and always hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def _construct(self, **kwargs) -> None:
    # The id and the owner go first: encrypted attributes bind their ciphertext to them.
    id_column = self.__table__.c.get("id")
    if "id" in kwargs:
        self.id = kwargs.pop("id")
    elif id_column is not None and isinstance(id_column.type, String):
        self.id = new_id()
    cls = type(self)
    for name in getattr(cls, "__sealed_owner__", ()):
        if name in kwargs:
            setattr(self, name, kwargs.pop(name))
    for key, value in kwargs.items():
        if not hasattr(cls, key):
            raise TypeError(f"{key!r} is not an attribute of {cls.__name__}")
        setattr(self, key, value)


class Base(DeclarativeBase):
    registry = registry(constructor=_construct)


class SealedRow:
    """A row with sealed values (storage/fields.py): each names its owner, and the row counts
    its writes so an older ciphertext of it put back no longer decrypts.

    `__sealed_owner__` lists the row's own client and clinician columns, those it has; its
    values are part of every sealed value's associated data, so a row moved to another owner
    does not decrypt (and the application refuses to move one: see `_keep_owner`).
    """

    __sealed_owner__: tuple[str, ...] = ()
    sealed_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


class Clinician(Base):
    __tablename__ = "clinicians"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    onboarded: Mapped[bool] = mapped_column(Boolean, default=False)
    digest_time: Mapped[str] = mapped_column(String(5), default="17:00")
    quiet_start: Mapped[str] = mapped_column(String(5), default="21:00")
    quiet_end: Mapped[str] = mapped_column(String(5), default="07:00")
    nudge_hours: Mapped[int] = mapped_column(Integer, default=24)
    review_days: Mapped[int] = mapped_column(Integer, default=90)
    reminders_off: Mapped[list] = mapped_column(JSON, default=list)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The chat lock (bot/dialogue/lock.py). The PIN itself is never stored: only a keyed hash.
    pin_verifier: Mapped[str | None] = mapped_column(String(64))
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pin_failures: Mapped[int] = mapped_column(Integer, default=0)
    pin_retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Client(SealedRow, Base):
    __tablename__ = "clients"
    __sealed_owner__ = ("clinician_id",)
    __table_args__ = (UniqueConstraint("clinician_id", "code_index"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), index=True)
    code_index: Mapped[str] = mapped_column(String(64))
    code_sealed: Mapped[bytes] = sealed_column("code", nullable=False)
    code = EncryptedValue("code")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The fingerprint of the client's latest signed record (storage/integrity.py).
    chain_head: Mapped[str | None] = mapped_column(String(64))


class Note(SealedRow, Base):
    """A progress note. `content` maps section key -> list of entries {"ref", "text"}."""

    __tablename__ = "notes"
    __sealed_owner__ = ("client_id", "clinician_id")
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), index=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), index=True)
    template: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    section_index: Mapped[int] = mapped_column(Integer, default=0)
    content_sealed: Mapped[bytes] = sealed_column("content")
    content = EncryptedValue("content", as_json=True)
    tags_sealed: Mapped[bytes | None] = sealed_column("tags")
    tags = EncryptedValue("tags", as_json=True)
    plan_version_id: Mapped[str | None] = mapped_column(ForeignKey("plan_versions.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    previous_hash: Mapped[str | None] = mapped_column(String(64))  # the client's chain
    seal: Mapped[str | None] = mapped_column(String(64))  # HMAC of content_hash
    group_id: Mapped[str | None] = mapped_column(String(32), index=True)  # one per group session
    # Service details (bot/dialogue/notes/service.py). The day, start, length and format are
    # plain: the record is ordered and counted by them and they hold nothing typed in free text.
    # A note from before they existed has none; its date of service is the day it was signed.
    service_date: Mapped[date | None] = mapped_column(Date, index=True)
    service_start: Mapped[str | None] = mapped_column(String(5))  # "14:30", the clinician's zone
    service_minutes: Mapped[int | None] = mapped_column(Integer)
    service_format: Mapped[str | None] = mapped_column(String(16))  # in-person, video, phone
    # A group session's members present, as client codes: client information, so sealed.
    present_sealed: Mapped[bytes | None] = sealed_column("present")
    present = EncryptedValue("present", as_json=True)


class Addendum(SealedRow, Base):
    """Text added to a signed note later; the note itself never changes once signed."""

    __tablename__ = "addenda"
    __sealed_owner__ = ()
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    note_id: Mapped[str] = mapped_column(ForeignKey("notes.id"), index=True)
    body_sealed: Mapped[bytes] = sealed_column("body", nullable=False)
    body = EncryptedValue("body")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    previous_hash: Mapped[str | None] = mapped_column(String(64))
    seal: Mapped[str | None] = mapped_column(String(64))


class NoteCosignature(SealedRow, Base):
    """A supervisee's signed note sent to their supervisor: waiting, co-signed, or returned.

    The note itself never changes once signed, so what happens to it afterwards lives here. A
    co-signature is a fingerprint over the note's fingerprint (as it was when sent), the
    supervisor and the time, sealed like a note (storage/integrity.py). A returned note stays in
    the record as signed and returned; `redraft_id` is the draft made from it for the supervisee,
    with the supervisor's comment (sealed: it can speak of the client) shown on top.
    """

    __tablename__ = "note_cosignatures"
    __sealed_owner__ = ("client_id", "clinician_id")
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    note_id: Mapped[str] = mapped_column(ForeignKey("notes.id"), unique=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), index=True)
    supervisor_id: Mapped[int] = mapped_column(BigInteger, index=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), index=True)
    state: Mapped[str] = mapped_column(String(16), default="sent")  # cosigned, returned
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note_hash: Mapped[str] = mapped_column(String(64))  # the note's fingerprint when sent
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    content_hash: Mapped[str | None] = mapped_column(String(64))  # the co-signature's own
    seal: Mapped[str | None] = mapped_column(String(64))
    comment_sealed: Mapped[bytes | None] = sealed_column("comment")
    comment = EncryptedValue("comment")
    redraft_id: Mapped[str | None] = mapped_column(String(32), index=True)


class PrivateNote(SealedRow, Base):
    """A psychotherapy (private process) note: apart from progress notes, sealed with its own key.

    Nothing that reads notes (status, drafts, progress, reminders, exports, the tagger) reads
    this table; `body` is encrypted with the "private" key, so a "field" key cannot open it.
    """

    __tablename__ = "private_notes"
    __sealed_owner__ = ("client_id", "clinician_id")
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), index=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), index=True)
    body_sealed: Mapped[bytes] = sealed_column("body", nullable=False)
    body = EncryptedValue("body", purpose="private")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Conversation(SealedRow, Base):
    """Where a clinician is in the dialogue. Written on every turn; the only dialogue state."""

    __tablename__ = "conversations"
    __sealed_owner__ = ("clinician_id",)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), primary_key=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)
    mode: Mapped[str] = mapped_column(String(32), default="idle")
    note_id: Mapped[str | None] = mapped_column(ForeignKey("notes.id"))
    payload_sealed: Mapped[bytes | None] = sealed_column("payload")
    payload = EncryptedValue("payload", as_json=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HeldMessage(SealedRow, Base):
    """A message sent to a locked chat, kept sealed until the PIN (bot/dialogue/held.py).

    `message` is what the event needs to be handled again (kind, text or button data, the
    chat's message id): client text, so sealed. `position` orders a clinician's held messages.
    """

    __tablename__ = "held_messages"
    __sealed_owner__ = ("clinician_id",)
    __table_args__ = (UniqueConstraint("clinician_id", "position"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    message_sealed: Mapped[bytes] = sealed_column("message", nullable=False)
    message = EncryptedValue("message", as_json=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MessageLink(Base):
    """Which note section a clinician's chat message went into, so an edit can follow it."""

    __tablename__ = "message_links"
    clinician_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    note_id: Mapped[str] = mapped_column(ForeignKey("notes.id"))
    section: Mapped[str] = mapped_column(String(64))


class InboxUpdate(Base):
    """A Telegram update as received, kept until it is processed and answered (storage/inbox.py).

    `id` is Telegram's update_id, so a redelivery finds its row. The payload (the update's JSON,
    which holds what the clinician wrote) and the replies still to send are sealed, and both
    are dropped once the update is answered; a done row keeps only its id and times, for
    redeliveries, until it is pruned.
    """

    __tablename__ = "inbox"
    # Each value is written once (payload on arrival, replies when processed) and dropped once
    # answered: no older ciphertext to put back, so no version; and no owner column.
    __sealed_owner__ = ()
    __table_args__ = (
        # Only the open rows, oldest first, and per chat: what a worker may claim next. Answered
        # rows stay a day (for redeliveries) and must never be scanned to find the open ones.
        Index(
            "inbox_open",
            "id",
            postgresql_where=text("status <> 'done'"),
            sqlite_where=text("status <> 'done'"),
        ),
        Index(
            "inbox_open_by_chat",
            "chat_id",
            "id",
            postgresql_where=text("status <> 'done'"),
            sqlite_where=text("status <> 'done'"),
        ),
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)  # whose updates go in order
    status: Mapped[str] = mapped_column(String(16), default="pending")  # replying, done
    payload_sealed: Mapped[bytes | None] = sealed_column("payload")
    payload = EncryptedValue("payload", as_json=True)
    replies_sealed: Mapped[bytes | None] = sealed_column("replies")
    replies = EncryptedValue("replies", as_json=True)
    replies_sent: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # claims so far
    lease_owner: Mapped[str | None] = mapped_column(String(128))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Plan(Base):
    __tablename__ = "plans"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), index=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), unique=True)
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    review_due: Mapped[date | None] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PlanVersion(SealedRow, Base):
    """One immutable version of a plan; `body` is the plan file's content as JSON."""

    __tablename__ = "plan_versions"
    __sealed_owner__ = ()
    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    body_sealed: Mapped[bytes] = sealed_column("body", nullable=False)
    body = EncryptedValue("body", as_json=True)
    # "objective O1 met": it names the clinician's own ids, so it is sealed like the plan.
    change_sealed: Mapped[bytes] = sealed_column("change", nullable=False)
    change = EncryptedValue("change")
    review_due: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Objective id -> the identity of the objective as worded in this version ("3:O1"), so
    # evidence follows the objective, not a reused id (storage/identity.py). Ids only, no text.
    objective_identity: Mapped[dict | None] = mapped_column(JSON)


class PlanDraft(SealedRow, Base):
    """A plan build left unfinished (/cancel), kept to resume: one per client.

    `mode` is the question the build was at (a mode name, no client text); `state` is the
    build's whole conversation payload, the partial plan included: client text, so sealed.
    """

    __tablename__ = "plan_drafts"
    __sealed_owner__ = ("client_id", "clinician_id")
    __table_args__ = (UniqueConstraint("clinician_id", "client_id"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), index=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"))
    mode: Mapped[str] = mapped_column(String(32))
    state_sealed: Mapped[bytes] = sealed_column("state", nullable=False)
    state = EncryptedValue("state", as_json=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RouteFlag(Base):
    """A route that looks blocked: one objective (as worded), one reason, flagged once.

    Plain columns only: ids, a reason, counts (`figures`) and times; the evidence itself is read
    from the notes when the flag is shown in the chat, never stored or sent in a reminder.
    `answer` is review | later | dismissed; "later" is shown again after the next signed note.
    """

    __tablename__ = "route_flags"
    __table_args__ = (UniqueConstraint("plan_id", "identity", "reason"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), index=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"))
    objective_id: Mapped[str] = mapped_column(String(32))
    identity: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))  # no_improvement | not_helping | past_target
    figures: Mapped[dict] = mapped_column(JSON)
    answer: Mapped[str | None] = mapped_column(String(16))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    plan_shown_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LearnedKeyword(SealedRow, Base):
    """A clinician's correction to the tagger: this phrase means that objective."""

    __tablename__ = "learned_keywords"
    __sealed_owner__ = ("clinician_id",)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), index=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    objective_id_sealed: Mapped[bytes] = sealed_column("objective_id", nullable=False)
    objective_id = EncryptedValue("objective_id")  # the plan file's id, chosen by the clinician
    keyword_sealed: Mapped[bytes] = sealed_column("keyword", nullable=False)
    keyword = EncryptedValue("keyword")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Reminder(SealedRow, Base):
    """A reminder to send. Claimed with a lease so exactly one worker sends it."""

    __tablename__ = "reminders"
    __sealed_owner__ = ("clinician_id",)
    __table_args__ = (Index("reminders_due", "status", "due_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    # Failed sends only; a claim does not count, so a worker that dies costs no attempt.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    subject_id: Mapped[str | None] = mapped_column(String(32))
    recurrence: Mapped[str | None] = mapped_column(String(64))  # "weekly:4:16:00", "daily:08:00"
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    text_sealed: Mapped[bytes | None] = sealed_column("text")
    text = EncryptedValue("text")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    """Who touched what, when and from where; never content (storage/audit.py).

    Append-only: a trigger refuses UPDATE and DELETE (migration 0005). Rows are hash-chained per
    clinician (`chain` is the clinician's id, 0 for the command line), each sealed with an HMAC.
    """

    __tablename__ = "audit"
    __table_args__ = (Index("audit_by_chain", "chain", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chain: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[int | None] = mapped_column(BigInteger)  # a clinician's id; None: the operator
    action: Mapped[str] = mapped_column(String(32))
    record_type: Mapped[str | None] = mapped_column(String(32))
    record_id: Mapped[str | None] = mapped_column(String(64))
    client_id: Mapped[str | None] = mapped_column(String(32), index=True)
    transport: Mapped[str] = mapped_column(String(16))
    previous_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))
    seal: Mapped[str] = mapped_column(String(64))


def _keep_owner(target: SealedRow, value, oldvalue, initiator) -> None:
    """A row's owner is in its sealed values' associated data: moving the row in place would
    leave them unreadable, so it is refused while it holds any (no code moves a row)."""
    if oldvalue in (None, NO_VALUE, NEVER_SET) or value == oldvalue:
        return
    held = (getattr(target, sealed.storage_attr) for sealed in sealed_values(type(target)))
    if any(blob is not None for blob in held):
        raise ValueError(f"a {target.__tablename__} row with sealed values keeps its owner")


for _model in SealedRow.__subclasses__():
    for _name in _model.__sealed_owner__:
        event.listen(getattr(_model, _name), "set", _keep_owner)

"""What an export holds, as plain typed records: no rows, no sessions, no wording.

The builder (build.py) fills these from storage rows; the renderers (text, PDF, FHIR) read only
these. Times are aware UTC datetimes; `ClinicalRecord.timezone` is the zone they are shown in.
A note's service details past its date (start time, length, format, members present in a group
session) are optional, as are co-signatures: older notes have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

SignatureRole = Literal["signer", "co-signer"]
ServiceFormat = Literal["in-person", "video", "phone"]
# How an objective is going: the tagged trend over signed notes, or "achieved" once it is met.
Trend = Literal["improving", "worsening", "no-change", "achieved", "unknown"]
TRENDS: tuple[Trend, ...] = ("improving", "worsening", "no-change", "achieved", "unknown")


@dataclass(frozen=True)
class Person:
    """A clinician as the record names them: their user id, and a name where one is known."""

    id: int
    name: str | None = None


@dataclass(frozen=True)
class Signature:
    who: Person
    role: SignatureRole
    at: datetime


@dataclass(frozen=True)
class Supervision:
    """A note sent for co-signature and not co-signed: still waiting, or returned for changes
    (a returned note stays in the record; its rewrite is a note of its own)."""

    state: Literal["awaiting", "returned"]
    supervisor: Person
    at: datetime  # when it was sent (awaiting) or returned


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    text: str  # "" for a section left empty


@dataclass(frozen=True)
class ObjectiveAddressed:
    """An objective a note's sentences are linked to, as worded in the plan version it names."""

    id: str
    text: str | None  # None when no readable plan version holds the objective
    plan_version: int | None


@dataclass(frozen=True)
class Addendum:
    text: str
    written_at: datetime
    by: Person


@dataclass(frozen=True)
class Service:
    """When and how a session took place, as a note records it (the chat shows the same line)."""

    date_of_service: date
    start_time: time | None = None
    length_minutes: int | None = None
    format: ServiceFormat | None = None
    present: int | None = None  # a group session: how many members were there


@dataclass(frozen=True)
class Note:
    id: str
    template: str  # the template's name, e.g. "SOAP"
    sections: tuple[Section, ...]
    date_of_service: date
    signatures: tuple[Signature, ...]
    sha256: str
    objectives: tuple[ObjectiveAddressed, ...] = ()
    addenda: tuple[Addendum, ...] = ()
    start_time: time | None = None
    length_minutes: int | None = None
    format: ServiceFormat | None = None
    present: int | None = None
    co_signature_sha256: str | None = None  # the co-signature's own fingerprint
    supervision: Supervision | None = None

    @property
    def service(self) -> Service:
        return Service(
            self.date_of_service, self.start_time, self.length_minutes, self.format, self.present
        )

    @property
    def signed_at(self) -> datetime:
        return next(s.at for s in self.signatures if s.role == "signer")


@dataclass(frozen=True)
class Intervention:
    id: str
    text: str


@dataclass(frozen=True)
class PlanObjective:
    id: str
    text: str
    status: str  # active | met | revised | discontinued (nlp.planfile.STATUSES)
    trend: Trend
    target_date: date | None = None


@dataclass(frozen=True)
class PlanGoal:
    id: str
    text: str
    objectives: tuple[PlanObjective, ...]
    interventions: tuple[Intervention, ...] = ()


@dataclass(frozen=True)
class PlanProblem:
    id: str
    statement: str
    goals: tuple[PlanGoal, ...]


@dataclass(frozen=True)
class CurrentPlan:
    id: str
    version: int
    since: datetime  # when this version was made
    review_due: date | None
    problems: tuple[PlanProblem, ...]

    def objectives(self) -> list[PlanObjective]:
        return [o for p in self.problems for g in p.goals for o in g.objectives]


@dataclass(frozen=True)
class Score:
    """An instrument total read from a signed note (e.g. PHQ-9 12), on that note's service date."""

    instrument: str
    value: float
    date_of_service: date
    note_id: str


@dataclass(frozen=True)
class FailedNote:
    """A signed note that failed its integrity check: named, never shown."""

    id: str
    signed_at: datetime | None


@dataclass(frozen=True)
class ClinicalRecord:
    """One client's exportable record: signed progress notes, the current plan, scores.

    Psychotherapy (private) notes are never part of it: the builder has no way to reach them.
    """

    practice: str | None
    clinician: Person
    timezone: str
    client_id: str
    client_code: str
    exported_at: datetime
    notes: tuple[Note, ...]
    plan: CurrentPlan | None = None
    scores: tuple[Score, ...] = ()
    failed: tuple[FailedNote, ...] = ()  # signed notes left out: they failed their check

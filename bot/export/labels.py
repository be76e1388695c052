"""The lines the text file and the PDF share, worded from prompts/export.toml.

`Words` is the bot's wording (bot.shared.wording.Wording or anything called the same way), so
the renderers need no dialogue turn.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.export.model import ClinicalRecord, Note, Person, Service

Words = Callable[..., str]

MOMENT = "%a %d %b %Y %H:%M"
DAY = "%a %d %b %Y"


def zone(record: ClinicalRecord) -> ZoneInfo:
    return ZoneInfo(record.timezone)


def moment(record: ClinicalRecord, at: datetime) -> str:
    """A time as the clinician reads it: in their zone."""
    return at.astimezone(zone(record)).strftime(MOMENT)


def day(value: date) -> str:
    return value.strftime(DAY)


def who(words: Words, person: Person) -> str:
    return person.name or words("record.unnamed_clinician", id=person.id)


def practice_lines(words: Words, record: ClinicalRecord) -> list[str]:
    """Who keeps the record: the practice (where configured) and the clinician."""
    lines = [words("record.practice", practice=record.practice)] if record.practice else []
    lines.append(words("record.clinician", clinician=who(words, record.clinician)))
    return lines


def contents_line(words: Words, record: ClinicalRecord) -> str:
    return words("record.contents", count=len(record.notes))


def failed_lines(words: Words, record: ClinicalRecord) -> list[str]:
    """One line per signed note left out because it failed its integrity check."""
    return [
        words(
            "record.integrity_failed",
            note=failed.id,
            day=moment(record, failed.signed_at) if failed.signed_at else "?",
        )
        for failed in record.failed
    ]


def note_heading(words: Words, record: ClinicalRecord, note: Note) -> str:
    return words("record.note_heading", template=note.template, client=record.client_code)


def service_line(words: Words, service: Service) -> str:
    """Date of service, then start, length, format and a group's members present where the
    note has them."""
    parts = [words("record.date_of_service", day=day(service.date_of_service))]
    if service.start_time is not None:
        parts.append(words("record.service_start", time=service.start_time.strftime("%H:%M")))
    if service.length_minutes is not None:
        parts.append(words("record.service_length", minutes=service.length_minutes))
    if service.format is not None:
        parts.append(words(f"record.format.{service.format}"))
    if service.present is not None:
        parts.append(words("record.service_present", count=service.present))
    return " · ".join(parts)


def signature_lines(words: Words, record: ClinicalRecord, note: Note) -> list[str]:
    return signer_lines(words, record, note) + fingerprint_lines(words, note)


def signer_lines(words: Words, record: ClinicalRecord, note: Note) -> list[str]:
    """Who signed and co-signed, when; or that a co-signature is awaited, or the note returned."""
    lines = [
        words(
            "record.signed" if signature.role == "signer" else "record.co_signed",
            when=moment(record, signature.at),
            who=who(words, signature.who),
        )
        for signature in note.signatures
    ]
    if note.supervision is not None:
        lines.append(words(
            f"record.supervision.{note.supervision.state}",
            when=moment(record, note.supervision.at),
            who=who(words, note.supervision.supervisor),
        ))
    return lines


def fingerprint_lines(words: Words, note: Note) -> list[str]:
    lines = [words("record.fingerprint", hash=note.sha256)]
    if note.co_signature_sha256 is not None:
        lines.append(words("record.co_fingerprint", hash=note.co_signature_sha256))
    return lines


def objective_lines(words: Words, note: Note) -> list[str]:
    """ "Objectives addressed: O1, O3", then each with its text and plan version."""
    if not note.objectives:
        return []
    lines = [words("record.objectives", ids=", ".join(o.id for o in note.objectives))]
    for objective in note.objectives:
        if objective.text is None:
            lines.append(words("record.objective_unworded", id=objective.id))
        else:
            lines.append(
                words(
                    "record.objective",
                    id=objective.id,
                    text=objective.text,
                    version=objective.plan_version,
                )
            )
    return lines


def addendum_label(words: Words, record: ClinicalRecord, written_at: datetime, text: str) -> str:
    return words("record.addendum", when=moment(record, written_at), text=text)

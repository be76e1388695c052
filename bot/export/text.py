"""The record as one UTF-8 text file, to paste or attach into a record system.

A heading, then each signed note, oldest first: sections, signatures with times and SHA-256,
objectives addressed with their text and plan version, addenda. `signed_body` is what the FHIR
export attaches for each note (its addenda go as documents of their own).
"""

from __future__ import annotations

from bot.export import labels
from bot.export.labels import Words
from bot.export.model import ClinicalRecord, Note

NOTE_SEPARATOR = "\n\n" + "═" * 40 + "\n\n"


def render_text(record: ClinicalRecord, words: Words) -> bytes:
    heading = [
        words(
            "record.file_header",
            client=record.client_code,
            when=labels.moment(record, record.exported_at),
            zone=record.timezone,
        ),
        *labels.practice_lines(words, record),
        labels.contents_line(words, record),
        *labels.failed_lines(words, record),
    ]
    parts = ["\n".join(heading)] + [note_text(record, note, words) for note in record.notes]
    return NOTE_SEPARATOR.join(parts).encode("utf-8") + b"\n"


def note_text(record: ClinicalRecord, note: Note, words: Words) -> str:
    """One note as the text file shows it: its signed body, then its addenda."""
    addenda = [
        labels.addendum_label(words, record, addendum.written_at, addendum.text)
        for addendum in note.addenda
    ]
    return "\n\n".join([signed_body(record, note, words), *addenda])


def signed_body(record: ClinicalRecord, note: Note, words: Words) -> str:
    """What was signed, with the signatures and fingerprint: the note without its addenda."""
    parts = [
        labels.note_heading(words, record, note) + "\n" + labels.service_line(words, note.service),
        *(
            f"{section.title}\n{section.text or words('record.empty_section')}"
            for section in note.sections
        ),
        "\n".join(labels.signature_lines(words, record, note)),
    ]
    objectives = labels.objective_lines(words, note)
    if objectives:
        parts.append(objectives[0] + "".join(f"\n  {line}" for line in objectives[1:]))
    return "\n\n".join(parts)

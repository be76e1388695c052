"""How a note and its sections read in the chat."""

from __future__ import annotations

from bot.dialogue.turn import Turn
from bot.shared.templates import Section, Template
from storage.models import Note
from storage.notes import section_text
from storage.open_note import OpenNote


def section_prompt(turn: Turn, template: Template, index: int) -> str:
    section = template.sections[index]
    optional = "" if section.required else turn.words("note.optional")
    return turn.words(
        "note.section_prompt",
        title=section.title,
        number=index + 1,
        total=len(template.sections),
        prompt=section.prompt,
        hint=section.hint,
        optional=optional,
    )


def section_holding(turn: Turn, note: Note, section: Section) -> str:
    text = section_text(note, section.key)
    if not text:
        return turn.words("note.section_empty", title=section.title)
    return turn.words("note.section_holds", title=section.title, text=text)


def whole_note(turn: Turn, note: Note, template: Template, client_code: str) -> str:
    parts = [
        turn.words(
            "note.review_header",
            template=template.name,
            client=client_code,
            status=turn.words(f"note.status.{note.status}"),
        )
    ]
    for section in template.sections:
        text = section_text(note, section.key) or turn.words("note.empty_marker")
        parts.append(f"{section.title}\n{text}")
    return "\n\n".join(parts)


def whole_group(turn: Turn, opened: OpenNote) -> str:
    """The shared sections once, then each member's own sections under their code."""
    template = opened.template
    status = "draft" if opened.drafts() else "signed"
    parts = [turn.words("group.review_header", template=template.name,
                        count=len(opened.members), status=turn.words(f"note.status.{status}"))]
    empty = turn.words("note.empty_marker")

    def shown(note: Note, section: Section) -> str:
        return f"{section.title}\n{section_text(note, section.key) or empty}"

    parts += [shown(opened.lead, s) for s in template.sections[: opened.shared]]
    own = template.sections[opened.shared :]
    for member in opened.members if own else []:
        parts.append(turn.words("group.review_member", client=member.client.code))
        parts += [shown(member.note, section) for section in own]
    return "\n\n".join(parts)

"""How a note and its sections read in the chat."""

from __future__ import annotations

from bot.dialogue.turn import Turn
from bot.export import labels
from bot.export.build import service_of
from bot.progress.evidence import objectives_addressed
from bot.shared.templates import Section, Template
from nlp.planfile import Plan
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


def service_line(turn: Turn, note: Note) -> str:
    """ "Date of service: Wed 02 Dec 2026 · 50 min · video", as exports write it; a format not
    yet recorded is said, so the clinician sees what to tap."""
    line = labels.service_line(turn.words, service_of(note, turn.zone))
    if note.service_format is None:
        line = " · ".join([line, turn.words("service.format_missing")])
    return turn.words("service.line", line=line)


def objectives_linked(turn: Turn, note: Note, plan: Plan | None) -> str | None:
    """The objectives the note's sentences are linked to, each with its text in the plan."""
    linked = objectives_addressed(note.tags)
    if not linked or plan is None:
        return None
    lines = [turn.words("service.objectives_heading")]
    for objective_id in linked:
        objective = plan.objective(objective_id)
        text = objective.text if objective else turn.words("service.objective_not_in_plan")
        lines.append(turn.words("service.objective", id=objective_id, text=text))
    return "\n".join(lines)


def whole_note(
    turn: Turn, note: Note, template: Template, client_code: str, plan: Plan | None = None
) -> str:
    parts = [
        turn.words(
            "note.review_header",
            template=template.name,
            client=client_code,
            status=turn.words(f"note.status.{note.status}"),
        )
        + "\n"
        + service_line(turn, note)
    ]
    for section in template.sections:
        text = section_text(note, section.key) or turn.words("note.empty_marker")
        parts.append(f"{section.title}\n{text}")
    linked = objectives_linked(turn, note, plan)
    if linked:
        parts.append(linked)
    return "\n\n".join(parts)


def whole_group(turn: Turn, opened: OpenNote) -> str:
    """The shared sections once, then each member's own sections under their code."""
    template = opened.template
    status = "draft" if opened.drafts() else "signed"
    heading = [turn.words("group.review_header", template=template.name,
                          count=len(opened.members), status=turn.words(f"note.status.{status}")),
               service_line(turn, opened.lead)]
    if opened.lead.present:
        heading.append(turn.words("service.present", codes=", ".join(opened.lead.present)))
    parts = ["\n".join(heading)]
    empty = turn.words("note.empty_marker")

    def shown(note: Note, section: Section) -> str:
        return f"{section.title}\n{section_text(note, section.key) or empty}"

    parts += [shown(opened.lead, s) for s in template.sections[: opened.shared]]
    own = template.sections[opened.shared :]
    for member in opened.members if own else []:
        parts.append(turn.words("group.review_member", client=member.client.code))
        parts += [shown(member.note, section) for section in own]
    return "\n\n".join(parts)

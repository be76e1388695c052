"""Buttons of the note flow. Callback data stays well under Telegram's 64 bytes."""

from __future__ import annotations

from bot.dialogue.supervision import sign_label
from bot.dialogue.turn import Turn
from bot.shared.events import Button
from bot.shared.templates import Template
from storage.models import Note
from storage.open_note import OpenNote, Stop


def templates(turn: Turn, choices: list[Template]) -> list[list[Button]]:
    row = [Button(template.name, f"note:tpl:{template.key}") for template in choices]
    return [row[i : i + 3] for i in range(0, len(row), 3)]


def navigation(turn: Turn) -> list[list[Button]]:
    return [
        [
            turn.button("note.button.back", "note:nav:back"),
            turn.button("note.button.skip", "note:nav:skip"),
            turn.button("note.button.next", "note:nav:next"),
        ],
        [
            turn.button("note.button.done", "note:nav:done"),
            turn.button("note.button.cancel", "note:nav:cancel"),
        ],
    ]


def remove_line(turn: Turn, section: str, ref: int | None) -> list[list[Button]]:
    """Under an added line: take it out again (no button for a line without a message ref)."""
    if ref is None:
        return []
    return [[turn.button("note.button.remove_line", f"note:remove:{section}:{ref}")]]


def added_or_asked(turn: Turn, section: str, ref: int) -> list[list[Button]]:
    """Under a message that reads as a question to the bot: keep it in the note, or answer it."""
    return [[
        turn.button("note.button.keep_asked", f"note:keep:{section}:{ref}"),
        turn.button("note.button.answer_asked", f"note:answer:{section}:{ref}"),
    ]]


def review(turn: Turn, note: Note) -> list[list[Button]]:
    return [
        [Button(sign_label(turn), f"note:sign:{note.id}")],
        [
            turn.button("note.button.edit", f"note:edit:{note.id}"),
            turn.button("note.button.save_draft", f"note:save:{note.id}"),
        ],
        [turn.button("service.button.menu", f"svc:menu:{note.id}")],
    ]


def sections(turn: Turn, template: Template) -> list[list[Button]]:
    return [
        [Button(section.title, f"note:goto:{index}")]
        for index, section in enumerate(template.sections)
    ]


def sign_anyway(turn: Turn, note: Note) -> list[list[Button]]:
    return [
        [turn.button("note.button.sign_anyway", f"note:force:{note.id}")],
        [turn.button("note.button.edit", f"note:edit:{note.id}")],
    ]


def group_review(turn: Turn, opened: OpenNote) -> list[list[Button]]:
    lead = opened.lead.id
    return [
        [Button(sign_label(turn, group=True), f"group:sign:{lead}")],
        [turn.button("group.button.edit", f"group:edit:{lead}"),
         turn.button("group.button.save_draft", f"group:save:{lead}")],
        [turn.button("service.button.menu", f"svc:menu:{lead}")],
    ]


def group_sign_anyway(turn: Turn, lead: str) -> list[list[Button]]:
    return [
        [turn.button("group.button.sign_anyway", f"group:force:{lead}")],
        [turn.button("group.button.edit", f"group:edit:{lead}")],
    ]


def stops(turn: Turn, opened: OpenNote, chosen: list[Stop]) -> list[list[Button]]:
    """A button per stop of a group note: a member's own sections carry the member's code."""
    buttons = []
    for note_id, index in chosen:
        title = opened.template.sections[index].title
        if index >= opened.shared:
            title = f"{opened.code_of(note_id)} · {title}"
        buttons.append([Button(title, f"group:goto:{note_id}:{index}")])
    return buttons

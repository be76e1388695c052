"""Buttons of the note flow. Callback data stays well under Telegram's 64 bytes."""

from __future__ import annotations

from bot.dialogue.events import Button
from bot.dialogue.templates import Template
from bot.dialogue.turn import Turn
from storage.models import Note


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


def review(turn: Turn, note: Note) -> list[list[Button]]:
    return [
        [turn.button("note.button.sign", f"note:sign:{note.id}")],
        [
            turn.button("note.button.edit", f"note:edit:{note.id}"),
            turn.button("note.button.save_draft", f"note:save:{note.id}"),
        ],
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

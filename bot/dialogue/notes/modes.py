"""The note flow's modes (see bot/dialogue/modes.py)."""

from __future__ import annotations

from bot.dialogue.modes import Mode


class NoteMode(Mode):
    CLIENT = "note.client"
    TEMPLATE = "note.template"
    SECTION = "note.section"
    REVIEW = "note.review"
    LINK_WORDS = "note.link_words"
    SERVICE = "note.service"  # a service detail typed: date, start time or length
    GROUP_REVIEW = "group.review"  # a group note's review: Sign all, Edit, Save as drafts

"""The modes of starting a group note (see bot/dialogue/modes.py); once started, a group note
is in the note flow's modes (bot/dialogue/notes/modes.py)."""

from __future__ import annotations

from bot.dialogue.modes import Mode


class GroupMode(Mode):
    MEMBERS = "group.members"
    KIND = "group.kind"

"""Spoken section headings: a dictation "Subjective. Slept badly. Objective: tearful." split at
the template's section names, so each part goes to its own section of the open note.

A heading is one of a section's spoken names (the template's `spoken` list, bot/shared/
templates.py) at the start of the transcript or of a sentence, followed by a pause mark (":",
".", ",", ";", a dash) or a line break or the end. So "Plan: review in two weeks." heads Plan,
while "The plan is to ..." (mid-sentence) and "Objective measures were taken." (no pause) are
note text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from bot.shared.templates import Section
from storage.open_note import OpenNote, Stop

_SENTENCE_START = r"(?:^|(?<=[.!?;\n]))[ \t]*"
_PAUSE = r"(?:[ \t]*[:.,;\u2013\u2014-]+|[ \t]*(?=\n)|[ \t]*\Z)"

Part = tuple[int | None, str]  # (section index, or None for text before any heading; its text)


@cache
def _pattern(sections: tuple[Section, ...]) -> tuple[re.Pattern[str], dict[str, int]]:
    index_of = {
        _plain(word): index for index, section in enumerate(sections) for word in section.spoken
    }
    names = sorted(index_of, key=len, reverse=True)  # "group topic" before "topic"
    spoken = "|".join(r"[\s-]+".join(map(re.escape, name.split())) for name in names)
    return re.compile(rf"{_SENTENCE_START}(?P<name>{spoken}){_PAUSE}", re.IGNORECASE), index_of


def _plain(words: str) -> str:
    return " ".join(words.replace("-", " ").split()).casefold()


def split_at_headings(text: str, sections: Sequence[Section]) -> list[Part]:
    """The transcript's parts in spoken order. The first part (index None) is what came before
    any heading, when there is any; a heading said with nothing after it is a part with no
    text (the clinician still lands in that section)."""
    pattern, index_of = _pattern(tuple(sections))
    parts: list[Part] = []
    section, start = None, 0
    for found in pattern.finditer(text):
        before = text[start : found.start()].strip()
        if before or section is not None:
            parts.append((section, before))
        section, start = index_of[_plain(found["name"])], found.end()
    rest = text[start:].strip()
    if rest or section is not None:
        parts.append((section, rest))
    return parts


def placed(opened: OpenNote, text: str, here: Stop) -> list[tuple[Stop, str, bool]]:
    """(stop, text, whether a heading put it there) for each part, text before any heading at
    `here`. A member's own section goes to the member being written, or, from the shared
    sections, to the first member: each part follows the one before."""
    result = []
    for index, part in split_at_headings(text, opened.template.sections) or [(None, "")]:
        if index is not None:
            here = _stop_of(opened, index, here)
        result.append((here, part, index is not None))
    return result


def _stop_of(opened: OpenNote, index: int, here: Stop) -> Stop:
    if index < opened.shared:
        return (opened.lead.id, index)
    note_id = here[0] if here[1] >= opened.shared else opened.members[0].note.id
    return (note_id, index)

"""Spoken navigation: find a trailing command phrase ("next section", "go back") in a transcript.

The phrases are data (prompts/voice_commands.toml). A phrase counts when it is the whole
transcript or follows a sentence break, so dictated prose that merely mentions "the next
section" is left alone.
"""

from __future__ import annotations

import re
from functools import cache

from bot.dialogue.navigation import MOVES
from bot.shared.vocabulary import vocabulary

# A multi-word phrase may also follow a comma ("she slept better, next section"); a single
# word needs a full stop before it, so "she is done" stays prose.
_STRONG_BREAK = r"(?:^|(?<=[.!?;\n]))"
_ANY_BREAK = r"(?:^|(?<=[.!?;,\n]))"


@cache
def _pattern() -> re.Pattern[str]:
    table = vocabulary("voice_commands")
    alternatives = []
    phrases = sorted(
        ((phrase, command) for command in MOVES for phrase in table[command]),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    for index, (phrase, command) in enumerate(phrases):
        words = phrase.replace("'", "['’]?").split()
        spoken = r"[\s-]+".join(words)
        brk = _ANY_BREAK if len(words) > 1 else _STRONG_BREAK
        alternatives.append(rf"{brk}\s*(?P<{command}_{index}>{spoken})")
    return re.compile(rf"(?:{'|'.join(alternatives)})[\s.!?,;]*\Z", re.IGNORECASE)


def split_spoken_command(text: str) -> tuple[str, str | None]:
    """Split `text` into (body without the trailing command phrase, command or None)."""
    match = _pattern().search(text)
    if match is None:
        return text, None
    command = next(name for name, value in match.groupdict().items() if value is not None)
    body = text[: match.start()].rstrip(" \t\n,;")
    return body, command.rsplit("_", 1)[0]

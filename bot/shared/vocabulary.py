"""What the bot understands, as data in prompts/, read by this one loader. What it says is the
wording (bot/shared/wording.py), in files of its own.

    navigation.toml       moves typed in a note or a plan flow: "next", "back", ...
    plan_words.toml       typed answers in the plan flows: yes/no, increase/decrease, keep/met...
    reminder_words.toml   yes and no to "I'll remind you ... Is that right?"
    voice_commands.toml   spoken moves at the end of a transcript: "next section", ...
    intents.toml          free-text questions outside a note, as patterns
    service_words.toml    a typed start time's am/pm, a typed length's unit
    route_words.toml      words reporting an intervention as not helping (a blocked route)
    timezones.toml        time-zone names people type ("Eastern", "PST") as IANA zones

A word list's table name is its meaning, the list the words that mean it.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from bot.shared.wording import PROMPTS_DIR

VOCABULARIES = (
    "navigation",
    "plan_words",
    "reminder_words",
    "voice_commands",
    "intents",
    "service_words",
    "route_words",
    "timezones",
)
_TRAILING = re.compile(r"[\s.!?]+$")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


@cache
def vocabulary(name: str) -> dict:
    """The parsed prompts/<name>.toml of one of the VOCABULARIES."""
    if name not in VOCABULARIES:
        raise KeyError(f"no vocabulary {name!r}")
    with (PROMPTS_DIR / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def meanings(name: str) -> dict[str, str]:
    """A vocabulary of word lists as word (case folded) -> the meaning it is listed under."""
    return {
        word.casefold(): meaning for meaning, words in vocabulary(name).items() for word in words
    }


def as_typed(text: str) -> str:
    """A whole message as the word lists hold it: any case, trailing punctuation dropped."""
    return _TRAILING.sub("", text.strip()).casefold()


def whole_number(text: str) -> int | None:
    """A typed or button number in ASCII digits ("12"), else None: "²" and "١" pass
    str.isdigit() but are nothing a clinician meant as a count, and int() refuses some."""
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None

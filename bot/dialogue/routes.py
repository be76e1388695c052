"""How a feature module tells the engine what it answers: commands, buttons, modes, files.

Each feature module exports `ROUTES`. Button data is `prefix:action:argument`; the prefix picks
the feature, the handler gets the action and the argument.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.dialogue.turn import Turn

Handler = Callable[[Turn], Awaitable[None]]
ButtonHandler = Callable[[Turn, str, str], Awaitable[None]]
# Runs a command or a button press (`act`) in a mode where something waits for the clinician,
# and keeps what waited: a transcript not yet kept survives a /command typed meanwhile.
Keeper = Callable[[Turn, Callable[[], Awaitable[None]]], Awaitable[None]]


@dataclass
class Routes:
    commands: dict[str, Handler] = field(default_factory=dict)
    buttons: dict[str, ButtonHandler] = field(default_factory=dict)
    modes: dict[str, Handler] = field(default_factory=dict)  # text (and transcripts) by mode
    free_text: Handler | None = None  # text outside any mode
    document: Handler | None = None
    edit: Handler | None = None
    voice: Handler | None = None  # a transcript, anywhere, to check before it lands
    dictation_modes: frozenset[str] = frozenset()  # modes where a transcript is kept in place
    keepers: dict[str, Keeper] = field(default_factory=dict)  # by mode


def merge(all_routes: list[Routes]) -> Routes:
    merged = Routes()
    for routes in all_routes:
        for table in ("commands", "buttons", "modes", "keepers"):
            mine, theirs = getattr(merged, table), getattr(routes, table)
            clash = mine.keys() & theirs.keys()
            if clash:
                raise ValueError(f"two features claim {table} {sorted(clash)}")
            mine.update(theirs)
        merged.dictation_modes |= routes.dictation_modes
        for single in ("free_text", "document", "edit", "voice"):
            handler = getattr(routes, single)
            if handler is not None:
                if getattr(merged, single) is not None:
                    raise ValueError(f"two features claim {single}")
                setattr(merged, single, handler)
    return merged

"""A transcript waiting for the clinician's check: its modes, and the screen that shows it with
the buttons for where the clinician is (the place the voice.pending aside returns to).

    in a note or another dictation step ──► Keep / Edit / Discard (per section if headings split it)
    at a note's review (single or group) ──► Add to <section>, one per section / Discard
    anywhere else ──► Start a note with it / Discard

Start a note with it: the note start (bot/dialogue/notes/start.py) carries the transcript
through its questions and, once the note is open, hears it again there (`Turn.hear`).
"""

from __future__ import annotations

from bot.dialogue.headings import placed
from bot.dialogue.modes import Mode
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.turn import Turn
from bot.shared.events import Button
from storage.open_note import OpenNote, Stop


class VoiceMode(Mode):
    PENDING = "voice.pending"
    CORRECT = "voice.correct"


IN_PLACE, AT_REVIEW, OUTSIDE = "in_place", "at_review", "outside"
REVIEWS = frozenset({NoteMode.REVIEW, NoteMode.GROUP_REVIEW})


def _resume_mode(turn: Turn) -> str | None:
    return (turn.state.get("resume") or {}).get("mode")


def place(turn: Turn) -> str:
    """Where the waiting transcript would go: what the pending aside steps back to."""
    mode = _resume_mode(turn)
    if mode in turn.dictation_modes:
        return IN_PLACE
    return AT_REVIEW if mode in REVIEWS else OUTSIDE


async def show(turn: Turn) -> None:
    """The waiting transcript (turn.state of voice.pending) and its buttons."""
    transcript, command = turn.state["transcript"], turn.state.get("command")
    then = turn.words(f"voice.then.{command}") if command else ""
    where = place(turn)
    opened = await turn.store.notes.open(turn.conversation.note_id)
    if where == IN_PLACE:
        heard = _by_section(turn, opened, transcript, then, here_title=None)
        turn.reply(heard or turn.words("voice.transcript", text=transcript, then=then), buttons=[[
            turn.button("voice.button.keep", "voice:keep"),
            turn.button("voice.button.edit", "voice:edit"),
            _discard(turn),
        ]])
    elif where == AT_REVIEW and opened is not None:
        picked = turn.words("voice.picked")
        heard = _by_section(turn, opened, transcript, then, here_title=picked)
        text = heard or turn.words("voice.transcript", text=transcript, then=then)
        turn.reply(f"{text}\n{turn.words('voice.ask_review')}",
                   buttons=_add_buttons(turn, opened) + [[_discard(turn)]])
    else:
        # A spoken move ("next section") means nothing outside a note: not carried into one.
        text = turn.words("voice.transcript", text=transcript, then="")
        turn.reply(f"{text}\n{turn.words('voice.ask_outside')}", buttons=[[
            turn.button("voice.button.start", "voice:start"), _discard(turn),
        ]])


def _discard(turn: Turn) -> Button:
    return turn.button("voice.button.discard", "voice:discard")


def _add_buttons(turn: Turn, opened: OpenNote) -> list[list[Button]]:
    """One per section of the note; a group's member sections once per member, with its code."""
    return [
        [turn.button("voice.button.add", f"voice:add:{note_id}:{index}",
                     title=_title(opened, (note_id, index)))]
        for note_id, index in opened.stops()
    ]


def _title(opened: OpenNote, stop: Stop) -> str:
    note_id, index = stop
    title = opened.template.sections[index].title
    return f"{opened.code_of(note_id)} · {title}" if index >= opened.shared else title


def _by_section(turn: Turn, opened: OpenNote | None, transcript: str, then: str, *,
                here_title: str | None) -> str | None:
    """The transcript part by part ("Subjective: ...") when spoken headings split it, else None.
    `here_title` names the place of the text before the first heading (None: the open section)."""
    if opened is None or _resume_mode(turn) not in (NoteMode.SECTION, *REVIEWS):
        return None
    parts = placed(opened, transcript, opened.stop)
    if not any(headed for _, _, headed in parts):
        return None
    lines = [
        turn.words("voice.part", text=text or "…",
                   title=_title(opened, stop) if headed or here_title is None else here_title)
        for stop, text, headed in parts
    ]
    return turn.words("voice.by_section", parts="\n".join(lines), then=then)

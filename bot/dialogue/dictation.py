"""Voice transcripts in the dialogue: the clinician checks them before they land.

    voice in a dictation mode ──► voice.pending: transcript shown with Keep / Edit / Discard
        Keep ────► back where they were; the text goes in as if typed, then the spoken command
        Edit ────► the transcript sent alone, to copy and correct; voice.correct
                   ──(typed text)──► back, the corrected text goes in
        Discard ─► back, nothing added
        more voice while pending ──► joined to the pending transcript
        text typed while pending ──► goes where the clinician was; the transcript still waits
    voice that is only a command ("next section") ──► acts at once
    voice anywhere else ──► handled as typed text (a status question, a new note)

Features name their dictation modes in their Routes; the engine sends transcripts here only in
those modes (and in this module's own).
"""

from __future__ import annotations

from bot.dialogue.modes import Mode
from bot.dialogue.routes import Routes
from bot.dialogue.spoken import split_spoken_command
from bot.dialogue.turn import Turn


class VoiceMode(Mode):
    PENDING = "voice.pending"
    CORRECT = "voice.correct"


def _keyboard(turn: Turn):
    return [[
        turn.button("voice.button.keep", "voice:keep"),
        turn.button("voice.button.edit", "voice:edit"),
        turn.button("voice.button.discard", "voice:discard"),
    ]]


def _show_pending(turn: Turn, transcript: str, command: str | None) -> None:
    then = turn.words(f"voice.then.{command}") if command else ""
    turn.say("voice.transcript", text=transcript, then=then, buttons=_keyboard(turn))


async def on_voice(turn: Turn) -> None:
    body, command = split_spoken_command(turn.event.text)
    if turn.mode in (VoiceMode.PENDING, VoiceMode.CORRECT):
        state = turn.state
        joined = f"{state['transcript']} {body}".strip()
        turn.update_state(transcript=joined, command=command or state.get("command"))
        turn.conversation.switch(VoiceMode.PENDING)
        _show_pending(turn, joined, command or state.get("command"))
        return
    if not body.strip():
        if command is None:
            turn.say("voice.empty")
        else:
            await turn.continue_as_text(command)
        return
    turn.step_aside(VoiceMode.PENDING, transcript=body, command=command)
    _show_pending(turn, body, command)


async def _keep(turn: Turn, text: str, command: str | None) -> None:
    await turn.continue_as_text(text)
    if command is not None:
        await turn.continue_as_text(command)


async def on_button(turn: Turn, action: str, _argument: str) -> None:
    if turn.mode != VoiceMode.PENDING:
        turn.say("input.stale_button")
        return
    if action == "keep":
        state = turn.step_back()
        await _keep(turn, state["transcript"], state.get("command"))
    elif action == "edit":
        # The transcript comes back alone in a message of its own, to copy, correct and send.
        turn.conversation.switch(VoiceMode.CORRECT)
        turn.say("voice.send_correction")
        turn.reply(turn.state["transcript"])
    elif action == "discard":
        turn.step_back()
        turn.say("voice.discarded")


async def on_pending_text(turn: Turn) -> None:
    """Text typed while a transcript waits goes where it would have gone (into the section,
    say); the transcript keeps waiting for Keep, Edit or Discard, from wherever that left."""
    waiting = turn.step_back()
    await turn.route_text(turn)
    turn.step_aside(VoiceMode.PENDING, transcript=waiting["transcript"],
                    command=waiting.get("command"))
    _show_pending(turn, waiting["transcript"], waiting.get("command"))


async def on_correction(turn: Turn) -> None:
    state = turn.step_back()
    await _keep(turn, turn.event.text, state.get("command"))


ROUTES = Routes(
    buttons={"voice": on_button},
    modes={VoiceMode.PENDING: on_pending_text, VoiceMode.CORRECT: on_correction},
    voice=on_voice,
    dictation_modes=frozenset({VoiceMode.PENDING, VoiceMode.CORRECT}),
)

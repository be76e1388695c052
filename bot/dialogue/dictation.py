"""Voice transcripts in the dialogue: the clinician checks them before they land, wherever
they are; none is dropped.

    voice in a dictation mode ──► voice.pending: transcript shown with Keep / Edit / Discard
        in a note, spoken section headings split it: each part shown under its section
        Keep ────► back where they were; the text goes in as if typed (each part into its
                   section, ending at the last one spoken), then the spoken command
        Edit ────► the transcript sent alone, to copy and correct; voice.correct
                   ──(typed text)──► back, the corrected text goes in
        Discard ─► back, nothing added
    voice at a note's review ──► voice.pending: Add to <section> (one per section) / Discard
    voice anywhere else ──► voice.pending: Start a note with it / Discard
        Start ───► /note's questions, the transcript carried; once the note is open it is
                   shown again there, to Keep into the first section
    voice that is a question or request the bot answers ("what's left today?") ──► answered
    voice that is only a command ("next section") ──► acts at once
    more voice while pending ──► joined to the pending transcript
    text typed while pending ──► goes where the clinician was; the transcript still waits
    a command or another screen's button while pending ──► does what it says; it still waits
"""

from __future__ import annotations

from bot.dialogue.headings import placed
from bot.dialogue.intents import match_intent
from bot.dialogue.notes import start, walk
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.routes import Routes
from bot.dialogue.spoken import split_spoken_command
from bot.dialogue.turn import Turn
from bot.dialogue.voice_waiting import AT_REVIEW, IN_PLACE, OUTSIDE, REVIEWS, VoiceMode, place, show
from bot.shared.vocabulary import whole_number


async def on_voice(turn: Turn) -> None:
    body, command = split_spoken_command(turn.event.text)
    if turn.mode in (VoiceMode.PENDING, VoiceMode.CORRECT):
        state = turn.state
        joined = f"{state['transcript']} {body}".strip()
        turn.update_state(transcript=joined, command=command or state.get("command"))
        turn.conversation.switch(VoiceMode.PENDING)
        await show(turn)
        return
    if not body.strip():
        if command is None:
            turn.say("voice.empty")
        else:
            await turn.continue_as_text(command)
        return
    if turn.mode not in turn.dictation_modes and match_intent(body) is not None:
        # Asked aloud what it would answer typed: answered as typed, here or at a review.
        if turn.mode in REVIEWS:
            await turn.answer_as_question(body)
        else:
            await turn.continue_as_text(body)
        return
    turn.step_aside(VoiceMode.PENDING, transcript=body, command=command)
    await show(turn)


async def _keep(turn: Turn, text: str, command: str | None) -> None:
    if not await _keep_by_section(turn, text):
        await turn.continue_as_text(text)
    if command is not None:
        await turn.continue_as_text(command)


async def _keep_by_section(turn: Turn, text: str) -> bool:
    """In a note, a transcript split by spoken headings: each part added to its section, as if
    typed there, ending in the last section spoken. False when no heading split it."""
    if turn.mode != NoteMode.SECTION:
        return False
    opened = await turn.store.notes.open(turn.conversation.note_id)
    parts = placed(opened, text, opened.stop) if opened is not None else []
    if not any(headed for _, _, headed in parts):
        return False
    for number, (stop, part, _) in enumerate(parts, start=1):
        if not part:  # a heading with nothing after it: the clinician goes there, if it is last
            if number == len(parts):
                await walk.open_section(turn, opened, stop, coming_from=opened.stop)
            continue
        if stop != opened.stop:
            opened.spread_shared()  # as on every move of a group note
            opened.open_section(stop, turn.now)
            turn.goto(NoteMode.SECTION, note_id=opened.note.id)
        await walk.add_to_section(turn, part)
    return True


async def on_button(turn: Turn, action: str, argument: str) -> None:
    where = place(turn) if turn.mode == VoiceMode.PENDING else None
    if (where, action) in ((IN_PLACE, "keep"), (IN_PLACE, "edit"), (AT_REVIEW, "add"),
                           (OUTSIDE, "start")) or (where is not None and action == "discard"):
        await _ACTIONS[action](turn, argument)
    else:
        turn.say("input.stale_button")


async def _on_keep(turn: Turn, _argument: str) -> None:
    state = turn.step_back()
    await _keep(turn, state["transcript"], state.get("command"))


async def _on_edit(turn: Turn, _argument: str) -> None:
    # The transcript comes back alone in a message of its own, to copy, correct and send.
    turn.conversation.switch(VoiceMode.CORRECT)
    turn.say("voice.send_correction")
    turn.reply(turn.state["transcript"])


async def _on_discard(turn: Turn, _argument: str) -> None:
    turn.step_back()
    turn.say("voice.discarded")


async def _on_add(turn: Turn, argument: str) -> None:
    """At a review: the transcript into the section picked (and on, at spoken headings)."""
    note_id, _, index = argument.partition(":")
    opened = await turn.store.notes.open(turn.conversation.note_id)
    there = (note_id, whole_number(index))
    if opened is None or there not in opened.stops():
        turn.say("input.stale_button")
        return
    state = turn.step_back()
    opened.spread_shared()
    opened.open_section(there, turn.now)
    turn.goto(NoteMode.SECTION, note_id=opened.note.id)
    await _keep(turn, state["transcript"], state.get("command"))


async def _on_start(turn: Turn, _argument: str) -> None:
    state = turn.step_back()
    # Spoken again while a note start already carries one: both go into the note, in order.
    heard = " ".join(filter(None, (turn.state.get("heard"), state["transcript"])))
    await start.ask_for_client(turn, heard=heard)


_ACTIONS = {"keep": _on_keep, "edit": _on_edit, "discard": _on_discard, "add": _on_add,
            "start": _on_start}


async def on_pending_text(turn: Turn) -> None:
    """Text typed while a transcript waits goes where it would have gone (into the section,
    say); the transcript keeps waiting for Keep, Edit or Discard, from wherever that left."""
    await _still_waiting(turn, lambda: turn.route_text(turn))


async def keep_waiting(turn: Turn, act) -> None:
    """A command or another screen's button while a transcript waits (or waits for its
    correction) does what it says; the transcript still waits, shown again from there."""
    if turn.event.kind == "button" and turn.event.data.startswith("voice:"):
        await act()
        return
    await _still_waiting(turn, act)


async def _still_waiting(turn: Turn, act) -> None:
    waiting = turn.step_back()
    await act()
    turn.step_aside(VoiceMode.PENDING, transcript=waiting["transcript"],
                    command=waiting.get("command"))
    await show(turn)


async def on_correction(turn: Turn) -> None:
    state = turn.step_back()
    await _keep(turn, turn.event.text, state.get("command"))


ROUTES = Routes(
    buttons={"voice": on_button},
    modes={VoiceMode.PENDING: on_pending_text, VoiceMode.CORRECT: on_correction},
    voice=on_voice,
    dictation_modes=frozenset({VoiceMode.PENDING, VoiceMode.CORRECT}),
    keepers={VoiceMode.PENDING: keep_waiting, VoiceMode.CORRECT: keep_waiting},
)

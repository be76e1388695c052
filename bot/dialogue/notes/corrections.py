"""The clinician corrects the tagger: drop a wrong link, or add a missed one.

    ✕ O1 ──► link dropped from that message
    + Link ──► pick an objective ──► note.link_words: "which words mean it?"
        typed words from the message ──► linked, and the words learned for this plan
        skip ──► linked, nothing learned
"""

from __future__ import annotations

from bot.dialogue.modes import IDLE
from bot.dialogue.navigation import typed_move
from bot.dialogue.notes import linking
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.turn import Turn
from bot.shared.events import Button
from bot.shared.vocabulary import whole_number
from storage.open_note import OpenNote


def _entry_text(opened: OpenNote, section: str, ref: int) -> str | None:
    for entry in (opened.note.content or {}).get(section, []):
        if entry["ref"] == ref:
            return entry["text"]
    return None


async def _open_for_link(turn: Turn, section: str, ref: str):
    opened = await turn.store.notes.open(turn.conversation.note_id)
    if opened is None or opened.note.status != "draft" or whole_number(ref) is None:
        turn.say("input.stale_button")
        return None
    if _entry_text(opened, section, int(ref)) is None:
        turn.say("input.stale_button")
        return None
    return opened


async def on_button(turn: Turn, action: str, argument: str) -> None:
    section, _, rest = argument.partition(":")
    ref, _, objective = rest.partition(":")
    opened = await _open_for_link(turn, section, ref)
    if opened is None:
        return
    if action == "drop":
        linking.drop(opened, section, int(ref), objective)
        turn.say("link.dropped", objective=objective)
    elif action == "add":
        found = await linking.client_plan(turn, opened)
        if found is None:
            turn.say("input.stale_button")
            return
        choices = [
            [Button(f"{o.id} {o.text[:40]}", f"link:pick:{section}:{ref}:{o.id}")]
            for o in found.plan.objectives() if o.status == "active"
        ]
        turn.say("link.pick_objective", buttons=choices)
    elif action == "pick":
        turn.goto(NoteMode.LINK_WORDS, note_id=opened.note.id, section=section, ref=int(ref),
                  objective=objective)
        turn.say("link.ask_words", objective=objective)
    else:
        turn.say("input.stale_button")


async def on_words(turn: Turn) -> None:
    state = turn.state
    opened = await turn.store.notes.open(turn.conversation.note_id)
    if opened is None:
        turn.goto(IDLE)
        turn.say("note.gone")
        return
    section, ref, objective = state["section"], state["ref"], state["objective"]
    words = turn.event.text.strip()
    if typed_move(words) in ("skip", "cancel"):
        words = ""
    elif words.casefold() not in (_entry_text(opened, section, ref) or "").casefold():
        turn.say("link.words_not_found")
        return
    if words:
        found = await linking.client_plan(turn, opened)
        await turn.store.plans.learn_keyword(found.row, objective, words, turn.now)
    linking.add_by_hand(opened, section, ref, objective, words)
    turn.goto(NoteMode.SECTION, note_id=opened.note.id)
    turn.say("link.added_learned" if words else "link.added", objective=objective)

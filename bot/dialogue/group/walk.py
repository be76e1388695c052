"""Walking a group note: the shared sections once, then each member's own sections in turn.

A group session is one draft `Note` per member, tied by `Note.group_id`. The first member (by
code) is the lead: the shared sections are written into the lead's note and copied into every
other member's note on each move, so each note is complete on its own (for /drafts, /progress,
exports) and a member's note never holds another member's sections.

    shared 1..k (lead's note) ──► member 1: own sections ──► member 2 ... ──► group.review
    group.review ──Sign all──► every required section filled? ──► one signed note per member
                 ├─Edit──► pick a shared or member section ──► back into the walk
                 └─Save as drafts ──► idle (/drafts resumes any member where it stopped)

Typing, dictation, tagging and message edits are the note walk's own (bot/dialogue/notes/walk);
it hands its moves here when the note belongs to a group.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from sqlalchemy import select

from bot.dialogue.events import Button
from bot.dialogue.notes import current
from bot.dialogue.notes import walk as note_walk
from bot.dialogue.notes.current import OpenNote
from bot.dialogue.notes.linking import objectives_addressed
from bot.dialogue.templates import Template
from bot.dialogue.turn import Turn
from storage import notes as note_store
from storage.models import Client, Note
from storage.plans import current_version_id

Stop = tuple[str, int]  # (note id, section index): one place in the walk


@dataclass
class Group:
    template: Template
    notes: list[Note]  # one per member, ordered by client code; the first is the lead
    codes: list[str]

    @property
    def lead(self) -> Note:
        return self.notes[0]

    @property
    def shared(self) -> int:
        return self.template.shared_count

    def stops(self) -> list[Stop]:
        sections = range(len(self.template.sections))
        shared = [(self.lead.id, index) for index in sections if index < self.shared]
        own = [(note.id, index) for note in self.notes for index in sections
               if index >= self.shared]
        return shared + own

    def stop_of(self, note: Note) -> Stop:
        # Any member's note at a shared section stands for the lead's, where shared text lives.
        index = note.section_index
        return (self.lead.id if index < self.shared else note.id, index)

    def code_of(self, note_id: str) -> str:
        return self.codes[[note.id for note in self.notes].index(note_id)]

    def drafts(self) -> list[Note]:
        return [note for note in self.notes if note.status == "draft"]


def is_shared(opened: OpenNote, section_key: str) -> bool:
    """Whether this section of the note is one a group writes once for all its members."""
    shared = opened.template.sections[: opened.template.shared_count]
    return opened.note.group_id is not None and section_key in {s.key for s in shared}


async def holder(turn: Turn, opened: OpenNote, index: int) -> tuple[OpenNote, int]:
    """Where a walk opening this note's section really goes.

    A group's shared text lives in the lead's note; the others hold copies. So another member's
    note opened at a shared section (a group draft resumed from /drafts) opens the lead's note,
    where the group stopped.
    """
    if opened.note.group_id is None or not is_shared(opened, opened.template.sections[index].key):
        return opened, index
    group = await load(turn, opened.note.group_id)
    if group is None or group.lead.id == opened.note.id:
        return opened, index
    lead = await current.load(turn, group.lead.id)
    return lead, min(lead.note.section_index, group.shared - 1)


async def load(turn: Turn, group_id: str | None) -> Group | None:
    if group_id is None:
        return None
    rows = list(await turn.session.scalars(
        select(Note).where(Note.clinician_id == turn.clinician.id, Note.group_id == group_id)
    ))
    template = turn.services.templates.get(rows[0].template) if rows else None
    if template is None:
        return None
    members = [(await turn.session.get(Client, note.client_id), note) for note in rows]
    members.sort(key=lambda pair: pair[0].code.casefold())
    return Group(template, [note for _, note in members], [client.code for client, _ in members])


def spread_shared(group: Group) -> None:
    """Copy the lead's shared sections into every other member's draft."""
    keys = [section.key for section in group.template.sections[: group.shared]]
    lead_content = group.lead.content or {}
    for note in group.drafts():
        if note is group.lead:
            continue
        content = dict(note.content or {})
        for key in keys:
            # Without the chat message ref: an edited message changes the lead's copy only,
            # and reaches the others on the next move.
            content[key] = [{**entry, "ref": None} for entry in
                            copy.deepcopy(lead_content.get(key, []))]
        if content != (note.content or {}):
            note.content = content


async def make_move(turn: Turn, opened: OpenNote, move: str) -> None:
    group = await load(turn, opened.note.group_id)
    if group is None:
        turn.goto("idle")
        turn.say("note.gone")
        return
    spread_shared(group)
    stops = group.stops()
    position = stops.index(group.stop_of(opened.note))
    if move in ("next", "skip"):
        if move == "skip" and opened.section.required:
            turn.say("note.skipped_required", title=opened.section.title)
        if position + 1 < len(stops):
            await go(turn, group, stops[position], stops[position + 1])
        else:
            await show_review(turn, group)
    elif move == "back":
        if position == 0:
            turn.say("note.at_first")
        await go(turn, group, stops[position], stops[max(position - 1, 0)], show_holding=True)
    elif move == "done":
        await show_review(turn, group)
    elif move == "cancel":
        save_drafts(turn, group)


async def go(
    turn: Turn, group: Group, here: Stop | None, there: Stop, *, show_holding: bool = False
) -> None:
    note_id, index = there
    # Say whose note this is whenever the walk arrives at a member's own sections.
    entering_member = index >= group.shared and (here is None or here[0] != note_id
                                                  or here[1] < group.shared)
    if entering_member:
        number = [note.id for note in group.notes].index(note_id) + 1
        turn.say("group.member_turn", client=group.code_of(note_id), number=number,
                 count=len(group.notes))
    await note_walk.open_section(turn, note_id, index, show_holding=show_holding)


def render(turn: Turn, group: Group) -> str:
    status = "draft" if group.drafts() else "signed"
    parts = [turn.words("group.review_header", template=group.template.name,
                        count=len(group.notes), status=turn.words(f"note.status.{status}"))]
    empty = turn.words("note.empty_marker")

    def shown(note: Note, section) -> str:
        return f"{section.title}\n{note_store.section_text(note, section.key) or empty}"

    parts += [shown(group.lead, s) for s in group.template.sections[: group.shared]]
    own = group.template.sections[group.shared :]
    for note, code in zip(group.notes, group.codes, strict=True) if own else []:
        parts.append(turn.words("group.review_member", client=code))
        parts += [shown(note, section) for section in own]
    return "\n\n".join(parts)


async def show_review(turn: Turn, group: Group) -> None:
    turn.goto("group.review", note_id=group.lead.id)
    lead = group.lead.id
    turn.reply(render(turn, group), buttons=[
        [turn.button("group.button.sign", f"group:sign:{lead}")],
        [turn.button("group.button.edit", f"group:edit:{lead}"),
         turn.button("group.button.save_draft", f"group:save:{lead}")],
    ])


def save_drafts(turn: Turn, group: Group) -> None:
    turn.goto("idle")
    turn.say("group.saved_as_drafts", template=group.template.name, codes=", ".join(group.codes))


def stop_buttons(turn: Turn, group: Group, stops: list[Stop]) -> list[list[Button]]:
    buttons = []
    for note_id, index in stops:
        title = group.template.sections[index].title
        if index >= group.shared:
            title = f"{group.code_of(note_id)} · {title}"
        buttons.append([Button(title, f"group:goto:{note_id}:{index}")])
    return buttons


def missing_required(group: Group) -> list[Stop]:
    by_id = {note.id: note for note in group.notes}
    return [
        (note_id, index) for note_id, index in group.stops()
        if group.template.sections[index].required
        and not note_store.section_text(by_id[note_id], group.template.sections[index].key)
    ]


async def without_objective(turn: Turn, group: Group) -> list[str]:
    """Codes of members with a plan whose own sections address none of its objectives.

    Shared group text is never a member's evidence, so a plain group note (no own sections)
    has nothing to check."""
    if not group.template.sections[group.shared :]:
        return []
    return [
        code for note, code in zip(group.notes, group.codes, strict=True)
        if note.status == "draft"
        and not objectives_addressed(note)
        and await current_version_id(turn.session, note.client_id) is not None
    ]


async def sign_all(turn: Turn, group: Group, *, despite_no_objective: bool = False) -> None:
    spread_shared(group)
    missing = missing_required(group)
    if missing:
        names = [button[0].label for button in stop_buttons(turn, group, missing)]
        turn.goto("group.review", note_id=group.lead.id)
        turn.say("group.missing_required", missing=", ".join(names),
                 buttons=stop_buttons(turn, group, missing))
        return
    untouched = [] if despite_no_objective else await without_objective(turn, group)
    if untouched:
        lead = group.lead.id
        turn.goto("group.review", note_id=lead)
        turn.say("group.no_objective", codes=", ".join(untouched), buttons=[
            [turn.button("group.button.sign_anyway", f"group:force:{lead}")],
            [turn.button("group.button.edit", f"group:edit:{lead}")],
        ])
        return
    for note in group.drafts():
        note_store.sign(note, group.template.section_keys, turn.now)
    turn.goto("idle")
    turn.say("group.signed", count=len(group.notes), template=group.template.name,
             codes=", ".join(group.codes), when=turn.local(turn.now).strftime("%d %b %Y %H:%M"),
             zone=turn.clinician.timezone)


async def load_by_note(turn: Turn, note_id: str | None) -> Group | None:
    note = await turn.session.get(Note, note_id) if note_id else None
    if note is None or note.clinician_id != turn.clinician.id:
        return None
    return await load(turn, note.group_id)

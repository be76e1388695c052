"""The end of a note: the whole note shown, then Sign, Edit a section, or Save as draft.

note.review ──Sign──► required sections filled? ──► signed (hash, immutable), idle; a
             supervisee's note is sent for co-signature too (bot/dialogue/supervision.py)
             ├─Edit──► pick a section ──► walk.open_section
             └─Save as draft ──► idle
A group note has the same end, for every member at once (group.review, "Sign all"): one signed
note per member, each holding the shared sections and only that member's own.
"""

from __future__ import annotations

from bot.dialogue.modes import IDLE
from bot.dialogue.notes import keyboards, linking, render
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.plans.blocked import after_signing
from bot.dialogue.supervision import returned_comment, send_signed
from bot.dialogue.turn import Turn
from bot.progress.evidence import objectives_addressed
from bot.shared import dates
from storage.notes import filled_sections, section_text
from storage.open_note import OpenNote


async def show(turn: Turn, opened: OpenNote) -> None:
    if opened.is_group:
        turn.goto(NoteMode.GROUP_REVIEW, note_id=opened.lead.id)
        turn.reply(render.whole_group(turn, opened), buttons=keyboards.group_review(turn, opened))
        return
    turn.goto(NoteMode.REVIEW, note_id=opened.note.id)
    found = await linking.client_plan(turn, opened)
    plan = found.plan if found is not None else None
    text = render.whole_note(turn, opened.note, opened.template, opened.client.code, plan)
    if (comment := await returned_comment(turn, opened.note)) is not None:
        text = comment + "\n\n" + text  # a returned note: what the supervisor asked, first
    turn.reply(text, buttons=keyboards.review(turn, opened.note))


def leave_as_draft(turn: Turn, opened: OpenNote) -> None:
    turn.goto(IDLE)
    if opened.is_group:
        codes = ", ".join(member.client.code for member in opened.members)
        turn.say("group.saved_as_drafts", template=opened.template.name, codes=codes)
        return
    turn.say(
        "note.saved_as_draft",
        template=opened.template.name,
        client=opened.client.code,
        filled=len(filled_sections(opened.note)),
        total=len(opened.template.sections),
    )


async def _open_draft(turn: Turn, note_id: str) -> OpenNote | None:
    opened = await turn.store.notes.open(note_id)
    if opened is None:
        turn.say("note.gone")
    elif opened.note.status == "signed":
        turn.say("note.already_signed")
        return None
    return opened


async def group_to_sign(turn: Turn, note_id: str | None) -> OpenNote | None:
    """The clinician's group holding this note, with a draft left to sign, else None (said why)."""
    opened = await turn.store.notes.open(note_id)
    if opened is None or not opened.is_group:
        turn.say("note.gone")
        return None
    if not opened.drafts():
        turn.say("group.already_signed")
        return None
    return opened


async def sign(turn: Turn, note_id: str, *, despite_no_objective: bool = False) -> None:
    opened = await _open_draft(turn, note_id)
    if opened is None:
        return
    missing = [
        s.title
        for s in opened.template.sections
        if s.required and not section_text(opened.note, s.key)
    ]
    if missing:
        turn.say(
            "note.missing_required",
            sections=", ".join(missing),
            buttons=keyboards.sections(turn, opened.template),
        )
        turn.goto(NoteMode.REVIEW, note_id=opened.note.id)
        return
    if not despite_no_objective and not objectives_addressed(opened.note.tags):
        if await linking.client_plan(turn, opened) is not None:
            turn.goto(NoteMode.REVIEW, note_id=opened.note.id)
            turn.say("note.no_objective", buttons=keyboards.sign_anyway(turn, opened.note))
            return
    digest = opened.sign(turn.now)
    await audit_signatures(turn, opened)
    await after_signing(turn, opened.client)
    turn.goto(IDLE)
    signed_at = turn.local(opened.note.signed_at)
    turn.say(
        "note.signed",
        template=opened.template.name,
        client=opened.client.code,
        when=dates.moment(signed_at),
        zone=turn.clinician.timezone,
        digest=digest[:16],
    )
    await send_signed(turn, [opened.note])


async def audit_signatures(turn: Turn, opened: OpenNote) -> None:
    for member in opened.members:
        await turn.store.audit.note("sign", turn.now, member.note)


async def sign_group(turn: Turn, opened: OpenNote, *, despite_no_objective: bool = False) -> None:
    opened.spread_shared()
    lead = opened.lead.id
    missing = opened.missing_required()
    if missing:
        buttons = keyboards.stops(turn, opened, missing)
        turn.goto(NoteMode.GROUP_REVIEW, note_id=lead)
        turn.say("group.missing_required", missing=", ".join(row[0].label for row in buttons),
                 buttons=buttons)
        return
    untouched = [] if despite_no_objective else await _without_objective(turn, opened)
    if untouched:
        turn.goto(NoteMode.GROUP_REVIEW, note_id=lead)
        turn.say("group.no_objective", codes=", ".join(untouched),
                 buttons=keyboards.group_sign_anyway(turn, lead))
        return
    signing = opened.drafts()  # a member signed before is not sent again
    opened.sign(turn.now)
    await audit_signatures(turn, opened)
    for member in opened.members:
        await after_signing(turn, member.client)
    turn.goto(IDLE)
    turn.say("group.signed", count=len(opened.members), template=opened.template.name,
             codes=", ".join(member.client.code for member in opened.members),
             when=dates.moment(turn.local(turn.now)), zone=turn.clinician.timezone)
    await send_signed(turn, signing)


async def _without_objective(turn: Turn, opened: OpenNote) -> list[str]:
    """Codes of members with a plan whose own sections address none of its objectives.

    Shared group text is never a member's evidence, so a plain group note (no own sections)
    has nothing to check."""
    if not opened.template.sections[opened.shared :]:
        return []
    return [
        member.client.code
        for member in opened.members
        if member.note.status == "draft"
        and not objectives_addressed(member.note.tags)
        and await turn.store.plans.current_version_id(member.client.id) is not None
    ]


async def on_button(turn: Turn, action: str, argument: str) -> None:
    if action == "sign":
        await sign(turn, argument)
    elif action == "force":
        await sign(turn, argument, despite_no_objective=True)
    elif action == "edit":
        opened = await _open_draft(turn, argument)
        if opened is not None:
            turn.goto(NoteMode.REVIEW, note_id=opened.note.id)
            turn.say("note.pick_section", buttons=keyboards.sections(turn, opened.template))
    elif action == "save":
        opened = await _open_draft(turn, argument)
        if opened is not None:
            leave_as_draft(turn, opened)
    else:
        turn.say("input.stale_button")

"""`/drafts`: unfinished notes, newest first, then draft plans (plans/kept.py); a tap resumes
exactly where the note or the plan build stopped.

    🗑 ──► "Delete the DAP draft for C.D.?" ──(Delete for good)──► deleted (a group's together)
                                            └─(Keep it)──► nothing changes
"""

from __future__ import annotations

from bot.dialogue.modes import IDLE
from bot.dialogue.notes import start, walk
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.routes import Routes
from bot.dialogue.supervision import returned_comment
from bot.dialogue.turn import Turn
from bot.shared import dates
from bot.shared.events import Button
from bot.shared.wording import age_text
from storage.models import Note
from storage.notes import filled_sections, service_day


async def drafts_command(turn: Turn) -> None:
    drafts = await turn.store.notes.drafts()
    plans = await turn.store.plan_drafts.all()
    await turn.store.audit.record("read", turn.now, "draft_list")
    if not drafts and not plans:
        turn.say("drafts.none")
        return
    lines, buttons = [], []
    if drafts:
        lines.append(turn.words("drafts.header", count=len(drafts)))
    for note in drafts[:20]:
        values = await _describe(turn, note)
        lines.append(turn.words("drafts.line", **values))
        buttons.append([
            Button(turn.words("drafts.resume", **values), f"drafts:resume:{note.id}"),
            Button(turn.words("drafts.button.delete"), f"drafts:delete:{note.id}"),
        ])
    if plans:
        lines.append(turn.words("drafts.plans_header", count=len(plans)))
    for plan in plans[:20]:
        # The draft plan's own buttons (bot/dialogue/plans/kept.py) resume or delete it.
        client = await turn.store.clients.own(plan.client_id)
        values = dict(client=client.code, age=age_text(turn.words, turn.now - plan.updated_at))
        lines.append(turn.words("drafts.plan_line", **values))
        buttons.append([
            Button(turn.words("drafts.resume_plan", **values), f"plan:kept:resume:{plan.id}"),
            Button(turn.words("drafts.button.delete"), f"plan:kept:delete:{plan.id}"),
        ])
    turn.reply("\n".join(lines), buttons=buttons)


async def _describe(turn: Turn, note: Note) -> dict:
    client = await turn.store.clients.own(note.client_id)
    template = turn.services.templates.get(note.template)
    return dict(
        client=client.code,
        template=template.name if template else note.template.upper(),
        day=dates.weekday(service_day(note, turn.zone)),
        age=age_text(turn.words, turn.now - note.updated_at),
        filled=len(filled_sections(note)),
        total=len(template.sections) if template else 0,
    )


async def on_button(turn: Turn, action: str, note_id: str) -> None:
    note = await turn.store.notes.own(note_id)
    if action not in ("resume", "delete", "really", "keep"):
        turn.say("input.stale_button")
    elif note is None or note.status != "draft":
        turn.say("drafts.not_available")
    elif action == "resume":
        await resume(turn, note)
    elif action == "delete":
        buttons = [[Button(turn.words("drafts.button.really"), f"drafts:really:{note.id}"),
                    Button(turn.words("drafts.button.keep"), f"drafts:keep:{note.id}")]]
        key = "drafts.confirm_delete_group" if note.group_id else "drafts.confirm_delete"
        turn.say(key, buttons=buttons, **await _describe(turn, note))
    elif action == "really":
        values = await _describe(turn, note)
        await turn.store.audit.note("delete_draft", turn.now, note)
        deleted = await turn.store.notes.delete_draft(note)
        if turn.conversation.note_id in deleted:
            turn.goto(IDLE)  # the conversation was in that note
        turn.say("drafts.deleted", **values)
    else:
        turn.say("drafts.kept")


async def resume(turn: Turn, note: Note) -> None:
    # Sentences typed at "Which template?" before the draft was offered go into the draft.
    held = turn.state.get("held", []) if turn.mode == NoteMode.TEMPLATE else []
    opened = await walk.open_current(turn, note.id)
    if opened is not None:
        if (comment := await returned_comment(turn, note)) is not None:
            turn.reply(comment)  # a returned note: what the supervisor asked, on top
        await walk.open_section(turn, opened, (note.id, note.section_index), show_holding=True)
        await start.add_held(turn, held)


ROUTES = Routes(commands={"drafts": drafts_command}, buttons={"drafts": on_button})

"""`/drafts`: unfinished notes, newest first; a tap resumes exactly where the note stopped."""

from __future__ import annotations

from bot.dialogue.events import Button
from bot.dialogue.notes import walk
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.reminders.compose import age_text
from storage import notes as note_store
from storage.models import Client, Note


async def drafts_command(turn: Turn) -> None:
    drafts = await note_store.drafts(turn.session, turn.clinician.id)
    if not drafts:
        turn.say("drafts.none")
        return
    lines, buttons = [turn.words("drafts.header", count=len(drafts))], []
    for note in drafts[:20]:
        client = await turn.session.get(Client, note.client_id)
        template = turn.services.templates.get(note.template)
        total = len(template.sections) if template else 0
        name = template.name if template else note.template.upper()
        values = dict(
            client=client.code,
            template=name,
            age=age_text(turn.words, turn.now - note.updated_at),
            filled=len(note_store.filled_sections(note)),
            total=total,
        )
        lines.append(turn.words("drafts.line", **values))
        buttons.append([Button(turn.words("drafts.resume", **values), f"drafts:resume:{note.id}")])
    turn.reply("\n".join(lines), buttons=buttons)


async def on_button(turn: Turn, action: str, note_id: str) -> None:
    if action != "resume":
        turn.say("input.stale_button")
        return
    note = await turn.session.get(Note, note_id)
    if note is None or note.clinician_id != turn.clinician.id or note.status != "draft":
        turn.say("drafts.not_available")
        return
    await walk.open_section(turn, note.id, note.section_index, show_holding=True)


ROUTES = Routes(commands={"drafts": drafts_command}, buttons={"drafts": on_button})

"""`/drafts`: unfinished notes, newest first; a tap resumes exactly where the note stopped."""

from __future__ import annotations

from bot.dialogue.notes import walk
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared import dates
from bot.shared.events import Button
from bot.shared.wording import age_text
from storage.notes import filled_sections, service_day


async def drafts_command(turn: Turn) -> None:
    drafts = await turn.store.notes.drafts()
    await turn.store.audit.record("read", turn.now, "draft_list")
    if not drafts:
        turn.say("drafts.none")
        return
    lines, buttons = [turn.words("drafts.header", count=len(drafts))], []
    for note in drafts[:20]:
        client = await turn.store.clients.own(note.client_id)
        template = turn.services.templates.get(note.template)
        total = len(template.sections) if template else 0
        name = template.name if template else note.template.upper()
        values = dict(
            client=client.code,
            template=name,
            day=dates.weekday(service_day(note, turn.zone)),
            age=age_text(turn.words, turn.now - note.updated_at),
            filled=len(filled_sections(note)),
            total=total,
        )
        lines.append(turn.words("drafts.line", **values))
        buttons.append([Button(turn.words("drafts.resume", **values), f"drafts:resume:{note.id}")])
    turn.reply("\n".join(lines), buttons=buttons)


async def on_button(turn: Turn, action: str, note_id: str) -> None:
    if action != "resume":
        turn.say("input.stale_button")
        return
    note = await turn.store.notes.own(note_id)
    if note is None or note.status != "draft":
        turn.say("drafts.not_available")
        return
    opened = await walk.open_current(turn, note.id)
    if opened is not None:
        await walk.open_section(turn, opened, (note.id, note.section_index), show_holding=True)


ROUTES = Routes(commands={"drafts": drafts_command}, buttons={"drafts": on_button})

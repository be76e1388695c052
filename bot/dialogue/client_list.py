"""`/clients`: the clinician's clients, most recent first, and where each one stands.

/clients ──► a line per client (signed notes, unfinished notes, plan review) and a button for
             each recent one ──(tap)──► that client's card: New note · Plan · Progress
The card's buttons do what /note, /plan and /progress do for that client; none of this changes
the conversation until one of them is pressed, so a note being written stays open.
"""

from __future__ import annotations

from datetime import date

from bot.dialogue import progress
from bot.dialogue.clients import client_buttons, own_client
from bot.dialogue.notes import start as note_start
from bot.dialogue.plans import command as plan_command
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.reminders.compose import age_text, counted
from storage import clients as client_store
from storage.clients import Standing

BUTTONS_SHOWN = 9  # three rows on a phone; the rest are a code away


async def clients_command(turn: Turn) -> None:
    standings = await client_store.standings(turn.session, turn.clinician.id)
    if not standings:
        turn.say("clients.none")
        return
    lines = [turn.words("clients.header", count=len(standings))]
    lines += [_line(turn, standing) for standing in standings]
    lines += ["", turn.words("clients.more")]
    recent = [standing.client for standing in standings[:BUTTONS_SHOWN]]
    turn.reply("\n".join(lines), buttons=client_buttons(recent, "clients:open"))


def _line(turn: Turn, standing: Standing) -> str:
    parts = [_signed(turn, standing, "clients.signed")]
    if standing.drafts:
        parts.append(counted(turn.words, "clients.drafts", standing.drafts))
    parts.append(_plan(turn, standing, "clients."))
    return turn.words("clients.line", client=standing.client.code, standing=" · ".join(parts))


def _signed(turn: Turn, standing: Standing, key: str) -> str:
    if not standing.signed:
        return turn.words(f"{key}_none")
    age = age_text(turn.words, turn.now - standing.last_signed)
    return turn.words(key, count=standing.signed, age=age)


def _plan(turn: Turn, standing: Standing, prefix: str) -> str:
    due = standing.review_due
    if not standing.has_plan:
        return turn.words(f"{prefix}plan_none")
    if due is None:
        return turn.words(f"{prefix}review_none")
    overdue = due < turn.local(turn.now).date()
    return turn.words(f"{prefix}review{'_overdue' if overdue else ''}", date=_day(due))


def _day(day: date) -> str:
    return day.strftime("%a %d %b %Y")


async def show_card(turn: Turn, client_id: str) -> None:
    found = await client_store.standings(turn.session, turn.clinician.id, client_id)
    if not found:
        turn.say("input.stale_button")
        return
    standing = found[0]
    drafts = (
        turn.words("clients.card_drafts", count=standing.drafts)
        if standing.drafts
        else turn.words("clients.card_drafts_none")
    )
    lines = [
        standing.client.code,
        _signed(turn, standing, "clients.card_signed"),
        drafts,
        _plan(turn, standing, "clients.card_"),
    ]
    actions = ["note", "plan"] + (["progress"] if standing.has_plan else [])
    buttons = [turn.button(f"clients.button.{a}", f"clients:{a}:{client_id}") for a in actions]
    turn.reply("\n".join(lines), buttons=[buttons])


async def on_button(turn: Turn, action: str, client_id: str) -> None:
    if action == "open":
        await show_card(turn, client_id)
    elif action == "note":
        await note_start.on_client_button(turn, client_id)
    elif action == "plan":
        await plan_command.on_client_button(turn, client_id)
    elif action == "progress" and (client := await own_client(turn, client_id)):
        await progress.show_progress(turn, client.code, None)
    else:
        turn.say("input.stale_button")


ROUTES = Routes(commands={"clients": clients_command}, buttons={"clients": on_button})

"""`/clients`: the clinician's clients, most recent first, and where each one stands.

/clients ──► a line per client (signed notes, unfinished notes, plan review) and a button for
             each recent one ──(tap)──► that client's card: New note · Plan · Progress
The card's buttons do what /note, /plan and /progress do for that client; none of this changes
the conversation until one of them is pressed, so a note being written stays open.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.dialogue import progress
from bot.dialogue.clients import client_buttons
from bot.dialogue.integrity import unreadable_line
from bot.dialogue.notes import start as note_start
from bot.dialogue.plans import command as plan_command
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared import dates
from bot.shared.wording import age_text, counted
from storage.clients import Standing
from storage.crypto import DecryptionError

BUTTONS_SHOWN = 9  # three rows on a phone; the rest are a code away


@dataclass(frozen=True)
class StandingKeys:
    """The wording a client's standing is told in: a line of /clients, or the client's card."""

    signed: str
    signed_none: str
    plan_none: str
    review: str
    review_none: str
    review_overdue: str


LINE = StandingKeys(
    "clients.signed", "clients.signed_none", "clients.plan_none",
    "clients.review", "clients.review_none", "clients.review_overdue",
)
CARD = StandingKeys(
    "clients.card_signed", "clients.card_signed_none", "clients.card_plan_none",
    "clients.card_review", "clients.card_review_none", "clients.card_review_overdue",
)


async def clients_command(turn: Turn) -> None:
    standings = await turn.store.clients.standings()
    await turn.store.audit.record("read", turn.now, "client_list")
    if not standings:
        turn.say("clients.none")
        return
    shown, unreadable = [], 0
    for standing in standings:
        try:
            shown.append((standing, _line(turn, standing)))
        except DecryptionError:  # one damaged client code costs that client's line only
            unreadable += 1
    lines = [turn.words("clients.header", count=len(standings))]
    lines += [line for _, line in shown]
    lines += [note for note in [unreadable_line(turn, unreadable)] if note]
    lines += ["", turn.words("clients.more")]
    recent = [standing.client for standing, _ in shown[:BUTTONS_SHOWN]]
    turn.reply("\n".join(lines), buttons=client_buttons(recent, "clients:open"))


def _line(turn: Turn, standing: Standing) -> str:
    parts = [_signed(turn, standing, LINE)]
    if standing.drafts:
        parts.append(counted(turn.words, "clients.drafts", standing.drafts))
    parts.append(_plan(turn, standing, LINE))
    return turn.words("clients.line", client=standing.client.code, standing=" · ".join(parts))


def _signed(turn: Turn, standing: Standing, keys: StandingKeys) -> str:
    if not standing.signed:
        return turn.words(keys.signed_none)
    age = age_text(turn.words, turn.now - standing.last_signed)
    return turn.words(keys.signed, count=standing.signed, age=age)


def _plan(turn: Turn, standing: Standing, keys: StandingKeys) -> str:
    due = standing.review_due
    if not standing.has_plan:
        return turn.words(keys.plan_none)
    if due is None:
        return turn.words(keys.review_none)
    overdue = due < turn.local(turn.now).date()
    return turn.words(keys.review_overdue if overdue else keys.review, date=dates.weekday_year(due))


async def show_card(turn: Turn, client_id: str) -> None:
    found = await turn.store.clients.standings(client_id)
    if not found:
        turn.say("input.stale_button")
        return
    standing = found[0]
    await turn.store.audit.record("read", turn.now, "client", client_id, client_id=client_id)
    drafts = (
        turn.words("clients.card_drafts", count=standing.drafts)
        if standing.drafts
        else turn.words("clients.card_drafts_none")
    )
    lines = [
        standing.client.code,
        _signed(turn, standing, CARD),
        drafts,
        _plan(turn, standing, CARD),
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
    elif action == "progress" and (client := await turn.store.clients.own(client_id)):
        await progress.show_progress(turn, client.code, None)
    else:
        turn.say("input.stale_button")


ROUTES = Routes(commands={"clients": clients_command}, buttons={"clients": on_button})

"""Service details of a note: date of service, start time, length, format (for a group session
every member's note; its members present are recorded as it starts).

Asked briefly as a note starts (buttons under the start message) and again from the review
screen's Service button; each is one tap and never in the way: the note is written meanwhile, and
its date of service is the clinician's today until they change it.

    tap Today · Yesterday · a format · a length ──► set on the note, stay where the chat was
    tap Other date · Start time · Other length ──► note.service (typed) ──► back where it was
    a typed date in the future, or more than a year back ──► "Use that day" · type another
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import get_args

from bot.dialogue.modes import IDLE
from bot.dialogue.navigation import typed_move
from bot.dialogue.notes import render, review, walk
from bot.dialogue.notes.modes import NoteMode
from bot.dialogue.plans.dates import AmbiguousDay, parse_day
from bot.dialogue.plans.today import today
from bot.dialogue.turn import Turn
from bot.export.model import ServiceFormat
from bot.shared import dates
from bot.shared.events import Button
from bot.shared.vocabulary import as_typed, meanings
from storage.open_note import OpenNote

FORMATS: tuple[str, ...] = get_args(ServiceFormat)
OFFERED_MINUTES = (30, 45, 60)  # the usual psychotherapy session lengths, one tap each
LONGEST_MINUTES = 8 * 60
DAYS_BACK_WITHOUT_ASKING = 365
ASKED = ("date", "time", "length")
REVIEWS = (NoteMode.REVIEW, NoteMode.GROUP_REVIEW)
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*([a-z.]*)$")
_LENGTH = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([a-z]*)$")


def keyboard(turn: Turn, opened: OpenNote) -> list[list[Button]]:
    """Today · Yesterday · Other date / the formats / the usual lengths · Other / Start time;
    what the note holds is ticked."""
    note, key = opened.note, opened.note.id
    day = today(turn)

    def tap(label: str, data: str, chosen: bool) -> Button:
        return Button(turn.words("service.chosen", label=label) if chosen else label, data)

    return [
        [
            tap(turn.words("service.button.today"), f"svc:day:{key}:0", note.service_date == day),
            tap(turn.words("service.button.yesterday"), f"svc:day:{key}:1",
                note.service_date == day - timedelta(days=1)),
            turn.button("service.button.other_date", f"svc:ask:{key}:date"),
        ],
        [
            tap(turn.words(f"record.format.{kind}"), f"svc:fmt:{key}:{kind}",
                note.service_format == kind)
            for kind in FORMATS
        ],
        [
            *(
                tap(turn.words("record.service_length", minutes=minutes),
                    f"svc:len:{key}:{minutes}", note.service_minutes == minutes)
                for minutes in OFFERED_MINUTES
            ),
            turn.button("service.button.other_length", f"svc:ask:{key}:length"),
        ],
        [turn.button("service.button.start_time", f"svc:ask:{key}:time")],
    ]


def offer(turn: Turn, opened: OpenNote) -> None:
    """The note's service line with its buttons: what a note start says before section one."""
    turn.say("service.offer", line=render.service_line(turn, opened.note),
             buttons=keyboard(turn, opened))


async def on_button(turn: Turn, action: str, argument: str) -> None:
    note_id, _, value = argument.partition(":")
    opened = await _draft(turn, note_id)
    if opened is None:
        return
    if action == "menu":
        offer(turn, opened)
    elif action == "day" and value in ("0", "1"):
        await _set(turn, opened, service_date=today(turn) - timedelta(days=int(value)))
    elif action == "fmt" and value in FORMATS:
        await _set(turn, opened, service_format=value)
    elif action == "len" and value.isdigit():
        await _set(turn, opened, service_minutes=int(value))
    elif action == "ok" and _iso_day(value) is not None:
        await _set(turn, opened, service_date=_iso_day(value))
    elif action == "ask" and value in ASKED:
        _ask(turn, opened, value)
    else:
        turn.say("input.stale_button")


async def on_typed(turn: Turn) -> None:
    opened = await _draft(turn, turn.conversation.note_id)
    if opened is None:
        turn.goto(IDLE)
        return
    asked = turn.state.get("asked")
    if typed_move(turn.event.text) in ("back", "cancel"):
        await _go_back(turn, opened)
    elif asked == "date":
        await _typed_date(turn, opened)
    elif asked == "time":
        await _typed_time(turn, opened)
    else:
        await _typed_length(turn, opened)


async def _draft(turn: Turn, note_id: str | None) -> OpenNote | None:
    opened = await turn.store.notes.open(note_id)
    if opened is None:
        turn.say("note.gone")
    elif not opened.drafts():
        turn.say("note.already_signed")
        return None
    return opened


def _iso_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _ask(turn: Turn, opened: OpenNote, asked: str) -> None:
    """Waits for a typed date, time or length, remembering where the chat was to go back."""
    back = dict(back_mode=turn.mode, back_note=turn.conversation.note_id)
    if turn.mode == NoteMode.SERVICE:
        back = {key: turn.state.get(key) for key in back}
    turn.goto(NoteMode.SERVICE, note_id=opened.note.id, asked=asked, **back)
    turn.say(f"service.ask.{asked}")


async def _set(turn: Turn, opened: OpenNote, **details: object) -> None:
    opened.set_service(turn.now, **details)
    if turn.mode == NoteMode.SERVICE:
        await _go_back(turn, opened)
    elif turn.mode in REVIEWS and _holds(opened, turn.conversation.note_id):
        await review.show(turn, opened)
    else:
        _confirm(turn, opened)


def _confirm(turn: Turn, opened: OpenNote) -> None:
    # With the buttons again: a tapped keyboard goes away, and the clinician may tap another.
    turn.say("service.set", line=render.service_line(turn, opened.note),
             buttons=keyboard(turn, opened))


def _holds(opened: OpenNote, note_id: str | None) -> bool:
    return note_id in {member.note.id for member in opened.members}


async def _go_back(turn: Turn, opened: OpenNote) -> None:
    """Back where the chat was before a detail was typed: the note's section, or its review."""
    state = turn.state
    back = await turn.store.notes.open(state.get("back_note"))
    if back is None or not back.drafts():
        _confirm(turn, opened)
        turn.goto(IDLE)
    elif state.get("back_mode") in REVIEWS:
        if not _holds(back, opened.note.id):
            _confirm(turn, opened)
        await review.show(turn, back)
    else:
        _confirm(turn, opened)
        await walk.open_section(turn, back, back.stop)


async def _typed_date(turn: Turn, opened: OpenNote) -> None:
    day, typed = today(turn), turn.event.text.strip()
    parsed = parse_day(typed, day, looking="past")
    if parsed is None:
        turn.say("service.bad_date")
    elif isinstance(parsed, AmbiguousDay):
        turn.say("service.ambiguous_date", typed=typed, day_first=dates.day(parsed.day_first),
                 month_first=dates.day(parsed.month_first))
    elif parsed > day or parsed < day - timedelta(days=DAYS_BACK_WITHOUT_ASKING):
        key = "service.confirm_future" if parsed > day else "service.confirm_long_ago"
        turn.say(key, day=dates.weekday_year(parsed), buttons=[
            [turn.button("service.button.use_day", f"svc:ok:{opened.note.id}:{parsed.isoformat()}",
                         day=dates.weekday_year(parsed))],
            [turn.button("service.button.type_again", f"svc:ask:{opened.note.id}:date")],
        ])
    else:
        await _set(turn, opened, service_date=parsed)


async def _typed_time(turn: Turn, opened: OpenNote) -> None:
    found = _TIME.match(as_typed(turn.event.text))
    half = meanings("service_words").get(found.group(3)) if found and found.group(3) else None
    hour, minute = (int(found.group(1)), int(found.group(2) or 0)) if found else (99, 0)
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if found is None or (found.group(3) and half not in ("am", "pm")) or hour > 23 or minute > 59:
        turn.say("service.bad_time")
        return
    await _set(turn, opened, service_start=f"{hour:02d}:{minute:02d}")


async def _typed_length(turn: Turn, opened: OpenNote) -> None:
    found = _LENGTH.match(as_typed(turn.event.text))
    typed_unit = found.group(2) if found else ""
    unit = meanings("service_words").get(typed_unit, "") if typed_unit else "minutes"
    if found is None or unit not in ("minutes", "hours"):
        turn.say("service.bad_length", longest=LONGEST_MINUTES)
        return
    minutes = round(float(found.group(1).replace(",", ".")) * (60 if unit == "hours" else 1))
    if not 1 <= minutes <= LONGEST_MINUTES:
        turn.say("service.bad_length", longest=LONGEST_MINUTES)
        return
    await _set(turn, opened, service_minutes=minutes)

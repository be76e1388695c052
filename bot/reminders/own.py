"""The clinician's own reminders in plain words: "at 8 tomorrow to finish A.B.'s note",
"in 2 hours", "every Friday at 4 to review plans".

The time goes through dateparser, in the clinician's zone, after two clean-ups it needs: a
bare "at 8" becomes "at 08:00" (a bare hour before `bare_hour_pm_before` means afternoon:
"at 4" is 16:00 in a working day), and a bare time of day means its next occurrence.
The dialogue repeats the result back for confirmation, so a wrong guess is seen before it counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import dateparser

from bot.reminders.rules import rules
from bot.reminders.schedule import WEEKDAYS, next_daily, next_occurrence, parse_clock

_LEAD = re.compile(r"^\s*(?:please\s+)?remind\s+(?:me\s+)?", re.IGNORECASE)
_WHEN_WORDS = rf"(?:at|in|on|by|tomorrow|today|tonight|every|next|this|{'|'.join(WEEKDAYS)})"
_TASK_FIRST = re.compile(rf"^to\s+(?P<what>.+?)\s+(?P<when>{_WHEN_WORDS}\b.*)$", re.IGNORECASE)
_WHEN_FIRST = re.compile(r"^(?P<when>.+?)\s+to\s+(?P<what>.+)$", re.IGNORECASE)
_AT_CLOCK = re.compile(r"\bat\s+(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?=\s|$)", re.I)
_EVERY = re.compile(
    rf"^every\s+(?P<day>day|weekday|{'|'.join(WEEKDAYS)})s?\s+at\s+(?P<clock>\d{{2}}:\d{{2}})$",
    re.IGNORECASE,
)
_CLOCK_ONLY = re.compile(r"^at\s+(?P<clock>\d{2}:\d{2})$", re.IGNORECASE)
MAX_TASK_CHARS = 300  # the dialogue refuses longer ones rather than cutting them


@dataclass(frozen=True)
class OwnReminder:
    due: datetime  # aware UTC: the first (or only) time
    recurrence: str | None  # "weekly:4:16:00", "daily:08:00", "weekdays:08:00"
    what: str  # the clinician's words; may name a client, so it is stored encrypted


def _split(text: str) -> tuple[str, str]:
    body = _LEAD.sub("", text.strip()).strip()
    task_first = _TASK_FIRST.match(body)
    if task_first:
        return task_first["when"].rstrip(".!?"), task_first["what"]
    when_first = _WHEN_FIRST.match(body)
    if when_first:
        return when_first["when"], when_first["what"]
    return body.rstrip(".!?"), ""


def _clock(match: re.Match) -> str:
    hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "").lower()
    if half.startswith("p") and hour < 12:
        hour += 12
    elif half.startswith("a") and hour == 12:
        hour = 0
    elif not half and hour < rules().bare_hour_pm_before:
        hour += 12
    if hour > 23 or minute > 59:
        raise ValueError("not a clock time")
    return f"at {hour:02d}:{minute:02d}"


def parse_own(text: str, now: datetime, zone: ZoneInfo) -> OwnReminder | None:
    """The reminder `text` asks for, or None when no time can be found in it."""
    when, what = _split(text)
    try:
        when = _AT_CLOCK.sub(_clock, when)
    except ValueError:
        return None
    what = what.strip()
    every = _EVERY.match(when.strip())
    if every:
        day, clock = every["day"].lower(), every["clock"]
        if day == "day":
            recurrence = f"daily:{clock}"
        elif day == "weekday":
            recurrence = f"weekdays:{clock}"
        else:
            recurrence = f"weekly:{WEEKDAYS.index(day)}:{clock}"
        return OwnReminder(next_occurrence(recurrence, now, zone), recurrence, what)
    clock_only = _CLOCK_ONLY.match(when.strip())
    if clock_only:
        # dateparser sends a time already past today to a strange day; the next one is meant.
        return OwnReminder(next_daily(now, parse_clock(clock_only["clock"]), zone), None, what)
    local_now = now.astimezone(zone).replace(tzinfo=None)
    parsed = dateparser.parse(
        when,
        languages=["en"],
        settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": local_now},
    )
    if parsed is None:
        return None
    return OwnReminder(parsed.replace(tzinfo=zone).astimezone(UTC), None, what)

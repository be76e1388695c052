"""Clock arithmetic in the clinician's zone: daily and weekly times, quiet hours, DST.

Everything takes and returns aware UTC datetimes; local wall-clock times are computed with
zoneinfo, so "17:00 in New York" stays 17:00 across a DST change. A wall-clock time that does
not exist on a spring-forward day (02:30) falls an hour later; an ambiguous one (autumn) is the
first of the two.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.shared import dates

_CLOCK = re.compile(r"^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?\s*$", re.IGNORECASE)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_clock(text: str) -> time | None:
    """Reads "17:00", "9.30", "5pm" or "7" as a time; anything else gives None."""
    found = _CLOCK.match(text or "")
    if not found:
        return None
    hour, minute, half = int(found[1]), int(found[2] or 0), (found[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def clock_text(value: time) -> str:
    return dates.clock(value)


def at_local(day: date, clock: time, zone: ZoneInfo) -> datetime:
    # A round trip through UTC normalises a time skipped by DST to the real instant after it.
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def next_daily(
    after: datetime, clock: time, zone: ZoneInfo, weekdays: frozenset[int] | None = None
) -> datetime:
    """The first `clock` local time strictly after `after`, on one of `weekdays` (all if None)."""
    day = after.astimezone(zone).date()
    for offset in range(8):
        candidate_day = day + timedelta(days=offset)
        if weekdays is not None and candidate_day.weekday() not in weekdays:
            continue
        moment = at_local(candidate_day, clock, zone)
        if moment > after:
            return moment
    raise ValueError("no weekday allowed")


def next_occurrence(recurrence: str, after: datetime, zone: ZoneInfo) -> datetime:
    """Next time of "daily:HH:MM", "weekdays:HH:MM" or "weekly:<0-6>:HH:MM" after `after`."""
    kind, _, rest = recurrence.partition(":")
    if kind == "weekly":
        weekday, _, clock = rest.partition(":")
        return next_daily(after, _strict_clock(clock), zone, frozenset({int(weekday)}))
    if kind == "weekdays":
        return next_daily(after, _strict_clock(rest), zone, frozenset(range(5)))
    if kind == "daily":
        return next_daily(after, _strict_clock(rest), zone)
    raise ValueError(f"unknown recurrence {kind!r}")


def _strict_clock(text: str) -> time:
    parsed = parse_clock(text)
    if parsed is None:
        raise ValueError("bad clock time in a recurrence")
    return parsed


class QuietHours:
    """A local window (e.g. 21:00-07:00, across midnight) in which nothing is sent."""

    def __init__(self, start: str, end: str, zone: ZoneInfo):
        self.start, self.end, self.zone = _strict_clock(start), _strict_clock(end), zone

    def contains(self, moment: datetime) -> bool:
        now = moment.astimezone(self.zone).time()
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end

    def hold(self, moment: datetime) -> datetime:
        """`moment`, or the end of the quiet hours it falls in."""
        if not self.contains(moment):
            return moment
        local = moment.astimezone(self.zone)
        day = local.date() if local.time() < self.end else local.date() + timedelta(days=1)
        return at_local(day, self.end, self.zone)

    def next_morning(self, moment: datetime) -> datetime:
        """The end of the next quiet hours after `moment`: "tomorrow morning"."""
        local = moment.astimezone(self.zone)
        today_end = at_local(local.date(), self.end, self.zone)
        if moment < today_end and self.contains(moment):
            return today_end
        return at_local(local.date() + timedelta(days=1), self.end, self.zone)

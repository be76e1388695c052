"""How the bot writes dates and times, by style: every format in one place.

For people, in the clinician's own zone (callers pass local times, `turn.local(moment)`):

    clock           17:05                   weekday         Wed 02 Dec
    day             02 Dec 2026             weekday_year    Wed 02 Dec 2026
    short_day       02 Dec                  weekday_moment  Wed 02 Dec 17:05
    moment          02 Dec 2026 17:05       full_moment     Wed 02 Dec 2026 17:05
    short_moment    02 Dec 17:05

For machines: `occurrence_key` and `day_key` name one occurrence of a reminder in its dedupe
key (changing them would plan every pending reminder again), `file_stamp` goes in file names.
"""

from __future__ import annotations

from datetime import date, datetime, time


def clock(value: datetime | time) -> str:
    return value.strftime("%H:%M")


def day(value: date) -> str:
    return value.strftime("%d %b %Y")


def short_day(value: date) -> str:
    return value.strftime("%d %b")


def weekday(value: date) -> str:
    return value.strftime("%a %d %b")


def weekday_year(value: date) -> str:
    return value.strftime("%a %d %b %Y")


def moment(value: datetime) -> str:
    return value.strftime("%d %b %Y %H:%M")


def short_moment(value: datetime) -> str:
    return value.strftime("%d %b %H:%M")


def weekday_moment(value: datetime) -> str:
    return value.strftime("%a %d %b %H:%M")


def full_moment(value: datetime) -> str:
    return value.strftime("%a %d %b %Y %H:%M")


def occurrence_key(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M")


def day_key(value: date) -> str:
    return value.strftime("%Y%m%d")


def file_stamp(value: datetime) -> str:
    return value.strftime("%Y%m%d-%H%M")

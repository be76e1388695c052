"""Clock arithmetic in the clinician's zone, and own reminders read from plain words."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.reminders.own import parse_own
from bot.reminders.schedule import QuietHours, next_daily, next_occurrence, parse_clock

NEW_YORK, KOLKATA = ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")
MONDAY_10_NY = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17:00", time(17)),
        ("9.30", time(9, 30)),
        ("5pm", time(17)),
        ("12am", time(0)),
        ("7", time(7)),
        ("25:00", None),
        ("13pm", None),
        ("soon", None),
        ("", None),
    ],
)
def test_parse_clock(text, expected):
    assert parse_clock(text) == expected


def test_a_time_skipped_by_dst_falls_an_hour_later():
    # 2027-03-14 02:30 does not exist in New York; the daily 02:30 that day is 03:30 EDT.
    after = datetime(2027, 3, 14, 5, 0, tzinfo=UTC)  # 00:00 EST
    moment = next_daily(after, time(2, 30), NEW_YORK)
    assert moment == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    assert moment.astimezone(NEW_YORK).hour == 3


def test_autumn_fold_takes_the_first_occurrence():
    after = datetime(2026, 11, 1, 4, 0, tzinfo=UTC)  # 00:00 EDT on the day clocks go back
    assert next_daily(after, time(1, 30), NEW_YORK) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_weekly_recurrence_in_the_clinicians_zone():
    due = next_occurrence("weekly:4:16:00", MONDAY_10_NY, NEW_YORK)
    assert due == datetime(2026, 12, 4, 21, 0, tzinfo=UTC)
    assert next_occurrence("weekdays:08:00", due, NEW_YORK) == datetime(
        2026, 12, 7, 13, 0, tzinfo=UTC
    )
    with pytest.raises(ValueError):
        next_occurrence("hourly:5", due, NEW_YORK)


def test_quiet_hours_across_midnight():
    quiet = QuietHours("21:00", "07:00", KOLKATA)
    evening = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)  # 21:30 in Kolkata
    assert quiet.contains(evening)
    assert quiet.hold(evening) == datetime(2026, 12, 1, 1, 30, tzinfo=UTC)  # 07:00 next day
    early = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)  # 05:30 the same morning
    assert quiet.hold(early) == datetime(2026, 11, 30, 1, 30, tzinfo=UTC)
    noon = datetime(2026, 11, 30, 6, 30, tzinfo=UTC)
    assert quiet.hold(noon) == noon
    assert quiet.next_morning(noon) == datetime(2026, 12, 1, 1, 30, tzinfo=UTC)
    assert quiet.next_morning(early) == datetime(2026, 11, 30, 1, 30, tzinfo=UTC)
    assert not QuietHours("00:00", "00:00", KOLKATA).contains(evening)


@pytest.mark.parametrize(
    ("text", "local", "recurrence", "what"),
    [
        (
            "remind me at 8 tomorrow to finish A.B.'s note",
            "2026-12-01 08:00",
            None,
            "finish A.B.'s note",
        ),
        ("remind me in 2 hours", "2026-11-30 12:00", None, ""),
        ("every Friday at 4 to review plans", "2026-12-04 16:00", "weekly:4:16:00", "review plans"),
        ("Remind me to call back at 5pm.", "2026-11-30 17:00", None, "call back"),
        ("remind me at 7 to breathe", "2026-12-01 07:00", None, "breathe"),
        ("remind me at 11 to stretch", "2026-11-30 11:00", None, "stretch"),
        (
            "remind me every weekday at 8:30 to check drafts",
            "2026-12-01 08:30",
            "weekdays:08:30",
            "check drafts",
        ),
        ("remind me on December 3 at 14:00 to call", "2026-12-03 14:00", None, "call"),
    ],
)
def test_own_reminders_in_plain_words(text, local, recurrence, what):
    parsed = parse_own(text, MONDAY_10_NY, NEW_YORK)
    assert parsed.due.astimezone(NEW_YORK).strftime("%Y-%m-%d %H:%M") == local
    assert (parsed.recurrence, parsed.what) == (recurrence, what)


@pytest.mark.parametrize("text", ["remind me whenever", "remind me at 25 to x", ""])
def test_no_time_no_reminder(text):
    assert parse_own(text, MONDAY_10_NY, NEW_YORK) is None

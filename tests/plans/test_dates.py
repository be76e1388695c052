"""Dates typed or dictated in the plan flows, read relative to the clinician's own day."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dialogue.plans.dates import AmbiguousDay, parse_day

TODAY = date(2026, 11, 30)  # a Monday


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2027-01-15", date(2027, 1, 15)),
        ("15 Jan 2027", date(2027, 1, 15)),
        ("15 Feb 2027", date(2027, 2, 15)),
        ("Feb 15 2027", date(2027, 2, 15)),
        ("February 15, 2027", date(2027, 2, 15)),
        ("25/03/2027", date(2027, 3, 25)),  # all numbers, but only one day fits: day first
        ("3/25/2027", date(2027, 3, 25)),  # ... or month first
        ("25.03.27", date(2027, 3, 25)),
        ("05/05/2027", date(2027, 5, 5)),  # both readings are the same day
        ("25/1", date(2027, 1, 25)),  # no year: the next 25 January
        ("15 jan", date(2027, 1, 15)),
        ("in 8 weeks", date(2027, 1, 25)),
        ("in 3 months.", date(2027, 2, 28)),
        ("next Friday", date(2026, 12, 4)),
        ("tomorrow", date(2026, 12, 1)),
    ],
)
def test_readable_dates(typed, meant):
    assert parse_day(typed, TODAY) == meant


@pytest.mark.parametrize(
    "typed", ["", "banana", "2027-02-30", "12", "Jan 2027", "March", "31/02/2027", "13/13/2027"]
)
def test_unreadable_or_too_vague(typed):
    assert parse_day(typed, TODAY) is None


@pytest.mark.parametrize(
    ("typed", "day_first", "month_first"),
    [
        ("12/03/2027", date(2027, 3, 12), date(2027, 12, 3)),
        ("12-03-2027", date(2027, 3, 12), date(2027, 12, 3)),
        ("1.2.27", date(2027, 2, 1), date(2027, 1, 2)),
        ("12/03", date(2027, 3, 12), date(2026, 12, 3)),
    ],
)
def test_numbers_that_read_as_two_days_are_not_guessed(typed, day_first, month_first):
    assert parse_day(typed, TODAY) == AmbiguousDay(day_first, month_first)

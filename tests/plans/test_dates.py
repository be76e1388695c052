"""Dates typed or dictated in the plan flows, read relative to the clinician's own day."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dialogue.plans.dates import parse_day

TODAY = date(2026, 11, 30)  # a Monday


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2027-01-15", date(2027, 1, 15)),
        ("15 Jan 2027", date(2027, 1, 15)),
        ("15 jan", date(2027, 1, 15)),
        ("in 8 weeks", date(2027, 1, 25)),
        ("in 3 months.", date(2027, 2, 28)),
        ("next Friday", date(2026, 12, 4)),
        ("tomorrow", date(2026, 12, 1)),
    ],
)
def test_readable_dates(typed, meant):
    assert parse_day(typed, TODAY) == meant


@pytest.mark.parametrize("typed", ["", "banana", "2027-02-30", "12", "Jan 2027", "March"])
def test_unreadable_or_too_vague(typed):
    assert parse_day(typed, TODAY) is None

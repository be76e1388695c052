"""Every value the export words or codes has its words (prompts/) and its FHIR code (data)."""

from __future__ import annotations

from typing import get_args

from bot.export.fhir import fhir_codes
from bot.export.files import FORMATS
from bot.export.model import TRENDS, ServiceFormat
from nlp.planfile import STATUSES
from tests.export.support import words


def test_each_format_status_trend_and_service_format_has_its_words():
    for key in FORMATS:
        assert words(f"export.format.{key}") and words(f"export.what.{key}")
    for status in STATUSES:
        assert words(f"record.status.{status}")
    for trend in TRENDS:
        assert words(f"record.trend.{trend}")
    for service_format in get_args(ServiceFormat):
        assert words(f"record.format.{service_format}")


def test_each_objective_status_and_known_trend_has_its_fhir_goal_code():
    codes = fhir_codes()
    assert set(codes["goal_lifecycle"]) == set(STATUSES)
    assert set(codes["goal_achievement"]) - {"system"} == set(TRENDS) - {"unknown"}

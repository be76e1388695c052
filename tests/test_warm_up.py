"""Warm-up before serving: the NLP pipeline is built once, ahead of the first tagged turn, and
start-up objects are frozen out of the garbage collector's generations."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import nlp.pipeline
from bot.telegram.application import build_application, serving
from bot.telegram.warm_up import warm_up
from nlp import build_tagger
from nlp.planfile import parse_plan
from tests.conftest import CLINICIAN
from tests.support.chat import Chat
from tests.support.fake_bot_api import FakeBotAPI

PLAN = parse_plan((Path(__file__).parent / "e2e" / "panic_plan.yaml").read_text())


@pytest.fixture
def cold_process(monkeypatch):
    """As in a fresh process: no pipeline built yet, nothing frozen; builds are counted."""
    builds = []
    real_build = nlp.pipeline.build_language

    def counted_build():
        builds.append(1)
        return real_build()

    monkeypatch.setattr(nlp.pipeline, "_language", None)
    monkeypatch.setattr(nlp.pipeline, "build_language", counted_build)
    gc.unfreeze()
    yield builds
    gc.unfreeze()  # the rest of the test session collects as usual


def test_the_pipeline_is_built_once_before_the_first_tag(cold_process):
    warm_up()
    assert cold_process == [1]
    (result,) = build_tagger(PLAN).tag("Practised diaphragmatic breathing on four days.")
    assert [tag.objective for tag in result.tags] == ["O1"]
    assert cold_process == [1]  # the first tag used the pipeline built at warm-up


def test_start_up_objects_leave_the_collectors_generations(cold_process):
    long_lived = {"made": ["at start-up"]}
    assert gc.get_freeze_count() == 0 and gc.is_tracked(long_lived)
    warm_up()
    assert gc.get_freeze_count() > 0
    assert not any(found is long_lived for found in gc.get_objects())
    made_later = {"made": ["while serving"]}
    assert any(found is made_later for found in gc.get_objects())


async def test_serving_warms_up_before_the_first_update(cold_process, services):
    api = FakeBotAPI()
    application = build_application(services, builder=api.application_builder())
    async with serving(application):
        assert cold_process == [1] and gc.get_freeze_count() > 0
        chat = Chat(application, api, CLINICIAN)
        await chat.onboard()
        await chat.say("/note A.B. soap")
        chat.expect("Subjective")
    assert cold_process == [1]

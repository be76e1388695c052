"""Spoken section headings (bot/dialogue/headings.py): a heading starts a sentence and is
followed by a pause; a section word inside a sentence is note text."""

from __future__ import annotations

import pytest

from bot.dialogue.headings import split_at_headings
from bot.shared.templates import TemplateLibrary


@pytest.fixture(scope="module")
def library():
    return TemplateLibrary.load()


def parts(library, template: str, text: str) -> list[tuple[str | None, str]]:
    sections = library.get(template).sections
    return [
        (None if index is None else sections[index].key, part)
        for index, part in split_at_headings(text, sections)
    ]


def test_four_soap_headings_split_the_dictation_in_four(library):
    text = ("Subjective. Client reports sleeping better. Objective: calm affect, PHQ-9 of 8. "
            "Assessment, improving steadily. Plan - continue CBT weekly.")
    assert parts(library, "soap", text) == [
        ("subjective", "Client reports sleeping better."),
        ("objective", "calm affect, PHQ-9 of 8."),
        ("assessment", "improving steadily."),
        ("plan", "continue CBT weekly."),
    ]


def test_text_before_the_first_heading_stays_unheaded(library):
    assert parts(library, "dap", "Arrived late. Assessment: engaged.") == [
        (None, "Arrived late."), ("assessment", "engaged."),
    ]


def test_a_section_word_inside_a_sentence_is_not_a_heading(library):
    for text in ("The plan is to meet weekly.", "Objective measures were taken.",
                 "Plan to review the assessment next week.", "We agreed on a plan, then left."):
        assert parts(library, "soap", text) == [(None, text)]


def test_no_headings_gives_the_text_whole(library):
    assert parts(library, "soap", "Slept six hours.") == [(None, "Slept six hours.")]
    assert parts(library, "soap", "") == []


def test_a_heading_with_nothing_after_it_is_an_empty_part(library):
    assert parts(library, "soap", "Slept well. Plan.") == [(None, "Slept well."), ("plan", "")]


def test_any_case_and_the_longer_spoken_name_first(library):
    text = "group topic: anger. GROUP PROCESS, cohesive. Topic; again."
    assert parts(library, "group", text) == [
        ("topic", "anger."), ("process", "cohesive."), ("topic", "again."),
    ]


@pytest.mark.parametrize(("template", "text", "keys"), [
    ("birp", "Behaviour: restless. Intervention: grounding. Response: calmer. Plan: repeat.",
     ["behavior", "intervention", "response", "plan"]),
    ("girp", "Goals: sleep. Interventions: hygiene. Response: tried it. Plan: log.",
     ["goals", "intervention", "response", "plan"]),
    ("pirp", "Problem: panic. Intervention: breathing. Response: fewer attacks. Plan: keep on.",
     ["problem", "intervention", "response", "plan"]),
    ("individualized_group", "Topic: grief. Participation: spoke twice. "
     "Response and progress: tearful. Plan: call.",
     ["topic", "participation", "response", "plan"]),
])
def test_every_template_has_spoken_headings(library, template, keys, text):
    assert [key for key, _ in parts(library, template, text)] == keys


def test_every_template_section_has_a_spoken_name(library):
    for template in library:
        for section in template.sections:
            assert section.spoken, (template.key, section.key)

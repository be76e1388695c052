"""The measurement reader's cheap looks (lookaheads of first characters, prefix trees) find every
alias and word the plain patterns they stand in for would find."""

from __future__ import annotations

import re

from nlp.measurements import MeasurementReader, _may_hold_number, _words_pattern
from nlp.numbers import digits_for_words
from nlp.text import prefix_tree_pattern

READER = MeasurementReader()


def _written(alias: str) -> list[str]:
    """An alias as written, and with its spaces and hyphens swapped or dropped."""
    return sorted(
        {alias, alias.replace("-", " "), alias.replace(" ", "-"), re.sub(r"[\s-]", "", alias)}
    )


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The instrument pattern as it was before its lookahead of first letters."""
    plain, n = re.subn(r"\(\?=\(\?i:[^()]*\)\)", "", pattern.pattern, count=1)
    assert n == 1
    return re.compile(plain, pattern.flags)


def test_every_registry_alias_is_found_as_without_the_lookahead():
    plain = _without_lookahead(READER.maybe_instrument)
    for instrument in READER.instrument_names.values():
        for alias in instrument["aliases"]:
            for written in _written(alias):
                for text in (f"her {written} was 12 today", f"{written.lower()}: 12"):
                    found = READER.maybe_instrument.search(text)
                    before = plain.search(text)
                    assert (found and found.span()) == (before and before.span()), instrument[
                        "name"
                    ]
                    assert before is not None or text.islower()


def test_a_plan_alias_with_a_spaced_hyphen_is_found():
    reader = READER.with_instruments([{"name": "Quiz Scale", "aliases": ["Q - Scale"]}])
    assert reader.maybe_instrument.search("the Q - Scale was 12").group("inst") == "Q - Scale"
    assert reader.maybe_instrument.search("the Q-Scale was 12").group("inst") == "Q-Scale"
    assert reader.maybe_instrument.search("a Quiet scale") is None


def test_a_prefix_tree_with_spaces_matches_the_plain_alternation():
    words = ["sleep", "sleep time", "sleeping in", "screen time", "screen"]
    spaced = prefix_tree_pattern(words, space=r"\s+")
    tree = re.compile(rf"\b(?:{spaced})\b", re.IGNORECASE)
    plain = re.compile(
        r"\b(?:"
        + "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
        )
        + r")\b",
        re.IGNORECASE,
    )
    for text in ["Sleep  time was 6 hours", "screen\ttime 2 hours", "sleeping in late", "screens"]:
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_number_is_seen_as_digits_or_words():
    assert _may_hold_number("slept 6 hours")
    assert _may_hold_number("drank twice this week")
    assert _may_hold_number("took AN  HR to settle")
    assert _may_hold_number("Twenty minutes of walking")
    assert not _may_hold_number("felt calmer after the walk")


def test_the_phrase_lists_match_as_their_plain_alternation_in_any_case():
    words = ["Mood", "mood swings", "low mood", "self-harm", "urge to check", "urge", "low"]
    plain = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    )
    texts = ["MOOD  swings at 6", "low mood 4", "Self-harm urges: 2", "urge to check 7", "lower"]
    for pattern in (rf"\b(?:{_words_pattern(words)})\b", rf"(?:{_words_pattern(words)})\s*$"):
        before = re.compile(pattern.replace(_words_pattern(words), plain), re.IGNORECASE)
        after = re.compile(pattern, re.IGNORECASE)
        for text in texts:
            assert [m.span() for m in after.finditer(text)] == [
                m.span() for m in before.finditer(text)
            ]


def test_a_span_of_the_sentence_maps_onto_the_digits_text_as_by_a_scan():
    for text in ["plans to walk twenty-one minutes and a half", "four of seven days", "", "no one"]:
        normal = digits_for_words(text)
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                scanned = tuple(
                    next((i for i, o in enumerate(normal.origin) if o >= at), len(normal.text))
                    for at in (start, end)
                )
                assert READER._normal_span(normal, start, end) == scanned

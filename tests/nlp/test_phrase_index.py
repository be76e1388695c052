"""The phrase index and the prefix-tree pattern: the fast forms find what the plain ones find."""

from __future__ import annotations

import itertools
import re

from nlp.text import PhraseIndex, first_characters, prefix_tree_pattern

PHRASES = [
    ("panic",),
    ("panic", "attack"),
    ("panic", "attack", "at", "night"),
    ("urge", "to", "drink"),
    ("drink",),
    ("at", "night"),
    ("at", "work"),
    ("went", "to"),
]
SENTENCE = "had a panic attack at night then an urge to drink at work and went to bed".split()


def _plain_find_all(words, start, end):
    """Every phrase at every place, longest first at each place: what find_all promises."""
    found = []
    for i in range(start, end):
        for length in range(end - i, 0, -1):
            found += [
                (i, i + length, n) for n, p in enumerate(PHRASES) if p == words[i : i + length]
            ]
    return found


def _plain_find_longest(words, start, end):
    found, i = [], start
    while i < end:
        hits = [f for f in _plain_find_all(words, i, end) if f[0] == i]
        if hits:
            found.append(hits[0])
            i = hits[0][1]
        else:
            i += 1
    return found


def test_phrase_index_finds_what_a_plain_scan_finds():
    index = PhraseIndex((p, n) for n, p in enumerate(PHRASES))
    words = tuple(SENTENCE)
    for start, end in itertools.combinations(range(len(words) + 1), 2):
        assert index.find_all(words, start, end) == _plain_find_all(words, start, end)
        assert index.find_longest(words, start, end) == _plain_find_longest(words, start, end)


def test_phrases_sharing_a_first_word_keep_every_payload():
    index = PhraseIndex([(("no", "one"), "a"), (("no", "one"), "b"), (("no",), "c")])
    assert index.find_all(["no", "one"]) == [(0, 2, "a"), (0, 2, "b"), (0, 1, "c")]
    assert index.find_longest(["no", "one", "no"]) == [(0, 2, "a"), (2, 3, "c")]
    assert index.find_all(["one", "no"]) == [(1, 2, "c")]


def test_prefix_tree_pattern_matches_the_plain_alternation():
    words = ["ten", "tend", "two", "twelve", "twenty", "w/end", "one", "once", "a.m."]
    tree = re.compile(rf"\b(?:{prefix_tree_pattern(words)})\b", re.IGNORECASE)
    plain = re.compile(
        rf"\b(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})\b", re.IGNORECASE
    )
    texts = [
        "Ten",
        "tends to",
        "twelve and twenty",
        "tw",
        "at the w/end",
        "Once more",
        "one's",
        "someone",
        "at 7 a.m. sharp",
        "tenth",
        "x",
    ]
    for text in texts:
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_first_characters_are_lower_case_and_escaped():
    assert first_characters(["Ten", "two", "eight", ""], extra="/-") == re.escape("-/et")
    pattern = re.compile(rf"(?=[{first_characters(['Ten', 'eight'])}])(?:ten|eight)", re.I)
    assert [m.group() for m in pattern.finditer("TEN and Eight, not nine")] == ["TEN", "Eight"]

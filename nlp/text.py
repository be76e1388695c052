"""Word normalisation and phrase lookup shared by every tagger component.

Matching is done on folded word forms: lower case, shorthand written out ("w/" -> "with", "yday"
-> "yesterday", "hubby" -> "husband": data/shorthand.json), irregular forms mapped to their base
(data/irregular_forms.json), then the Snowball English stemmer, so "practiced", "practices" and
"practicing" meet "practice". Both the lexicon phrases and the note's words go through the same
fold, so the fold only needs to be consistent, not linguistically exact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Generic, TypeVar

import Stemmer

DATA_DIR = Path(__file__).parent / "data"
Payload = TypeVar("Payload")


@cache
def load_data(name: str) -> dict:
    return load_json(DATA_DIR / name)


def load_json(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


_STEMMER = Stemmer.Stemmer("english")  # PyStemmer: the Snowball algorithms, compiled
_fold_cache: dict[str, str] = {}
_FOLD_CACHE_SIZE = 200_000


@cache
def _unstemmed() -> frozenset[str]:
    return frozenset(load_data("irregular_forms.json")["unstemmed"])


@cache
def shorthand_forms() -> tuple[dict[str, str], dict[str, str]]:
    """The written-out word of each shorthand form: (forms in any case, forms only as typed in
    lower case)."""
    any_case: dict[str, str] = {}
    lower_only: dict[str, str] = {}
    for entry in load_data("shorthand.json")["entries"]:
        table = lower_only if entry.get("lower_case_only") else any_case
        table.update((form, entry["means"]) for form in entry["written"])
    return any_case, lower_only


_spelled_cache: dict[str, str] = {}


def spelled_out(word: str) -> str:
    """A word in lower case with its shorthand written out: "W/" -> "with", "bc" -> "because"
    (but "BC" stays "bc"), "hubby" -> "husband"; any other word only lower-cased (cached, as
    fold: the context rules ask for every word of every sentence)."""
    written = _spelled_cache.get(word)
    if written is None:
        lowered = word.lower()
        any_case, lower_only = shorthand_forms()
        written = any_case.get(lowered) or lower_only.get(word) or lowered
        if len(_spelled_cache) >= _FOLD_CACHE_SIZE:
            _spelled_cache.clear()  # as the fold cache: this only bounds odd inputs
        _spelled_cache[word] = written
    return written


def spelled_out_words(words: Sequence[str], lowers: tuple[str, ...]) -> tuple[str, ...]:
    """A sentence's words spelled out; its lower-case words themselves (no copy) when it has no
    shorthand, as most sentences have none."""
    any_case, lower_only = shorthand_forms()
    if any_case.keys().isdisjoint(lowers) and lower_only.keys().isdisjoint(words):
        return lowers
    return tuple(map(spelled_out, words))


def fold(word: str) -> str:
    """The matching form of one word (cached: notes reuse a small vocabulary): lower case,
    shorthand written out, irregular forms to their base, then the Snowball (Porter 2) English
    stemmer, which keeps "rate" apart from "rats" and joins "practiced", "practices",
    "practicing"."""
    folded = _fold_cache.get(word)
    if folded is None:
        written = spelled_out(word)
        forms = load_data("irregular_forms.json")
        base = forms["forms"].get(written, written)
        folded = _STEMMER.stemWord(base) if base.isalpha() and base not in _unstemmed() else base
        if len(_fold_cache) >= _FOLD_CACHE_SIZE:
            _fold_cache.clear()  # notes reuse few words; this only bounds odd inputs
        _fold_cache[word] = folded
    return folded


def prefix_tree_pattern(words: Iterable[str], space: str | None = None) -> str:
    r"""An alternation of literal words written as a prefix tree ("t(?:en|wo)" for "ten|two"),
    longer words first where one is a prefix of another. It matches the same words as the plain
    alternation, but the regex engine tries each first letter once rather than every word at
    every place of the text: several times faster for a cheap first look over a long list.
    `space`: what a space inside a phrase matches (r"\s+": any run of white space)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        alternatives = [
            (space if char == " " and space else re.escape(char)) + branch(node[char])
            for char in sorted(node)
            if char
        ]
        if not alternatives:
            return ""
        body = f"(?:{'|'.join(alternatives)})"
        if "" not in node:
            return alternatives[0] if len(alternatives) == 1 else body
        return body + "?"

    return branch(tree)


def first_characters(words: Iterable[str], extra: str = "") -> str:
    """The characters the words (and `extra`) begin with, in lower case and escaped for a
    character class: "(?=[...])" before an alternation of them lets the regex engine skip, with
    one test, every place of a text no branch can start at (for patterns that ignore case)."""
    return re.escape("".join(sorted({w[0].lower() for w in words if w} | set(extra.lower()))))


def alias_key(alias: str) -> str:
    """An instrument alias as the instrument registry is keyed by it: lower case, no spaces or
    hyphens ("PHQ 9", "phq-9" and "PHQ9" are one)."""
    return re.sub(r"[\s-]", "", alias.lower())


def is_ing_form(lower: str) -> bool:
    """Whether a lower-case word is written as an -ing form ("recording", "meetings"), the
    form the stemmer folds onto its verb."""
    return len(lower) > 5 and lower.endswith(("ing", "ings"))


class _FirstWord(Generic[Payload]):
    """The phrases that start with one word: its one-word phrase's payloads, and its longer
    phrases grouped by length (longest first) with the words that can come second, so a place
    whose next word starts none of them costs no tuple slice or lookup per length."""

    __slots__ = ("single", "longer", "seconds")

    def __init__(self, by_length: dict[int, dict[tuple[str, ...], list[Payload]]]) -> None:
        self.single: list[Payload] = next(iter(by_length.pop(1, {}).values()), [])
        self.longer = sorted(by_length.items(), reverse=True)
        self.seconds = frozenset(words[1] for phrases in by_length.values() for words in phrases)


class PhraseIndex(Generic[Payload]):
    """Multi-word phrases keyed by their first word; finds them in a word sequence.

    Phrases starting with the same word are grouped by length, so checking a place costs one
    dictionary lookup per distinct length, however many phrases share the word; and none at all
    when the next word cannot be a second word of them (most places: the tagger asks this
    for every sentence, several times).
    """

    def __init__(self, entries: Iterable[tuple[Sequence[str], Payload]] = ()) -> None:
        by_first: dict[str, dict[int, dict[tuple[str, ...], list[Payload]]]] = {}
        for words, payload in entries:
            words = tuple(words)
            if words:
                by_length = by_first.setdefault(words[0], {})
                by_length.setdefault(len(words), {}).setdefault(words, []).append(payload)
        self._by_first: dict[str, _FirstWord[Payload]] = {
            first: _FirstWord(by_length) for first, by_length in by_first.items()
        }

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find_all(
        self, words: Sequence[str], start: int = 0, end: int | None = None
    ) -> list[tuple[int, int, Payload]]:
        """Every occurrence, overlapping ones included, as (start, end, payload); at each place
        the longest first."""
        words = tuple(words)
        end = len(words) if end is None else end
        by_first = self._by_first
        found = []
        for i in range(start, end):
            entry = by_first.get(words[i])
            if entry is None:
                continue
            if i + 1 < end and words[i + 1] in entry.seconds:
                for length, phrases in entry.longer:
                    if i + length <= end:
                        payloads = phrases.get(words[i : i + length])
                        if payloads:
                            found += [(i, i + length, p) for p in payloads]
            if entry.single:
                found += [(i, i + 1, p) for p in entry.single]
        return found

    def find_longest(
        self, words: Sequence[str], start: int = 0, end: int | None = None
    ) -> list[tuple[int, int, Payload]]:
        """Left to right, the longest phrase at each place; matches do not overlap."""
        words = tuple(words)
        end = len(words) if end is None else end
        by_first = self._by_first
        found: list[tuple[int, int, Payload]] = []
        i = start
        while i < end:
            entry = by_first.get(words[i])
            length = 0
            if entry is not None:
                if i + 1 < end and words[i + 1] in entry.seconds:
                    for size, phrases in entry.longer:
                        if i + size <= end:
                            payloads = phrases.get(words[i : i + size])
                            if payloads:
                                found.append((i, i + size, payloads[0]))
                                length = size
                                break
                if not length and entry.single:
                    found.append((i, i + 1, entry.single[0]))
                    length = 1
            i += length or 1
        return found


Tokenize = Callable[[str], list[str]]


def phrase_words(tokenize: Tokenize, phrase: str, folded: bool) -> tuple[str, ...]:
    """A phrase split exactly as note text is split, in folded or lower-case form."""
    words = tokenize(phrase)
    return tuple(fold(w) for w in words) if folded else tuple(w.lower() for w in words)


def spelled_phrase_words(tokenize: Tokenize, phrase: str) -> tuple[str, ...]:
    """A phrase split as note text is split, in lower case with its shorthand written out: as
    the context rules read a sentence's words (spelled_out_words)."""
    return tuple(spelled_out(w) for w in tokenize(phrase))

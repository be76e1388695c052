"""Dictation conventions for voice transcripts.

`apply_dictation` turns what a clinician said into note text: it fixes clinical terms the
speech model mishears, writes instrument names canonically ("P H Q nine" -> "PHQ-9"), writes
spoken numbers as digits in ratings and scores only ("six out of ten" -> "6/10", "GAD-7 score of
eight" -> "GAD-7 score of 8") so the NLP can read them, and turns spoken punctuation ("period",
"comma", "new paragraph") into symbols without touching ordinary words ("a period of two weeks").
The rules are data: nlp/data/dictation.json and nlp/data/dictation_corrections.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
_SENTENCE_PUNCTUATION = ",.;:!?"


@dataclass(frozen=True)
class _SpokenPunctuation:
    pattern: re.Pattern[str]
    symbol: str


@dataclass(frozen=True)
class _Rules:
    corrections: tuple[tuple[re.Pattern[str], str], ...]
    number_values: dict[str, int]
    number_pattern: str
    instruments: tuple[tuple[re.Pattern[str], dict[str, str], str], ...]
    score: re.Pattern[str]
    rating: re.Pattern[str]
    punctuation: tuple[_SpokenPunctuation, ...]
    keep_after: frozenset[str]
    keep_before: frozenset[str]


def apply_dictation(text: str) -> str:
    """Return the transcript `text` as note text, following the dictation conventions."""
    rules = _rules()
    text = _correct_terms(text, rules)
    text = _name_instruments(text, rules)
    text = rules.rating.sub(lambda m: _rating(m, rules), text)
    text = rules.score.sub(lambda m: m.group("lead") + str(_number(m.group("num"), rules)), text)
    text = _punctuate(text, rules)
    return _tidy(text)


def _correct_terms(text: str, rules: _Rules) -> str:
    for pattern, written in rules.corrections:
        text = pattern.sub(lambda m, w=written: _match_case(m.group(0), w), text)
    return text


def _match_case(heard: str, written: str) -> str:
    if heard[:1].isupper() and written[:1].islower():
        return written[:1].upper() + written[1:]
    return written


def _name_instruments(text: str, rules: _Rules) -> str:
    for pattern, versions, bare_name in rules.instruments:

        def canonical(
            m: re.Match[str], versions: dict[str, str] = versions, bare_name: str = bare_name
        ) -> str:
            spoken_version = m.group("version")
            if spoken_version is None:
                return bare_name
            return versions[_version_key(spoken_version, rules)]

        text = pattern.sub(canonical, text)
    return text


def _version_key(spoken: str, rules: _Rules) -> str:
    spoken = spoken.lower()
    if spoken in rules.number_values:
        return str(rules.number_values[spoken])
    return spoken.upper()


def _rating(m: re.Match[str], rules: _Rules) -> str:
    return f"{_number(m.group('value'), rules)}/{_number(m.group('scale'), rules)}"


def _number(spoken: str, rules: _Rules) -> int:
    """Value of a number written in digits or words ("14", "twenty-one", "a hundred")."""
    if spoken.isdigit():
        return int(spoken)
    words = re.split(r"[\s-]+", spoken.lower())
    if words[-1] == "hundred":
        return 100 * (rules.number_values.get(words[0], 1) if len(words) > 1 else 1)
    return sum(rules.number_values[word] for word in words)


def _punctuate(text: str, rules: _Rules) -> str:
    for spoken in rules.punctuation:

        def symbol_or_word(
            m: re.Match[str], text: str = text, spoken: _SpokenPunctuation = spoken
        ) -> str:
            if _is_ordinary_word(m, text, rules):
                return m.group(0)
            return spoken.symbol + m.group("after_space")

        text = spoken.pattern.sub(symbol_or_word, text)
    return text


def _is_ordinary_word(m: re.Match[str], text: str, rules: _Rules) -> bool:
    """True when a punctuation word is used as a word: 'over a period of two weeks'."""
    previous = re.search(r"([A-Za-z']+)$", text[: m.start("word")].rstrip())
    if not _has_punctuation(m.group("before")) and previous:
        if previous.group(1).lower() in rules.keep_after:
            return True
    following = re.match(r"\s*([A-Za-z']+)", text[m.end("word") :])
    if not _has_punctuation(m.group("after")) and following:
        return following.group(1).lower() in rules.keep_before
    return False


def _has_punctuation(fragment: str) -> bool:
    return any(char in _SENTENCE_PUNCTUATION for char in fragment)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" +([,.;:!?])", r"\1", text)
    # The model often punctuates where the clinician also spoke a mark: keep the spoken one.
    text = re.sub(r"[,;:]+(?=[.!?])", "", text)
    text = re.sub(r"([.!?])[,;:.]+", r"\1", text)
    text = re.sub(r"^[,;:.\s]+", "", text)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n[,;:.]+", "\n", text)
    text = re.sub(r"([.!?] +|\n)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return text.strip()


@cache
def _rules() -> _Rules:
    conventions = json.loads((DATA_DIR / "dictation.json").read_text(encoding="utf-8"))
    corrections = json.loads((DATA_DIR / "dictation_corrections.json").read_text(encoding="utf-8"))
    numbers = conventions["numbers"]
    number_values = {**numbers["units"], **numbers["tens"]}
    number_pattern = _number_pattern(numbers)

    instruments = tuple(
        _instrument_rule(entry, numbers["units"]) for entry in conventions["instruments"]
    )
    names = [name for entry in conventions["instruments"] for name in entry["versions"].values()]
    names += [entry["letters"] for entry in conventions["instruments"] if not entry["versions"]]
    lead_ins = conventions["score_lead_ins"]
    connectors = "|".join(map(re.escape, lead_ins["connectors"]))
    phrases = "|".join(_words(phrase) for phrase in lead_ins["phrases"])
    score = re.compile(
        rf"(?P<lead>(?:\b(?:{'|'.join(map(re.escape, names))})|\b(?:{phrases}))"
        rf"(?:[\s,]+(?:{connectors})\b)*[\s,]+)(?P<num>{number_pattern})\b",
        re.IGNORECASE,
    )
    joiners = "|".join(_words(joiner) for joiner in conventions["rating"]["joiners"])
    rating = re.compile(
        rf"\b(?P<value>{number_pattern})\s+(?:{joiners})\s+(?P<scale>{number_pattern})\b",
        re.IGNORECASE,
    )
    punctuation = tuple(
        _SpokenPunctuation(
            re.compile(
                rf"(?P<before>[\s{_SENTENCE_PUNCTUATION}]*)\b(?P<word>{_words(entry['spoken'])})\b"
                rf"(?P<after>[{_SENTENCE_PUNCTUATION}]*)(?P<after_space>[ \t]*)",
                re.IGNORECASE,
            ),
            entry["write"],
        )
        for entry in conventions["punctuation"]
    )
    keep = conventions["keep_as_word"]
    return _Rules(
        corrections=tuple(
            (re.compile(entry["heard"], re.IGNORECASE), entry["write"])
            for entry in corrections["corrections"]
        ),
        number_values=number_values,
        number_pattern=number_pattern,
        instruments=instruments,
        score=score,
        rating=rating,
        punctuation=punctuation,
        keep_after=frozenset(keep["after"]),
        keep_before=frozenset(keep["before"]),
    )


def _words(phrase: str) -> str:
    """A regex for a spoken phrase, tolerant of the spacing and hyphens between its words."""
    return r"[\s-]+".join(map(re.escape, phrase.split()))


def _number_pattern(numbers: dict) -> str:
    units = "|".join(sorted(numbers["units"], key=len, reverse=True))
    ones = "|".join(word for word, value in numbers["units"].items() if 1 <= value <= 9)
    tens = "|".join(numbers["tens"])
    hundred = re.escape(numbers["hundred"])
    return rf"(?:\d+|(?:a|one)[\s-]+{hundred}|(?:{tens})(?:[\s-]+(?:{ones})\b)?|(?:{units})\b)"


def _instrument_rule(
    entry: dict, units: dict[str, int]
) -> tuple[re.Pattern[str], dict[str, str], str]:
    """A pattern for an instrument spelled, spaced or dotted ("P H Q nine", "phq-9")."""
    letters = r"[\s.-]*".join(map(re.escape, entry["letters"])) + r"\.?"
    spoken_versions = []
    for key in entry["versions"]:
        spoken_versions.append(re.escape(key))
        spoken_versions += [word for word, value in units.items() if str(value) == key]
    if spoken_versions:
        version = rf"[\s-]*(?P<version>{'|'.join(spoken_versions)})\b"
    else:
        version = r"(?P<version>(?!))?"
    return (
        re.compile(rf"\b{letters}{version}(?![\w-])", re.IGNORECASE),
        entry["versions"],
        entry["letters"],
    )

"""Number words to digits, keeping offsets: "four of seven days" -> "4 of 7 days", "four and a half"
-> "4.5", "a dozen" -> "12".

The measurement reader works on digits; clinicians and dictation write "twenty-one", "forty five",
"one". text2num (a maintained library) turns each run of number words into its value; this module
finds the runs, leaves pronoun uses of "one" alone ("no one", "one of them"), and keeps a map from
every character of the new text back to the original, so a measurement found in the new text still
knows where it stands in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from nlp.text import first_characters, load_data, prefix_tree_pattern

_WORDS = load_data("numbers.json")
# A prefix tree ("seven(?:teen|ty)?"), as the runs are looked for in every sentence with a number.
_NUMBER_WORD = prefix_tree_pattern(_WORDS["number_words"])
# A run: number words joined by spaces or hyphens ("twenty-one", "one hundred and five").
_RUN = re.compile(
    rf"\b(?:{_NUMBER_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*\b", re.IGNORECASE
)
_AMOUNTS = {k.lower(): v for k, v in _WORDS["amounts"].items()}
_AMOUNT = "|".join(
    re.escape(a).replace(r"\ ", r"\s+") for a in sorted(_AMOUNTS, key=len, reverse=True)
)
# A run of number words, a digit string before "and a half", or a fixed amount ("a dozen"); the
# lookahead of the characters they begin with spares the three at every other place.
_STARTS = first_characters([*_WORDS["number_words"], *_AMOUNTS])
_ANY = re.compile(
    rf"(?=[\d{_STARTS}])(?:(?P<run>{_RUN.pattern})(?P<half>\s+and\s+a\s+half\b)?"
    rf"|\b(?P<digits>\d+)(?P<digit_half>\s+and\s+a\s+half)\b"
    rf"|\b(?P<amount>{_AMOUNT})\b)",
    re.IGNORECASE,
)
_PRONOUN_BEFORE = frozenset(_WORDS["one_is_a_pronoun_after"])
_PRONOUN_AFTER = frozenset(_WORDS["one_is_a_pronoun_before"])


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: list[int]  # origin[i]: offset in the original text of character i (and one past end)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of text[start:end]."""
        return self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start]


def _is_pronoun(text: str, start: int, end: int, run: str) -> bool:
    if run.lower() != "one":
        return False
    before = re.findall(r"[a-z']+", text[max(0, start - 12) : start].lower())
    after = re.findall(r"[a-z']+", text[end : end + 12].lower())
    return bool(before and before[-1] in _PRONOUN_BEFORE) or bool(
        after and after[0] in _PRONOUN_AFTER
    )


def digits_for_words(text: str) -> Normalized:
    """The text with every run of number words written as digits, and the offset map back."""
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for match in _ANY.finditer(text):
        start, end = match.span()
        run = match.group("run")
        value: float
        if match.group("amount"):
            value = _AMOUNTS[re.sub(r"\s+", " ", match.group("amount").lower())]
        elif match.group("digits"):
            value = int(match.group("digits")) + 0.5
        else:
            if _is_pronoun(text, start, end, run):
                continue
            try:
                value = text2num(re.sub(r"\s+and\s+", " ", run.lower()), "en")
            except ValueError:
                continue
            if match.group("half"):
                value += 0.5
        pieces.append(text[position:start])
        origin.extend(range(position, start))
        digits = str(value)
        pieces.append(digits)
        origin.extend([start] * (len(digits) - 1) + [end - 1])
        position = end
    pieces.append(text[position:])
    origin.extend(range(position, len(text) + 1))
    return Normalized("".join(pieces), origin)

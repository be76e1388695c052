"""Word error rate between a reference and a transcript, after the same normalisation.

Both sides go through the dictation conventions, then lose case and punctuation, and numbers
are spelled out ("6/10" and "six out of ten" compare equal), so only real mishearings count.
Shared by the voice tests and bench/voice.py.
"""

from __future__ import annotations

import json
import re
from functools import cache

from nlp.dictation import DATA_DIR, apply_dictation


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / words in the reference."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        current = [i]
        for j, hyp_word in enumerate(hyp, start=1):
            current.append(min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (ref_word != hyp_word),
            ))
        previous = current
    return previous[-1] / max(1, len(ref))


def normalise(text: str) -> list[str]:
    text = apply_dictation(text).lower().replace("’", "'")
    text = re.sub(r"\d+", lambda m: _spell(int(m.group(0))), text)
    return re.findall(r"[a-z']+", re.sub(r"[-/]", " ", text))


def _spell(number: int) -> str:
    units, tens = _number_words()
    if number in units:
        return units[number]
    if number < 100:
        return " ".join(filter(None, [tens[number // 10 * 10], units.get(number % 10, "")]))
    return str(number)


@cache
def _number_words() -> tuple[dict[int, str], dict[int, str]]:
    numbers = json.loads((DATA_DIR / "dictation.json").read_text(encoding="utf-8"))["numbers"]
    units = {value: word for word, value in numbers["units"].items() if value}
    return units | {0: "zero"}, {value: word for word, value in numbers["tens"].items()}

"""Progress words (data/progress.json) as a spaCy component, and the judgement of progress.

Progress is judged against the objective's direction: less of a symptom to decrease, or more of
a behaviour to increase, is improved. "better"/"worse" words judge the client's state directly.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from nlp.analysis import sentences_of
from nlp.concepts import tokenizer_words
from nlp.text import PhraseIndex, Tokenize, load_data

CUE_CLASSES = ("better", "worse", "more", "less", "same", "not_done", "done")


class ProgressCues:
    def __init__(self, tokenize: Tokenize) -> None:
        data = load_data("progress.json")
        classes: dict[tuple[str, ...], set[str]] = {}
        for cue_class in CUE_CLASSES:
            for phrase in data[cue_class]:
                words = tuple(w.lower() for w in tokenize(phrase))
                classes.setdefault(words, set()).add(cue_class)
        for phrase in data["neutral"]:
            classes.setdefault(tuple(w.lower() for w in tokenize(phrase)), set())
        self.index: PhraseIndex[frozenset[str]] = PhraseIndex(
            (words, frozenset(found)) for words, found in classes.items()
        )

    def find(self, lowers: Sequence[str]) -> list[tuple[int, int, frozenset[str]]]:
        return [m for m in self.index.find_longest(lowers) if m[2]]


def judge(
    direction: str | None,
    negated: bool,
    cues: set[str],
    measured_change: str | None,
) -> str:
    """improved | worsened | unchanged | unknown for one objective mention.

    cues: the cue classes found in the sentence; measured_change: "more"/"less" when a
    measurement in the sentence states its previous value.
    """
    if negated:
        amount = "less"
    elif "same" in cues:
        return "unchanged"
    elif ("better" in cues) != ("worse" in cues):
        return "improved" if "better" in cues else "worsened"
    elif "not_done" in cues:
        amount = "less"
    elif ("more" in cues) != ("less" in cues):
        amount = "more" if "more" in cues else "less"
    elif measured_change is not None:
        amount = measured_change
    elif "done" in cues and direction == "increase":
        amount = "more"
    else:
        return "unknown"
    if direction is None:
        return "unknown"
    return "improved" if (amount == "more") == (direction == "increase") else "worsened"


class ProgressFinder:
    def __init__(self, cues: ProgressCues) -> None:
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        for sentence in sentences_of(doc):
            sentence.cues = self.cues.find(sentence.lowers)
        return doc


@Language.factory("wayfinder_progress")
def make_progress_finder(nlp: Language, name: str) -> ProgressFinder:
    return ProgressFinder(ProgressCues(tokenizer_words(nlp)))

"""Sentence splitting that knows clinical abbreviations, bullets and line breaks.

A spaCy component: sets the Doc's sentence starts and records each sentence's words (surface,
lower case and folded) for the components after it. Bullet markers at the start of a line are
not part of the sentence. Token data is read in one array call: creating a Token object per
word, Doc.text, or setting Token.is_sent_start one by one would cost more than all the rules.
"""

from __future__ import annotations

from itertools import accumulate

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from nlp.analysis import SECTION_KEY, TEXT_KEY, SentenceAnalysis, sentences_of
from nlp.text import fold, load_data

_ENDINGS = frozenset({".", "!", "?", "...", "…"})


class SentenceSplitter:
    def __init__(self) -> None:
        data = load_data("sentences.json")
        self.abbreviations = frozenset(data["abbreviations"])
        self.titles = frozenset(data["titles"])
        self.bullets = frozenset(data["bullets"])
        self.prefixes: dict[str, str] = data["section_prefixes"]
        self.labels: dict[str, str] = data["section_labels"]
        self.label_words: int = data["label_words"]
        self.label_reports = frozenset(data["label_reports"])
        self.dashes = frozenset(data["prefix_dashes"])

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        text = doc.user_data.get(TEXT_KEY)
        if text is not None:
            starts, lengths, spaces = doc.to_array([IDX, LENGTH, IS_SPACE]).T.tolist()
            words = [text[start : start + n] for start, n in zip(starts, lengths, strict=True)]
        else:
            orths, trailing, spaces = doc.to_array([ORTH, SPACY, IS_SPACE]).T.tolist()
            strings = doc.vocab.strings
            words = [strings[orth] for orth in orths]
            pieces = [w + " " if ws else w for w, ws in zip(words, trailing, strict=True)]
            starts = list(accumulate(map(len, pieces), initial=0))
            text = "".join(pieces)
        # [first, last] word of each sentence, its line and its paragraph (lines between blank ones)
        groups: list[tuple[int, int, int, int]] = []
        first = last = -1
        line = paragraph = 0
        line_start = True
        endings, bullets = _ENDINGS, self.bullets
        for i, word in enumerate(words):
            if spaces[i]:
                if "\n" in word:
                    if first >= 0:
                        groups.append((first, last, line, paragraph))
                        first = -1
                    line_start = True
                    line += 1
                    paragraph += word.count("\n") > 1
                continue
            if line_start and first < 0 and word in bullets:
                line_start = False
                continue
            line_start = False
            if first >= 0 and words[i - 1] in endings:
                if not self._continues_after(words[i - 2] if i >= 2 else "", word):
                    groups.append((first, last, line, paragraph))
                    first = -1
            if first < 0:
                first = i
            last = i
        if first >= 0:
            groups.append((first, last, line, paragraph))
        sentence_starts = numpy.full((len(words), 1), -1, dtype="int32").astype("uint64")
        sentence_starts[0, 0] = 1
        lowers = [w.lower() for w in words]
        folded = [fold(w) for w in words]
        analyses = sentences_of(doc)
        given = doc.user_data.get(SECTION_KEY)
        section, section_line = given, -1
        heading: tuple[str, int] | None = None  # a prefix alone on its line, and its paragraph
        for first, last, line, paragraph in groups:
            prefix = self._prefix(lowers, first, last)
            if prefix is not None:
                section, section_line = prefix, line
                alone = lowers[last] == ":" or lowers[last] in self.dashes
                heading = (prefix, paragraph) if alone else None
            elif heading is not None and heading[1] == paragraph:
                section = heading[0]  # "Plan:" above a list: its lines, to a blank line
            elif line != section_line:
                section, heading = given, None  # a prefix holds to the end of its line
            sentence_starts[first, 0] = 1
            stop = last + 1
            if 1 in spaces[first:stop]:  # a double space inside a line: leave it out
                kept = [k for k in range(first, stop) if not spaces[k]]
                pick = (
                    [words[k] for k in kept],
                    [lowers[k] for k in kept],
                    [folded[k] for k in kept],
                )
                word_starts = [starts[k] for k in kept]
            else:
                pick = words[first:stop], lowers[first:stop], folded[first:stop]
                word_starts = starts[first:stop]
            analyses.append(
                SentenceAnalysis(
                    text=text[starts[first] : starts[last] + len(words[last])],
                    words=pick[0],
                    starts=word_starts,
                    lowers=tuple(pick[1]),
                    folded=tuple(pick[2]),
                    section=section,
                )
            )
        doc.from_array([SENT_START], sentence_starts)
        return doc

    def _prefix(self, lowers: list[str], first: int, last: int) -> str | None:
        """The section kind a line's prefix gives ("P:" plan, "I:" intervention), if any."""
        for length in (2, 1):
            colon = first + length
            if colon <= last and (lowers[colon] == ":" or lowers[colon] in self.dashes):
                key = " ".join(lowers[first:colon])
                kind = self.prefixes.get(key)
                if kind is not None and (lowers[colon] == ":" or len(key) > 2):
                    return kind  # "P:", "Plan -"; not "I - I don't know"
        # "Next step on the ladder: ...", "Homework for Thursday: ...": a label, then a colon
        for length in (3, 2, 1):
            kind = self.labels.get(" ".join(lowers[first : first + length]))
            if kind is not None:
                words = lowers[first + length : min(last, first + length + self.label_words) + 1]
                if ":" not in words:
                    return None
                label = words[: words.index(":")]
                return kind if self.label_reports.isdisjoint(label) else None
        return None

    def _continues_after(self, word: str, next_word: str) -> bool:
        """Whether "word." is an abbreviation inside the sentence rather than its end."""
        lowered = word.lower().rstrip(".")
        if lowered in self.titles or (len(lowered) == 1 and lowered.isalpha()):
            return True
        return lowered in self.abbreviations and not next_word[:1].isupper()


@Language.factory("wayfinder_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()

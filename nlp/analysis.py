"""What the pipeline components learn about each sentence, kept on the Doc for the tagger."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

USER_DATA_KEY = "wayfinder_sentences"
TEXT_KEY = "wayfinder_text"  # the text a Doc was made from, when the caller kept it
SECTION_KEY = "wayfinder_section"  # the kind of note section the text was written in


@dataclass(slots=True)
class ConceptMention:
    concept: str
    start: int  # word offsets within the sentence
    end: int
    absent: bool = False  # the term itself says the target did not happen ("stayed dry")
    sense: str | None = None  # the sense rule (data/senses.json) that re-read the words as it


@dataclass(slots=True)
class Modifier:
    category: str  # negated | hypothetical | historical | other_person
    trigger: str
    scope_start: int
    scope_end: int
    trigger_start: int
    trigger_end: int


@dataclass(slots=True)
class Clause:
    start: int  # word offsets within the sentence
    end: int
    alternative: bool  # after "instead of": what did not happen
    anaphoric: bool  # refers back: "not brought, but she filled it in", "but stopped"


@dataclass(slots=True)
class SentenceAnalysis:
    text: str
    words: list[str]  # surface forms
    starts: list[int]  # character offset of each word in the Doc's text
    lowers: tuple[str, ...]
    folded: tuple[str, ...]
    blocked: dict[int, int] = field(default_factory=dict)  # word -> its distractor's length
    concepts: list[ConceptMention] = field(default_factory=list)
    modifiers: list[Modifier] = field(default_factory=list)
    cues: list[tuple[int, int, str]] = field(default_factory=list)  # progress cue spans
    clauses: list[Clause] = field(default_factory=list)  # empty: the sentence is one clause
    measurements: list = field(default_factory=list)
    # The kind of note section the sentence came from ("plan", "intervention"), when known: a
    # plan is not what happened, and an intervention is the therapist's delivery.
    section: str | None = None

    @property
    def unreal(self) -> bool:
        return self.section == "plan"

    def word_at(self, offset: int) -> int:
        """The word holding a character offset within the sentence's text (a measurement's or
        a pattern match's)."""
        return bisect_right(self.starts, self.starts[0] + offset) - 1

    def span_text(self, start: int, end: int) -> str:
        base = self.starts[0]
        return self.text[
            self.starts[start] - base : self.starts[end - 1] - base + len(self.words[end - 1])
        ]


def sentences_of(doc: Doc) -> list[SentenceAnalysis]:
    return doc.user_data.setdefault(USER_DATA_KEY, [])

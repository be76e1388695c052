"""Tagging note sentences with the plan objectives they are about.

build_tagger(plan) prepares, in milliseconds, the plan-specific part: which lexicon concepts and
which of its own words and keywords each objective is matched by. Tagger.tag(text) runs the
shared pipeline and links each sentence's mentions to objectives, with ConText modifiers and
progress judged against the objective's direction. Every tag carries its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language

from nlp.analysis import TEXT_KEY, Modifier, SentenceAnalysis, sentences_of
from nlp.concepts import Lexicon, is_blocked, tokenizer_words
from nlp.context import CATEGORY_LABELS, modifiers_of
from nlp.measurements import Measurement
from nlp.pipeline import get_language
from nlp.planfile import Objective, Plan
from nlp.progress import judge
from nlp.text import PhraseIndex, fold, load_data

_ALWAYS_COUNTED = frozenset({"better", "worse", "done"})


@dataclass(frozen=True)
class Tag:
    objective: str
    negated: bool
    hypothetical: bool
    historical: bool
    other_person: bool
    progress: str
    evidence: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "objective": self.objective,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "historical": self.historical,
            "other_person": self.other_person,
            "progress": self.progress,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class SentenceResult:
    sentence: str
    tags: list[Tag]
    measurements: list[Measurement]

    def to_json(self) -> dict:
        return {
            "sentence": self.sentence,
            "tags": [t.to_json() for t in self.tags],
            "measurements": [m.to_json() for m in self.measurements],
        }


@dataclass
class _ObjectiveRules:
    objective: Objective
    direction: str | None
    concept_phrases: dict[str, str] = field(default_factory=dict)  # concept -> objective words
    own_people: frozenset[str] = frozenset()  # people the objective itself is about


class _ObjectiveReader:
    """Reads objectives' wording into match rules; one per pipeline, shared by all taggers."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon: Lexicon = nlp.get_pipe("wayfinder_concepts").lexicon
        self.person_groups = nlp.get_pipe("wayfinder_context").rules.person_groups
        self.tokenize = tokenizer_words(nlp)
        reading = load_data("objective_words.json")
        self.stop_at = PhraseIndex(
            (tuple(self.tokenize(p.lower())), True) for p in reading["stop_at"]
        )
        self.ignored = frozenset(reading["ignore"]) | frozenset(fold(w) for w in reading["ignore"])

    def read(
        self, objective: Objective, extra_keywords: list[str]
    ) -> tuple[_ObjectiveRules, list[tuple[tuple[str, ...], tuple[_ObjectiveRules, str]]]]:
        """The objective's concepts, and its own words and keywords as phrases to match."""
        entry = _ObjectiveRules(objective, objective.effective_direction)
        words = self.tokenize(objective.text)
        lowers = {w.lower() for w in words}
        cut = self.stop_at.find_longest([w.lower() for w in words], 1)
        core = words[: cut[0][0]] if cut else words
        _, mentions = self.lexicon.match([fold(w) for w in core])
        covered: set[int] = set()
        for mention in mentions:
            shown = " ".join(core[mention.start : mention.end])
            entry.concept_phrases.setdefault(mention.concept, shown)
            covered.update(range(mention.start, mention.end))
        phrases = _own_words(core, covered, self.ignored)
        if any(ch.isalpha() for ch in objective.id):  # "progress toward O2"
            phrases.append(((fold(objective.id),), f"objective {objective.id}"))
        for keyword in [*objective.keywords, *extra_keywords]:
            keyword_words = tuple(fold(w) for w in self.tokenize(keyword))
            _, keyword_mentions = self.lexicon.match(keyword_words)
            whole = [m for m in keyword_mentions if m.end - m.start == len(keyword_words)]
            if whole:
                entry.concept_phrases.setdefault(whole[0].concept, keyword)
            elif keyword_words:
                phrases.append((keyword_words, keyword))
        entry.own_people = frozenset(
            person for group in self.person_groups.values() if group & lowers for person in group
        )
        return entry, [(words, (entry, shown)) for words, shown in phrases]


@cache
def _objective_reader(nlp: Language) -> _ObjectiveReader:
    return _ObjectiveReader(nlp)


class Tagger:
    """Links sentences to one plan's objectives. Cheap to build; safe to share across threads."""

    def __init__(
        self, plan: Plan, extra_keywords: dict[str, list[str]] | None, nlp: Language
    ) -> None:
        self.nlp = nlp
        reader = _objective_reader(nlp)
        self.objectives: list[_ObjectiveRules] = []
        self.concept_links: dict[str, list[_ObjectiveRules]] = {}
        phrases: list[tuple[tuple[str, ...], tuple[_ObjectiveRules, str]]] = []
        for objective in plan.objectives():
            if objective.status == "discontinued":
                continue
            entry, own = reader.read(objective, (extra_keywords or {}).get(objective.id, []))
            phrases += own
            for concept in entry.concept_phrases:
                self.concept_links.setdefault(concept, []).append(entry)
            self.objectives.append(entry)
        self.adhoc: PhraseIndex[tuple[_ObjectiveRules, str]] = PhraseIndex(phrases)

    def tag(self, text: str) -> list[SentenceResult]:
        """One result per sentence, in order; any length of text (long text goes by lines)."""
        results = []
        for chunk in _chunks(text):
            doc = self.nlp.make_doc(chunk)
            doc.user_data[TEXT_KEY] = chunk  # spares the sentence splitter rebuilding it
            for _name, component in self.nlp.pipeline:
                doc = component(doc)
            results += [self._tag_sentence(s) for s in sentences_of(doc)]
        return results

    def _mentions(self, sentence: SentenceAnalysis) -> dict[str, list[tuple[int, int, str]]]:
        by_objective: dict[str, list[tuple[int, int, str]]] = {}
        for mention in sentence.concepts:
            for entry in self.concept_links.get(mention.concept, ()):
                by_objective.setdefault(entry.objective.id, []).append(
                    (mention.start, mention.end, entry.concept_phrases[mention.concept])
                )
        if self.adhoc:
            blocked = sentence.blocked
            for start, end, (entry, phrase) in self.adhoc.find_all(sentence.folded):
                if not is_blocked(blocked, start, end):
                    by_objective.setdefault(entry.objective.id, []).append((start, end, phrase))
        return by_objective

    def _tag_sentence(self, sentence: SentenceAnalysis) -> SentenceResult:
        mentions = self._mentions(sentence)
        tags = []
        if mentions:
            measured_change = next(
                (m.change for m in sentence.measurements if m.change is not None), None
            )
            for entry in self.objectives:
                found = mentions.get(entry.objective.id)
                if found:
                    tag = self._judge(
                        sentence, entry, sorted(found, key=_longest_first), measured_change
                    )
                    if tag is not None:
                        tags.append(tag)
        return SentenceResult(sentence.text, tags, list(sentence.measurements))

    def _judge(
        self,
        sentence: SentenceAnalysis,
        entry: _ObjectiveRules,
        found: list[tuple[int, int, str]],
        measured_change: str | None,
    ) -> Tag | None:
        """One tag from the objective's mentions that are about the client, if any."""
        evidence: list[str] = []
        first: dict[str, Modifier] = {}
        kept: list[tuple[int, int]] = []
        for start, end, phrase in found:
            modifiers = [
                m
                for m in modifiers_of(sentence, start, end)
                if not (m.category == "other_person" and m.trigger in entry.own_people)
            ]
            if any(m.category == "other_person" for m in modifiers):
                continue
            if any(start < k_end and k_start < end for k_start, k_end in kept):
                continue
            kept.append((start, end))
            evidence.append(f"{sentence.span_text(start, end)} ~ {phrase}")
            for modifier in modifiers:
                first.setdefault(modifier.category, modifier)
        if not kept:
            return None
        evidence += [f"{m.trigger} ({CATEGORY_LABELS[m.category]})" for m in first.values()]
        negated = "negated" in first
        hypothetical = "hypothetical" in first
        historical = "historical" in first
        if hypothetical or historical:
            progress = "unknown"
        else:
            cues = self._cues(sentence, kept, evidence)
            progress = judge(entry.direction, negated, cues, measured_change)
        return Tag(entry.objective.id, negated, hypothetical, historical, False, progress, evidence)

    @staticmethod
    def _cues(
        sentence: SentenceAnalysis, mentions: list[tuple[int, int]], evidence: list[str]
    ) -> set[str]:
        """Progress cue classes of the sentence; a one-word mention is not its own amount cue
        ("avoided" is the avoidance itself, not a skipped behaviour)."""
        cues: set[str] = set()
        for cue_start, cue_end, classes in sentence.cues:
            inside_single_word = any(
                end - start == 1 and cue_start < end and start < cue_end for start, end in mentions
            )
            counted = classes & _ALWAYS_COUNTED if inside_single_word else classes
            if counted:
                cues |= counted
                words = " ".join(sentence.lowers[cue_start:cue_end])
                evidence.append(f"{words} ({'/'.join(sorted(counted))})")
        return cues


def _own_words(
    core: list[str], covered: set[int], ignored: frozenset[str]
) -> list[tuple[tuple[str, ...], str]]:
    """The objective's own content words that no lexicon concept covers, as match phrases."""
    return [
        ((fold(word),), word)
        for k, word in enumerate(core)
        if k not in covered
        and word.isalpha()
        and len(word) >= 3
        and word.lower() not in ignored
        and fold(word) not in ignored
    ]


_CHUNK_CHARS = 100_000


def _chunks(text: str) -> list[str]:
    """Pieces of at most _CHUNK_CHARS, cut at a line end (or, for one huge line, a space),
    so that spaCy's length limit and memory stay bounded and no sentence is cut in two."""
    pieces = []
    while len(text) > _CHUNK_CHARS:
        cut = text.rfind("\n", 0, _CHUNK_CHARS)
        if cut <= 0:
            cut = text.rfind(" ", 0, _CHUNK_CHARS)
        if cut <= 0:
            cut = _CHUNK_CHARS
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


def _longest_first(mention: tuple[int, int, str]) -> tuple[int, int]:
    return mention[0], -mention[1]


def build_tagger(plan: Plan, extra_keywords: dict[str, list[str]] | None = None) -> Tagger:
    """A tagger for one plan; extra_keywords maps objective ids to clinician-learned keywords."""
    return Tagger(plan, extra_keywords, get_language())

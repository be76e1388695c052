"""Tagging note sentences with the plan objectives they are about.

build_tagger(plan) prepares, in milliseconds, the plan-specific part: which lexicon concepts and
which of its own words and keywords each objective is matched by. Tagger.tag(text) runs the
shared pipeline and links each sentence's mentions to objectives, with ConText modifiers and
progress judged against the objective's direction. Every tag carries its evidence.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language

from nlp.analysis import TEXT_KEY, Clause, Modifier, SentenceAnalysis, sentences_of
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
    # What the objective says is avoided ("social situations" in "Reduce avoidance of social
    # situations"): going there is less avoidance, so these mentions count the other way.
    avoided_phrases: frozenset[str] = frozenset()


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
        self.modifiers = frozenset(reading["modifiers"])
        self.avoided_after = PhraseIndex(
            (tuple(self.tokenize(p.lower())), True) for p in reading["avoided_after"]
        )

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
        phrases = _own_words(core, covered, self.ignored, self.modifiers)
        avoided = self.avoided_after.find_longest([w.lower() for w in core])
        if avoided and entry.direction == "decrease":
            after = avoided[0][1]
            entry.avoided_phrases = frozenset(
                [" ".join(core[m.start : m.end]) for m in mentions if m.start >= after]
                + [
                    shown
                    for _, shown in _own_words(
                        core[after:], {k - after for k in covered}, self.ignored, self.modifiers
                    )
                ]
            )
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
                if not is_blocked(blocked, start, end) and not _inside_longer_term(
                    sentence, start, end
                ):
                    by_objective.setdefault(entry.objective.id, []).append((start, end, phrase))
        return by_objective

    def _tag_sentence(self, sentence: SentenceAnalysis) -> SentenceResult:
        mentions = self._mentions(sentence)
        tags = []
        if mentions:
            for entry in self.objectives:
                found = mentions.get(entry.objective.id)
                if found:
                    tag = self._judge(sentence, entry, sorted(found, key=_longest_first), mentions)
                    if tag is not None:
                        tags.append(tag)
        return SentenceResult(sentence.text, tags, list(sentence.measurements))

    def _judge(
        self,
        sentence: SentenceAnalysis,
        entry: _ObjectiveRules,
        found: list[tuple[int, int, str]],
        mentions: dict[str, list[tuple[int, int, str]]],
    ) -> Tag | None:
        """One tag from the objective's mentions that are about the client, if any."""
        about_client: list[tuple[int, int, str, list[Modifier]]] = []
        unreal = 0  # mentions that are only planned or past
        for start, end, phrase in found:
            modifiers = []
            if sentence.modifiers:
                modifiers = [
                    m
                    for m in modifiers_of(sentence, start, end)
                    if not (m.category == "other_person" and m.trigger in entry.own_people)
                ]
                if any(m.category == "other_person" for m in modifiers):
                    continue
                if self._names_someone_else(sentence, entry, start, end):
                    continue
            if any(start < k_end and k_start < end for k_start, k_end, _, _ in about_client):
                continue
            unreal += any(m.category in _UNREAL for m in modifiers)
            about_client.append((start, end, phrase, modifiers))
        if not about_client:
            return None
        kept = about_client
        if 0 < unreal < len(about_client):
            # What happened outweighs what is planned or past: "wants to walk but has not".
            kept = [m for m in about_client if not any(x.category in _UNREAL for x in m[3])]
        evidence = [
            f"{sentence.span_text(start, end)} ~ {phrase}" for start, end, phrase, _ in kept
        ]
        first: dict[str, Modifier] = {}
        for *_, modifiers in kept:
            for modifier in modifiers:
                first.setdefault(modifier.category, modifier)
        evidence += [f"{m.trigger} ({CATEGORY_LABELS[m.category]})" for m in first.values()]
        direction = entry.direction
        if entry.avoided_phrases and all(p in entry.avoided_phrases for _, _, p, _ in kept):
            direction = "increase"
        negated = "negated" in first
        hypothetical = "hypothetical" in first
        historical = "historical" in first
        if hypothetical or historical:
            progress = "unknown"
        else:
            spans = [(start, end) for start, end, _, _ in kept]
            clauses = _clauses_about(sentence, spans, mentions) if sentence.clauses else None
            cues = self._cues(sentence, spans, clauses, evidence)
            progress = judge(direction, negated, cues, _measured_change(sentence, clauses))
        return Tag(entry.objective.id, negated, hypothetical, historical, False, progress, evidence)

    @staticmethod
    def _names_someone_else(
        sentence: SentenceAnalysis, entry: _ObjectiveRules, start: int, end: int
    ) -> bool:
        """Whether the mention is itself a person who is the sentence's subject ("Her coworker
        is shy" is not about conversations with coworkers)."""
        return any(
            m.category == "other_person"
            and m.trigger not in entry.own_people
            and m.trigger_start <= start
            and end <= m.trigger_end
            for m in sentence.modifiers
        )

    @staticmethod
    def _cues(
        sentence: SentenceAnalysis,
        mentions: list[tuple[int, int]],
        clauses: list[Clause] | None,
        evidence: list[str],
    ) -> set[str]:
        """Progress cue classes of the clauses about the objective; a one-word mention is not its
        own amount cue ("avoided" is the avoidance itself, not a skipped behaviour)."""
        cues: set[str] = set()
        for cue_start, cue_end, classes in sentence.cues:
            if not _within(clauses, cue_start):
                continue
            inside_single_word = any(
                end - start == 1 and cue_start < end and start < cue_end for start, end in mentions
            )
            counted = classes & _ALWAYS_COUNTED if inside_single_word else classes
            if counted:
                cues |= counted
                words = " ".join(sentence.lowers[cue_start:cue_end])
                evidence.append(f"{words} ({'/'.join(sorted(counted))})")
        return cues


def _inside_longer_term(sentence: SentenceAnalysis, start: int, end: int) -> bool:
    """Whether a lexicon term longer than the words start..end contains them: "eating" in
    "binge eating" is the binge, not the objective "Eat 3 regular meals"."""
    return any(
        c.start <= start and end <= c.end and c.end - c.start > end - start
        for c in sentence.concepts
    )


_UNREAL = frozenset({"hypothetical", "historical"})


def _clauses_about(
    sentence: SentenceAnalysis,
    spans: list[tuple[int, int]],
    mentions: dict[str, list[tuple[int, int, str]]],
) -> list[Clause]:
    """The clauses holding the objective's mentions, and the clauses that mention no objective
    but refer back to one ("not brought, but she filled it in"). A referring clause after the
    mention that has cues of its own is the outcome and decides alone ("started the account but
    stopped after a paragraph")."""
    mentioned = [(start, end) for found in mentions.values() for start, end, _ in found]

    def holds(clause: Clause, found: list[tuple[int, int]]) -> bool:
        return any(clause.start <= start < clause.end for start, _ in found)

    own = [c for c in sentence.clauses if holds(c, spans)]
    referring = [
        c
        for c in sentence.clauses
        if c.anaphoric and not c.alternative and c not in own and not holds(c, mentioned)
    ]
    later = [c for c in referring if own and c.start > own[0].start]
    if any(_within(later, cue_start) for cue_start, _, _ in sentence.cues):
        return later
    return own + referring


def _within(clauses: list[Clause] | None, word: int) -> bool:
    return clauses is None or any(c.start <= word < c.end for c in clauses)


def _measured_change(sentence: SentenceAnalysis, clauses: list[Clause] | None) -> str | None:
    """The change ("more"/"less") of the first measurement in the clauses that states one."""
    base = sentence.starts[0]
    for measurement in sentence.measurements:
        if measurement.change is not None and _within(
            clauses, bisect_right(sentence.starts, base + measurement.start) - 1
        ):
            return measurement.change
    return None


def _own_words(
    core: list[str], covered: set[int], ignored: frozenset[str], modifiers: frozenset[str]
) -> list[tuple[tuple[str, ...], str]]:
    """The objective's own content words that no lexicon concept covers, as match phrases; a
    modifier word only as a pair with the own word it describes ("team meetings")."""

    def is_own(k: int) -> bool:
        word = core[k]
        return (
            k not in covered
            and word.isalpha()
            and len(word) >= 3
            and word.lower() not in ignored
            and fold(word) not in ignored
        )

    phrases = []
    for k, word in enumerate(core):
        if word.lower() not in modifiers:
            if is_own(k):
                phrases.append(((fold(word),), word))
        elif k + 1 < len(core) and is_own(k + 1) and core[k + 1].lower() not in modifiers:
            phrases.append(((fold(word), fold(core[k + 1])), f"{word} {core[k + 1]}"))
    return phrases


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

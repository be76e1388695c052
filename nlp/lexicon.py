"""The therapy lexicon (data/lexicon/*.json) and the spaCy component that finds its concepts.

A concept is one target a plan can have ("sleep onset", "craving", "time-out"), with the words
clinicians use for it. Concepts form a small graph: `parent` names a broader concept ("sleep onset"
is part of "sleep"), `families` the disorders whose overall severity covers it (a PHQ-9 objective
covers "low mood" when the plan has no objective of its own for it). A term is matched on folded
words (nlp.text.fold); "..." in a term allows up to GAP_WORDS words between its parts; a hyphenated
term also matches written apart or joined ("self-harm", "self harm", "selfharm"), and a note's
compound written with hyphens finds the term written apart ("calm-breath" is "calm breathing").
An `absent` term says the target did not happen ("stayed dry"). A distractor is a phrase where a
term means something else ("[breathing] down her neck"); its [bracketed] words match nothing.
`related` names concepts a clinician reads as the same target in another plan's words ("shouting
matches" for outbursts).
`about_others` marks a target that is the client's belief about other people (paranoia): the
people it names are its content, not someone else's behaviour ("sure his colleagues are plotting").
`in_plan_terms` are everyday words that mean the concept only in a plan about it: "pulled" is hair
pulling in a hair-pulling plan and a muscle or a car elsewhere, "smoked" is cannabis in a cannabis
plan. The finder never matches them; the linker of a plan about the concept does (nlp.linking).

Where terms overlap, the longest wins: "urge to drink" is the craving, not the drinking.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from nlp.analysis import ConceptMention, sentences_of
from nlp.text import DATA_DIR, PhraseIndex, Tokenize, fold, load_json

GAP = "..."
GAP_WORDS = 4
LEXICON_DIR = DATA_DIR / "lexicon"


@dataclass(frozen=True)
class Concept:
    name: str
    parent: str | None
    families: frozenset[str]
    kind: str | None
    source: str  # the data file it came from, for explanations
    related: frozenset[str] = frozenset()  # concepts clinicians treat as the same target
    about_others: bool = False  # the client's belief about others: people named are its content
    primary_family: str | None = None  # the first family listed: the disorder it belongs to most


@dataclass(frozen=True)
class _Term:
    concept: str
    rest: tuple[tuple[str, ...], ...]  # the parts after the first, each after a gap
    absent: bool
    length: int  # words, without the gaps


def _variants(words: list[str]) -> Iterator[tuple[tuple[str, ...], tuple[tuple[int, ...], ...]]]:
    """The word sequence as written, and without its hyphens: apart and joined. Each variant comes
    with the written words each of its words stands for (a joined word stands for several), so a
    distractor's [bracketed] words are found in every variant."""
    yield tuple(words), tuple((k,) for k in range(len(words)))
    if "-" in words and len(words) > 1:
        apart = tuple((k,) for k, word in enumerate(words) if word != "-")
        yield tuple(words[k] for (k,) in apart), apart
        groups: list[list[int]] = []
        glue = False
        for k, word in enumerate(words):
            if word == "-":
                glue = True
            elif glue and groups:
                groups[-1].append(k)
                glue = False
            else:
                groups.append([k])
        yield tuple("".join(words[k] for k in g) for g in groups), tuple(tuple(g) for g in groups)


class Lexicon:
    """Every concept, and an index that finds their terms in a sentence's folded words."""

    def __init__(self, tokenize: Tokenize, files: Sequence[str] | None = None) -> None:
        self.tokenize = tokenize
        self.concepts: dict[str, Concept] = {}
        self.written: dict[str, list[str]] = {}
        self.in_plan: dict[str, list[tuple[str, ...]]] = {}  # concept -> folded in-plan terms
        entries: list[tuple[tuple[str, ...], tuple[str, object]]] = []
        for path in files if files is not None else lexicon_files():
            data = load_json(path)
            source = path.rsplit("/", 1)[-1]
            for item in data["concepts"]:
                name = item["name"]
                if name in self.concepts:
                    raise ValueError(f"lexicon: concept {name!r} is defined twice ({source})")
                self.concepts[name] = Concept(
                    name,
                    item.get("parent"),
                    frozenset(item.get("families", ())),
                    item.get("kind"),
                    source,
                    frozenset(item.get("related", ())),
                    bool(item.get("about_others", False)),
                    next(iter(item.get("families", ())), None),
                )
                self.written[name] = list(item.get("terms", ()))
                in_plan = [
                    words
                    for term in item.get("in_plan_terms", ())
                    for words in self._in_plan_words(name, term)
                ]
                if in_plan:
                    self.in_plan[name] = list(dict.fromkeys(in_plan))
                for absent, key in ((False, "terms"), (True, "absent")):
                    for term in item.get(key, ()):
                        entries += self._term_entries(name, term, absent)
                for phrase in item.get("distractors", ()):
                    words, blocked = self._distractor_words(phrase)
                    for variant, sources in _variants(words):
                        offsets = tuple(
                            k for k, source in enumerate(sources) if set(source) & blocked
                        )
                        entries.append((variant, ("distractor", offsets)))
        for concept in self.concepts.values():
            if concept.parent is not None and concept.parent not in self.concepts:
                raise ValueError(
                    f"lexicon: {concept.name!r} names a missing parent {concept.parent!r}"
                )
            missing = concept.related - self.concepts.keys()
            if missing:
                raise ValueError(
                    f"lexicon: {concept.name!r} is related to missing {sorted(missing)}"
                )
        self.index: PhraseIndex[tuple[str, object]] = PhraseIndex(entries)

    def _term_entries(self, name: str, term: str, absent: bool) -> list:
        parts = [self.tokenize(part.strip().lower()) for part in term.split(GAP)]
        if not all(parts):
            raise ValueError(f"lexicon: {name!r} has an empty part in the term {term!r}")
        entries = []
        for first, _sources in _variants(parts[0]):
            folded_first = tuple(fold(w) for w in first)
            rest = tuple(tuple(fold(w) for w in part) for part in parts[1:])
            length = len(folded_first) + sum(len(r) for r in rest)
            entries.append((folded_first, ("term", _Term(name, rest, absent, length))))
        return entries

    def _in_plan_words(self, name: str, term: str) -> list[tuple[str, ...]]:
        """An in-plan term's folded words, as written and, when hyphenated, apart and joined."""
        words = self.tokenize(term.strip().lower())
        if not words or GAP in term:
            raise ValueError(f"lexicon: {name!r} has an empty or gapped in-plan term {term!r}")
        return [tuple(fold(w) for w in variant) for variant, _ in _variants(words)]

    def _distractor_words(self, phrase: str) -> tuple[list[str], set[int]]:
        words: list[str] = []
        blocked: list[int] = []
        inside = False
        for word in self.tokenize(phrase.lower()):
            if word == "[":
                inside = True
            elif word == "]":
                inside = False
            else:
                if inside:
                    blocked.append(len(words))
                words.append(fold(word))
        return words, set(blocked)

    def match(
        self, folded: Sequence[str], in_word: frozenset[int] = frozenset()
    ) -> tuple[dict[int, int], list[ConceptMention]]:
        """Concept mentions (longest first where they nest), and the words distractors block
        (word -> the distractor's length). in_word: positions of hyphens inside a written word
        ("calm-breath", "mums-and-babies"); the words are matched as if written apart, so a
        note's compound finds the term written without its hyphen. Positions returned are the
        sentence's own."""
        kept = [k for k in range(len(folded)) if k not in in_word] if in_word else None
        words = folded if kept is None else [folded[k] for k in kept]

        def span(start: int, end: int) -> tuple[int, int]:
            return (start, end) if kept is None else (kept[start], kept[end - 1] + 1)

        found = self.index.find_all(words)
        blocked: dict[int, int] = {}
        for start, end, (kind, offsets) in found:
            if kind == "distractor":
                first, last = span(start, end)
                for k in offsets:
                    word = span(start + k, start + k + 1)[0]
                    blocked[word] = max(blocked.get(word, 0), last - first)
        mentions: list[ConceptMention] = []
        for start, end, (kind, term) in found:
            if kind != "term":
                continue
            end = _gapped_end(words, end, term.rest)
            if end is None:
                continue
            first, last = span(start, end)
            if not is_blocked(blocked, first, last):
                mentions.append(ConceptMention(term.concept, first, last, term.absent))
        return blocked, _outermost(mentions)

    # -- the concept graph ---------------------------------------------------------------------

    def ancestors(self, name: str) -> list[str]:
        """The concept's parents, nearest first."""
        chain, seen = [], {name}
        parent = self.concepts[name].parent if name in self.concepts else None
        while parent is not None and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.concepts[parent].parent
        return chain

    def kind(self, name: str | None) -> str | None:
        concept = self.concepts.get(name) if name else None
        return None if concept is None else concept.kind

    def about_others(self, name: str | None) -> bool:
        concept = self.concepts.get(name) if name else None
        return concept is not None and concept.about_others

    def related(self, first: str, second: str) -> bool:
        """Whether either concept names the other as related (the link goes both ways)."""
        a, b = self.concepts.get(first), self.concepts.get(second)
        return (a is not None and second in a.related) or (b is not None and first in b.related)

    def same_line(self, first: str, second: str) -> bool:
        """Whether one concept is the other or a form of it (below it in the graph)."""
        return first == second or first in self.ancestors(second) or second in self.ancestors(first)

    def primary_family(self, name: str) -> str | None:
        """The first family listed for the concept, its own or its nearest ancestor's."""
        for candidate in [name, *self.ancestors(name)]:
            concept = self.concepts.get(candidate)
            if concept is not None and concept.families:
                return concept.primary_family
        return None

    def families(self, name: str) -> frozenset[str]:
        """The disorder families of a concept, its own or its nearest ancestor's."""
        for candidate in [name, *self.ancestors(name)]:
            concept = self.concepts.get(candidate)
            if concept is not None and concept.families:
                return concept.families
        return frozenset()

    def terms_of(self, name: str, limit: int = 12) -> list[str]:
        """Some of a concept's terms as written, for a clinician to read ("I'll also look for")."""
        return [t for t in self.written.get(name, ()) if GAP not in t][:limit]


def _gapped_end(folded: Sequence[str], end: int, rest: tuple[tuple[str, ...], ...]) -> int | None:
    """Where a term with gaps ends after its first part ends at `end`, or None if it does not."""
    for part in rest:
        limit = min(len(folded) - len(part), end + GAP_WORDS)
        for start in range(end, limit + 1):
            if tuple(folded[start : start + len(part)]) == part:
                end = start + len(part)
                break
        else:
            return None
    return end


def is_blocked(blocked: dict[int, int], start: int, end: int) -> bool:
    """A match is blocked when a distractor longer than it takes one of its words."""
    return any(blocked.get(k, 0) > end - start for k in range(start, end))


def _outermost(mentions: list[ConceptMention]) -> list[ConceptMention]:
    """Drops a mention inside a longer one ("drink" in "urge to drink", "panic" in "panic
    attack"); mentions that overlap without nesting are both kept."""
    if len(mentions) < 2:
        return mentions
    kept: list[ConceptMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.start - m.end)):
        inside = any(
            k.start <= mention.start
            and mention.end <= k.end
            and (k.end - k.start) > (mention.end - mention.start)
            or (k.start == mention.start and k.end == mention.end and k.concept == mention.concept)
            for k in kept
        )
        if not inside:
            kept.append(mention)
    return kept


def lexicon_files() -> list[str]:
    return sorted(str(p) for p in LEXICON_DIR.glob("*.json"))


class ConceptFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        for sentence in sentences_of(doc):
            sentence.blocked, sentence.concepts = self.lexicon.match(
                sentence.folded, in_word_hyphens(sentence.words, sentence.starts)
            )
        return doc


def in_word_hyphens(words: Sequence[str], starts: Sequence[int]) -> frozenset[int]:
    """Positions of hyphens written inside a word, touching the words either side ("calm-breath"),
    not a dash between words ("tired - slept badly")."""
    if "-" not in words:  # most sentences: one scan in C spares a generator over every word
        return frozenset()
    return frozenset(
        k
        for k in range(1, len(words) - 1)
        if words[k] == "-"
        and starts[k] == starts[k - 1] + len(words[k - 1])
        and starts[k + 1] == starts[k] + 1
    )


_PIECES_KEPT = 100_000


def tokenizer_words(nlp: Language) -> Tokenize:
    """Words as spaCy's tokenizer splits them. spaCy splits at white space first and then each
    piece on its own, so pieces are tokenized once and remembered: the lexicon's ten thousand
    terms share a few thousand words."""
    pieces: dict[str, list[str]] = {}

    def piece_words(piece: str) -> list[str]:
        found = pieces.get(piece)
        if found is None:
            if len(pieces) >= _PIECES_KEPT:
                pieces.clear()  # objectives' words keep coming; this only bounds the memory
            found = pieces[piece] = [t.text for t in nlp.tokenizer(piece) if not t.is_space]
        return found

    def tokenize(text: str) -> list[str]:
        return [word for piece in text.split() for word in piece_words(piece)]

    return tokenize


@Language.factory("wayfinder_concepts")
def make_concept_finder(nlp: Language, name: str) -> ConceptFinder:
    return ConceptFinder(Lexicon(tokenizer_words(nlp)))

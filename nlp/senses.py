"""Word-sense rules as a spaCy component: the words around a term say which sense it has.

"Avoiding sugar" is a diet, not avoidance; "checked out of the group chat" is leaving, not
checking; "the ladder step" is the exposure hierarchy, not heights (labelling rule A6). Each rule
of data/senses.json names trigger words, the context that selects the other sense and what the
word then means: another concept (the mention is re-read as it, and says which rule did) or
nothing (the mention is dropped and the word links no objective's wording). Runs after the
concept finder and before the ConText modifiers.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from nlp.analysis import ConceptMention, SentenceAnalysis, sentences_of
from nlp.lexicon import Lexicon
from nlp.text import PhraseIndex, fold, load_data

BLOCKED = 1_000  # a distractor length no term reaches: the word links nothing


@dataclass(frozen=True)
class SenseRule:
    id: str
    concepts: frozenset[str] | None  # None: any concept on the trigger
    after: PhraseIndex[bool] | None
    before: PhraseIndex[bool] | None
    within: int
    means: str | None
    longest: int  # words of the longest context phrase
    # Blocks as a distractor of its own words would: a longer term over the trigger still
    # matches ("grabbed a bite to eat with a friend" is company, though "a bite to eat" is no
    # nail biting). Otherwise the trigger links nothing at all.
    as_distractor: bool = False

    def context_span(self, folded: tuple[str, ...], start: int, end: int) -> tuple[int, int] | None:
        """The words of the trigger at start..end and of the context that selects this sense
        (a phrase of `after` starting within `within` words after it, or one of `before` ending
        within `within` words before it), or None when the context is not there."""
        if self.after is None and self.before is None:
            return start, end
        reach = self.within + self.longest
        if self.after is not None:
            for s, e, _ in self.after.find_all(folded, end, min(len(folded), end + reach)):
                if s < end + self.within:
                    return start, e
        if self.before is not None:
            for s, e, _ in self.before.find_all(folded, max(0, start - reach), start):
                if e > start - self.within:
                    return s, end
        return None


class Senses:
    def __init__(self, lexicon: Lexicon) -> None:
        data = load_data("senses.json")
        classes = data["classes"]
        tokenize = lexicon.tokenize

        def words_of(items: list[str]) -> list[tuple[str, ...]]:
            written = [
                w for item in items for w in (classes[item[1:]] if item[0] == "@" else [item])
            ]
            return [tuple(fold(t) for t in tokenize(w.lower())) for w in written]

        def phrases(items: list[tuple[str, ...]]) -> PhraseIndex[bool] | None:
            return PhraseIndex((words, True) for words in items) if items else None

        entries = []
        for item in data["rules"]:
            concepts = None
            if "concepts" in item or "concepts_under" in item:
                under = frozenset(item.get("concepts_under", ()))
                concepts = frozenset(item.get("concepts", ())) | {
                    name
                    for name in lexicon.concepts
                    if name in under or not under.isdisjoint(lexicon.ancestors(name))
                }
            means = item.get("means")
            if means is not None and means not in lexicon.concepts:
                raise ValueError(f"senses: rule {item['id']!r} means a missing concept {means!r}")
            after, before = words_of(item.get("after", [])), words_of(item.get("before", []))
            rule = SenseRule(
                item["id"],
                concepts,
                phrases(after),
                phrases(before),
                item.get("within", 1),
                means,
                max(map(len, after + before), default=0),
                item.get("as_distractor", False),
            )
            for word in item["words"]:
                entries.append((tuple(w.lower() for w in tokenize(word)), rule))
        self.triggers: PhraseIndex[SenseRule] = PhraseIndex(entries)

    def apply(self, sentence: SentenceAnalysis) -> None:
        found = self.triggers.find_all(sentence.lowers)
        if not found:
            return
        for start, end, rule in found:
            span = rule.context_span(sentence.folded, start, end)
            if span is None:
                continue
            length = span[1] - span[0] if rule.as_distractor else BLOCKED
            kept: list[ConceptMention] = []
            for mention in sentence.concepts:
                on_trigger = mention.start < end and start < mention.end
                if (
                    not on_trigger
                    or (rule.concepts is not None and mention.concept not in rule.concepts)
                    or mention.end - mention.start > length
                ):
                    kept.append(mention)
                elif rule.means is not None:
                    kept.append(
                        ConceptMention(
                            rule.means, mention.start, mention.end, mention.absent, rule.id
                        )
                    )
            sentence.concepts = kept
            if rule.means is None:
                for k in range(start, end):
                    sentence.blocked[k] = max(sentence.blocked.get(k, 0), length)


class SenseReader:
    def __init__(self, senses: Senses) -> None:
        self.senses = senses

    def __call__(self, doc: Doc) -> Doc:
        for sentence in sentences_of(doc):
            self.senses.apply(sentence)
        return doc


@Language.factory("wayfinder_senses")
def make_sense_reader(nlp: Language, name: str) -> SenseReader:
    return SenseReader(Senses(nlp.get_pipe("wayfinder_concepts").lexicon))

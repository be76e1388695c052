"""Whether a sentence that names a feared situation reports an act about it.

A place or occasion alone ("texted her sister from the train", "a dispute with the landlord")
says nothing about an exposure or avoidance objective; going there, staying, leaving or avoiding
it does. The linker (nlp.linking) lets a situation mention reach an objective that does not name
that situation only when the sentence reports such an act. Rules: data/situations.json.
"""

from __future__ import annotations

from functools import cache

from nlp.analysis import SentenceAnalysis
from nlp.lexicon import Lexicon
from nlp.text import PhraseIndex, fold, load_data


class Situations:
    def __init__(self, lexicon: Lexicon) -> None:
        rules = load_data("situations.json")
        under = frozenset(rules["situations_under"])
        self.concepts = frozenset(rules["situations"]) | {
            name for name in lexicon.concepts if not under.isdisjoint(lexicon.ancestors(name))
        }
        acts = frozenset(rules["act_concepts"])
        self.act_concepts = frozenset(
            name
            for name in lexicon.concepts
            if name not in self.concepts
            and (name in acts or not acts.isdisjoint(lexicon.ancestors(name)))
        )
        self.acts: PhraseIndex[str] = PhraseIndex(
            (tuple(fold(w) for w in lexicon.tokenize(phrase.lower())), phrase)
            for phrase in rules["acts"]
        )

    def act_in(self, sentence: SentenceAnalysis) -> str | None:
        """The words of the first act of approach, avoidance or exposure the sentence reports."""
        for mention in sentence.concepts:
            if mention.concept in self.act_concepts:
                return " ".join(sentence.lowers[mention.start : mention.end])
        found = self.acts.find_longest(sentence.folded)
        if found:
            start, end, _ = found[0]
            return " ".join(sentence.lowers[start:end])
        return None


@cache
def situations_of(lexicon: Lexicon) -> Situations:
    return Situations(lexicon)

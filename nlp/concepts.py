"""The therapy lexicon (data/lexicon.json) and the spaCy component that finds its concepts.

A concept is a set of terms that mean the same thing in a note ("belly breathing", "paced
breathing", ...). Distractors are phrases where a term means something else ("breathing
heavily"); their [bracketed] words are blocked from matching any objective.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from nlp.analysis import ConceptMention, sentences_of
from nlp.text import PhraseIndex, Tokenize, fold, load_data


def _distractor_words(tokenize: Tokenize, phrase: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    words: list[str] = []
    blocked: list[int] = []
    inside = False
    for word in tokenize(phrase):
        if word == "[":
            inside = True
        elif word == "]":
            inside = False
        else:
            if inside:
                blocked.append(len(words))
            words.append(fold(word))
    return tuple(words), tuple(blocked)


class Lexicon:
    """Finds concept mentions and distractor-blocked words in folded word sequences."""

    def __init__(self, tokenize: Tokenize) -> None:
        entries: list[tuple[tuple[str, ...], tuple[str, object]]] = []
        self.concept_names: list[str] = []
        for concept in load_data("lexicon.json")["concepts"]:
            name = concept["name"]
            self.concept_names.append(name)
            for term in concept["terms"]:
                words = tuple(fold(w) for w in tokenize(term))
                entries.append((words, ("term", name)))
            for phrase in concept.get("distractors", []):
                words, blocked = _distractor_words(tokenize, phrase)
                entries.append((words, ("distractor", blocked)))
        self.index: PhraseIndex[tuple[str, object]] = PhraseIndex(entries)

    def match(self, folded: Sequence[str]) -> tuple[dict[int, int], list[ConceptMention]]:
        """Concept mentions, and the blocked words (word -> length of the distractor)."""
        found = self.index.find_all(folded)
        blocked: dict[int, int] = {}
        for start, end, (kind, offsets) in found:
            if kind == "distractor":
                for k in offsets:
                    blocked[start + k] = max(blocked.get(start + k, 0), end - start)
        mentions: list[ConceptMention] = []
        for start, end, (kind, concept) in found:
            if kind == "term" and not is_blocked(blocked, start, end):
                mentions.append(ConceptMention(concept, start, end))
        return blocked, _keep_longest(mentions)


def is_blocked(blocked: dict[int, int], start: int, end: int) -> bool:
    """A match is blocked when a distractor longer than it takes one of its words."""
    return any(blocked.get(k, 0) > end - start for k in range(start, end))


def _keep_longest(mentions: list[ConceptMention]) -> list[ConceptMention]:
    """Drops a mention inside a longer one of the same concept ("panic" in "panic attack")."""
    if len(mentions) < 2:
        return mentions
    kept: list[ConceptMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.start - m.end)):
        if not any(
            k.concept == mention.concept and k.start <= mention.start and mention.end <= k.end
            for k in kept
        ):
            kept.append(mention)
    return kept


class ConceptFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        for sentence in sentences_of(doc):
            sentence.blocked, sentence.concepts = self.lexicon.match(sentence.folded)
        return doc


def tokenizer_words(nlp: Language) -> Tokenize:
    def tokenize(text: str) -> list[str]:
        return [t.text for t in nlp.tokenizer(text) if not t.is_space]

    return tokenize


@Language.factory("wayfinder_concepts")
def make_concept_finder(nlp: Language, name: str) -> ConceptFinder:
    return ConceptFinder(Lexicon(tokenizer_words(nlp)))

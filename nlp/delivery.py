"""Therapist delivery (labelling rules A10, C3): "Taught box breathing" says what the therapist
did, not how the client is doing, so its objectives are tagged with progress unknown.

A clause is delivery when its first word is a therapist's verb used without a subject ("Reviewed
the thought log"), or its subject is the therapist ("Th modelled...", "I introduced..."). In an
intervention section (the note's Intervention, an "I:" line) every clause is delivery unless the
client is named before the mention: "Pt completed an exposure in session" is the client's own
performance. Words in data/context_rules.json, "delivery".
"""

from __future__ import annotations

from nlp.analysis import SentenceAnalysis
from nlp.text import PhraseIndex, Tokenize

# Words a clause may start with before its first real word: section prefixes and list marks.
_LEADING = frozenset({":", "-", ",", "*", "•", "(", ")", "–", "—", ";", "."})


class Delivery:
    def __init__(self, rules: dict, tokenize: Tokenize) -> None:
        def index(key: str) -> PhraseIndex:
            return PhraseIndex((tuple(w.lower() for w in tokenize(p)), True) for p in rules[key])

        self.verbs = index("verbs")
        self.therapists = index("therapist_subjects")
        self.clients = frozenset(rules["client_subjects"])

    def applies(self, sentence: SentenceAnalysis, spans: list[tuple[int, int]]) -> bool:
        """Whether every mention at `spans` sits in a clause of the therapist's delivery."""
        return bool(spans) and all(self._delivered(sentence, start) for start, _ in spans)

    def _delivered(self, sentence: SentenceAnalysis, start: int) -> bool:
        clause_start = max((c.start for c in sentence.clauses if c.start <= start), default=0)
        lowers = sentence.lowers
        first = self._first_word(lowers, clause_start, start)
        if first is not None and first < start:
            if self._at(first, lowers, self.verbs) or self._at(first, lowers, self.therapists):
                return True
        if sentence.section == "intervention":
            return self.clients.isdisjoint(lowers[clause_start:start])
        return False

    @staticmethod
    def _first_word(lowers: tuple[str, ...], clause_start: int, end: int) -> int | None:
        k = clause_start
        if k + 1 < len(lowers) and lowers[k + 1] == ":":
            k += 2  # "I: ...", "P: ..."
        while k < end and lowers[k] in _LEADING:
            k += 1
        return k if k < len(lowers) else None

    @staticmethod
    def _at(k: int, lowers: tuple[str, ...], index: PhraseIndex) -> bool:
        found = index.find_longest(lowers, k, min(len(lowers), k + 4))
        return bool(found) and found[0][0] == k

"""Progress words (data/progress.json) as a spaCy component, and the judgement of progress.

Progress is judged against the objective's direction: less of a symptom to decrease, or more of
a behaviour to increase, is improved. "better"/"worse" words judge the client's state directly.
A sentence is cut into clauses at contrast words ("but", "although", ";"), so that each
objective is judged by the cues of the clause that mentions it: "practiced daily but still had
2 panic attacks" is practice improved and panic attacks unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from nlp.analysis import Clause, sentences_of
from nlp.lexicon import tokenizer_words
from nlp.text import PhraseIndex, Tokenize, load_data

CUE_CLASSES = (
    "better",
    "worse",
    "more",
    "less",
    "same",
    "insufficient",
    "replacement",
    "external",
    "late",
)


class ProgressCues:
    """Cue words and clause breaks, found in one pass over the sentence."""

    def __init__(self, tokenize: Tokenize) -> None:
        data = load_data("progress.json")
        classes: dict[tuple[str, ...], set[str]] = {}
        for cue_class in CUE_CLASSES:
            for phrase in data[cue_class]:
                words = tuple(w.lower() for w in tokenize(phrase))
                classes.setdefault(words, set()).add(cue_class)
        for phrase in data["neutral"]:
            classes.setdefault(tuple(w.lower() for w in tokenize(phrase)), set())
        entries: list[tuple[tuple[str, ...], tuple[frozenset[str], str | None]]] = [
            (words, (frozenset(found), None)) for words, found in classes.items()
        ]
        clauses = data["clauses"]
        for kind in ("contrast", "alternative"):
            entries += [
                (tuple(w.lower() for w in tokenize(p)), (frozenset(), kind)) for p in clauses[kind]
            ]
        self.index: PhraseIndex[tuple[frozenset[str], str | None]] = PhraseIndex(entries)
        self.anaphora = frozenset(clauses["anaphora"])
        firsts = data["firsts"]
        self.first, self.first_within = firsts["first"], firsts["within"]
        self.since, self.in_then = frozenset(firsts["since"]), frozenset(firsts["in_then"])
        self.spans = frozenset(firsts["spans"])
        self.subjects = frozenset(clauses["subjects"])
        self.other_senses: dict[tuple[str, ...], list[tuple[frozenset[str], int, frozenset[str]]]]
        self.other_senses = {}
        for rule in data["other_senses"]:
            self.other_senses.setdefault(
                tuple(w.lower() for w in tokenize(rule["cue"])), []
            ).append((frozenset(rule["after"]), rule["within"], frozenset(rule.get("before", ()))))
        self.late_despite_negation = frozenset(data["late_despite_negation"])
        self.number_words = frozenset(load_data("numbers.json")["number_words"])

    def find(
        self, lowers: Sequence[str]
    ) -> tuple[list[tuple[int, int, frozenset[str]]], list[Clause]]:
        """The cue spans, and the clauses (none when the sentence is one clause)."""
        cues = []
        breaks = []
        for start, end, (found, kind) in self.index.find_longest(lowers):
            if kind is not None:
                breaks.append((start, end, kind == "alternative"))
            elif found and not self._other_sense(lowers, start, end):
                cues.append((start, end, found))
        if self.first in lowers:
            cues += self._firsts(lowers, cues)
        return cues, self._clauses(lowers, breaks) if breaks else []

    def _other_sense(self, lowers: Sequence[str], start: int, end: int) -> bool:
        """Whether the cue is read in another sense by a word shortly before it ("puts the
        change down to the walks": an attribution, not a decrease) or right after it ("dropped
        off quickly": fell asleep)."""
        senses = self.other_senses.get(tuple(lowers[start:end]))
        if not senses:
            return False
        following = lowers[end] if end < len(lowers) else ""
        if following[:1].isdigit() or following in self.number_words or following in _AMOUNTS:
            return False  # "walking down to twice a week": an amount follows, so a change
        return any(
            not after.isdisjoint(lowers[max(0, start - within - 1) : start]) or following in before
            for after, within, before in senses
        )

    def _firsts(
        self, lowers: Sequence[str], cues: list[tuple[int, int, frozenset[str]]]
    ) -> list[tuple[int, int, frozenset[str]]]:
        """Firsts with words between ("first drink since June", "first full night in weeks"): a
        change, as "first time in" is; not where a cue already holds the word."""
        found = []
        for i, word in enumerate(lowers):
            if word != self.first or any(start <= i < end for start, end, _ in cues):
                continue
            for k in range(i + 1, min(len(lowers) - 1, i + 1 + self.first_within)):
                after = lowers[k + 1]
                if lowers[k] in self.since or (
                    lowers[k] in self.in_then and (after in self.spans or after.isdigit())
                ):
                    found.append((i, k + 1, _MORE))
                    break
        return found

    def _clauses(self, lowers: Sequence[str], breaks: list[tuple[int, int, bool]]) -> list[Clause]:
        """The sentence cut at its breaks; the break words belong to no clause."""
        result = []
        start, alternative = 0, False
        for break_start, break_end, is_alternative in [*breaks, (len(lowers), len(lowers), False)]:
            if break_start > start:
                first = start + 1 if lowers[start] == "," and start + 1 < break_start else start
                anaphoric = start > 0 and (
                    lowers[first] not in self.subjects
                    or not self.anaphora.isdisjoint(lowers[start:break_start])
                )
                result.append(Clause(start, break_start, alternative, anaphoric))
            start, alternative = break_end, is_alternative
        return result


_MORE = frozenset({"more"})
_AMOUNTS = frozenset({"once", "twice", "half", "about", "around", "just", "only"})


@dataclass(frozen=True)
class ProgressRule:
    id: str
    says: str
    when: frozenset[str]
    unless: frozenset[str]
    outcomes: dict[str, str]  # "increase" | "decrease" | "any" -> progress


@cache
def progress_rules() -> tuple[ProgressRule, ...]:
    return tuple(
        ProgressRule(
            rule["id"],
            rule["says"],
            frozenset(rule["when"]),
            frozenset(rule.get("unless", ())),
            {k: rule[k] for k in ("increase", "decrease", "any") if k in rule},
        )
        for rule in load_data("progress_rules.json")["rules"]
    )


def judge(direction: str | None, facts: set[str]) -> tuple[str, ProgressRule]:
    """improved | worsened | unchanged | unknown for one objective, and the rule that decided.

    facts: what holds for the objective's mention (see data/progress_rules.json); "occurred" is
    added here, as every mention reports its behaviour or symptom in some way.
    """
    facts = facts | {"occurred"}
    for rule in progress_rules():
        if rule.when <= facts and rule.unless.isdisjoint(facts):
            outcome = rule.outcomes.get(direction or "") or rule.outcomes.get("any")
            if outcome is not None:
                return outcome, rule
    raise ValueError("data/progress_rules.json has no rule for every case")  # its last rule


class ProgressFinder:
    def __init__(self, cues: ProgressCues) -> None:
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        for sentence in sentences_of(doc):
            sentence.cues, sentence.clauses = self.cues.find(sentence.lowers)
        return doc


@Language.factory("wayfinder_progress")
def make_progress_finder(nlp: Language, name: str) -> ProgressFinder:
    return ProgressFinder(ProgressCues(tokenizer_words(nlp)))

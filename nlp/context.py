"""ConText-style modifiers (negated, hypothetical, historical, other person) as a spaCy component.

Follows Harkema et al. (2009) and medspaCy's ConText: each trigger phrase has a category and a
direction, and its scope runs to the sentence end (or start), a termination phrase, or the
trigger's max_scope; an other-person trigger's scope depends on its place in the clause
(nlp.person_scope). Pseudo-triggers ("no change", "did not help") are matched first and modify
nothing. Rules live in data/context_rules.json; every modifier keeps the trigger that fired.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from nlp.analysis import Modifier, SentenceAnalysis, sentences_of
from nlp.lexicon import tokenizer_words
from nlp.person_scope import PersonScope
from nlp.text import PhraseIndex, Tokenize, load_data, spelled_out_words, spelled_phrase_words

CATEGORIES = ("negated", "hypothetical", "historical", "other_person")
CATEGORY_LABELS = {
    "negated": "negation",
    "hypothetical": "hypothetical",
    "historical": "historical",
    "other_person": "other person",
}


@dataclass(frozen=True)
class TriggerRule:
    category: str
    direction: str  # forward | backward
    max_scope: int | None


class ContextRules:
    def __init__(self, tokenize: Tokenize) -> None:
        data = load_data("context_rules.json")

        def words_of(phrase: str) -> tuple[str, ...]:
            return spelled_phrase_words(tokenize, phrase)

        rules: dict[tuple[str, ...], list[TriggerRule]] = {}
        for category, by_direction in data["triggers"].items():
            scope = data["max_scope"].get(category)
            for direction, phrases in by_direction.items():
                for phrase in phrases:
                    words = words_of(phrase)
                    rules.setdefault(words, []).append(TriggerRule(category, direction, scope))
        entries: list = [(words, tuple(found)) for words, found in rules.items()]
        entries += [(words_of(p), ()) for p in data["pseudo"]]
        self.triggers: PhraseIndex[tuple[TriggerRule, ...]] = PhraseIndex(entries)
        terminations: dict[tuple[str, ...], set[str]] = {}
        for category, phrases in data["terminations"].items():
            applies = set(CATEGORIES) if category == "all" else {category}
            for phrase in phrases:
                words = words_of(phrase)
                terminations.setdefault(words, set()).update(applies)
        self.terminations: PhraseIndex[frozenset[str]] = PhraseIndex(
            (words, frozenset(cats)) for words, cats in terminations.items()
        )
        self.person_scope = PersonScope(data["other_person_position"], words_of)
        self.lexical = frozenset(" ".join(words_of(p)) for p in data["lexical_negations"])
        hypothetical = frozenset(data["hypothetical_conditions"])
        self.leading: PhraseIndex[bool] = PhraseIndex(
            (words_of(p), True) for p in data["leading_clauses"]
        )
        self.condition_openers: PhraseIndex[bool] = PhraseIndex(
            (words_of(p), p in hypothetical) for p in data["condition_openers"]
        )
        onset = data["onset_ages"]
        self.onset_verbs, self.onset_at = frozenset(onset["verbs"]), frozenset(onset["at"])
        self.onset_within, self.onset_not_after = onset["within"], frozenset(onset["not_after"])
        self.onset_ages = range(onset["youngest"], onset["oldest"] + 1)
        dated = data["dated_past"]
        self.dated_openers: PhraseIndex[bool] = PhraseIndex(
            (words_of(p), True) for p in dated["openers"]
        )
        self.dated_years = range(dated["earliest"], dated["latest"] + 1)
        self.historical_scope: int = data["max_scope"]["historical"]
        objects = data["negation_objects"]
        self.objects = frozenset(objects["words"])
        self.not_gerunds = frozenset(objects["not_gerunds"])
        self.clause_final = frozenset(" ".join(words_of(p)) for p in objects["clause_final"])
        self.clause_final_followers = frozenset(objects["clause_final_followers"])
        self.person_groups: dict[str, frozenset[str]] = {
            group: frozenset(words)
            for group, words in data["other_person_groups"].items()
            if not group.startswith("_")
        }

    def modifiers(self, lowers: Sequence[str]) -> list[Modifier]:
        found = self.triggers.find_longest(lowers)
        onsets = self._onset_ages(lowers) + self._dated_past(lowers)
        if not found:
            return onsets
        stops = self.terminations.find_all(lowers)
        opening = self.leading.find_longest(lowers, 0, min(len(lowers), 3))
        if opening and opening[0][0] == 0 and "," in lowers:
            comma = lowers.index(",")  # "Although she never used to, she drank": two clauses
            stops = [*stops, (comma, comma + 1, frozenset(CATEGORIES))]
        result = []
        for start, end, rules in found:
            trigger = " ".join(lowers[start:end])
            for rule in rules:
                if rule.direction == "backward" and (
                    self._has_object(lowers, end, rules, rule)
                    or (trigger in self.clause_final and not self._ends_clause(lowers, end))
                ):
                    continue  # "binged and stopped filling in the log": it negates what follows
                if rule.category == "other_person":
                    person_scope = self.person_scope.scope(lowers, start, end, stops)
                    if person_scope is None:
                        continue
                    scope = person_scope
                elif rule.direction == "forward":
                    scope_end = len(lowers)
                    if rule.max_scope is not None:
                        scope_end = min(scope_end, end + rule.max_scope)
                    for stop_start, _stop_end, categories in stops:
                        if end <= stop_start < scope_end and rule.category in categories:
                            scope_end = stop_start
                    scope = (end, scope_end)
                else:
                    scope_start = 0
                    if rule.max_scope is not None:
                        scope_start = max(0, start - rule.max_scope)
                    for _stop_start, stop_end, categories in stops:
                        if scope_start < stop_end <= start and rule.category in categories:
                            scope_start = stop_end
                    scope = (scope_start, start)
                result.append(Modifier(rule.category, trigger, scope[0], scope[1], start, end))
        return self._negations_refined(lowers, result) + onsets

    def _onset_ages(self, lowers: Sequence[str]) -> list[Modifier]:
        """The age at which something began, as history over its clause ("started drinking at
        15", "panic attacks began at age 12"; not "started at 9 am")."""
        found = []
        for i, word in enumerate(lowers):
            if word not in self.onset_verbs:
                continue
            for k in range(i + 1, min(len(lowers), i + 2 + self.onset_within)):
                if lowers[k] in self.onset_at:
                    age = k + 1 + (k + 1 < len(lowers) and lowers[k + 1] == "age")
                    if age < len(lowers) and self._is_age(lowers, age):
                        start = i
                        while start > 0 and lowers[start - 1] not in _CLAUSE_BREAKS:
                            start -= 1
                        trigger = " ".join(lowers[k : age + 1])
                        found.append(Modifier("historical", trigger, start, age + 1, k, age + 1))
                    break
        return found

    def _dated_past(self, lowers: Sequence[str]) -> list[Modifier]:
        """A past year after an opener, as history forward ("Back in 2019 he did not drink"),
        up to a historical termination ("but now")."""
        found = []
        for start, end, _ in self.dated_openers.find_longest(lowers):
            year = lowers[end] if end < len(lowers) else ""
            if not (year.isdigit() and len(year) == 4 and int(year) in self.dated_years):
                continue
            scope_end = min(len(lowers), end + 1 + self.historical_scope)
            for stop_start, _stop_end, categories in self.terminations.find_all(lowers):
                if end < stop_start < scope_end and "historical" in categories:
                    scope_end = stop_start
            trigger = " ".join(lowers[start : end + 1])
            found.append(Modifier("historical", trigger, end + 1, scope_end, start, end + 1))
        return found

    def _is_age(self, lowers: Sequence[str], k: int) -> bool:
        following = lowers[k + 1] if k + 1 < len(lowers) else ""
        return (
            lowers[k].isdigit()
            and int(lowers[k]) in self.onset_ages
            and following not in self.onset_not_after
        )

    def _has_object(
        self, lowers: Sequence[str], end: int, rules: tuple[TriggerRule, ...], rule: TriggerRule
    ) -> bool:
        """Whether a trigger that reads both ways has an object after it ("stopped the
        tablets", "skipped filling in the log"), so that it reads forward only."""
        if end >= len(lowers) or not any(
            r.category == rule.category and r.direction == "forward" for r in rules
        ):
            return False
        following = lowers[end]
        return following in self.objects or (
            following.endswith("ing") and len(following) > 4 and following not in self.not_gerunds
        )

    def _ends_clause(self, lowers: Sequence[str], end: int) -> bool:
        """Whether a clause ends at `end`, or goes on only with a word of time ("panic attacks
        no more", "binges no more since June"; not "no more nightmares")."""
        return (
            end >= len(lowers)
            or lowers[end] in _CLAUSE_BREAKS
            or lowers[end] in self.clause_final_followers
            or not lowers[end][:1].isalnum()
        )

    def _negations_refined(self, lowers: Sequence[str], found: list[Modifier]) -> list[Modifier]:
        """Negations as a reader takes them: not inside a quotation ("'No, I won't'"), only over
        its condition when it sits in one ("after she skipped it, she felt guilty"), and then a
        hypothetical if the condition may not hold ("when she can't sleep"), and cancelled by
        an explicit negation over a word of non-occurrence ("not a single dose missed")."""
        negations = [m for m in found if m.category == "negated"]
        if not negations:
            return found
        quoted = _quoted_words(lowers)
        kept: list[Modifier] = []
        for m in found:
            if m.category == "negated":
                if m.trigger_start in quoted:
                    continue
                m = self._condition_only(lowers, m)
            kept.append(m)
        lexical = [m for m in kept if m.category == "negated" and m.trigger in self.lexical]
        cancelled: set[int] = set()
        for inner in lexical:
            for outer in kept:
                if (
                    outer.category == "negated"
                    and outer is not inner
                    and outer.trigger not in self.lexical
                    and outer.scope_start <= inner.trigger_start < outer.scope_end
                ):
                    cancelled.update((id(inner), id(outer)))
        return [m for m in kept if id(m) not in cancelled]

    def _condition_only(self, lowers: Sequence[str], m: Modifier) -> Modifier:
        clause_start = m.trigger_start
        while clause_start > 0 and lowers[clause_start - 1] not in _CLAUSE_BREAKS:
            clause_start -= 1
        openers = self.condition_openers.find_longest(lowers, clause_start, m.trigger_start)
        if openers:
            end = next(
                (k for k in range(m.trigger_end, m.scope_end) if lowers[k] in _CONDITION_ENDS),
                m.scope_end,
            )
            # "when she can't sleep": a condition that may not hold reports no non-occurrence.
            category = "hypothetical" if any(h for _, _, h in openers) else m.category
            return Modifier(category, m.trigger, m.scope_start, end, m.trigger_start, m.trigger_end)
        return m


_QUOTES = frozenset({"'", '"', "‘", "’", "“", "”", "`"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "but", "and", "."})
_CONDITION_ENDS = frozenset({",", ";", "she", "he", "they", "pt", "client", "then"})


def _quoted_words(lowers: Sequence[str]) -> set[int]:
    """Word offsets between pairs of quotation marks."""
    marks = [k for k, w in enumerate(lowers) if w in _QUOTES]
    quoted: set[int] = set()
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        quoted.update(range(opening + 1, closing))
    return quoted


def modifiers_of(sentence: SentenceAnalysis, start: int, end: int) -> list[Modifier]:
    """The modifiers whose scope covers a mention at words start..end."""
    return [
        m
        for m in sentence.modifiers
        if m.scope_start <= start < m.scope_end
        and not (start < m.trigger_end and m.trigger_start < end)
    ]


class ContextFinder:
    def __init__(self, rules: ContextRules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        for sentence in sentences_of(doc):
            # "hubby", "w/o", "cant", "hx of": the triggers meet their shorthand
            sentence.modifiers = self.rules.modifiers(
                spelled_out_words(sentence.words, sentence.lowers)
            )
        return doc


@Language.factory("wayfinder_context")
def make_context_finder(nlp: Language, name: str) -> ContextFinder:
    return ContextFinder(ContextRules(tokenizer_words(nlp)))

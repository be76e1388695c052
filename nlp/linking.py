"""Choosing which objectives a sentence is about: a choice among the plan's objectives.

Labelling rule A3: one best objective, not every objective that shares a word. Each mention in the
sentence (a lexicon concept, an objective's own phrase or keyword, an instrument score) is weighed
against every objective by how directly it names that objective's target:

  target     the objective's own target concept, or a keyword the clinician gave      1.0
  example    a target named only in the objective's parentheses (and, x 0.95, any
             relation through it): it yields to an objective whose wording names it   0.95
  narrower   a more specific form of the target ("couldn't fall asleep" for sleep)     0.9
  related    a concept the lexicon relates to the target (shouting matches, outbursts)  0.7
  own        a word of the objective no concept covers, shared by n objectives   0.5 / n
             (a record objective that names it only as what the record holds does
             not share it)
  record act a way of keeping a record ("filled it in", "the worksheet") for an
             objective to keep one, among the plan's n such objectives             0.5 / n
  word       a word of the objective inside its concept's term, among n          0.45 / n
  near-      an everyday near-synonym of a word the objective names itself (own,
  synonym    word or example: "lecture" for "classes", nlp.near_synonyms), among
             the n objectives it is a near-synonym for: weaker than the word itself    0.42 / n
  attended   an act of going ("made it to", "went to") before an attendance
             objective's own place or event word or a near-synonym of it, among the
             plan's n attendance objectives that name it (nlp.attendance); x 0.84
             through a near-synonym, which yields to the word itself                   0.5 / n
  broader    a more general form ("slept badly" for sleep onset), among n objectives 0.6 / n
  sibling    another aspect of a target whose aspect the objective names ("napped" for
             "Sleep at least 6.5 hours", which is about sleep duration)                0.45
  in plan    an everyday word that means the target only in a plan about it ("pulled"
             in a hair-pulling plan, "smoked" in a cannabis plan): the concept's own
             weight x 0.9, so it yields to a directly named target                     0.9
  overall    the overall level of the disorder a global-severity objective measures  1.0
  family     a symptom of the disorder a global-severity objective measures          0.45
  side       a word that only describes the objective ("to postpone worries")        0.3
  yield      a broader word, a sibling of the target or the head the wording narrows
             ("tics" for "sniffing tics") where a global objective takes it          0.3

A global objective takes a symptom that a specific objective covers (as its target, or a form of
it) only as a family symptom, and no symptom the lexicon files under more than a few disorders
(fatigue). A specific objective yields to a global one that measures the concept what it does
not cover: the family's head ("tics", "compulsions"), broader than its target or named in its
wording only as narrowed by members ("throat clearing and sniffing tics"), and a sibling of its
target ("eye blinking"), a member no specific objective names. A rating (SUDS) reaches only an
objective whose target is what it rates. An instrument the sentence names ("AUDIT-C again at
review") goes to the objectives that name it; when none does, its lexicon concept reaches only an
objective about what it measures, so an instrument no objective uses gets no tag (labelling A4).
A feared situation ("the bus") reaches an objective that does not name it only beside an act of
approach or avoidance (nlp.situations).

A concept's `in_plan_terms` (nlp.lexicon) count only in a plan about the concept: one with an
objective whose target is the concept, a form of it ("fall asleep" for the words of sleep) or a
broader target it is a form of (body-focused repetitive behaviours, substance use). There the term
is a mention of the concept weighed as any other, times IN_PLAN_FACTOR; its evidence says "(in a
plan about it)". Distractors and blocked senses stop it as they stop a term ("pulled a muscle",
"checked in"). A lexicon mention that shares its words is weighed with it as one mention, so the
stronger reading wins for each objective: "wanted to smoke" (craving) goes to a craving objective,
and to the cannabis objective of a plan that has none; "the urge" goes to an objective about the
urge to pull rather than to the one about pulling, which takes it when the plan has no urge
objective (the generic urge is related to pulling).

A near-synonym, and an objective's own word, is stopped by the "not" phrases of the group that
holds it ("learned her lesson", "a first class ticket"); a near-synonym is stopped, as
an objective's own words are, inside a longer lexicon term ("lunch club"), but not by a lexicon
distractor: a distractor says a word is not that concept's sense ("her lectures" are no
lecturing), and the everyday sense it leaves is the one the near-synonym means.

A mention goes to the objective(s) that weigh it most, if that weight is at least LINK_WEIGHT (a
side word alone never links); a tie is broken by what else the sentence says for each objective.
So a symptom with its own objective goes there, and a global objective (PHQ-9, "reduce anxiety")
gets its instrument's scores and the symptoms no specific objective covers. A weak mention
(weaker than narrower) that fits three or more objectives equally links none of them. Every
link records the weight and relation that chose it, and the rivals it beat.

Rivals that differ by whom the behaviour is with or towards are chosen by the people the
sentence names (nlp.people), before their weights: among the objectives a mention fits at least
as a related concept, one whose people the sentence names wins ("argued with his son" for "Reduce
arguments with his son" over "... with partner"), and one whose people it contradicts (a
classmate for "an unfamiliar adult") yields to the others. The winner's evidence says so:
"chosen over O1: the people it names". A sentence that names nobody is chosen as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from nlp.analysis import SentenceAnalysis
from nlp.attendance import Attendance
from nlp.lexicon import Lexicon, is_blocked
from nlp.near_synonyms import NearSynonyms
from nlp.objectives import (
    COVERED,
    EXAMPLE,
    HELD,
    KEYWORD,
    NEAR,
    NEAR_FROM,
    NEAR_SHOWN,
    RECORD_ACT,
    SIDE,
    ObjectiveRules,
    ServiceNames,
)
from nlp.situations import situations_of
from nlp.text import PhraseIndex, is_ing_form, load_data, spelled_out

LINK_WEIGHT = 0.4
WEIGHTS = {
    "target": 1.0,
    "keyword": 1.0,
    "instrument": 1.0,
    "overall": 1.0,
    "narrower": 0.9,
    "related": 0.7,
    "own": 0.5,
    "word": 0.45,
    "near-synonym": 0.42,
    "attended": 0.5,
    "broader": 0.6,
    "sibling": 0.45,
    "family": 0.45,
    "side": 0.3,
    "yield": 0.3,
}
# The phrase relations a near-synonym group's "not" phrases stop: its words in another sense are
# neither a near-synonym nor the objective's own word ("a first class ticket").
OTHER_SENSE_RELATIONS = frozenset({"own", "own example", "word", NEAR})
PLACE_WORDS = 3  # the longest place or event phrase an attendance act is read with
IN_PLAN_FACTOR = 0.9  # an in-plan word yields to a term that names the target outright
_TIE = 1e-6
STRONG_WEIGHT = WEIGHTS["narrower"]  # a mention at least this direct is never left undecided
UNDECIDED_OBJECTIVES = 3  # a weaker mention tied among this many objectives links none
# The people a sentence names choose only among objectives its activity fits at least as a
# paraphrase (related): a bare word of an objective ("call" in "Meet or call a friend") says too
# little about what was done for whom it was done with to decide.
PEOPLE_CHOOSE_FROM = WEIGHTS["related"]


@dataclass(frozen=True)
class Match:
    """One mention weighed for one objective."""

    start: int  # words of the sentence
    end: int
    shown: str  # the objective's words (or concept) it matched
    relation: str
    weight: float
    absent: bool = False  # the term says the target did not happen ("stayed dry")
    concept: str | None = None  # the lexicon concept, when a concept matched


@dataclass
class Link:
    """An objective the sentence is about, with the mentions that chose it."""

    rules: ObjectiveRules
    matches: list[Match] = field(default_factory=list)
    rivals: list[str] = field(default_factory=list)  # "O3 as side"


@dataclass(frozen=True)
class InstrumentNames:
    """How the linker finds the instruments a sentence names: the pattern (group "inst"), the
    registry name of an alias it found, and the lower-case first words of every alias, which
    spare the pattern a sentence that has none of them."""

    pattern: re.Pattern[str]
    name_of: Callable[[str], str]
    first_words: frozenset[str]


def _may_name(first_words: frozenset[str], lowers: tuple[str, ...]) -> bool:
    """Whether a word of the sentence may begin an instrument's name, also where the tokenizer
    kept the name and its value together ("FTND=5", "FTND:5"; `in` tests, as this look is
    made for every word of every sentence)."""
    return not first_words.isdisjoint(lowers) or any(
        not first_words.isdisjoint(_GLUED.split(word))
        for word in lowers
        if "=" in word or ":" in word
    )


_GLUED = re.compile(r"[=:]")


class Linker:
    """Weighs a sentence's mentions against one plan's objectives; built once per plan."""

    def __init__(
        self,
        objectives: list[ObjectiveRules],
        lexicon: Lexicon,
        instruments: InstrumentNames | None = None,
        near: NearSynonyms | None = None,
        attendance: Attendance | None = None,
    ) -> None:
        self.objectives = objectives
        self.plan_order = {rules.id: k for k, rules in enumerate(objectives)}  # links come so
        self.near = near
        self.attendance = attendance
        self.lexicon = lexicon
        self.instruments = instruments
        reading = load_data("objective_words.json")
        self.family_kinds = frozenset(reading["family_kinds"])
        self.family_excluded = frozenset(reading["family_excluded"])
        self.rating_kinds = frozenset(reading["rating_kinds"])
        self.family_most: int = reading["family_most"]
        self.overall_kinds = frozenset(reading["overall_kinds"])
        self.rated_kinds = frozenset(reading["rated_kinds"])
        self.services = ServiceNames(reading["services"])
        self._by_concept: dict[str, list[tuple[ObjectiveRules, str, float, str]]] = {}
        phrases: list = []
        counts: dict[tuple[str, ...], int] = {}
        near_counts: dict[tuple[str, ...], int] = {}  # a near-synonym splits only with its like
        for rules in objectives:
            for words, role, _ in rules.phrases:
                into = near_counts if role == NEAR else counts
                if role not in (KEYWORD, HELD, RECORD_ACT):
                    into[words] = into.get(words, 0) + 1
        records = sum(rules.keeps_record for rules in objectives)
        for rules in objectives:
            for words, role, shown in rules.phrases:
                if role == KEYWORD:
                    relation, weight = "keyword", WEIGHTS["keyword"]
                elif role == RECORD_ACT:
                    relation, weight = "record act", WEIGHTS["own"] / records
                elif role == COVERED:
                    relation, weight = "word", WEIGHTS["word"] / counts[words]
                elif role in (SIDE, HELD):
                    relation, weight = "side", WEIGHTS["side"]
                elif role == NEAR:
                    relation, weight = NEAR, WEIGHTS[NEAR] / near_counts[words]
                elif role == EXAMPLE:  # an example the objective lists: "(music through ...)"
                    relation, weight = "own example", WEIGHTS["own"] / counts[words]
                else:
                    relation, weight = "own", WEIGHTS["own"] / counts[words]
                phrases.append((words, (rules, relation, weight, shown)))
        self.phrases: PhraseIndex = PhraseIndex(phrases)
        self.places = self._places_index() if attendance is not None else PhraseIndex()
        self.in_plan: PhraseIndex[str] = self._in_plan_index()
        self.situations = situations_of(lexicon)
        self.by_instrument: dict[str, list[ObjectiveRules]] = {}
        for rules in objectives:
            for name in rules.instruments:
                self.by_instrument.setdefault(name, []).append(rules)

    def _places_index(self) -> PhraseIndex:
        """The place and event words of the plan's attendance objectives (their own words and
        near-synonyms: "classes", "lecture"), each weighed among the attendance objectives that
        name it (module docstring)."""
        entries = [
            (words, (rules, shown))
            for rules in self.objectives
            if rules.attends
            for words, role, shown in rules.phrases
            if role in NEAR_FROM or role == NEAR
        ]
        counts: dict[tuple[str, ...], int] = {}
        for words, _ in entries:
            counts[words] = counts.get(words, 0) + 1
        near_factor = WEIGHTS[NEAR] / WEIGHTS["own"]  # as a near-synonym alone yields to its word
        return PhraseIndex(
            (
                words,
                (
                    rules,
                    shown,
                    WEIGHTS["attended"]
                    * (near_factor if shown.endswith(NEAR_SHOWN) else 1.0)
                    / counts[words],
                ),
            )
            for words, (rules, shown) in entries
        )

    def _in_plan_index(self) -> PhraseIndex[str]:
        """The in-plan terms of every concept this plan is about (module docstring), once."""
        lexicon = self.lexicon
        targets = {target for rules in self.objectives for target in rules.targets()}
        return PhraseIndex(
            (words, concept)
            for concept, terms in lexicon.in_plan.items()
            if any(lexicon.same_line(concept, target) for target in targets)
            for words in terms
        )

    # -- weighing ------------------------------------------------------------------------------

    def weighed(self, concept: str) -> list[tuple[ObjectiveRules, str, float, str]]:
        """(objective, relation, weight, shown) for every objective a concept can name."""
        found = self._by_concept.get(concept)
        if found is None:
            found = self._by_concept[concept] = self._weigh(concept)
        return found

    def _weigh(self, concept: str) -> list[tuple[ObjectiveRules, str, float, str]]:
        lexicon = self.lexicon
        ancestors = lexicon.ancestors(concept)
        known = lexicon.concepts.get(concept)
        symptom = (
            known is not None
            and known.kind in self.family_kinds
            and concept not in self.family_excluded
        )
        families = lexicon.families(concept) if symptom else frozenset()
        if len(families) > self.family_most and not (
            known is not None and known.kind in self.overall_kinds
        ):
            # fatigue, night waking: a symptom of many disorders is a family symptom only of
            # the one it belongs to most (fatigue for PHQ-9, not for PCL-5)
            primary = lexicon.primary_family(concept)
            families = frozenset({primary}) if primary else frozenset()
        rating = known is not None and known.kind in self.rating_kinds
        overall = known is not None and known.kind in self.overall_kinds
        # concept -> objectives with a target under it; an example in parentheses ("(re-checking
        # locks for her)") does not split a broader word with the objective that names it
        below: dict[str, list[ObjectiveRules]] = {}
        for rules in self.objectives:
            for target in rules.targets():
                if concept in lexicon.ancestors(target) and rules.concepts[target][0] != EXAMPLE:
                    below.setdefault(concept, []).append(rules)
        result = []
        for rules in self.objectives:
            best: tuple[str, float, str] | None = None
            role_shown = rules.concepts.get(concept)
            if role_shown is not None:
                role, shown = role_shown
                relation = "side" if role == SIDE else ("keyword" if role == KEYWORD else "target")
                best = (
                    "example" if role == EXAMPLE else relation,
                    WEIGHTS[relation] * _example_factor(role),
                    shown,
                )
            else:
                targets = rules.targets()
                for target in targets:
                    if rating and lexicon.kind(target) not in self.rated_kinds:
                        continue  # SUDS is taken during exposure; it does not measure the exposure
                    shown = rules.concepts[target][1]
                    if target in ancestors and _beside_the_aspect(
                        lexicon, concept, target, targets
                    ):
                        candidate = ("sibling", WEIGHTS["sibling"], shown)
                    elif target in ancestors:
                        candidate = ("narrower", WEIGHTS["narrower"], shown)
                    elif lexicon.related(concept, target):
                        candidate = ("related", WEIGHTS["related"], shown)
                    elif concept in lexicon.ancestors(target):
                        sharing = max(1, len(below.get(concept, ())))
                        candidate = ("broader", WEIGHTS["broader"] / sharing, shown)
                    else:
                        continue
                    factor = _example_factor(rules.concepts[target][0])
                    candidate = (candidate[0], candidate[1] * factor, candidate[2])
                    if best is None or candidate[1] > best[1]:
                        best = candidate
            if rules.is_global and families & rules.families:
                if overall:  # "the OCD has less of a grip": the overall level it measures
                    best = ("overall", WEIGHTS["overall"], concept)
                elif best is None or best[1] < WEIGHTS["family"]:
                    best = ("family", WEIGHTS["family"], concept)
            if best is not None:
                result.append((rules, *best))
        return _covered_by_specific(result, concept)

    # -- choosing ------------------------------------------------------------------------------

    def links(
        self, sentence: SentenceAnalysis, allowed, people_fit: dict[str, bool | None] | None = None
    ) -> list[Link]:
        """The objectives the sentence is about, in plan order. `allowed(rules, start, end)` says
        whether a mention at those words may count for that objective (not someone else's);
        `people_fit` maps an objective's id to whether the people the sentence names are its
        own (True) or contradict them (False), for the objectives where either holds."""
        candidates: list[tuple[int, int, list[tuple[ObjectiveRules, Match]]]] = []
        by_mention: dict[int, list[tuple[ObjectiveRules, Match]]] = {}  # id(mention) -> weighed
        act: list[str | None] = []  # the sentence's act about a situation, found when needed
        names = self._instrument_names(sentence)
        for mention in sentence.concepts:
            if self.services.follow(sentence.lowers, mention.end):
                continue  # "went to the stop-smoking group": the group's name, not smoking
            found = self.weighed(mention.concept)
            named = next((n for s, e, n in names if s <= mention.start and mention.end <= e), None)
            if named is not None:
                # "AUDIT-C", "Epworth": the instrument goes to the objectives that name it, else
                # to one about what it measures, never further (labelling A3, A4)
                if named in self.by_instrument:
                    continue
                found = [w for w in found if w[1] in INSTRUMENT_RELATIONS]
            if mention.concept in self.situations.concepts:
                if not act:
                    act.append(self.situations.act_in(sentence))
                found = _situation_weighed(found, act[0])
            weighed = [
                (
                    rules,
                    Match(
                        mention.start,
                        mention.end,
                        shown if mention.sense is None else f"{shown} (sense: {mention.sense})",
                        relation,
                        weight,
                        mention.absent,
                        mention.concept,
                    ),
                )
                for rules, relation, weight, shown in found
                if allowed(rules, mention.start, mention.end)
            ]
            if weighed:
                candidates.append((mention.start, mention.end, weighed))
                by_mention[id(mention)] = weighed
        if self.in_plan:
            candidates += self._in_plan_candidates(sentence, allowed, by_mention)
        if self.phrases:
            other_senses = self._other_senses(sentence)
            for start, end, (rules, relation, weight, shown) in self.phrases.find_all(
                sentence.folded
            ):
                # a record act names a record inside any record's term ("filled in the
                # worksheet" for a thought record objective): it is never another target
                near = relation == NEAR
                if relation in OTHER_SENSE_RELATIONS and _another_sense(
                    other_senses(), start, end, rules
                ):
                    continue  # "learned her lesson", "a first class ticket": another sense
                stopped = (not near and is_blocked(sentence.blocked, start, end)) or (
                    relation != "record act" and _inside_concept(sentence, start, end)
                )
                if (
                    stopped and not _in_own_target_term(sentence, start, end, rules)
                ) or not _ing_nouns_written(rules, sentence, start, end):
                    continue
                if allowed(rules, start, end):
                    candidates.append(
                        (start, end, [(rules, Match(start, end, shown, relation, weight))])
                    )
        candidates += self._instrument_candidates(names, allowed)
        if self.places:
            candidates += self._attended_candidates(sentence, allowed)
        if not candidates:
            return []
        return self._choose(candidates, people_fit or {})

    def _other_senses(
        self, sentence: SentenceAnalysis
    ) -> Callable[[], list[tuple[int, int, tuple[str, ...]]]]:
        """Where the sentence holds a near-synonym's "not" phrase, found when first asked."""
        found: list[list[tuple[int, int, tuple[str, ...]]]] = []

        def spans() -> list[tuple[int, int, tuple[str, ...]]]:
            if not found:
                found.append(self.near.other_senses(sentence.folded) if self.near else [])
            return found[0]

        return spans

    def _attended_candidates(self, sentence: SentenceAnalysis, allowed) -> list:
        """An act of going before an attendance objective's place word ("went to her seminar"),
        weighed among the attendance objectives that name the place (module docstring)."""
        found = []
        other_senses = self._other_senses(sentence)
        for start, place in self.attendance.places(sentence.folded, sentence.lowers):
            for at, end, (rules, shown, weight) in self.places.find_all(
                sentence.folded, place, min(len(sentence.folded), place + PLACE_WORDS)
            ):
                near = shown.endswith(NEAR_SHOWN)
                if (
                    at != place
                    or (
                        _inside_concept(sentence, place, end)
                        and not _in_own_target_term(sentence, place, end, rules)
                    )
                    or (not near and is_blocked(sentence.blocked, place, end))
                    or _another_sense(other_senses(), place, end, rules)
                    or not _ing_nouns_written(rules, sentence, place, end)
                    or not allowed(rules, start, end)
                ):
                    continue  # as the place word alone would be stopped (links above)
                shown = f"{shown[:-1]}, attended)" if near else f"{shown} (attended)"
                found.append((start, end, [(rules, Match(start, end, shown, "attended", weight))]))
        return found

    def _in_plan_candidates(
        self, sentence: SentenceAnalysis, allowed, by_mention: dict[int, list]
    ) -> list:
        """The plan's in-plan terms in the sentence (the longest where they nest), each weighed
        as a mention of its concept. One that shares words with lexicon mentions joins their
        choice, and the stronger reading wins for each objective: "smoked" is nicotine where the
        plan has a smoking objective, and cannabis in a cannabis plan without one."""
        found = []
        for start, end, concept in _longest(self.in_plan.find_all(sentence.folded)):
            if is_blocked(sentence.blocked, start, end) or self.services.follow(
                sentence.lowers, end
            ):
                continue
            sharing = [c for c in sentence.concepts if c.start < end and start < c.end]
            absent = any(c.absent for c in sharing if c.start <= start and end <= c.end)
            weighed = [
                (
                    rules,
                    Match(
                        start,
                        end,
                        f"{shown} (in a plan about it)",
                        IN_PLAN_RELATIONS.get(relation, relation),
                        weight * IN_PLAN_FACTOR,
                        absent,
                        concept,
                    ),
                )
                for rules, relation, weight, shown in self.weighed(concept)
                if allowed(rules, start, end)
            ]
            joined = [by_mention[id(c)] for c in sharing if id(c) in by_mention]
            for into in joined:
                _join_stronger(into, weighed)
            if weighed and not joined:
                found.append((start, end, weighed))
        return found

    def _instrument_names(self, sentence: SentenceAnalysis) -> list[tuple[int, int, str]]:
        """(first word, last word + 1, registry name) of each instrument the sentence names."""
        names = self.instruments
        if names is None or not _may_name(names.first_words, sentence.lowers):
            return []
        return [
            (
                sentence.word_at(named.start("inst")),
                sentence.word_at(named.end("inst") - 1) + 1,
                names.name_of(named.group("inst")),
            )
            for named in names.pattern.finditer(sentence.text)
        ]

    def _instrument_candidates(self, names: list[tuple[int, int, str]], allowed) -> list:
        """An instrument the sentence names links the objectives that name it (its scores, a
        plan to give it again), and no other: no objective uses it, no tag (labelling A4)."""
        found = []
        for start, end, name in names:
            weighed = [
                (rules, Match(start, end, name, "instrument", WEIGHTS["instrument"]))
                for rules in self.by_instrument.get(name, ())
                if allowed(rules, start, end)
            ]
            if weighed:
                found.append((start, end, weighed))
        return found

    def _choose(self, candidates: list, people_fit: dict[str, bool | None]) -> list[Link]:
        support: dict[str, float] = {}
        for _, _, weighed in candidates:
            for rules, match in weighed:
                support[rules.id] = support.get(rules.id, 0.0) + match.weight
        links: dict[str, Link] = {}
        for _, _, weighed in candidates:
            best = max(match.weight for _, match in weighed)
            if best < LINK_WEIGHT:
                continue
            chosen, yielded = _by_people(weighed, people_fit)
            best = max(match.weight for _, match in chosen)
            winners = [(r, m) for r, m in chosen if m.weight >= best - _TIE]
            if len(winners) > 1:
                most = max(support[r.id] for r, _ in winners)
                winners = [(r, m) for r, m in winners if support[r.id] >= most - _TIE]
            if len(winners) > 1 and not all(r.is_global for r, _ in winners):
                # A symptom with its own objective goes there, not to the global one as well.
                winners = [(r, m) for r, m in winners if not r.is_global]
            if len(winners) >= UNDECIDED_OBJECTIVES and best < STRONG_WEIGHT:
                # A weak word that fits three objectives equally says which of them it is about
                # no better than chance: it links none (the others it fits are still rivals).
                continue
            for rules, match in winners:
                link = links.setdefault(rules.id, Link(rules))
                link.matches.append(match)
            for rules, match in weighed:
                if rules.id not in {r.id for r, _ in winners} and match.weight >= 0.2:
                    for winner, _ in winners:
                        note = (
                            f"{rules.id}: the people it names"
                            if rules.id in yielded
                            else f"{rules.id} as {match.relation}"
                        )
                        target = links[winner.id]
                        if note not in target.rivals:
                            target.rivals.append(note)
        _drop_absorbed_family_links(links)
        _drop_incidental_word_links(links)
        order = self.plan_order
        return sorted(links.values(), key=lambda link: order[link.rules.id])


def _by_people(
    weighed: list[tuple[ObjectiveRules, Match]], people_fit: dict[str, bool | None]
) -> tuple[list[tuple[ObjectiveRules, Match]], frozenset[str]]:
    """The objectives a mention may choose among once the people the sentence names have had
    their say (module docstring), and the ids of the rivals that fit it but yielded to them.
    `people_fit` has every objective that names people: True (the sentence names them), False
    (it names only others) or None (it names people near them: a friend for classmates)."""
    fitting = [(r, m) for r, m in weighed if m.weight >= PEOPLE_CHOOSE_FROM]
    if not people_fit or len({r.id for r, _ in fitting}) < 2:
        return weighed, frozenset()
    kept = [(r, m) for r, m in fitting if people_fit.get(r.id, True) is not False]
    if any(people_fit.get(r.id) for r, _ in kept):
        # whom the behaviour was with is one objective's people: rivals naming others yield;
        # an objective that names nobody is not told apart by them
        kept = [(r, m) for r, m in kept if people_fit.get(r.id, True) is not None]
    if not kept or len(kept) == len(fitting):
        return weighed, frozenset()
    kept_ids = {r.id for r, _ in kept}
    return kept, frozenset(r.id for r, _ in fitting if r.id not in kept_ids)


ADJACENT_WORDS = 3


def _drop_absorbed_family_links(links: dict[str, Link]) -> None:
    """A symptom word next to a specific objective's target is part of it: in "avoided the
    interstate" the avoidance is of driving, which the driving objective covers, so the global
    objective that would take avoidance as a symptom of panic gets nothing from it."""
    specific = [m for link in links.values() for m in link.matches if m.relation != "family"]
    for key in list(links):
        link = links[key]
        kept = [
            m
            for m in link.matches
            if m.relation != "family"
            or not any(abs(m.start - s.start) <= ADJACENT_WORDS and s is not m for s in specific)
        ]
        if kept:
            link.matches = kept
        else:
            del links[key]


COVERING_RELATIONS = frozenset({"target", "keyword", "example", "narrower", "broader", "sibling"})
YIELDING_RELATIONS = frozenset({"broader", "sibling"})
# how a global objective takes a concept as part of what it measures
GLOBAL_TAKES = frozenset({"target", "keyword", "narrower", "overall", "family"})


def _covered_by_specific(weighed: list, concept: str) -> list:
    """Labelling rule A3 between a global-severity objective (Y-BOCS, YGTSS) and the specific
    ones. Where a global objective of the plan measures the concept (as its target, a form of
    its target, the overall level or a symptom of its disorder), a specific objective is not
    reported by a broader word (the family's head: "tics", "compulsions" for "Reduce hand
    washing"), by a sibling of its target ("eye blinking" for "sniffing tics") or by the head
    its wording narrows by naming members ("tics" for "throat clearing and sniffing tics"):
    those yield to the global objective. Whenever a specific objective relates to the concept
    so, the global one takes it as a family symptom, although it is narrower than what that one
    measures: "rituals" is a symptom for Y-BOCS, and a family symptom beside a specific
    objective's target is absorbed by it (_drop_absorbed_family_links)."""
    taken = any(rules.is_global and rel in GLOBAL_TAKES for rules, rel, _, _ in weighed)

    def yields(rules: ObjectiveRules, rel: str) -> bool:
        return (
            taken
            and not rules.is_global
            and (rel in YIELDING_RELATIONS or (rel == "target" and concept in rules.qualified))
        )

    covered = any(not rules.is_global and rel in COVERING_RELATIONS for rules, rel, _, _ in weighed)
    settled = []
    for rules, rel, weight, shown in weighed:
        if yields(rules, rel):
            settled.append((rules, "broader" if rel == "target" else rel, WEIGHTS["yield"], shown))
        elif covered and rules.is_global and rel == "narrower":
            settled.append((rules, "family", WEIGHTS["family"], shown))
        else:
            settled.append((rules, rel, weight, shown))
    return settled


IN_PLAN_RELATIONS = {"target": "in plan", "keyword": "in plan", "example": "in plan"}


def _longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """In-plan matches without those inside a longer one: "the pull" (the urge to pull), not
    "pull" (pulling), in a plan about both."""
    return [
        (start, end, concept)
        for start, end, concept in found
        if not any(s <= start and end <= e and e - s > end - start for s, e, _ in found)
    ]


def _join_stronger(weighed: list, more: list) -> None:
    """Adds the in-plan reading of the same words to a mention's weighing, keeping for each
    objective the stronger of the two."""
    at = {rules.id: k for k, (rules, _) in enumerate(weighed)}
    for rules, match in more:
        k = at.get(rules.id)
        if k is None:
            weighed.append((rules, match))
        elif match.weight > weighed[k][1].weight:
            weighed[k] = (rules, match)


INSTRUMENT_RELATIONS = frozenset({"target", "keyword", "broader"})
NAMED_RELATIONS = frozenset({"target", "keyword", "example", "side"})


def _situation_weighed(weighed: list, act: str | None) -> list:
    """A situation mention ("the bus", "the wedding") reaches an objective that does not name
    that situation only beside an act of approach, avoidance or exposure, which its evidence
    then shows; alone it is where something happened, not what the objective is about."""
    if act is None:
        return [w for w in weighed if w[1] in NAMED_RELATIONS]
    return [
        w if w[1] in NAMED_RELATIONS else (w[0], w[1], w[2], f"{w[3]} (act: {act})")
        for w in weighed
    ]


EXAMPLE_FACTOR = 0.95  # a target named in parentheses yields to one named in the wording


def _another_sense(
    spans: list[tuple[int, int, tuple[str, ...]]], start: int, end: int, rules: ObjectiveRules
) -> bool:
    """Whether words start..end lie in a near-synonym's "not" phrase ("a first class ticket")
    that is not this objective's own sense ("Attend the lunch club" holds "lunch club")."""
    return any(
        s <= start and end <= e and phrase not in rules.own_senses for s, e, phrase in spans
    )


def _example_factor(role: str) -> float:
    return EXAMPLE_FACTOR if role == EXAMPLE else 1.0


INCIDENTAL_RELATIONS = frozenset({"own", "word", NEAR})


def _drop_incidental_word_links(links: dict[str, Link]) -> None:
    """An objective reached only through a word of its wording that no concept covers ("money"
    in "a weekly check-in about money") is not chosen beside an objective the sentence names
    directly: "a huge row about money" reports the argument, not the check-in."""
    strong = [
        link for link in links.values() if any(m.weight >= STRONG_WEIGHT for m in link.matches)
    ]
    if not strong:
        return
    for key in list(links):
        matches = links[key].matches
        if all(m.relation in INCIDENTAL_RELATIONS for m in matches):
            del links[key]
            for link in strong:
                link.rivals.append(f"{key} as {matches[0].relation}")


def _beside_the_aspect(lexicon: Lexicon, concept: str, target: str, targets) -> bool:
    """Whether the objective names one aspect of `target` and `concept` is another aspect:
    "Sleep at least 6.5 hours" is about sleep duration, so naps or sleep hygiene, though forms
    of sleep, are not what it measures."""
    own_line = {concept, *lexicon.ancestors(concept)}
    return any(
        target in lexicon.ancestors(aspect) and aspect not in own_line
        for aspect in targets
        if aspect != target
    )


def _ing_nouns_written(
    rules: ObjectiveRules, sentence: SentenceAnalysis, start: int, end: int
) -> bool:
    """Whether each of the objective's -ing nouns among these words is written in -ing form
    in the note: "records" or "meet" shares the stem of "the session recording" or "AA
    meetings" but is another word; shorthand counts as the word it stands for ("mtg")."""
    return not rules.ing_nouns or all(
        is_ing_form(spelled_out(sentence.words[k]))
        for k in range(start, end)
        if sentence.folded[k] in rules.ing_nouns
    )


def _inside_concept(sentence: SentenceAnalysis, start: int, end: int) -> bool:
    """Whether a longer lexicon term covers these words: "eating" in "binge eating" is the
    binge, not the objective "Eat 3 regular meals"."""
    return any(
        c.start <= start and end <= c.end and c.end - c.start > end - start
        for c in sentence.concepts
    )


def _in_own_target_term(
    sentence: SentenceAnalysis, start: int, end: int, rules: ObjectiveRules
) -> bool:
    """Whether a term of one of the objective's own targets covers these words: there they
    still name it, and a distractor the term outweighed does not stop them: "diary" in "filled
    in the diary" ("in the [diary]" is an appointment) says which of a plan's two
    self-monitoring objectives it is."""
    targets = rules.targets()
    return any(
        c.start <= start and end <= c.end and c.concept in targets for c in sentence.concepts
    )

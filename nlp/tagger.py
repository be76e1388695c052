"""Tagging note sentences with the plan objectives they are about.

build_tagger(plan) prepares, in milliseconds, the plan-specific part: each objective's targets
(nlp.objectives) and the linker that chooses among them (nlp.linking). Tagger.tag(text) runs the
shared spaCy pipeline (sentences, concepts, ConText modifiers, progress words, measurements), lets
the linker choose each sentence's objectives, and judges each chosen objective's context and
progress by the rule table of data/progress_rules.json. Every tag carries its evidence: the words
that matched and why they won, the modifiers that applied and the progress rule that decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language

from nlp.analysis import SECTION_KEY, TEXT_KEY, Clause, Modifier, SentenceAnalysis, sentences_of
from nlp.context import CATEGORY_LABELS, modifiers_of
from nlp.delivery import Delivery
from nlp.lexicon import Lexicon, tokenizer_words
from nlp.linking import InstrumentNames, Link, Linker, Match
from nlp.measurements import Measurement, MeasurementFinder, MeasurementReader
from nlp.objectives import ObjectiveReader, ObjectiveRules
from nlp.person_scope import PlanPeople
from nlp.pipeline import get_language
from nlp.plan_instruments import declared_instruments
from nlp.planfile import Plan
from nlp.progress import judge
from nlp.text import alias_key, fold, load_data
from nlp.verdict_words import VerdictWords


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


class _Shared:
    """What every tagger of one pipeline shares: the lexicon, the objective reader, the rules
    for therapist delivery, the progress words the verdicts need and the note-section kinds."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon: Lexicon = nlp.get_pipe("wayfinder_concepts").lexicon
        # Language.pipeline builds a new list of its components on every read: read once here,
        # as the pipeline's components do not change once it is built.
        self.components = [component for _name, component in nlp.pipeline]
        context = self.context = nlp.get_pipe("wayfinder_context").rules
        tokenize = tokenizer_words(nlp)
        context_rules = load_data("context_rules.json")
        self.reader = ObjectiveReader(
            self.lexicon, tokenize, context.person_groups, context.person_scope
        )
        self.delivery = Delivery(context_rules["delivery"], tokenize)
        self.progress_cues = nlp.get_pipe("wayfinder_progress").cues
        self.negators_of_absence = frozenset(context_rules["negators_of_absence"]["words"])
        self.verdicts = VerdictWords(tokenize)
        self.section_kinds: dict[str, str] = load_data("sentences.json")["section_kinds"]
        self.avoidance = frozenset(load_data("objective_words.json")["avoidance_concepts"])
        self.tokenize = tokenize
        self.measuring: MeasurementReader = nlp.get_pipe("wayfinder_measurements").reader
        self.instruments = self.instrument_names(self.measuring)
        self.better_of_state = self.measuring.better_of_state
        self.construct_of = self.measuring.construct.get

    def instrument_names(self, measuring: MeasurementReader) -> InstrumentNames:
        """How the linker finds the instruments a measurement reader knows."""
        return InstrumentNames(
            measuring.maybe_instrument,
            lambda alias: measuring.instruments[alias_key(alias)]["name"],
            frozenset(
                self.tokenize(alias)[0].lower()
                for instrument in measuring.instruments.values()
                for alias in instrument["aliases"]
            ),
        )


@cache
def shared_rules(nlp: Language) -> _Shared:
    return _Shared(nlp)


class Tagger:
    """Links sentences to one plan's objectives. Cheap to build; safe to share across threads."""

    def __init__(
        self, plan: Plan, extra_keywords: dict[str, list[str]] | None, nlp: Language
    ) -> None:
        self.nlp = nlp
        self.shared = shared_rules(nlp)
        self.objectives: list[ObjectiveRules] = [
            self.shared.reader.read(objective, (extra_keywords or {}).get(objective.id, []))
            for objective in plan.objectives()
            if objective.status != "discontinued"
        ]
        self.components, instruments = self._with_plan_instruments(plan)
        reader = self.shared.reader
        self.linker = Linker(
            self.objectives, self.shared.lexicon, instruments, reader.near, reader.attendance
        )
        self.people = PlanPeople.of(
            plan.client, _plan_texts(plan), self.shared.context.person_groups
        )
        self.naming_people = [rules for rules in self.objectives if rules.people_groups]
        # Whether an objective is to resist something depends on its wording only: read once
        # per plan rather than for every tag.
        verdicts = self.shared.verdicts
        self.resisting = frozenset(
            rules.id
            for rules in self.objectives
            if verdicts.resists(rules.direction, rules.objective.text)
        )
        self.negatively_worded = frozenset(
            rules.id
            for rules in self.objectives
            if verdicts.negatively_worded(rules.objective.text)
        )

    def _with_plan_instruments(self, plan: Plan) -> tuple[list, InstrumentNames]:
        """The pipeline's components and the linker's instrument names, each knowing the
        instruments the plan names that the registry lacks ("BDD-YBOCS score"): its measurement
        reader reads their scores, and each objective that names one takes them and is global
        for the disorders of what its words name."""
        shared = self.shared
        declared = declared_instruments(plan, frozenset(shared.measuring.instruments))
        if not declared:
            return shared.components, shared.instruments
        lexicon = shared.lexicon
        for rules in self.objectives:
            named = {i["name"] for i in declared if rules.objective.id in i["named_by"]}
            if named:
                rules.instruments = rules.instruments | named
                # "Reduce nicotine dependence (FTND) from 7 to 3": a score of what its own words
                # name, so a global-severity objective for their disorders; a symptom another
                # objective has as its target goes there (labelling A3)
                rules.families = rules.families | frozenset(
                    f for target in rules.targets() for f in lexicon.families(target)
                )
        reader = shared.measuring.with_instruments(declared)
        components = [
            MeasurementFinder(reader) if isinstance(c, MeasurementFinder) else c
            for c in shared.components
        ]
        return components, shared.instrument_names(reader)

    def tag(self, text: str, section: str | None = None) -> list[SentenceResult]:
        """One result per sentence, in order; any length of text (long text goes by lines).

        section: the key of the note section the text was written in ("plan", "intervention"),
        when known: a plan's sentences are not what happened, an intervention's are the
        therapist's delivery unless they say the client did something.
        """
        kind = self.shared.section_kinds.get(section.lower()) if section else None
        results = []
        for chunk in _chunks(_encodable(text)):
            doc = self.nlp.make_doc(chunk)
            doc.user_data[TEXT_KEY] = chunk  # spares the sentence splitter rebuilding it
            if kind is not None:
                doc.user_data[SECTION_KEY] = kind
            for component in self.components:
                doc = component(doc)
            results += [self._tag_sentence(s) for s in sentences_of(doc)]
        return results

    def _tag_sentence(self, sentence: SentenceAnalysis) -> SentenceResult:
        tags = []
        words = self.linker.phrases or self.linker.in_plan
        if sentence.concepts or words or sentence.measurements:
            named = self._named_scopes(sentence)
            links = self.linker.links(
                sentence,
                lambda rules, s, e: self._about_client(sentence, rules, s, e, named),
                self._people_fit(sentence),
            )
            tags = [self._judge(sentence, link, links) for link in links]
        return SentenceResult(sentence.text, tags, list(sentence.measurements))

    # -- whose behaviour -----------------------------------------------------------------------

    def _people_fit(self, sentence: SentenceAnalysis) -> dict[str, bool | None]:
        """For each objective that names people, whether the people the sentence names (by a
        group word or a name the plan gives them) are its own, contradict them or neither
        (nlp.people); nothing when the sentence names nobody or no objective names people (most
        plans: then the sentence's people are not looked for)."""
        if not self.naming_people:
            return {}
        people = self.shared.reader.people
        named = people.named(sentence.words, sentence.lowers)
        if self.people.names:
            for k in self.people.mentioned(sentence.words, sentence.lowers):
                named |= people.groups_with(self.people.names[sentence.lowers[k]])
        if not named:
            return {}
        return {rules.id: people.fit(rules.people_groups, named) for rules in self.naming_people}

    def _named_scopes(
        self, sentence: SentenceAnalysis
    ) -> list[tuple[frozenset[str], str, int, int]]:
        """(group, name, scope start, scope end) of each person the plan names whose words
        the sentence has ("Sam admits he keeps checking the doors": Sam's clause), and of each
        possessive pronoun that is not the client's ("his drinking", group and scope its own)."""
        found = self.people.mentioned(sentence.words, sentence.lowers) if self.people.names else []
        possessives = self.people.possessives(sentence.lowers)
        if not found and not possessives:
            return []
        context = self.shared.context
        lowers = sentence.lowers
        stops = context.terminations.find_all(lowers)
        scopes = []
        for k in found:
            scope = context.person_scope.scope(lowers, k, k + 1, stops, self.people.their_pronoun)
            if scope is not None:
                scopes.append((self.people.names[lowers[k]], lowers[k], *scope))
        # The possessive that is not the client's is someone else's ("his own drinking" of a
        # woman client), though the plan may not say whose. A subject pronoun is not read so:
        # what "he" does in a note is as often done with or to the client.
        for end in possessives:
            scope = context.person_scope.possessive(lowers, end, stops)
            scopes.append((frozenset(), lowers[end - 1], *scope))
        return scopes

    def _about_client(
        self,
        sentence: SentenceAnalysis,
        rules: ObjectiveRules,
        start: int,
        end: int,
        named: list[tuple[frozenset[str], str, int, int]],
    ) -> bool:
        """Whether a mention is about the person the objective is about: not someone else's
        ("her father drinks", "Sam admits he keeps checking" when the plan names partner Sam),
        unless the objective targets that person (parents' praise, the partner's accommodation)
        or the target is the client's belief about others ("sure the neighbours are watching")."""
        if rules.subject and rules.subject.isdisjoint(sentence.folded):
            return False  # the objective is another person's and the sentence never names them
        for group, name, scope_start, scope_end in named:
            if (
                scope_start <= start < scope_end
                and group.isdisjoint(rules.own_people)
                and fold(name) not in rules.subject
            ):
                return False
        lexicon = self.shared.lexicon
        if not rules.subject and any(
            c.start <= start and end <= c.end and lexicon.about_others(c.concept)
            for c in sentence.concepts
        ):
            return True
        for m in sentence.modifiers:
            if m.category != "other_person" or m.trigger in rules.own_people:
                continue
            in_scope = m.scope_start <= start < m.scope_end and not (
                start < m.trigger_end and m.trigger_start < end
            )
            names_them = m.trigger_start <= start and end <= m.trigger_end
            if in_scope or names_them:
                return False
        return True

    # -- one objective's verdict ---------------------------------------------------------------

    def _judge(self, sentence: SentenceAnalysis, link: Link, links: list[Link]) -> Tag:
        matches = sorted(link.matches, key=lambda m: (m.start, -m.end))
        contexts = [(m, self._modifiers(sentence, m)) for m in matches]
        real = [(m, mods) for m, mods in contexts if not _unreal(mods)]
        if real and len(real) < len(contexts):
            # What happened outweighs what is planned or past: "wants to walk but has not".
            contexts = real
        contexts, problem_only = self._behaviour_words_first(sentence, link, contexts)
        evidence = [f"{sentence.span_text(m.start, m.end)} ~ {m.shown}" for m, _ in contexts]
        evidence.append(_why(link, [m for m, _ in contexts]))
        first: dict[str, Modifier] = {}
        for _, modifiers in contexts:
            for modifier in modifiers:
                first.setdefault(modifier.category, modifier)
        evidence += [f"{m.trigger} ({CATEGORY_LABELS[m.category]})" for m in first.values()]
        facts = set(first)
        kinds = {self.shared.lexicon.kind(m.concept) for m, _ in contexts}
        if kinds == {"symptom"}:
            facts.add("symptom")
        if sentence.unreal:
            facts.add("hypothetical")
            evidence.append("plan section (hypothetical)")
        elif sentence.section == "history":
            facts.add("historical")
            evidence.append("history section (historical)")
        spans = [(m.start, m.end) for m, _ in contexts]
        clauses, outcome = (
            _clauses_about(sentence, spans, links) if sentence.clauses else (None, False)
        )
        if outcome and "negated" not in first:
            # "Began a thought record but gave up after one line": the outcome clause says it.
            negation = next(
                (
                    m
                    for m in sentence.modifiers
                    if m.category == "negated" and _within(clauses, m.trigger_start)
                ),
                None,
            )
            if negation is not None:
                first["negated"] = negation
                facts.add("negated")
                evidence.append(f"{negation.trigger} ({CATEGORY_LABELS['negated']})")
        if not outcome and self.shared.delivery.applies(sentence, spans):
            # "Reviewed the thought record; pt had not completed it": the client's outcome.
            facts.add("delivery")
            evidence.append("therapist's delivery (delivery)")
        if any(
            m.absent and not _ended(sentence, m) and not self._absence_denied(sentence, m)
            for m, _ in contexts
        ):
            facts.add("negated")
        direction = link.rules.direction
        if _all_replaced(sentence, spans):
            # "walked away instead of shouting": the objective's behaviour is what was done
            # instead of; on a decrease objective that is the replacement, not a negation.
            facts.add("replaced")
            evidence.append("after instead of / rather than (replaced)")
            if direction == "decrease":
                facts.discard("negated")
            else:
                facts.add("negated")  # "scrolled rather than did the log": it did not happen
        if self._all_avoided(link, [m for m, _ in contexts]):
            direction = "increase"  # going where the objective says is avoided
            if "negated" in facts:
                # Not going there is the avoidance itself: polarity follows the objective's
                # wording (labelling rule B), so it occurred rather than did not.
                facts.discard("negated")
                direction = link.rules.direction
        if link.rules.id in self.negatively_worded:
            # "Missed three doses" for "Reduce missed doses" is its behaviour occurring, and
            # "no missed doses" its negation: polarity follows the objective's wording (rule B).
            facts ^= {"negated"}
            evidence.append("an objective worded as not doing (negation read the other way)")
        matched = [m for m, _ in contexts]
        others = [m for other in links if other is not link for m in other.matches]
        for cue_class, words in self._cues_read(sentence, clauses, matched, others, links):
            facts.add(cue_class)
            evidence.append(f"{words} ({cue_class})")
        measured = _measured_change(sentence, clauses)
        past = first.get("historical")
        if measured is not None and past is not None and _runs_past(sentence, measured, past):
            # "At intake his PHQ-9 was 21; today it is 13": then against now, not only the past
            facts.discard("historical")
            evidence.append("a value after the past's scope (not only the past)")
        if measured is not None:
            verdict = measured.verdict
            facts.add(f"measured_{verdict or measured.change}")
            if verdict is not None:
                evidence.append(_construct_evidence(measured))
        elif _counted_none(sentence, clauses):
            facts.add("negated")  # "binges 0 this wk": none occurred (labelling rule B)
            evidence.append("a count of none (negation)")
        streak = "symptom" not in kinds and _abstinence_streak(sentence, spans)
        if streak and "negated" not in facts:
            # "three weeks since her last drink": the use has not occurred since; a symptom
            # beside the streak ("ten days sober, cravings still daily") is not abstained from
            facts.add("negated")
            evidence.append("an abstinence streak (negation)")
        on_time = "late" in facts and "negated" in facts and self._late_denied(sentence, clauses)
        if on_time:
            # "Has not been late once", "never slept in": on time, so the objective's behaviour
            # occurred as it should; polarity follows the objective's wording (labelling rule B).
            facts.discard("late")
            evidence.append("not late (on time)")
            if direction == "increase":
                facts.discard("negated")
        resisted = (
            "replacement" not in facts
            and link.rules.id in self.resisting
            and not any(m.relation == "own" for m, _ in contexts)
        )
        if (
            not on_time
            and direction == "increase"
            and (resisted or problem_only or kinds == {"symptom"} and _only_related(contexts))
        ):
            # "Refused to go to school" for "Attend school", "quit asking for reassurance" for
            # "Resist asking for reassurance": the problem the behaviour undoes occurred (or did
            # not), so the behaviour did not (or did); a stated change is the problem's own.
            evidence.append("the problem the behaviour undoes (opposite)")
            if facts & _CHANGES:
                direction = "decrease"
            elif "negated" in facts:
                facts.discard("negated")
            else:
                facts.add("negated")
        if "late" in facts and self.shared.verdicts.about_timeliness(link.rules.objective.text):
            # "Was late to work" for "Arrive at work on time": its behaviour did not occur.
            facts.add("negated")
        elif "late" in facts:
            # "did not get to sleep until 3": it happened, later than it should.
            facts.discard("negated")
        progress, rule = judge(direction, facts)
        evidence.append(f"rule {rule.id}: {rule.says}")
        return Tag(
            link.rules.id,
            "negated" in facts,
            "hypothetical" in facts,
            "historical" in facts,
            False,
            progress,
            evidence,
        )

    def _behaviour_words_first(
        self, sentence: SentenceAnalysis, link: Link, contexts: list[tuple[Match, list[Modifier]]]
    ) -> tuple[list[tuple[Match, list[Modifier]]], bool]:
        """The mentions that judge an increase objective, and whether all of them name the problem
        its behaviour undoes ("lay awake for hours" for "Fall asleep within 30 minutes"). Where
        the sentence also names the behaviour in its own words, those decide: "drifting off
        quicker, no more staring at the ceiling" is the behaviour occurring, not a negation."""
        if link.rules.direction != "increase":
            return contexts, False
        names_problem = self.shared.verdicts.names_problem
        own = [
            (m, mods)
            for m, mods in contexts
            if not names_problem(m.concept, sentence.lowers[m.start : m.end])
        ]
        if own:
            return own, False
        return contexts, True

    def _cues_read(
        self,
        sentence: SentenceAnalysis,
        clauses: list[Clause] | None,
        matches: list[Match],
        others: list[Match],
        links: list[Link],
    ) -> list[tuple[str, str]]:
        """The clauses' cues, but not those that are the words of a mention ("she dropped off
        quickly" of sleep onset); a more or less word is read as better or worse
        where it stands beside a rated state of the objective's mention that says which way is
        better ("mood higher", "more energy", "less anxious"): the construct decides before the
        objective's direction; so is one beside a mention whose concept is such a quantity
        ("took longer to fall asleep", "falling asleep quicker": concept_cues)."""
        mentioned = [(m.start, m.end) for link in links for m in link.matches]
        found = []
        for cue_class, words, start, end in _cues(sentence, clauses) + self._concept_cues(
            sentence, matches
        ):
            if self._term_not_cue(sentence, start, end, mentioned):
                continue  # "she dropped off quickly": the sleep-onset mention's words, no change
            if (
                cue_class in _CHANGE_WORDS
                and _beside(others, start, end)
                and not _beside(matches, start, end)
            ):
                continue  # "sober 3 weeks and cravings down to 4/10": the cravings' change
            if cue_class in ("more", "less"):
                better = self._construct_beside(sentence, start, end, matches)
                if better is not None:
                    way, quantity = better
                    cue_class = "better" if (cue_class == "more") == (way == "higher") else "worse"
                    words = f"{words}: {way} is better for {quantity} (construct)"
            found.append((cue_class, words))
        return found

    def _term_not_cue(
        self, sentence: SentenceAnalysis, start: int, end: int, mentioned: list[tuple[int, int]]
    ) -> bool:
        """Whether the cue at start..end is the words of a mention ("she dropped off quickly":
        fell asleep), with no thing of its own before it ("cravings dropped off")."""
        return self.shared.verdicts.is_term_not_cue(sentence.lowers, start, end) and any(
            s <= start and end <= e for s, e in mentioned
        )

    def _concept_cues(
        self, sentence: SentenceAnalysis, matches: list[Match]
    ) -> list[tuple[str, str, int, int]]:
        """Words that tell a change beside a mention of their concept ("falling asleep quicker")."""
        found = []
        for m in matches:
            cues = self.shared.verdicts.concept_cues.get(m.concept or "")
            if not cues:
                continue
            for k in range(max(0, m.start - _BESIDE), min(len(sentence.lowers), m.end + _BESIDE)):
                if sentence.lowers[k] in cues:
                    found.append((cues[sentence.lowers[k]], sentence.lowers[k], k, k + 1))
        return found

    def _construct_beside(
        self, sentence: SentenceAnalysis, start: int, end: int, matches: list[Match]
    ) -> tuple[str, str] | None:
        """(which way is better, the quantity) of the word of the objective's mention right beside
        the cue at start..end: after it ("higher mood") or before it, over at most four linking
        words ("mood has been a bit lower"); else of the concept of a mention beside the cue, when
        it is a quantity of the construct table ("took longer to fall asleep")."""
        spans = [(m.start, m.end) for m in matches]
        return self._state_beside(sentence, start, end, spans) or next(
            (
                (way, m.concept)
                for m in matches
                if _beside([m], start, end)
                and (way := self.shared.construct_of(m.concept or "")) is not None
            ),
            None,
        )

    def _state_beside(
        self, sentence: SentenceAnalysis, start: int, end: int, spans: list[tuple[int, int]]
    ) -> tuple[str, str] | None:
        lowers, shared = sentence.lowers, self.shared
        verdicts = shared.verdicts
        before = start - 1
        while before >= start - 4 and before >= 0 and lowers[before] in verdicts.construct_between:
            before -= 1
        for k in (end, before):
            if not 0 <= k < len(lowers) or not any(s <= k < e for s, e in spans):
                continue
            way = shared.better_of_state(lowers[k])
            problem = k > 0 and lowers[k - 1] in verdicts.construct_negative_before  # "low mood"
            if way is not None and not problem:
                return way, lowers[k]
        return None

    def _absence_denied(self, sentence: SentenceAnalysis, match: Match) -> bool:
        """Whether a term of non-occurrence is itself negated ("never skipped breakfast",
        "hasn't skipped lunch", "without skipping a meal"): the target happened."""
        return (
            match.start > 0 and sentence.lowers[match.start - 1] in self.shared.negators_of_absence
        )

    def _late_denied(self, sentence: SentenceAnalysis, clauses: list[Clause] | None) -> bool:
        """Whether a negation covers a late word of the clauses ("has not been late"), one that a
        negation does not leave late ("did not fall asleep until 3" is late)."""
        keeps = self.shared.progress_cues.late_despite_negation
        return any(
            "late" in classes
            and _within(clauses, start)
            and keeps.isdisjoint(sentence.lowers[start:end])
            and any(
                m.category == "negated"
                and m.trigger_start < end
                and (m.scope_start <= start < m.scope_end or start < m.trigger_end)
                for m in sentence.modifiers
            )
            for start, end, classes in sentence.cues
        )

    def _all_avoided(self, link: Link, matches: list[Match]) -> bool:
        """Whether every match is a place or thing the objective says is avoided ("Reduce
        avoidance of reminders of the accident": "drove past the site"), not the avoiding."""
        if link.rules.direction != "decrease" or not matches:
            return False
        avoidance = self.shared.avoidance
        if not (link.rules.avoided or avoidance & set(link.rules.targets())):
            return False
        lexicon = self.shared.lexicon
        return all(
            m.shown in link.rules.avoided
            or (
                m.concept not in avoidance
                and not avoidance.isdisjoint(lexicon.ancestors(m.concept or ""))
            )
            for m in matches
        )

    @staticmethod
    def _modifiers(sentence: SentenceAnalysis, match: Match) -> list[Modifier]:
        if not sentence.modifiers:
            return []
        return [
            m
            for m in modifiers_of(sentence, match.start, match.end)
            if m.category != "other_person"
        ]


def _plan_texts(plan: Plan) -> list[str]:
    """Every piece of the plan's wording, where it names the client's people."""
    texts = []
    for problem in plan.problems:
        texts.append(problem.statement)
        for goal in problem.goals:
            texts.append(goal.text)
            texts += [o.text for o in goal.objectives]
            texts += [i.text for i in goal.interventions]
    return texts


def _why(link: Link, matches: list[Match]) -> str:
    """Why the linker chose this objective: how its words matched, and whom it beat."""
    relations = sorted({m.relation for m in matches})
    why = f"linked as {'/'.join(relations)}"
    return f"{why}; chosen over {', '.join(link.rivals)}" if link.rivals else why


_UNREAL = frozenset({"hypothetical", "historical"})
_CHANGES = frozenset(
    {"more", "less", "same", "measured_more", "measured_less", "measured_better", "measured_worse"}
)


def _ended(sentence: SentenceAnalysis, match: Match) -> bool:
    """Whether a "better" cue over the mention's first word ends its non-occurrence ("stopped
    skipping breakfast"): the target happens again."""
    return any(
        start <= match.start < end and "better" in classes for start, end, classes in sentence.cues
    )


def _only_related(contexts: list[tuple[Match, list[Modifier]]]) -> bool:
    return all(m.relation == "related" for m, _ in contexts)


def _unreal(modifiers: list[Modifier]) -> bool:
    return any(m.category in _UNREAL for m in modifiers)


def _cues(
    sentence: SentenceAnalysis, clauses: list[Clause] | None
) -> list[tuple[str, str, int, int]]:
    """(cue class, words, start, end) of the progress words in the clauses about the objective."""
    found = []
    for start, end, classes in sentence.cues:
        if _within(clauses, start):
            words = " ".join(sentence.lowers[start:end])
            found += [(cue_class, words, start, end) for cue_class in sorted(classes)]
    return found


def _clauses_about(
    sentence: SentenceAnalysis, spans: list[tuple[int, int]], links: list[Link]
) -> tuple[list[Clause], bool]:
    """The clauses holding the objective's mentions, and the clauses that mention no objective
    but refer back to one ("not brought, but she filled it in"). A referring clause after the
    mention that has cues or a negation of its own is the outcome and decides alone ("started
    the account but stopped after a paragraph"): then the second value is True."""
    mentioned = [(m.start, m.end) for link in links for m in link.matches]

    def holds(clause: Clause, found: list[tuple[int, int]]) -> bool:
        return any(clause.start <= start < clause.end for start, _ in found)

    own = [c for c in sentence.clauses if holds(c, spans)]
    referring = [
        c
        for c in sentence.clauses
        if c.anaphoric and not c.alternative and c not in own and not holds(c, mentioned)
    ]
    later = [c for c in referring if own and c.start > own[0].start]
    if later and (
        any(_within(later, cue_start) for cue_start, _, _ in sentence.cues)
        or any(
            m.category == "negated" and _within(later, m.trigger_start) for m in sentence.modifiers
        )
    ):
        return later, True
    return own + referring, False


def _all_replaced(sentence: SentenceAnalysis, spans: list[tuple[int, int]]) -> bool:
    """Whether every mention sits in a clause after "instead of" / "rather than"."""
    alternatives = [c for c in sentence.clauses if c.alternative]
    return bool(alternatives and spans) and all(_within(alternatives, s) for s, _ in spans)


def _within(clauses: list[Clause] | None, word: int) -> bool:
    return clauses is None or any(c.start <= word < c.end for c in clauses)


def _counted_none(sentence: SentenceAnalysis, clauses: list[Clause] | None) -> bool:
    """Whether the clauses about the objective count none of it in a period ("0 this week")."""
    return any(
        m.kind == "frequency" and m.value == 0 and _within(clauses, sentence.word_at(m.start))
        for m in sentence.measurements
    )


_BESIDE = 3  # how near a mention a word is beside it: "took longer to fall asleep"
_STREAK_WORDS = 6  # how far from a mention an abstinence streak can be its own


_CHANGE_WORDS = frozenset({"more", "less", "same", "better", "worse"})


def _beside(matches: list[Match], start: int, end: int) -> bool:
    """Whether words start..end are beside (or in) a mention: "took longer to fall asleep"."""
    return any(m.start - _BESIDE < end and start < m.end + _BESIDE for m in matches)


def _abstinence_streak(sentence: SentenceAnalysis, spans: list[tuple[int, int]]) -> bool:
    """Whether an abstinence streak is measured beside a mention ("three weeks since her last
    drink", "off weed 12 days now"): an abstinence streak is a duration (labelling rule D)."""
    return any(
        m.kind == "duration"
        and m.name == "abstinence"
        and any(abs(sentence.word_at(m.start) - start) <= _STREAK_WORDS for start, _ in spans)
        for m in sentence.measurements
    )


def _measured_change(
    sentence: SentenceAnalysis, clauses: list[Clause] | None
) -> Measurement | None:
    """The first measurement in the clauses about the objective that states a change."""
    for measurement in sentence.measurements:
        if measurement.change is not None and _within(
            clauses, sentence.word_at(measurement.start)
        ):
            return measurement
    return None


def _runs_past(sentence: SentenceAnalysis, measured: Measurement, past: Modifier) -> bool:
    """Whether the measurement goes on after the historical modifier's scope ends (a value
    dated today after one dated at intake), so the sentence is not only about the past."""
    return past.scope_end <= sentence.word_at(max(measured.start, measured.end - 1))


def _construct_evidence(measured: Measurement) -> str:
    """How the measured quantity decided: "sleep onset 25 from 90: lower is better (construct)"."""
    value, previous = measured.to_json()["value"], measured.to_json()["previous"]
    return f"{measured.name} {value} from {previous}: {measured.better} is better (construct)"


_CHUNK_CHARS = 100_000


def _encodable(text: str) -> str:
    """The text with any lone surrogate (which no encoding can write) as U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text


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


def build_tagger(plan: Plan, extra_keywords: dict[str, list[str]] | None = None) -> Tagger:
    """A tagger for one plan; extra_keywords maps objective ids to clinician-learned keywords."""
    return Tagger(plan, extra_keywords, get_language())

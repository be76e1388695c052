"""Reading an objective's wording into what the linker matches: its targets and how strongly.

"Use a scheduled worry period to postpone worries on 5 days per week" is about the worry period;
"worries" comes after "to postpone" and only describes it. So an objective's lexicon concepts are
read in order: those before a purpose phrase (data/objective_words.json "secondary_after") are its
targets, those after are side words that support a link but never make one. The wording is read up
to its first condition ("when", "if", "without": "Use coping skills when cravings occur" is not
about cravings). Words no concept covers ("woodworking") are the objective's own phrases. A
concept named only inside the objective's parentheses is an example of its target ("(photos,
his clothes)", a mood chart's "(hours slept, medication taken)"): it links, but yields to an
objective whose own wording names that concept outside parentheses.

An objective to keep a record ("Complete the daily symptom diary (attacks, warning signs,
triggers)", "Fill in the habit log of picking episodes each evening") is about the record: what
the record holds (its parentheses, what follows "log of", the words right before its noun) is a
side word, so the attacks go to the attacks objective and never link the diary alone. The acts of
keeping one ("filled in", "wrote down") are its own words, shared by every record objective of
the plan, so they reach the only one and leave a choice among several to the record they name;
the wording's own recording verb ("Fill in") is one of those acts, not a word of its own.

An objective that names an instrument (PHQ-9, PCL-5) or an overall level ("reduce depressive
symptoms") measures a disorder's global severity: it takes the instrument's scores and whatever
symptom of that disorder no more specific objective of the plan covers (labelling rule A3).
A target named beside forms of it ("Reduce throat clearing and sniffing tics") is the family's
head narrowed by its members: the objective is about those members, so it is not global for the
head, and the linker lets a plan's global objective take the head and the members it does not
name (nlp.linking). A concept after "because of" is the reason for the target, a side word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from nlp.attendance import Attendance
from nlp.lexicon import Lexicon
from nlp.near_synonyms import NearSynonyms
from nlp.people import PeopleGroups
from nlp.person_scope import PersonScope
from nlp.planfile import Objective
from nlp.text import (
    PhraseIndex,
    Tokenize,
    alias_key,
    fold,
    is_ing_form,
    load_data,
    spelled_out,
)

# What a matched word is to an objective.
TARGET = "target"
SIDE = "side"
KEYWORD = "keyword"
COVERED = "covered"  # a word of the objective inside one of its concept's terms
EXAMPLE = "example"  # a target named only in the objective's parentheses: "(photos, his clothes)"
# A side word that says what a record holds ("(attacks, triggers)"): weighed as a side word, and
# not shared with the objective whose target it is, which takes it whole (module doc)
HELD = "held"
RECORD_ACT = "record act"  # an act of keeping a record ("filled in", "wrote down"): module doc
# An everyday near-synonym of a word the objective names itself ("lecture" for its "classes",
# nlp.near_synonyms): weaker evidence than the word itself.
NEAR = "near-synonym"
# The words an objective's own word may be met by: its own, the words of its concepts' terms
# and its examples (never a side word, a record's contents or a keyword the clinician chose).
NEAR_FROM = frozenset({TARGET, COVERED, EXAMPLE})
NEAR_SHOWN = " (near-synonym)"  # how a near-synonym phrase shows the word it stands for


@dataclass
class ObjectiveRules:
    objective: Objective
    id: str = field(init=False)
    direction: str | None
    concepts: dict[str, tuple[str, str]] = field(default_factory=dict)  # concept -> (role, shown)
    phrases: list[tuple[tuple[str, ...], str, str]] = field(
        default_factory=list
    )  # words, role, shown
    families: frozenset[str] = frozenset()  # global severity of these disorders
    instruments: frozenset[str] = frozenset()  # registry names of instruments it names
    own_people: frozenset[str] = frozenset()  # people the objective itself is about
    # The groups of the people its wording names before any condition (nlp.people): whom the
    # behaviour is with or towards, which decides between rivals that differ only by that.
    people_groups: frozenset[str] = frozenset()
    # Folded words that name the person an objective is about when that is someone other than
    # the client ("Partner S. will rate..."): the initial and the words of their group.
    subject: frozenset[str] = frozenset()
    # What the objective says is avoided ("social situations" in "Reduce avoidance of social
    # situations"): going there is less avoidance, so these mentions count the other way.
    avoided: frozenset[str] = frozenset()
    # Folded own words the wording uses as an -ing noun ("the session recording"): the stem is
    # another word ("records", "record"), so a note's word counts only in -ing form.
    ing_nouns: frozenset[str] = frozenset()
    keeps_record: bool = False  # an objective to keep a log, diary or record (module doc)
    attends: bool = False  # an objective to go somewhere ("Attend college classes"): nlp.attendance
    # The near-synonyms' "not" phrases its own wording holds ("Attend the lunch club"): in a note
    # they are the sense this objective means, not another one (nlp.near_synonyms).
    own_senses: frozenset[tuple[str, ...]] = frozenset()
    # Targets the wording narrows by naming forms of them beside them ("throat clearing and
    # sniffing tics", "hours of sleep"): the objective is about those forms (module doc).
    qualified: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.id = self.objective.id

    @property
    def is_global(self) -> bool:
        return bool(self.families)

    def targets(self) -> list[str]:
        return [c for c, (role, _) in self.concepts.items() if role in (TARGET, KEYWORD, EXAMPLE)]


class ObjectiveReader:
    """Reads objectives' wording into match rules; one per pipeline, shared by all taggers."""

    def __init__(
        self, lexicon: Lexicon, tokenize: Tokenize, person_groups: dict, person_scope: PersonScope
    ) -> None:
        self.lexicon = lexicon
        self.tokenize = tokenize
        self.person_groups = person_groups
        self.people = PeopleGroups(person_groups, tokenize, person_scope)
        reading = load_data("objective_words.json")

        def index(key: str) -> PhraseIndex:
            return PhraseIndex((tuple(self.tokenize(p.lower())), True) for p in reading[key])

        self.stop_at = index("stop_at")
        self.secondary_after = index("secondary_after")
        self.avoided_after = index("avoided_after")
        # A number word is the objective's target amount ("to zero"), never what it is about.
        # A person the objective names (her mother, another parent) says whose behaviour it
        # is, not what: "a bad mother" is no mention of "Meet another mother weekly".
        people = [w for group in person_groups.values() for w in group]
        ignored = [*reading["ignore"], *load_data("numbers.json")["number_words"], *people]
        self.ignored = frozenset(ignored) | frozenset(fold(w) for w in ignored)
        self.modifiers = frozenset(reading["modifiers"])
        self.gerund_after = frozenset(reading["gerund_after"])
        self.noun_determiners = frozenset(reading["noun_determiners"])
        self.artifacts = frozenset(reading["artifact_nouns"])
        self.services = ServiceNames(reading["services"])
        records = reading["records"]
        self.record_nouns = frozenset(records["nouns"])
        self.record_contents_after = frozenset(records["contents_after"])
        self.record_verbs = frozenset(fold(w) for w in records["verbs"])
        self.record_acts = [
            (tuple(fold(w) for w in self.tokenize(act.lower())), act) for act in records["acts"]
        ]
        self.overall_kinds = frozenset(reading["overall_kinds"])
        self.near = NearSynonyms(tokenize)
        generic = reading["generic_modified"]
        self.generic_nouns = frozenset(generic["nouns"])
        self.generic_pairs = sorted({fold(w) for w in generic["nouns"]})
        self.evaluative = frozenset(generic["evaluative"])
        self.attendance = Attendance(tokenize)
        self.named_subject_within: int = reading["named_subject_within"]
        instruments = load_data("instruments.json")["instruments"]
        self.instrument_of = {alias_key(a): i for i in instruments for a in i["aliases"]}
        aliases = sorted((a for i in instruments for a in i["aliases"]), key=len, reverse=True)
        self.instrument_pattern = re.compile(
            rf"(?<![\w-])(?:{'|'.join(_alias_regex(a) for a in aliases)})(?![\w-])", re.IGNORECASE
        )

    def read(self, objective: Objective, extra_keywords: list[str]) -> ObjectiveRules:
        rules = ObjectiveRules(objective, objective.effective_direction)
        words = self.tokenize(objective.text)
        lowers = [w.lower() for w in words]
        core, mentions = self._core(words, lowers)
        core_lowers = [w.lower() for w in core]
        side_from = self.secondary_after.find_longest(core_lowers)
        side_start = side_from[0][0] if side_from else len(core)
        inside = _in_parentheses(core)
        record, held = self._record_parts(core_lowers, inside, side_start)
        rules.keeps_record = bool(record)

        def is_held(start: int, end: int) -> bool:
            """Words that say what the record holds, not the record ("thought record" is one)."""
            span = range(start, end)
            return any(k in held for k in span) and not any(k in record for k in span)

        covered: set[int] = set()
        for mention in mentions:
            shown = " ".join(core[mention.start : mention.end])
            covered.update(range(mention.start, mention.end))
            known = self.lexicon.concepts.get(mention.concept)
            if alias_key(shown) in self.instrument_of and (
                known is None or known.kind not in self.overall_kinds
            ):
                # "Reduce AUDIT-C score": the instrument makes the objective a global one for
                # its disorders (below), not one about the single behaviour the lexicon files
                # the instrument's name under, which a specific objective has as its target
                continue
            role = TARGET if mention.start < side_start else SIDE
            after = core_lowers[mention.end] if mention.end < len(core_lowers) else None
            names_record = any(k in record for k in range(mention.start, mention.end))
            if role == TARGET and (
                (after in self.artifacts and not names_record)
                or is_held(mention.start, mention.end)
                or self.services.follow(core_lowers, mention.end)
            ):
                # "the urge plan", "a worry log": the plan or log is the target, and so is a
                # record named with its app ("the worry tracker app") and the group a concept
                # names ("the stop-smoking support group")
                role = SIDE
            if role == TARGET and mention.start in inside:
                role = EXAMPLE
            if (
                mention.concept not in rules.concepts
                or _RANK[role] > _RANK[rules.concepts[mention.concept][0]]
            ):
                rules.concepts[mention.concept] = (role, shown)
        if not rules.targets():
            # "Increase time spent with friends": no target before the purpose word, so the side
            # words are what the objective is about.
            rules.concepts = {c: (TARGET, shown) for c, (_, shown) in rules.concepts.items()}
        for phrase_words, shown, start in _own_words(core, covered, self.ignored, self.modifiers):
            if rules.keeps_record and phrase_words[0] in self.record_verbs:
                continue  # "Fill in the log": one of the record acts added below
            role = TARGET if start < side_start else SIDE
            if role == TARGET and is_held(start, start + len(phrase_words)):
                role = HELD  # "the habit log", "(attacks, triggers)": what the record holds
            if role == TARGET and start in inside:
                role = EXAMPLE  # linked as "own example": never dropped as incidental
            rules.phrases += [(w, role, shown) for w in self._as_matched(core, start, phrase_words)]
        if rules.keeps_record:
            rules.phrases += [(words, RECORD_ACT, shown) for words, shown in self.record_acts]
        # The words a concept already covers still name the objective, more weakly: "googling"
        # alone is this plan's "googling symptoms" when no other objective says it.
        for phrase_words, shown, start in _own_words(core, set(), self.ignored, self.modifiers):
            if any(k in covered for k in range(start, start + len(phrase_words))):
                role = COVERED if start < side_start else SIDE
                if role == COVERED and is_held(start, start + len(phrase_words)):
                    role = HELD
                rules.phrases += [
                    (w, role, shown) for w in self._as_matched(core, start, phrase_words)
                ]
        self._near_synonyms(rules)
        folded_core = [fold(w) for w in core]
        rules.attends = self.attendance.opens(folded_core)
        rules.own_senses = frozenset(phrase for _, _, phrase in self.near.other_senses(folded_core))
        if any(ch.isalpha() for ch in objective.id):  # "progress toward O2"
            rules.phrases.append(((fold(objective.id),), KEYWORD, f"objective {objective.id}"))
        for keyword in [*objective.keywords, *extra_keywords]:
            self._keyword(rules, keyword)
        rules.ing_nouns = self._ing_nouns(core)
        rules.qualified = self._qualified(rules)
        self._globality(rules, objective.text)
        self._avoided(rules, core, mentions)
        lowered = set(lowers) | {spelled_out(w) for w in lowers}  # "Mum", "hubby" as written out
        rules.own_people = frozenset(
            person for group in self.person_groups.values() if group & lowered for person in group
        )
        rules.people_groups = self.people.named(core, core_lowers)
        rules.subject = self._named_subject(words)
        return rules

    def _as_matched(
        self, core: list[str], start: int, words: tuple[str, ...]
    ) -> list[tuple[str, ...]]:
        """How an own word is matched in a note: as itself, except an evaluative word right
        before a generic noun ("good days", "early nights"), which matches only with such a noun
        after it ("a good day"): alone it describes anything (objective_words
        "generic_modified")."""
        after = start + len(words)
        if (
            len(words) > 1
            or core[start].lower() not in self.evaluative
            or after >= len(core)
            or core[after].lower() not in self.generic_nouns
        ):
            return [words]
        return [(*words, noun) for noun in self.generic_pairs]

    def _near_synonyms(self, rules: ObjectiveRules) -> None:
        """The everyday near-synonyms of the objective's own words, as phrases of their own
        ("lecture" for "Attend college classes"), each once and never one of its own words."""
        own = {words for words, _, _ in rules.phrases}
        for words, role, shown in list(rules.phrases):
            if role not in NEAR_FROM:
                continue
            for near, _ in self.near.of(words):
                if near not in own:
                    own.add(near)
                    rules.phrases.append((near, NEAR, shown + NEAR_SHOWN))

    def _record_parts(
        self, lowers: list[str], inside: set[int], side_start: int
    ) -> tuple[set[int], set[int]]:
        """Where a record objective's wording names its record (a record noun before its side
        words and outside its parentheses) and where it says what the record holds: its
        parentheses, the words after "log of", the word right before the noun ("the habit
        log") and, after a recording verb that opens the wording, the words up to the noun
        ("Track worries on the worry tracker", "Record attacks in a diary"). Both empty for
        an objective that keeps no record."""
        nouns = {
            k
            for k, lower in enumerate(lowers[:side_start])
            if lower in self.record_nouns and k not in inside
        }
        if not nouns:
            return set(), set()
        held = set(inside) | {k - 1 for k in nouns if k > 0}
        later = [k for k in sorted(nouns) if k > 0]
        if later and (fold(lowers[0]) in self.record_verbs or lowers[0] in self.record_nouns):
            held.update(range(1, later[0]))  # "Track worries on the worry tracker"
        for k in nouns:
            if k + 1 < side_start and lowers[k + 1] in self.record_contents_after:
                held.update(range(k + 2, side_start))
        return nouns, held - nouns

    def _ing_nouns(self, core: list[str]) -> frozenset[str]:
        """The folded forms of the wording's -ing nouns: plural ("daily ratings"), or with a
        determiner or modifier opening their noun phrase ("the session recording"). Without one
        the -ing word is the activity ("Reduce hair pulling") and keeps every form of its verb."""
        lowers = [w.lower() for w in core]
        nouns = set()
        for k, lower in enumerate(lowers):
            if not is_ing_form(lower):
                continue
            before = k - 1
            while before > 0 and lowers[before] not in self.gerund_after:
                if lowers[before] in self.noun_determiners or lowers[before] in self.modifiers:
                    nouns.add(fold(lower))
                    break
                before -= 1
            if lower.endswith("ings"):
                nouns.add(fold(lower))
        return frozenset(nouns)

    def _core(self, words: list[str], lowers: list[str]) -> tuple[list[str], list]:
        """The wording up to its first condition, and the lexicon's mentions in it. A stop word
        inside a lexicon term is part of the target ("look after the baby", "in bed during the
        day"), and one with nothing the objective is about before it is the verb's own particle
        ("Go without ..."), so neither cuts; but one that opens the wording starts a condition
        that runs to its comma ("If anxious, use paced breathing"), which is left out. A
        concept joined to another by "or"/"and" that shares its last words is a target too ("a
        breathing or mindfulness exercise")."""
        if "," in lowers and any(start == 0 for start, _, _ in self.stop_at.find_all(lowers)):
            lead = lowers.index(",") + 1
            words, lowers = words[lead:], lowers[lead:]
        folded = [fold(w) for w in words]
        _, mentions = self.lexicon.match(folded)
        cut = len(words)
        for start, _, _ in self.stop_at.find_all(lowers, 1):
            inside = any(m.start < start < m.end for m in mentions)
            content = any(m.end <= start for m in mentions) or any(
                _own_words(words[:start], set(), self.ignored, self.modifiers)
            )
            if not inside and content:
                cut = start
                break
        mentions = [m for m in mentions if m.end <= cut]
        return words[:cut], mentions + self._coordinated(folded[:cut], lowers[:cut], mentions)

    def _coordinated(self, folded: list[str], lowers: list[str], mentions: list) -> list:
        """The other conjuncts of a concept's first word: in "a breathing, grounding or
        mindfulness exercise", "breathing exercise" and "grounding exercise" as mentions at
        "breathing" and "grounding" (each spanning the conjunct alone)."""
        found = []
        for mention in mentions:
            if mention.end - mention.start < 2:
                continue
            k = mention.start - 1
            while k >= 1 and lowers[k] in _CONJUNCTIONS:
                conjunct = k - 1
                term = [folded[conjunct], *folded[mention.start + 1 : mention.end]]
                _, whole = self.lexicon.match(term)
                found += [
                    replace(m, start=conjunct, end=conjunct + 1)
                    for m in whole
                    if m.start == 0 and m.end == len(term)
                ]
                k = conjunct - 1
        return found

    def _named_subject(self, words: list[str]) -> frozenset[str]:
        """The other person an objective opens with, named by an initial ("Daughter L. will join
        ..."): the initial, with and without its dot, and the words of the person's group."""
        for k, word in enumerate(words[: self.named_subject_within]):
            if len(word) == 2 and word[0].isupper() and word[1] == ".":
                before = {w.lower() for w in words[:k]}
                group = next((g for g in self.person_groups.values() if g & before), frozenset())
                return frozenset({fold(word), fold(word[0]), *(fold(w) for w in group)})
        return frozenset()

    def _keyword(self, rules: ObjectiveRules, keyword: str) -> None:
        keyword_words = tuple(fold(w) for w in self.tokenize(keyword))
        if not keyword_words:
            return
        _, mentions = self.lexicon.match(keyword_words)
        whole = [m for m in mentions if m.end - m.start == len(keyword_words)]
        if whole:
            rules.concepts[whole[0].concept] = (KEYWORD, keyword)
        else:
            rules.phrases.append((keyword_words, KEYWORD, keyword))

    def _qualified(self, rules: ObjectiveRules) -> frozenset[str]:
        """The targets of the wording that another of its targets is a form of."""
        named = [c for c, (role, _) in rules.concepts.items() if role == TARGET]
        ancestors = {c: self.lexicon.ancestors(c) for c in named}
        return frozenset(c for c in named if any(c in ancestors[n] for n in named))

    def _globality(self, rules: ObjectiveRules, text: str) -> None:
        families: set[str] = set()
        instruments: set[str] = set()
        for found in self.instrument_pattern.finditer(text):
            instrument = self.instrument_of[alias_key(found.group(0))]
            instruments.add(instrument["name"])
            families.update(instrument.get("families", ()))
        for concept in rules.targets():
            known = self.lexicon.concepts.get(concept)
            if (
                known is not None
                and known.kind in self.overall_kinds
                and concept not in rules.qualified  # "sniffing tics" are not tics overall
            ):
                families.update(self.lexicon.families(concept))
        rules.families = frozenset(families)
        rules.instruments = frozenset(instruments)

    def _avoided(self, rules: ObjectiveRules, core: list[str], mentions) -> None:
        avoided = self.avoided_after.find_longest([w.lower() for w in core])
        if not avoided or rules.direction != "decrease":
            return
        after = avoided[0][1]
        rules.avoided = frozenset(
            [" ".join(core[m.start : m.end]) for m in mentions if m.start >= after]
            + [
                shown
                for _, shown, _ in _own_words(core[after:], set(), self.ignored, self.modifiers)
            ]
        )


class ServiceNames:
    """What names a group, class or meeting by what it is for (objective_words.json "services"):
    a concept right before a service noun, or before one modifier and then the noun ("the
    stop-smoking support group", "the anger management class"). In an objective the concept is
    then a side word; in a note it is the service's name, not the behaviour."""

    def __init__(self, services: dict) -> None:
        self.nouns = frozenset(services["nouns"])
        self.modifiers = frozenset(services["modifiers"])

    def follow(self, lowers: list[str], end: int) -> bool:
        """Whether the lower-case words from `end` name a service."""
        k = end + (end < len(lowers) and lowers[end] in self.modifiers)
        return k < len(lowers) and lowers[k] in self.nouns


_CONJUNCTIONS = frozenset({"or", "and", ",", "/"})  # between coordinated words of one target
_RANK = {SIDE: 0, EXAMPLE: 1, TARGET: 2}  # a concept named twice keeps its strongest role


def _in_parentheses(words: list[str]) -> set[int]:
    """The word offsets inside parentheses: the examples or fields an objective lists
    ("Complete the daily mood chart (mood 0-10, hours slept, medication taken)")."""
    inside, depth = set(), 0
    for k, word in enumerate(words):
        if word == "(":
            depth += 1
        elif word == ")":
            depth = max(0, depth - 1)
        elif depth:
            inside.add(k)
    return inside


def _alias_regex(alias: str) -> str:
    return re.escape(alias).replace(r"\-", r"[\s-]?").replace(r"\ ", r"[\s-]?")


def _own_words(
    core: list[str], covered: set[int], ignored: frozenset[str], modifiers: frozenset[str]
) -> list[tuple[tuple[str, ...], str, int]]:
    """The objective's own content words that no lexicon concept covers, as match phrases with
    where they start; a modifier word only as a pair with the own word it describes ("team
    meetings")."""

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
                phrases.append(((fold(word),), word, k))
        elif k + 1 < len(core) and is_own(k + 1) and core[k + 1].lower() not in modifiers:
            phrases.append(((fold(word), fold(core[k + 1])), f"{word} {core[k + 1]}", k))
    return phrases

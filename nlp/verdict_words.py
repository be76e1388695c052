"""The word tables of data/progress.json that the tagger's verdicts read beside the progress cues.

The cues themselves ("less", "worse", "stopped") are the progress component's (nlp.progress).
These tables say how a cue or a mention is to be read for one objective: whether an objective is
about timeliness ("Arrive at work on time") or about resisting ("Resist asking for reassurance"),
which words of a concept name its problem rather than its behaviour ("lay awake" for sleep
onset), which objectives are worded as an act of not doing ("Reduce missed doses"), which words
are a term's own rather than a cue ("dropped off" is falling asleep), the
change words of one concept ("quicker" beside falling asleep) and the words between a state and
its cue ("mood has been a bit lower").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp.text import Tokenize, load_data, phrase_words


class VerdictWords:
    def __init__(self, tokenize: Tokenize) -> None:
        words = load_data("progress.json")

        def lowered(phrase: str) -> tuple[str, ...]:
            return phrase_words(tokenize, phrase, folded=False)

        self.timeliness: tuple[str, ...] = tuple(words["timeliness"])
        self.problem_forms: dict[str, tuple[tuple[str, ...], ...]] = {
            concept: tuple(lowered(p) for p in phrases)
            for concept, phrases in words["problem_forms"].items()
        }
        openers = "|".join(re.escape(p) for p in words["resisting_openers"])
        # not before a hyphen: "Attend the weekly stop-smoking group" is about attending
        self.resisting = re.compile(
            rf"^\W*(?:[a-z']+\s+){{0,3}}?(?:{openers})\b(?!-)", re.IGNORECASE
        )
        negative = words["negative_wordings"]
        self.negative_words = frozenset(negative["words"])
        self.negative_not_after = frozenset(negative["not_after"])
        self.negative_within: int = negative["within"]
        terms_not_cues = words["terms_not_cues"]
        self.terms_not_cues = frozenset(lowered(p) for p in terms_not_cues["cues"])
        self.terms_not_cues_after = frozenset(terms_not_cues["after"])
        self.concept_cues: dict[str, dict[str, str]] = {
            concept: {word: cue_class for cue_class, listed in by_class.items() for word in listed}
            for concept, by_class in words["concept_cues"].items()
        }
        construct_cues = words["construct_cues"]
        self.construct_between = frozenset(construct_cues["between"])
        self.construct_negative_before = frozenset(construct_cues["negative_before"])

    def about_timeliness(self, objective_text: str) -> bool:
        """Whether the objective is about being on time ("Arrive at work on time"): late is then
        its behaviour not occurring."""
        text = objective_text.lower()
        return any(p in text for p in self.timeliness)

    def names_problem(self, concept: str | None, words: Sequence[str]) -> bool:
        """Whether a mention's lower-case words name its concept's problem rather than its
        behaviour ("lay awake for hours" of sleep onset, whose terms also say "fell asleep
        quickly")."""
        forms = self.problem_forms.get(concept or "")
        if not forms:
            return False
        words = tuple(words)
        return any(words[k : k + len(form)] == form for form in forms for k in range(len(words)))

    def resists(self, direction: str, objective_text: str) -> bool:
        """Whether the objective is an increase in not doing something ("Resist asking for
        reassurance")."""
        return direction == "increase" and bool(self.resisting.match(objective_text))

    def negatively_worded(self, objective_text: str) -> bool:
        """Whether the objective's behaviour is itself a not-doing ("Reduce missed doses",
        "Parents do not go back in"), so a note's negation reads the other way for it."""
        words = re.findall(r"[a-z']+", objective_text.lower())[: self.negative_within]
        return any(
            word in self.negative_words and (k == 0 or words[k - 1] not in self.negative_not_after)
            for k, word in enumerate(words)
        )

    def is_term_not_cue(self, lowers: Sequence[str], start: int, end: int) -> bool:
        """Whether the cue at start..end is written as a term's own words ("she dropped off
        quickly"), with no thing of its own before it ("cravings dropped off")."""
        return tuple(lowers[start:end]) in self.terms_not_cues and (
            start == 0 or lowers[start - 1] in self.terms_not_cues_after
        )

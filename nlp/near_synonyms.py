"""Everyday near-synonyms of an objective's own words (data/near_synonyms.json).

A plan says "Attend college classes"; a note says "went to her seminar". The lexicon covers the
presentations it was written for; the everyday words any plan uses (class, schedule, toilet,
meal) are paraphrased in every presentation, so they have a table of their own. A group's
"words" all mean one another; its "kinds" mean its words and are met by them, but one kind is
never another ("breakfast" is no "lunch"). A match inside one of the group's "not" phrases
("learned her lesson") is another sense and does not count, except for an objective whose own
wording holds that phrase ("Attend the lunch club"): there it is the sense the plan means.
"""

from __future__ import annotations

from nlp.text import PhraseIndex, Tokenize, load_data, phrase_words


class NearSynonyms:
    """The table in folded words, built once per pipeline."""

    def __init__(self, tokenize: Tokenize) -> None:
        self._near: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
        not_phrases = []
        for group in load_data("near_synonyms.json")["groups"]:
            words = [(phrase_words(tokenize, w, True), w) for w in group["words"]]
            kinds = [(phrase_words(tokenize, w, True), w) for w in group.get("kinds", ())]
            for folded, _ in words:
                self._add(folded, [w for w in words + kinds if w[0] != folded])
            for folded, _ in kinds:
                self._add(folded, words)
            not_phrases += [phrase_words(tokenize, p, True) for p in group.get("not", ())]
        self._not = PhraseIndex((p, p) for p in not_phrases)

    def _add(self, folded: tuple[str, ...], near: list[tuple[tuple[str, ...], str]]) -> None:
        known = self._near.setdefault(folded, [])
        known += [n for n in near if n not in known]

    def of(self, folded: tuple[str, ...]) -> list[tuple[tuple[str, ...], str]]:
        """(folded words, as written in the table) of each near-synonym of an objective's word."""
        return self._near.get(folded, [])

    def other_senses(
        self, folded: tuple[str, ...] | list[str]
    ) -> list[tuple[int, int, tuple[str, ...]]]:
        """Where folded words hold a "not" phrase: (start, end, the phrase) of each."""
        return [(start, end, phrase) for start, end, phrase in self._not.find_all(folded)]

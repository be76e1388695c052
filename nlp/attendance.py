"""Attendance objectives and the acts of going in a note (data/attendance.json).

"Attend college classes" is about going to the classes: in a note, "made it to", "showed up to"
or "went to" followed by the objective's own place or event word (or a near-synonym of it:
"went to her seminar") reports that. A place word alone may be any objective's; after an act of
going it is the attendance objective's.
"""

from __future__ import annotations

from nlp.text import PhraseIndex, Tokenize, load_data, phrase_words


class Attendance:
    """The attendance words in folded form, built once per pipeline."""

    def __init__(self, tokenize: Tokenize) -> None:
        data = load_data("attendance.json")
        self._verbs = PhraseIndex(
            (phrase_words(tokenize, v, True), None) for v in data["objective_verbs"]
        )
        self._acts = PhraseIndex((phrase_words(tokenize, a, True), a) for a in data["acts"])
        self._gap = frozenset(data["gap"])
        self._gap_most: int = data["gap_most"]

    def opens(self, folded: list[str]) -> bool:
        """Whether an objective's folded wording opens with an attendance verb."""
        return any(start == 0 for start, _, _ in self._verbs.find_all(folded[:4]))

    def places(self, folded: tuple[str, ...], lowers: tuple[str, ...]) -> list[tuple[int, int]]:
        """(start of the act, where the place word may start) for each act of going in a
        sentence: right after the act, past at most gap_most gap words ("the", "her weekly")."""
        found = []
        for start, end, _ in self._acts.find_all(folded):
            place = end
            while (
                place < len(lowers) and place - end < self._gap_most and lowers[place] in self._gap
            ):
                place += 1
            if place < len(lowers):
                found.append((start, place))
        return found

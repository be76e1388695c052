"""The people a text names, by group (parent, partner, peer, teacher, stranger, ...), and whether
the people an objective names fit those a sentence names.

Sibling objectives often differ only by whom the behaviour is with or towards: "Speak to an
unfamiliar adult in the community" and "Answer the teacher's questions aloud"; "Reduce arguments
with partner" and "... with his son". When the sentence names a person, the linker prefers the
rival whose people it names and lets one whose people it contradicts yield (nlp.linking). The
groups are context_rules.json "other_person_groups" and data/people.json (see its `_about`).
"""

from __future__ import annotations

from collections.abc import Sequence

from nlp.person_scope import PersonScope
from nlp.text import PhraseIndex, Tokenize, load_data, spelled_out_words, spelled_phrase_words


class PeopleGroups:
    """Finds the groups of people in a text's words; built once per pipeline."""

    def __init__(
        self, person_groups: dict[str, frozenset[str]], tokenize: Tokenize, scope: PersonScope
    ) -> None:
        data = load_data("people.json")

        def spelled(phrase: str) -> tuple[str, ...]:
            return spelled_phrase_words(tokenize, phrase)

        phrases = {group: set(words) for group, words in person_groups.items()}
        for group, words in data["groups"].items():
            phrases.setdefault(group, set()).update(words)
        self.words_of = {group: frozenset(words) for group, words in phrases.items()}
        self.index: PhraseIndex[str] = PhraseIndex(
            (spelled(phrase), group) for group, words in phrases.items() for phrase in words
        )
        self.titles: dict[str, str] = data["titles"]
        self.includes = {group: frozenset(others) for group, others in data["includes"].items()}
        self.near = {group: frozenset(others) for group, others in data["near"].items()}
        self.position, self.determiners = scope.position, scope.determiners
        self.absent_after = frozenset(spelled(phrase) for phrase in data["absent_after"])

    def named(self, words: Sequence[str], lowers: Sequence[str]) -> frozenset[str]:
        """The groups of the people these words name whom the behaviour is with or towards: not
        the subject of a clause ("Mum says she ordered her own food": the order was not with
        mum; what "her son" does is his, which the other-person scope already keeps apart), nor
        one said not to be there ("went without her mum", "went w/o her mum")."""
        lowers = spelled_out_words(words, tuple(lowers))  # "hubby", "bf": their people
        found = [(start, group) for start, _, group in self.index.find_longest(lowers)]
        found += [(k, self.titles[word]) for k, word in enumerate(words) if word in self.titles]
        return frozenset(
            group
            for start, group in found
            if self.position(lowers, start) != "subject" and not self._absent(lowers, start)
        )

    def _absent(self, lowers: Sequence[str], start: int) -> bool:
        """Whether the person at `start` is said not to be there ("without her mum")."""
        before = start
        while before > 0 and lowers[before - 1] in self.determiners:
            before -= 1
        return any(tuple(lowers[max(0, before - len(a)) : before]) == a for a in self.absent_after)

    def groups_with(self, words: frozenset[str]) -> frozenset[str]:
        """The groups whose words these are (a plan's name for one of its people: "partner Sam")."""
        return frozenset(group for group, own in self.words_of.items() if own & words)

    def fit(self, own: frozenset[str], named: frozenset[str]) -> bool | None:
        """True when the sentence names people of the objective's groups (or of those a wider
        group of its includes: a sister for "friends and family"), False when it names only
        people of others (a classmate for "an unfamiliar adult"), None when either names nobody
        or the sentence's people are near the objective's (a friend for classmates)."""
        if not own or not named:
            return None
        own = own | self._wider(own, self.includes)
        if own & named:
            return True
        if own & (self._wider(named, self.includes) | self._wider(named, self.near)):
            return None
        return False

    @staticmethod
    def _wider(groups: frozenset[str], table: dict[str, frozenset[str]]) -> frozenset[str]:
        return frozenset(other for group in groups for other in table.get(group, ()))

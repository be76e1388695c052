"""Other people in a sentence: where an other-person trigger's scope runs, read from the
trigger's place in its clause, and the people a plan names by name (PlanPeople).

A word window is not enough without a parser: "Her sister, who also has panic attacks, drove
her here" names the sister far from "drove", while in "She drove her daughter to school" the
daughter is only the object of what the client did. So (rules in data/context_rules.json,
"other_person_position"):
- the subject of a clause (at its start, after possessives such as "her" or "pt's") owns the
  whole clause: "and" does not end it, a new subject ("she", "pt") does, and a relative clause
  (", who ... ,") right after the person is part of what it says about them;
- a possessive ("her son's surgery") owns only the few words of its noun phrase;
- an object ("drove her daughter") owns nothing, except a relative clause about it
  ("with a friend who drinks");
- a joint subject ("she and her husband walked") includes the client, so it owns nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

Stops = Sequence[tuple[int, int, frozenset[str]]]
CATEGORY = "other_person"


class PersonScope:
    def __init__(self, rules: dict, phrase_words: Callable[[str], tuple[str, ...]]) -> None:
        self.determiners = frozenset(rules["determiners"])
        self.clause_openers = frozenset(rules["clause_openers"])
        self.possessive_marks = frozenset(rules["possessive_marks"])
        self.possessive_scope: int = rules["possessive_scope"]
        self.relative_pronouns = frozenset(rules["relative_pronouns"])
        self.relative_scope: int = rules["relative_scope"]
        self.joint_subjects = frozenset(phrase_words(p) for p in rules["joint_subjects"])
        self.subject_continues_over = frozenset(rules["subject_continues_over"])
        self.pronoun_of = {
            person: pronoun for pronoun, people in rules["pronoun_of"].items() for person in people
        }

    def scope(
        self,
        lowers: Sequence[str],
        start: int,
        end: int,
        stops: Stops,
        pronoun: str | None = None,
    ) -> tuple[int, int] | None:
        """(first, last + 1) words the trigger at start..end modifies, or None; `pronoun` is
        the person's own pronoun when the trigger does not say it (a name)."""
        if end < len(lowers) and lowers[end] in self.possessive_marks:
            return end + 1, self._end(lowers, end + 1, end + 1 + self.possessive_scope, stops)
        position = self.position(lowers, start)
        if position == "joint":
            return None
        if position == "subject":
            relative_end = self._relative_clause_end(lowers, end)
            own = pronoun or self.pronoun_of.get(lowers[end - 1])
            return end, self._end(
                lowers, end, len(lowers), stops, relative_end, subject=True, own_pronoun=own
            )
        if self._relative_clause_end(lowers, end) > end:
            return end, self._end(lowers, end, end + self.relative_scope, stops)
        return None

    def position(self, lowers: Sequence[str], start: int) -> str:
        """Where the person at `start` stands in its clause: "subject" (at the clause's start,
        after determiners), "joint" (a subject with the client: "she and her husband") or
        "object" (anywhere else)."""
        before = start
        while before > 0 and lowers[before - 1] in self.determiners:
            before -= 1
        if any(lowers[max(0, before - len(j)) : before] == j for j in self.joint_subjects):
            return "joint"
        if before == 0 or lowers[before - 1] in self.clause_openers:
            return "subject"
        return "object"

    def possessive(self, lowers: Sequence[str], end: int, stops: Stops) -> tuple[int, int]:
        """The words a possessive pronoun ending at `end` owns ("his own heavy drinking")."""
        return end, self._end(lowers, end, end + self.possessive_scope, stops)

    def _relative_clause_end(self, lowers: Sequence[str], end: int) -> int:
        """The word after ", who ... ," following the person, or end when there is none."""
        first = end + 1 if end < len(lowers) and lowers[end] == "," else end
        if first >= len(lowers) or lowers[first] not in self.relative_pronouns:
            return end
        for k in range(first + 1, len(lowers)):
            if lowers[k] == ",":
                return k + 1
        return len(lowers)

    def _end(
        self,
        lowers: Sequence[str],
        scope_start: int,
        limit: int,
        stops: Stops,
        skip_until: int = 0,
        subject: bool = False,
        own_pronoun: str | None = None,
    ) -> int:
        scope_end = min(limit, len(lowers))
        for stop_start, stop_end, categories in stops:
            if not scope_start <= stop_start < scope_end or CATEGORY not in categories:
                continue
            if stop_start < skip_until:
                continue
            stop = " ".join(lowers[stop_start:stop_end])
            if subject and (stop in self.subject_continues_over or stop == own_pronoun):
                continue
            scope_end = stop_start
        return scope_end


PRONOUNS = {"she": ("she", "her", "hers", "herself"), "he": ("he", "him", "his", "himself")}
_PRONOUN_PATTERNS = {
    pronoun: re.compile(rf"\b(?:{'|'.join(forms)})\b", re.I) for pronoun, forms in PRONOUNS.items()
}


@cache
def _named_person(group_words: frozenset[str]) -> re.Pattern[str]:
    """A group word and the name after it ("partner Sam", "Partner J."). Built once per set of
    groups (the pipeline's), not for every plan: sorting the words and compiling cost more than
    reading a plan's texts with it."""
    words = sorted((w for w in group_words if w.isalpha()), key=len)
    return re.compile(rf"\b(?i:({'|'.join(reversed(words))}))\s+([A-Z][a-z]{{2,}}|[A-Z]\.)(?!\w)")


# The possessive forms that open a noun phrase about their person; "her" is the object as often
# as the possessive, so it counts only as "her own".
POSSESSIVE = {"she": (("her", "own"),), "he": (("his",),)}


@dataclass(frozen=True)
class PlanPeople:
    """The other people a plan names ("partner Sam", "Partner J. will ..."): in a note, a clause
    with one of them as its subject is about them ("Sam admits he keeps checking the doors"),
    as a clause with "her husband" as its subject is. `names` maps the lower-case forms that name
    each of them ("sam"; "j.", "j") to the words of their group (partner, husband, ...);
    `their_pronoun` is the pronoun that is not the client's, which continues their clause."""

    names: dict[str, frozenset[str]]
    their_pronoun: str | None

    @classmethod
    def of(cls, client: str, texts: list[str], groups: dict[str, frozenset[str]]) -> PlanPeople:
        pattern = _named_person(frozenset(w for group in groups.values() for w in group))
        # the client's own names and initials ("K.M.", "Sarah K.") are never someone else's
        parts = re.findall(r"[A-Za-z][a-z]*", client)
        own = {p.lower() for p in parts} | {p[0].lower() + "." for p in parts}
        names: dict[str, frozenset[str]] = {}
        for text in texts:
            for found in pattern.finditer(text):
                name = found.group(2).lower()
                if name in own:
                    continue
                group = next(g for g in groups.values() if found.group(1).lower() in g)
                for form in (name, name.rstrip(".")):
                    names[form] = names.get(form, frozenset()) | group
        counts = {
            pronoun: sum(len(_PRONOUN_PATTERNS[pronoun].findall(t)) for t in texts)
            for pronoun in PRONOUNS
        }
        client_pronoun = max(counts, key=counts.__getitem__) if any(counts.values()) else None
        if client_pronoun is not None and counts["she"] == counts["he"]:
            client_pronoun = None
        other = {"she": "he", "he": "she"}.get(client_pronoun or "")
        return cls(names, other)

    def possessives(self, lowers: Sequence[str]) -> list[int]:
        """Where each possessive pronoun of the person who is not the client ends ("his own
        drinking" in a plan about a woman): what follows is theirs."""
        if self.their_pronoun is None:
            return []
        return [
            k + len(form)
            for form in POSSESSIVE[self.their_pronoun]
            for k in range(len(lowers) - len(form) + 1)
            if tuple(lowers[k : k + len(form)]) == form
        ]

    def mentioned(self, words: Sequence[str], lowers: Sequence[str]) -> list[int]:
        """Where the sentence names one of them (an initial only as written, "J.")."""
        return [
            k
            for k, lower in enumerate(lowers)
            if lower in self.names and (len(lower) > 2 or words[k][:1].isupper())
        ]

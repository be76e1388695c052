"""What the tagger will look for when it reads an objective: the lexicon's words for its targets.

The plans feature shows these when a clinician writes or edits an objective ("I'll also look for:
urges, cravings, wanting to drink"), so the clinician can see the link will work, and add the words
their client uses in one tap.
"""

from __future__ import annotations

from itertools import chain, zip_longest

from nlp.pipeline import get_language
from nlp.planfile import Objective
from nlp.tagger import shared_rules


def words_looked_for(objective_text: str, limit: int = 8) -> list[str]:
    """Lexicon terms of the objective's targets, taken in turn from each target, without the
    objective's own words and without repeats."""
    shared = shared_rules(get_language())
    rules = shared.reader.read(Objective("O", objective_text), [])
    per_target = [shared.lexicon.terms_of(concept, limit) for concept in rules.targets()]
    wording = objective_text.lower()
    terms: list[str] = []
    for term in chain.from_iterable(zip_longest(*per_target)):
        if term is not None and term.lower() not in wording and term not in terms:
            terms.append(term)
    return terms[:limit]

"""Hyphens in a note and in the lexicon: a compound written with hyphens inside a word
("calm-breath", "mums-and-babies") finds the term written apart, a dash between words does not
join them, and a hyphenated distractor blocks only its own words in every variant."""

from __future__ import annotations

import json

from nlp.lexicon import Lexicon, in_word_hyphens, tokenizer_words
from nlp.pipeline import get_language
from nlp.text import fold

LEXICON = {
    "_about": "test lexicon",
    "concepts": [
        {"name": "breathing", "terms": ["calm breathing", "belly breathing"]},
        {"name": "morning routine", "terms": ["bag packed"]},
        {"name": "checking", "terms": ["check"], "distractors": ["[check-in]"]},
        {"name": "desk work", "terms": ["desk"]},
    ],
}


def _lexicon(tmp_path) -> Lexicon:
    path = tmp_path / "test.json"
    path.write_text(json.dumps(LEXICON), encoding="utf-8")
    return Lexicon(tokenizer_words(get_language()), [str(path)])


def _found(lexicon: Lexicon, text: str) -> set[tuple[str, str]]:
    tokens = list(get_language().make_doc(text))
    words = [t.text for t in tokens]
    folded = [fold(w) for w in words]
    _, mentions = lexicon.match(folded, in_word_hyphens(words, [t.idx for t in tokens]))
    return {(m.concept, " ".join(words[m.start : m.end])) for m in mentions}


def test_a_hyphen_inside_a_word_finds_the_term_written_apart(tmp_path) -> None:
    lexicon = _lexicon(tmp_path)
    assert ("breathing", "calm - breath") in _found(lexicon, "Did the calm-breath track daily.")
    assert ("breathing", "belly - breathing") in _found(lexicon, "Used belly-breathing at 3 am.")


def test_a_dash_between_words_does_not_join_them(tmp_path) -> None:
    lexicon = _lexicon(tmp_path)
    assert _found(lexicon, "Left her bag - packed it later.") == set()
    assert ("morning routine", "bag packed") in _found(lexicon, "Had her bag packed by 8.")


def test_a_hyphenated_distractor_blocks_only_its_own_words(tmp_path) -> None:
    lexicon = _lexicon(tmp_path)
    # "[check-in]" blocks "check" and "in" written any way, and never the word after them
    for text in ("Queued at the check-in desk.", "Queued at the check in desk."):
        assert _found(lexicon, text) == {("desk work", "desk")}


def test_in_word_hyphens_are_told_from_dashes() -> None:
    assert in_word_hyphens(["calm", "-", "breath"], [0, 4, 5]) == {1}
    assert in_word_hyphens(["tired", "-", "slept"], [0, 6, 8]) == set()
    assert in_word_hyphens(["-", "x"], [0, 1]) == set()

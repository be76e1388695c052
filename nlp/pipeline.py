"""The shared spaCy pipeline: spacy.blank("en") plus Wayfinder's rule components.

Built once per process (loading the data files and phrase indexes takes a fraction of a
second) and shared by every Tagger; components keep no per-note state.
"""

from __future__ import annotations

import gc
import threading

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from nlp import context, lexicon, measurements, progress, senses, sentences  # noqa: F401
from nlp.text import shorthand_forms

COMPONENTS = (
    "wayfinder_sentences",
    "wayfinder_concepts",
    "wayfinder_senses",
    "wayfinder_context",
    "wayfinder_progress",
    "wayfinder_measurements",
)

_language: Language | None = None
_lock = threading.Lock()


def build_language() -> Language:
    """A new pipeline; use get_language() to share one."""
    nlp = spacy.blank("en")
    _keep_shorthand_whole(nlp)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _keep_shorthand_whole(nlp: Language) -> None:
    """Shorthand the tokenizer would split ("b/c" into "b", "/", "c") stays one word, so it can
    be written out as one (data/shorthand.json); "w/" and "w/o" spaCy already keeps."""
    for table in shorthand_forms():
        for form in table:
            for written in {form, form.capitalize(), form.upper()}:
                if len(nlp.tokenizer(written)) > 1:
                    nlp.tokenizer.add_special_case(written, [{ORTH: written}])


def get_language() -> Language:
    global _language
    with _lock:
        if _language is None:
            _language = build_language()
            # The pipeline's data (lexicon, phrase indexes, compiled rules) lives as long as the
            # process. Frozen, it is left out of every later full garbage collection, which would
            # otherwise walk all of it again: the first of them landed in the first build_tagger
            # (a tenth of a second), later ones in tagging. No gc.collect() first: building
            # leaves a handful of cycles, and collecting them would add a fifth to the build.
            gc.freeze()
        return _language

"""Rule-based NLP for Wayfinder: the plan file format and the objective tagger.

Public API: build_tagger, Tagger, SentenceResult, Tag, Measurement (nlp.tagger) and the plan
file format (nlp.planfile). The tagger's names load lazily so that importing nlp.planfile, or
nlp.dictation, does not import spaCy.
"""

from __future__ import annotations

from typing import Any

_TAGGER_NAMES = {"build_tagger", "Tagger", "SentenceResult", "Tag"}


def __getattr__(name: str) -> Any:
    if name in _TAGGER_NAMES:
        from nlp import tagger

        return getattr(tagger, name)
    if name == "Measurement":
        from nlp.measurements import Measurement

        return Measurement
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")


__all__ = ["build_tagger", "Tagger", "SentenceResult", "Tag", "Measurement"]

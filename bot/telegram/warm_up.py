"""Start-up work done before the first update is served, so no clinician's turn pays for it.

The NLP pipeline (spaCy plus Wayfinder's rule components and their phrase indexes) is built
lazily, on first use: otherwise the first tagged turn of a process spends half a second of CPU
(more under load) building it while every other chat waits behind it on the one event loop. Then
everything made at start-up (the pipeline, the application, the wording, the database engine)
is moved out of the garbage collector's generations with gc.freeze(): these objects live as
long as the process, and a full collection that walks them all (about 90 ms of CPU) was a
tail-latency pause of its own.
"""

from __future__ import annotations

import gc

from nlp.pipeline import get_language
from nlp.tagger import shared_rules


def warm_up() -> None:
    shared_rules(get_language())
    gc.collect()  # what start-up left as garbage is freed now, not frozen with the rest
    gc.freeze()

"""PTB 22 durations: `duration`, `retry_after` are ints now and timedeltas in a future major
version (it warns on every read). Reading them through here accepts both, quietly."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.warnings import PTBDeprecationWarning


def seconds_of(obj: object, attribute: str) -> float | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = getattr(obj, attribute, None)
    if isinstance(value, timedelta):
        return value.total_seconds()
    return None if value is None else float(value)

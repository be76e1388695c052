"""Text as it can be stored: a lone UTF-16 surrogate ("\\ud800"), which JSON can carry and no
UTF-8 text can, becomes U+FFFD at the door (Telegram's intake, the terminal), so the rest of
the message is kept and the clinician is told that a character could not be read.
"""

from __future__ import annotations

import re
from typing import Any

UNREADABLE = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def readable_text(text: str) -> str:
    return _LONE_SURROGATE.sub(UNREADABLE, text)


def readable(value: Any) -> Any:
    """`value` (parsed JSON: dicts, lists, strings, numbers) with every string readable; a
    copy, walked without recursion so no nesting makes it fail."""
    root: list[Any] = [value]
    pending: list[tuple[Any, Any, Any]] = [(root, 0, value)]
    while pending:
        holder, key, item = pending.pop()
        if isinstance(item, str):
            holder[key] = readable_text(item)
        elif isinstance(item, dict):
            copy = {readable_text(k) if isinstance(k, str) else k: v for k, v in item.items()}
            holder[key] = copy
            pending.extend((copy, k, v) for k, v in copy.items())
        elif isinstance(item, list):
            copy = list(item)
            holder[key] = copy
            pending.extend((copy, i, v) for i, v in enumerate(copy))
    return root[0]

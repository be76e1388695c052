"""The PDF's fonts, and text made safe for them.

DejaVu Sans (Latin, Greek, Cyrillic, most symbols) comes with matplotlib, already a dependency:
nothing is downloaded and no system font is needed. A character the fonts lack is shown as
U+FFFD and counted, never passed to fpdf2, whose warning about missing glyphs would put the
characters themselves, client text, into the log.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from fontTools.ttLib import TTFont

FAMILY = "DejaVu"
MONO = "DejaVuMono"
# (family, fpdf2 style) -> file in matplotlib's font folder
FILES = {
    (FAMILY, ""): "DejaVuSans.ttf",
    (FAMILY, "B"): "DejaVuSans-Bold.ttf",
    (FAMILY, "I"): "DejaVuSans-Oblique.ttf",
    (MONO, ""): "DejaVuSansMono.ttf",
}
REPLACEMENT = "\ufffd"


def font_path(file_name: str) -> Path:
    # Found without importing matplotlib, which a PDF does not otherwise need.
    return Path(find_spec("matplotlib").origin).parent / "mpl-data" / "fonts" / "ttf" / file_name


@cache
def _drawable() -> frozenset[str]:
    """Characters every text style can draw (the monospace font only ever gets hex digits)."""
    maps = [
        set(TTFont(font_path(name), lazy=True).getBestCmap())
        for (family, _), name in FILES.items()
        if family == FAMILY
    ]
    printable = {chr(point) for point in set.intersection(*maps) if chr(point).isprintable()}
    return frozenset(printable | {"\n"})


def _invisible(char: str) -> bool:
    # Control and format characters (zero-width joiners...) and emoji variation selectors
    # draw nothing; leaving them out changes nothing a reader would see.
    return unicodedata.category(char) in ("Cc", "Cf") or "\ufe00" <= char <= "\ufe0f"


@dataclass
class Printable:
    """Cleans text for the fonts; `replaced` counts the characters shown as U+FFFD."""

    replaced: int = 0
    _drawable: frozenset[str] = field(default_factory=_drawable, repr=False)

    def __call__(self, text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        if self._drawable.issuperset(text):
            return text
        out = []
        for char in text:
            if char in self._drawable:
                out.append(char)
            elif not _invisible(char):
                out.append(REPLACEMENT)
                self.replaced += 1
        return "".join(out)

"""The progress chart: measurements per instrument and tagged progress per objective, as PNG.

matplotlib's object API with the Agg canvas (no display, no pyplot global state, so it can run
in a worker thread off the event loop). Sized for a phone: a tall narrow figure, large type, one
panel per kind of data, session dates on the x axis. Fixed margins instead of a layout engine,
which costs more than the drawing itself. Labels come from the caller (wording).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

WIDTH_INCHES, PANEL_INCHES, DPI = 6.0, 3.6, 120
MAX_DATE_TICKS = 8  # beyond this, matplotlib spaces the dates itself


@dataclass(frozen=True)
class Panel:
    heading: str
    series: dict[str, list[tuple[date, float]]]  # line label -> (session date, value)
    zero_line: bool = False


def progress_chart(title: str, panels: list[Panel]) -> bytes | None:
    """PNG bytes, or None when no panel has data."""
    # matplotlib loads at the first chart, not at start: it is most of an idle bot's memory.
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    panels = [panel for panel in panels if panel.series]
    if not panels:
        return None
    height = PANEL_INCHES * len(panels) + 0.8
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    figure.subplots_adjust(
        left=0.11, right=0.97, top=1 - 0.75 / height, bottom=0.75 / height, hspace=0.28
    )
    figure.suptitle(title, fontsize=14)
    axes = figure.subplots(len(panels), 1, squeeze=False, sharex=True)
    for axis, panel in zip(axes[:, 0], panels, strict=True):
        for label, points in panel.series.items():
            days, values = zip(*points, strict=True)
            axis.plot(days, values, marker="o", linewidth=2, label=label)
        if panel.zero_line:
            axis.axhline(0, color="grey", linewidth=0.8)
            axis.yaxis.set_major_locator(MaxNLocator(integer=True))
        axis.set_title(panel.heading, fontsize=12)
        axis.tick_params(labelsize=10)
        axis.grid(alpha=0.3)
        axis.legend(fontsize=10, loc="best")
    bottom = axes[-1, 0]
    sessions = sorted(
        {day for panel in panels for points in panel.series.values() for day, _ in points}
    )
    if len(sessions) <= MAX_DATE_TICKS:
        bottom.set_xticks(sessions)
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    for label in bottom.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

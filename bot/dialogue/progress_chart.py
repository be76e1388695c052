"""The progress chart as PNG: one panel per measure, sized and lettered for a phone.

Each panel has its own y axis and unit (a score on its instrument's range with severity bands, a
0-10 rating, a count per week, hours), the objective's target as a dashed line, and dates of
service on a shared x axis. A title names each panel, so there is no legend to cover a line.
Geometry is fixed in pixels: 1080 px wide, every text at least 28 px high, six panels within
2560 px (the largest side Telegram keeps for a photo). matplotlib's object API with the Agg
canvas: no display, no pyplot state, so it can run in a worker thread. Words come from the caller.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

WIDTH_PX, DPI = 1080, 100
MAX_HEIGHT_PX = 2560
TITLE_PX, PANEL_TITLE_PX, LABEL_PX, TICK_PX = 36, 32, 30, 28
HEADER_PX, FOOTER_PX = 90, 110  # figure title; date labels and the x axis label
Y_LABEL_PX, X_LABEL_PX = 82, 56  # from the plot edge to the y label (its right side), the x label
PANEL_TITLE_SPACE_PX = 62  # above each panel's plot area
PANEL_GAP_PX = 24  # below it, before the next panel's title
PANEL_PX_LIMITS = (370, 480)  # a panel's height, title included
LEFT_PX, RIGHT_PX = 130, 175  # y ticks and label; band labels
DATE_LABEL_PX = {False: 135, True: 175}  # "09 Nov" / "09 Nov 26" at TICK_PX, with room
LINE_COLOUR, TARGET_COLOUR, CUTOFF_COLOUR = "#1f4e9a", "#1b7f3b", "#555555"
BAND_LABEL_COLOUR = "#444444"
PNG_COLOURS = 128
BAND_COLOURS = ("#ffffff", "#fff3d6", "#ffe2b8", "#ffcca3", "#ffb3a0", "#ff9c9c")


@dataclass(frozen=True)
class ChartPanel:
    title: str
    axis_label: str
    target_title: str | None = None  # the title naming the target, used where it fits
    target_label: str = ""  # beside the target line
    points: list[tuple[date, float]] = field(default_factory=list)
    low: float | None = None  # the y range; None: from the data and the target
    high: float | None = None
    bands: tuple[tuple[float, str], ...] = ()  # (lower bound, label), bottom up
    cutoffs: tuple[tuple[float, str], ...] = ()
    target: float | None = None
    integer: bool = False  # counts: whole-number ticks


def _points(px: float) -> float:
    return px * 72 / DPI


def panel_height_px(panels: int) -> float:
    fit = (MAX_HEIGHT_PX - HEADER_PX - FOOTER_PX) / max(panels, 1)
    return min(max(fit, PANEL_PX_LIMITS[0]), PANEL_PX_LIMITS[1])


def date_ticks(days: list[date], plot_px: float, label_px: float) -> list[date]:
    """Dates of service to label, far enough apart that their labels never overlap."""
    days = sorted(set(days))
    span = (days[-1] - days[0]).days
    if span == 0:
        return days[:1]
    gap = span * label_px / plot_px
    kept = [days[0]]
    for day in days[1:]:
        if (day - kept[-1]).days >= gap:
            kept.append(day)
    if len(kept) > 1 and kept[-1] != days[-1]:
        kept[-1] = days[-1]  # the latest session matters more than the one labelled before it
    return kept


def _y_range(panel: ChartPanel) -> tuple[float, float]:
    if panel.low is not None and panel.high is not None:
        return panel.low, panel.high
    values = [value for _, value in panel.points]
    if panel.target is not None:
        values.append(panel.target)
    top = max(values, default=1.0)
    return 0.0, (top * 1.15 if top > 0 else 1.0)


def _draw_panel(axis, panel: ChartPanel, plot_w_px: float, plot_h_px: float):
    """Draws one panel; returns its title (a Text), which may still be shortened."""
    from matplotlib.ticker import FixedLocator, MaxNLocator

    low, high = _y_range(panel)
    axis.set_ylim(low, high)
    margin_labels: list[tuple[float, str, str]] = []  # (y, text, colour), the first ones win
    if panel.target is not None:
        axis.axhline(
            panel.target, color=TARGET_COLOUR, linestyle="--", linewidth=4, zorder=2, gid="target"
        )
        margin_labels.append((panel.target, panel.target_label, TARGET_COLOUR))
    for at, label in panel.cutoffs:
        axis.axhline(at, color=CUTOFF_COLOUR, linestyle=":", linewidth=3, zorder=1)
        margin_labels.append((at, label, CUTOFF_COLOUR))
    for index, (bound, label) in enumerate(panel.bands):
        top = panel.bands[index + 1][0] if index + 1 < len(panel.bands) else high
        # the top band takes the darkest shade whatever the number of bands
        shade = index * (len(BAND_COLOURS) - 1) // max(len(panel.bands) - 1, 1)
        colour = BAND_COLOURS[shade]
        axis.axhspan(bound, top, color=colour, zorder=0, linewidth=0)
        if (top - bound) / (high - low) * plot_h_px >= TICK_PX:
            margin_labels.append(((bound + top) / 2, label, BAND_LABEL_COLOUR))
    placed: list[float] = []
    blended = axis.get_yaxis_transform()  # x in axes fractions, y in data
    for y, text, colour in margin_labels:
        y_px = (y - low) / (high - low) * plot_h_px
        if not text or any(abs(y_px - other) < TICK_PX * 1.1 for other in placed):
            continue
        placed.append(y_px)
        axis.text(
            1.02, y, text, transform=blended, va="center", fontsize=_points(TICK_PX), color=colour
        )
    days = [day for day, _ in panel.points]
    values = [value for _, value in panel.points]
    axis.plot(
        days,
        values,
        color=LINE_COLOUR,
        marker="o",
        markersize=14,
        linewidth=4,
        zorder=3,
        clip_on=False,  # a value on the axis (0 attacks) shows its whole marker
    )
    if panel.bands:
        ticks = sorted({low, high, *(bound for bound, _ in panel.bands if low < bound < high)})
        axis.yaxis.set_major_locator(FixedLocator(ticks))
    else:
        axis.yaxis.set_major_locator(
            MaxNLocator(nbins=5, steps=[1, 2, 5, 10], integer=panel.integer)
        )
    # Positions given, not computed from the tick labels' extents: that is most of the drawing.
    title = axis.set_title(
        panel.target_title or panel.title,
        fontsize=_points(PANEL_TITLE_PX),
        loc="left",
        pad=14,
        y=1.0,
    )
    axis.set_ylabel(panel.axis_label, fontsize=_points(LABEL_PX))
    axis.yaxis.set_label_coords(-Y_LABEL_PX / plot_w_px, 0.5)
    axis.tick_params(labelsize=_points(TICK_PX), length=8, width=2)
    axis.grid(axis="y", alpha=0.25)
    for side in ("top", "right"):
        axis.spines[side].set_visible(False)
    return title


def _fit_titles(figure, titles: list, panels: list[ChartPanel]) -> None:
    """A title naming the target gives way to the plain one where it would run off the image."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    for title, panel in zip(titles, panels, strict=True):
        if title.get_window_extent(renderer).x1 > WIDTH_PX - 8:
            title.set_text(panel.title)


def chart_figure(title: str, x_label: str, panels: list[ChartPanel]):
    """The matplotlib Figure, drawn on an Agg canvas but not yet encoded (tests inspect it)."""
    # matplotlib loads at the first chart, not at start: it is most of an idle bot's memory.
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.ticker import NullLocator

    panel_px = panel_height_px(len(panels))
    height_px = HEADER_PX + FOOTER_PX + panel_px * len(panels)
    figure = Figure(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI)
    figure.text(
        20 / WIDTH_PX,
        1 - 22 / height_px,
        title,
        va="top",
        fontsize=_points(TITLE_PX),
        fontweight="bold",
    )
    plot_w = WIDTH_PX - LEFT_PX - RIGHT_PX
    plot_h = panel_px - PANEL_TITLE_SPACE_PX - PANEL_GAP_PX
    days = sorted({day for panel in panels for day, _ in panel.points})
    year_apart = days[-1].year != days[0].year
    # Room for half a date label on either side, so the first and last stay inside the plot.
    room = DATE_LABEL_PX[year_apart] / 2
    margin = timedelta(days=max(1.5, (days[-1] - days[0]).days * room / (plot_w - 2 * room)))
    titles = []
    for index, panel in enumerate(panels):
        top_px = HEADER_PX + index * panel_px + PANEL_TITLE_SPACE_PX
        rect = (
            LEFT_PX / WIDTH_PX,
            1 - (top_px + plot_h) / height_px,
            plot_w / WIDTH_PX,
            plot_h / height_px,
        )
        axis = figure.add_axes(rect)
        titles.append(_draw_panel(axis, panel, plot_w, plot_h))
        # The same dates under each other in every panel; only the bottom one labels them.
        # (Not sharex: shared axes would build every panel's date ticks and measure them.)
        axis.set_xlim(days[0] - margin, days[-1] + margin)
        axis.xaxis.set_major_locator(NullLocator())
    bottom = figure.axes[-1]
    bottom.set_xticks(date_ticks(days, plot_w, DATE_LABEL_PX[year_apart]))
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %y" if year_apart else "%d %b"))
    bottom.set_xlabel(x_label, fontsize=_points(LABEL_PX))
    bottom.xaxis.set_label_coords(0.5, -X_LABEL_PX / plot_h)
    _fit_titles(figure, titles, panels)
    return figure


def png(figure) -> bytes:
    """The figure as a PNG of at most PNG_COLOURS colours: a chart needs no more, and encoding
    a palette image takes a fraction of the time (and size) of a full-colour one."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = (
        figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    )
    canvas.draw()  # on the canvas chart_figure measured titles with: its renderer is reused
    size = canvas.get_width_height()
    pixels = Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    pixels = pixels.convert("RGB")  # opaque: no transparency in the palette
    buffer = io.BytesIO()
    pixels.quantize(PNG_COLOURS, method=Image.Quantize.FASTOCTREE).save(buffer, format="png")
    return buffer.getvalue()


def progress_chart(title: str, x_label: str, panels: list[ChartPanel]) -> bytes | None:
    """PNG bytes, or None when no panel has a value."""
    panels = [panel for panel in panels if panel.points]
    return png(chart_figure(title, x_label, panels)) if panels else None

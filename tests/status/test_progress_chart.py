"""The progress chart: one panel per measure, each with a title, an axis label and its own range,
the target as a line where there is one, legible at phone width. The figure is inspected before
it is encoded; the PNG is checked for its size."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text
from PIL import Image

from bot.dialogue.progress_chart import (
    MAX_HEIGHT_PX,
    WIDTH_PX,
    ChartPanel,
    chart_figure,
    date_ticks,
    png,
    progress_chart,
)
from bot.progress.rules import instruments

MIN_FONT_PX = 28
WEEKS = [date(2026, 10, 5) + timedelta(weeks=week) for week in range(8)]


def series(*values: float) -> list[tuple[date, float]]:
    return list(zip(WEEKS, values, strict=False))


PHQ = instruments()["phq9"]
PANELS = [
    ChartPanel(
        "panic attack · O2",
        "times per week",
        target_title="panic attack · O2 · target fewer than one per week",
        target_label="target",
        points=series(5, 4, 3, 3, 1),
        target=1,
        integer=True,
    ),
    ChartPanel(
        "sleep · O3",
        "hours",
        target_title="sleep · O3 · target at least 7 hours",
        target_label="target",
        points=series(4, 5, 6, 7),
        target=7,
    ),
    ChartPanel(
        "PHQ-9 · O4",
        "PHQ-9 score",
        points=series(16, 13, 11, 9, 8, 6),
        low=PHQ.low,
        high=PHQ.high,
        bands=PHQ.bands,
    ),
    ChartPanel("anxiety", "rating, 0-10", points=series(8, 6, 5, 3), low=0, high=10),
    ChartPanel(
        "PCL-5",
        "PCL-5 score",
        points=series(52, 47, 38, 30),
        low=0,
        high=80,
        cutoffs=instruments()["pcl5"].cutoffs,
    ),
    ChartPanel("walk", "minutes", points=series(10, 20, 25, 30, 30, 35, 40, 45)),
]


def drawn(panels: list[ChartPanel]):
    figure = chart_figure("A.B. · progress", "date of service", panels)
    FigureCanvasAgg(figure).draw()
    return figure


def visible_texts(figure) -> list[Text]:
    """The texts drawn: not empty, visible, and for tick labels, inside the axis' view."""
    outside = set()
    for axis in figure.axes:
        for ticks, (low, high) in (
            (axis.xaxis.get_major_ticks(), axis.get_xlim()),
            (axis.yaxis.get_major_ticks(), axis.get_ylim()),
        ):
            outside |= {
                id(label)
                for tick in ticks
                if not low <= tick.get_loc() <= high
                for label in (tick.label1, tick.label2)
            }
    return [
        text
        for text in figure.findobj(Text)
        if text.get_visible() and text.get_text().strip() and id(text) not in outside
    ]


@pytest.mark.parametrize("count", [1, 3, 6])
def test_every_panel_has_a_title_an_axis_label_and_no_legend(count):
    figure = drawn(PANELS[:count])
    assert len(figure.axes) == count
    for axis, panel in zip(figure.axes, PANELS, strict=False):
        assert axis.get_title(loc="left") in (panel.title, panel.target_title)
        assert axis.get_ylabel() == panel.axis_label
        assert axis.get_legend() is None
    assert figure.axes[-1].get_xlabel() == "date of service"
    # dates only under the bottom panel
    assert all(len(axis.get_xticks()) == 0 for axis in figure.axes[:-1])


@pytest.mark.parametrize("count", [1, 3, 6])
def test_text_is_legible_at_phone_width(count):
    figure = drawn(PANELS[:count])
    width, height = figure.canvas.get_width_height()
    assert width >= 1080 and width == WIDTH_PX
    assert height <= MAX_HEIGHT_PX  # six panels are not scaled down by Telegram
    small = [
        (text.get_text(), round(text.get_fontsize() * figure.dpi / 72, 1))
        for text in visible_texts(figure)
        if text.get_fontsize() * figure.dpi / 72 < MIN_FONT_PX - 0.01
    ]
    assert small == []
    assert len(visible_texts(figure)) > 6 * count  # the check saw the tick labels too


@pytest.mark.parametrize("count", [1, 3, 6])
def test_no_text_runs_off_the_image_or_into_another(count):
    figure = drawn(PANELS[:count])
    width, height = figure.canvas.get_width_height()
    boxes = [text.get_window_extent() for text in visible_texts(figure)]
    assert all(
        0 <= box.x0 and box.x1 <= width and 0 <= box.y0 and box.y1 <= height for box in boxes
    )
    overlapping = [
        (a.get_text(), b.get_text())
        for i, a in enumerate(visible_texts(figure))
        for b in visible_texts(figure)[i + 1 :]
        if a.get_window_extent().overlaps(b.get_window_extent())
    ]
    assert overlapping == []


def test_the_target_is_a_line_where_the_objective_has_one():
    figure = drawn(PANELS[:4])
    targets = [
        [line.get_ydata()[0] for line in axis.get_lines() if line.get_gid() == "target"]
        for axis in figure.axes
    ]
    assert targets == [[1], [7], [], []]
    assert figure.axes[0].get_title(loc="left").endswith("target fewer than one per week")


def test_a_score_panel_spans_its_instrument_with_its_severity_bands():
    figure = drawn(PANELS[2:3])
    (axis,) = figure.axes
    assert axis.get_ylim() == (0, 27)
    assert list(axis.get_yticks()) == [0, 5, 10, 15, 20, 27]
    labels = {text.get_text() for text in axis.texts}
    assert {"minimal", "mild", "moderate", "mod-sev", "severe"} <= labels


def test_a_rating_panel_keeps_its_whole_scale():
    (axis,) = drawn(PANELS[3:4]).axes
    assert axis.get_ylim() == (0, 10)


def test_a_title_naming_the_target_gives_way_where_it_would_not_fit():
    long = ChartPanel(
        "cravings · O7",
        "rating, 0-10",
        target_title="cravings · O7 · target no more than three out of ten on most days",
        target_label="target",
        points=series(8, 6),
        target=3,
    )
    (axis,) = drawn([long]).axes
    assert axis.get_title(loc="left") == "cravings · O7"


def test_date_labels_never_overlap():
    crowded = [date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 9), date(2026, 12, 28)]
    panel = ChartPanel("walk", "minutes", points=list(zip(crowded, [1, 2, 3, 4], strict=True)))
    figure = drawn([panel])
    boxes = [
        label.get_window_extent() for label in figure.axes[-1].get_xticklabels() if label.get_text()
    ]
    assert len(boxes) >= 2
    assert all(left.x1 < right.x0 for left, right in zip(boxes, boxes[1:], strict=False))
    assert date_ticks(crowded, 775, 135)[-1] == crowded[-1]  # the latest date is labelled


def test_the_png_is_the_figure_at_full_size():
    data = png(chart_figure("A.B.", "date of service", PANELS[:3]))
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.width == WIDTH_PX
        assert 1080 < image.height <= MAX_HEIGHT_PX


def test_no_values_no_chart():
    assert progress_chart("A.B.", "date of service", [ChartPanel("x", "y")]) is None

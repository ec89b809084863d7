"""Inline SVG charts: rendered on the server, so they work offline and without script.

Each chart is an ``<svg role="img">`` with a title; the pages show the same numbers as a table
for screen readers and for copying. Labels are untrusted (speaker names) and escaped. A bar may link
somewhere (the search narrowed to what the bar counts): it is then an SVG link, reachable by keyboard.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from functools import partial

from markupsafe import Markup, escape

from zitat.web.i18n import DEFAULT_LANGUAGE, format_date, format_share, format_short_month, format_value

ROW_HEIGHT = 40  # a label line above each bar: room for the larger labels of a phone (style.css)
BAR_THICKNESS = 12
CHART_WIDTH = 560
VALUE_SPACE = 90  # right of the longest bar, for its value
AXIS_WIDTH = 44  # the y axis's tick labels, left of a time chart: at least this much
TICK_CHAR_WIDTH = 13.5  # a character of a tick label at the phone's label size (a digit; "%" wider, "." less)
AXIS_HEIGHT = 30  # the x axis's month or year labels, below it
TOP_MARGIN = 10  # room for the top tick's label
# the room an x axis label takes at the larger label size of a phone (style.css), with a gap to the next:
# Debian's chromium draws „May 2024“ 104 and „2024“ 54 units wide there
MONTH_LABEL_WIDTH = 112
YEAR_LABEL_WIDTH = 62
MONTH_STEPS = (1, 2, 3, 6, 12)  # months between two labelled months: each month, every second, …
YEAR_STEPS = (12, 24, 60, 120)  # every year, every second, every fifth, every tenth
YEARS_FROM = 37  # with this many months or more, the x axis names years only


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _linked(shape: str, link: str | None, label: str | None = None) -> str:
    """``shape`` as an SVG link to ``link`` (as it is without one); ``label`` names the link when its
    shape has no text of its own."""
    if not link:
        return shape
    named = f' aria-label="{escape(label)}"' if label else ""
    return f'<a href="{escape(link)}"{named}>{shape}</a>'


def _shorten(label: str | None, limit: int = 40) -> str:
    label = label or "(unnamed)"  # speakers without a name (unknown, anonymous) still get a bar
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    rows: Sequence[tuple[str | None, float]],
    title: str,
    percent: bool = False,
    links: Sequence[str | None] | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> Markup:
    """Horizontal bars, one per (label, value), each under its label; label and bar link to
    ``links[i]`` when given (None: nowhere); values as shares in 0–1 when ``percent``, written the
    ``language``'s way."""
    peak = max((value for _, value in rows), default=0) or 1
    bar_space = CHART_WIDTH - VALUE_SPACE
    body = []
    for i, (label, value) in enumerate(rows):
        y = i * ROW_HEIGHT
        width = max(1.0, bar_space * value / peak) if value else 0
        shown = format_share(language, value) if percent else format_value(language, value)
        text = f'<text class="label" x="0" y="{y + 16}">{escape(_shorten(label))}</text>'
        bar_y = y + ROW_HEIGHT - BAR_THICKNESS - 6
        bar = f'<rect class="bar" x="0" y="{bar_y}" width="{width:.1f}" height="{BAR_THICKNESS}"/>'
        body.append(
            _linked(text + bar, links[i] if links else None)
            + f'<text class="value" x="{width + 6:.1f}" y="{bar_y + BAR_THICKNESS}">{escape(shown)}</text>'
        )
    return _svg(CHART_WIDTH, max(ROW_HEIGHT, len(rows) * ROW_HEIGHT), title, body)


def ticks(peak: float, most: int = 5) -> list[float]:
    """Round values from 0 to at least ``peak`` for a y axis: steps of 1, 2 or 5 times a power of ten."""
    if peak <= 0:
        return [0, 1]
    rough = peak / (most - 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(power * m for m in (1, 2, 5, 10) if power * m >= rough)
    step = max(step, 1) if peak >= 1 else step
    count = math.ceil(peak / step)
    return [round(i * step, 10) for i in range(count + 1)]


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _x_labels(months: Sequence[str], left: float, language: str) -> list[tuple[float, float, str]]:
    """The labels of a month axis: the middle of the column each names, the middle of where it is
    written, and its text. On long spans years (every year's January, or every second, fifth or tenth
    year's), else months named the ``language``'s way (each month, or every second, every quarter's
    first, every half year's first, every January), as many as fit without touching, each under its
    column but within the chart (one at the edge that would then run into the one before is left out);
    and the first month when there is room before the first of them. ``left``: where the plot starts."""
    column = (CHART_WIDTH - left) / len(months)
    name: Callable[[str], str]
    steps: Sequence[int]
    if len(months) >= YEARS_FROM:
        width, steps, name = YEAR_LABEL_WIDTH, YEAR_STEPS, lambda month: month[:4]
    else:
        width, steps, name = MONTH_LABEL_WIDTH, MONTH_STEPS, partial(format_short_month, language)
    step = next((s for s in steps if s * column >= width), steps[-1])

    def label(i: int) -> tuple[float, float, str]:
        middle = left + (i + 0.5) * column
        return middle, min(max(middle, width / 2), CHART_WIDTH - width / 2), name(months[i])

    placed: list[tuple[float, float, str]] = []
    for i, month in enumerate(months):
        if _month_number(month) % step == 0 and (not placed or label(i)[1] - placed[-1][1] >= width):
            placed.append(label(i))
    if not placed or (placed[0][0] > label(0)[0] and placed[0][1] - label(0)[1] >= width):
        placed.insert(0, label(0))
    return placed


def _time_axes(
    months: Sequence[str],
    tick_values: Sequence[float],
    plot: float,
    unit: str,
    language: str = DEFAULT_LANGUAGE,
) -> tuple[list[str], float, float]:
    """The axes of a time chart over ``months`` (the y axis's ticks written the ``language``'s way, with
    ``unit``), and where its columns go: the left of the plot, right of the longest tick label as a
    phone draws it, and the width of a month's column."""
    top = tick_values[-1] or 1
    tick_labels = [format_value(language, value) + unit for value in tick_values]
    left = max(AXIS_WIDTH, math.ceil(max(map(len, tick_labels)) * TICK_CHAR_WIDTH) + 8)
    body = [
        f'<line class="axis" x1="{left}" y1="{plot}" x2="{CHART_WIDTH}" y2="{plot}"/>',
        f'<line class="axis" x1="{left}" y1="0" x2="{left}" y2="{plot}"/>',
    ]
    for value, label in zip(tick_values, tick_labels, strict=True):
        y = plot - (plot - TOP_MARGIN) * value / top
        body.append(
            f'<line class="tick" x1="{left - 4}" y1="{y:.1f}" x2="{CHART_WIDTH}" y2="{y:.1f}"/>'
            f'<text class="label" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(label)}</text>'
        )
    for tick, x, label in _x_labels(months, left, language):
        body.append(
            f'<line class="axis" x1="{tick:.1f}" y1="{plot}" x2="{tick:.1f}" y2="{plot + 4}"/>'
            f'<text class="label" x="{x:.1f}" y="{plot + 18}" text-anchor="middle">{escape(label)}</text>'
        )
    return body, left, (CHART_WIDTH - left) / len(months)


def column_chart(
    rows: Sequence[tuple[str, float]],
    title: str,
    height: int = 200,
    links: Sequence[str | None] | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> Markup:
    """Vertical columns over time, one per (month, count), with a y axis (counts, written the
    ``language``'s way) and an x axis (months named the ``language``'s way, or years on long spans);
    ``links``: where each column leads."""
    if not rows:
        return _svg(CHART_WIDTH, height, title, [])
    tick_values = ticks(max(value for _, value in rows))
    plot = height - AXIS_HEIGHT
    body, left, step = _time_axes([month for month, _ in rows], tick_values, plot, "", language)
    width = min(step * 0.8, 48)  # a few months should not look like a wall
    for i, (month, value) in enumerate(rows):
        h = (plot - TOP_MARGIN) * value / tick_values[-1]
        x = left + i * step
        named = f"{format_date(language, month)}: {format_value(language, value)}"
        shape = (
            f'<rect class="bar" x="{x + (step - width) / 2:.1f}" y="{plot - h:.1f}" width="{width:.1f}" '
            f'height="{h:.1f}"><title>{escape(named)}</title></rect>'
        )
        body.append(_linked(shape, links[i] if links and value else None, named))
    return _svg(CHART_WIDTH, height, title, body)


def share_chart(
    rows: Sequence[tuple[str, Mapping[str, float]]],
    series: Sequence[str],
    title: str,
    height: int = 200,
    links: Sequence[str | None] | None = None,
    labels: Mapping[str, str] = {},
    language: str = DEFAULT_LANGUAGE,
) -> Markup:
    """Stacked columns of shares over time: per (month, counts by series) one column whose parts are the
    series' shares of the month (a month without any is left empty), in the order of ``series``
    (coloured ``part-0``, ``part-1``, …, named by ``labels`` where given); ``links``: where each column
    leads; months and counts written the ``language``'s way."""
    if not rows:
        return _svg(CHART_WIDTH, height, title, [])
    plot = height - AXIS_HEIGHT
    body, left, step = _time_axes([month for month, _ in rows], [0, 25, 50, 75, 100], plot, " %", language)
    width = min(step * 0.8, 48)
    for i, (month, counts) in enumerate(rows):
        whole = sum(counts.get(name, 0) for name in series)
        if not whole:
            continue
        x = left + i * step + (step - width) / 2
        y = float(plot)
        parts = []
        when, total = format_date(language, month), format_value(language, whole)
        for n, name in enumerate(series):
            share = counts.get(name, 0) / whole
            h = (plot - TOP_MARGIN) * share
            y -= h
            parts.append(
                f'<rect class="part-{n}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}">'
                f"<title>{escape(when)}: {escape(labels.get(name, name))} {share * 100:.0f} % "
                f"({format_value(language, counts.get(name, 0))}/{total})</title></rect>"
            )
        body.append(_linked("".join(parts), links[i] if links else None, f"{when}: {total}"))
    return _svg(CHART_WIDTH, height, title, body)

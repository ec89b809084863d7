"""Inline SVG charts: rendered on the server, so they work offline and without script.

Each chart is an ``<svg role="img">`` with a title; the pages show the same numbers as a table
for screen readers and for copying. Labels are untrusted (speaker names) and escaped. A bar may link
somewhere (the search narrowed to what the bar counts): it is then an SVG link, reachable by keyboard.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from zitat.web.i18n import DEFAULT_LANGUAGE, format_share, format_value

ROW_HEIGHT = 40  # a label line above each bar: room for the larger labels of a phone (style.css)
BAR_THICKNESS = 12
CHART_WIDTH = 560
VALUE_SPACE = 90  # right of the longest bar, for its value
AXIS_WIDTH = 44  # the y axis's tick labels, left of a time chart
AXIS_HEIGHT = 30  # the x axis's month or year labels, below it
TOP_MARGIN = 10  # room for the top tick's label
X_LABEL_WIDTH = 50  # about the width of "2024-03" at the label size
YEAR_LABEL_WIDTH = 30  # and of "2024"
MAX_X_LABELS = 8
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


def _x_labels(months: Sequence[str]) -> dict[int, str]:
    """Which columns of a month axis get a label, and which: years (at each January, or the first
    month) on long spans, else every k-th month."""
    if len(months) >= YEARS_FROM:
        step = (CHART_WIDTH - AXIS_WIDTH) / len(months)
        januaries = [i for i, month in enumerate(months) if month.endswith("-01")]
        # the first month's year too, unless the next year's label would run into it („20202021“)
        first = [] if januaries and januaries[0] * step < YEAR_LABEL_WIDTH else [0]
        return {i: months[i][:4] for i in sorted({*first, *januaries})}
    every = max(1, math.ceil(len(months) / MAX_X_LABELS))
    return {i: m for i, m in enumerate(months) if i % every == 0}


def _time_axes(
    months: Sequence[str],
    tick_values: Sequence[float],
    plot: float,
    step: float,
    unit: str,
    language: str = DEFAULT_LANGUAGE,
) -> list[str]:
    top = tick_values[-1] or 1
    body = [
        f'<line class="axis" x1="{AXIS_WIDTH}" y1="{plot}" x2="{CHART_WIDTH}" y2="{plot}"/>',
        f'<line class="axis" x1="{AXIS_WIDTH}" y1="0" x2="{AXIS_WIDTH}" y2="{plot}"/>',
    ]
    for value in tick_values:
        y = plot - (plot - TOP_MARGIN) * value / top
        body.append(
            f'<line class="tick" x1="{AXIS_WIDTH - 4}" y1="{y:.1f}" x2="{CHART_WIDTH}" y2="{y:.1f}"/>'
            f'<text class="label" x="{AXIS_WIDTH - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(format_value(language, value) + unit)}</text>"
        )
    for i, label in _x_labels(months).items():
        x = AXIS_WIDTH + i * step
        # the last label ends at the chart's edge instead of running over it
        at_edge = x + X_LABEL_WIDTH > CHART_WIDTH
        where = f'x="{CHART_WIDTH}" text-anchor="end"' if at_edge else f'x="{x:.1f}"'
        body.append(
            f'<line class="axis" x1="{x:.1f}" y1="{plot}" x2="{x:.1f}" y2="{plot + 4}"/>'
            f'<text class="label" {where} y="{plot + 18}">{escape(label)}</text>'
        )
    return body


def column_chart(
    rows: Sequence[tuple[str, float]],
    title: str,
    height: int = 200,
    links: Sequence[str | None] | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> Markup:
    """Vertical columns over time, one per (month, count), with a y axis (counts, written the
    ``language``'s way) and an x axis (months, or years on long spans); ``links``: where each column
    leads."""
    if not rows:
        return _svg(CHART_WIDTH, height, title, [])
    tick_values = ticks(max(value for _, value in rows))
    plot = height - AXIS_HEIGHT
    step = (CHART_WIDTH - AXIS_WIDTH) / len(rows)
    width = min(step * 0.8, 48)  # a few months should not look like a wall
    body = _time_axes([month for month, _ in rows], tick_values, plot, step, "", language)
    for i, (label, value) in enumerate(rows):
        h = (plot - TOP_MARGIN) * value / tick_values[-1]
        x = AXIS_WIDTH + i * step
        shape = (
            f'<rect class="bar" x="{x + (step - width) / 2:.1f}" y="{plot - h:.1f}" width="{width:.1f}" '
            f'height="{h:.1f}"><title>{escape(label)}: {format_value(language, value)}</title></rect>'
        )
        named = f"{label}: {format_value(language, value)}"
        body.append(_linked(shape, links[i] if links and value else None, named))
    return _svg(CHART_WIDTH, height, title, body)


def share_chart(
    rows: Sequence[tuple[str, Mapping[str, float]]],
    series: Sequence[str],
    title: str,
    height: int = 200,
    links: Sequence[str | None] | None = None,
    labels: Mapping[str, str] = {},
) -> Markup:
    """Stacked columns of shares over time: per (month, counts by series) one column whose parts are the
    series' shares of the month (a month without any is left empty), in the order of ``series``
    (coloured ``part-0``, ``part-1``, …, named by ``labels`` where given); ``links``: where each column
    leads."""
    if not rows:
        return _svg(CHART_WIDTH, height, title, [])
    plot = height - AXIS_HEIGHT
    step = (CHART_WIDTH - AXIS_WIDTH) / len(rows)
    width = min(step * 0.8, 48)
    body = _time_axes([month for month, _ in rows], [0, 25, 50, 75, 100], plot, step, " %")
    for i, (month, counts) in enumerate(rows):
        whole = sum(counts.get(name, 0) for name in series)
        if not whole:
            continue
        x = AXIS_WIDTH + i * step + (step - width) / 2
        y = float(plot)
        parts = []
        for n, name in enumerate(series):
            share = counts.get(name, 0) / whole
            h = (plot - TOP_MARGIN) * share
            y -= h
            parts.append(
                f'<rect class="part-{n}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}">'
                f"<title>{escape(month)}: {escape(labels.get(name, name))} {share * 100:.0f} % "
                f"({counts.get(name, 0):g}/{whole:g})</title></rect>"
            )
        body.append(_linked("".join(parts), links[i] if links else None, f"{month}: {whole:g}"))
    return _svg(CHART_WIDTH, height, title, body)

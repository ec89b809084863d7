"""Inline SVG charts: rendered on the server, so they work offline and without script.

Each chart is an ``<svg role="img">`` with a title; the pages show the same numbers as a table
for screen readers and for copying. Labels are untrusted (speaker names) and escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

ROW_HEIGHT = 40  # a label line above each bar: room for the larger labels of a phone (style.css)
BAR_THICKNESS = 12
CHART_WIDTH = 560
VALUE_SPACE = 90  # right of the longest bar, for its value


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _shorten(label: str | None, limit: int = 40) -> str:
    label = label or "(unnamed)"  # speakers without a name (unknown, anonymous) still get a bar
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    rows: Sequence[tuple[str | None, float]],
    title: str,
    percent: bool = False,
    links: Sequence[str] | None = None,
) -> Markup:
    """Horizontal bars, one per (label, value), each under its label (which links to ``links[i]`` when
    given); values as shares in 0–1 when ``percent``."""
    peak = max((value for _, value in rows), default=0) or 1
    bar_space = CHART_WIDTH - VALUE_SPACE
    body = []
    for i, (label, value) in enumerate(rows):
        y = i * ROW_HEIGHT
        width = max(1.0, bar_space * value / peak) if value else 0
        shown = f"{value * 100:.1f} %" if percent else f"{value:g}"
        text = f'<text class="label" x="0" y="{y + 16}">{escape(_shorten(label))}</text>'
        if links:
            text = f'<a href="{escape(links[i])}">{text}</a>'
        bar_y = y + ROW_HEIGHT - BAR_THICKNESS - 6
        body.append(
            f'{text}<rect class="bar" x="0" y="{bar_y}" width="{width:.1f}" height="{BAR_THICKNESS}"/>'
            f'<text class="value" x="{width + 6:.1f}" y="{bar_y + BAR_THICKNESS}">{escape(shown)}</text>'
        )
    return _svg(CHART_WIDTH, max(ROW_HEIGHT, len(rows) * ROW_HEIGHT), title, body)


def column_chart(rows: Sequence[tuple[str, float]], title: str, height: int = 180) -> Markup:
    """Vertical columns over time, one per (month, count), labelled at the first and last column."""
    peak = max((value for _, value in rows), default=0) or 1
    plot = height - 34
    step = CHART_WIDTH / max(1, len(rows))
    width = min(step * 0.8, 48)  # a few months should not look like a wall
    body = [f'<line class="axis" x1="0" y1="{plot}" x2="{CHART_WIDTH}" y2="{plot}"/>']
    for i, (label, value) in enumerate(rows):
        h = plot * value / peak
        x = i * step
        body.append(
            f'<rect class="bar" x="{x + (step - width) / 2:.1f}" y="{plot - h:.1f}" width="{width:.1f}" '
            f'height="{h:.1f}"><title>{escape(label)}: {value:g}</title></rect>'
        )
    if rows:
        body.append(f'<text class="label" x="0" y="{height - 12}">{escape(rows[0][0])}</text>')
        body.append(
            f'<text class="label" x="{CHART_WIDTH}" y="{height - 12}" text-anchor="end">'
            f"{escape(rows[-1][0])}</text>"
        )
        body.append(f'<text class="label" x="0" y="12">max {peak:g}</text>')
    return _svg(CHART_WIDTH, height, title, body)

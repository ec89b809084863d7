"""Inline SVG charts: rendered on the server, so they work offline and without script.

Each chart is an ``<svg role="img">`` with a title; the pages show the same numbers as a table
for screen readers and for copying. Labels are untrusted (speaker names) and escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR_HEIGHT = 22
LABEL_WIDTH = 180
CHART_WIDTH = 560


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(body)}</svg>'
    )


def _shorten(label: str | None, limit: int = 26) -> str:
    label = label or "(unnamed)"  # speakers without a name (unknown, anonymous) still get a bar
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(rows: Sequence[tuple[str | None, float]], title: str, percent: bool = False) -> Markup:
    """Horizontal bars, one per (label, value); values as shares in 0–1 when ``percent``."""
    peak = max((value for _, value in rows), default=0) or 1
    bar_space = CHART_WIDTH - LABEL_WIDTH - 60
    body = []
    for i, (label, value) in enumerate(rows):
        y = i * BAR_HEIGHT
        width = max(1.0, bar_space * value / peak) if value else 0
        shown = f"{value * 100:.1f} %" if percent else f"{value:g}"
        body.append(
            f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">'
            f"{escape(_shorten(label))}</text>"
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 4}" width="{width:.1f}" height="{BAR_HEIGHT - 8}"/>'
            f'<text class="value" x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 15}">{escape(shown)}</text>'
        )
    return _svg(CHART_WIDTH, max(BAR_HEIGHT, len(rows) * BAR_HEIGHT), title, body)


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

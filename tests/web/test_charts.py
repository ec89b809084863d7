"""The time charts' axes, links and shares (issue #23: empty months shown, labelled axes, clickable)."""

from __future__ import annotations

import re

from zitat.store.facets import months_between
from zitat.web.charts import bar_chart, column_chart, share_chart, ticks


def labels(svg: str) -> list[str]:
    return re.findall(r'<text class="label"[^>]*>([^<]*)</text>', svg)


def test_ticks_are_round_and_reach_the_peak() -> None:
    assert ticks(7) == [0, 2, 4, 6, 8]
    assert ticks(100) == [0, 50, 100]
    assert ticks(1) == [0, 1] and ticks(0) == [0, 1]
    assert ticks(12_345)[-1] >= 12_345 and len(ticks(12_345)) <= 6


def test_month_columns_have_axes_empty_months_and_links() -> None:
    months = [("2024-01", 3), ("2024-02", 0), ("2024-03", 7)]
    links = ["/search?month=2024-01", "/search?month=2024-02&a=<b>", "/search?month=2024-03&outlet=x"]
    svg = str(column_chart(months, "Äußerungen <pro> Monat", links=links))
    assert {"2024-01", "2024-02", "2024-03"} <= set(labels(svg))  # every month named on a short span
    assert {"0", "2", "4", "6", "8"} <= set(labels(svg))  # the y axis's ticks
    assert svg.count("<rect") == 3 and 'href="/search?month=2024-03&amp;outlet=x"' in svg
    assert "month=2024-02" not in svg  # an empty month has nothing to click
    assert "&lt;pro&gt;" in svg and "<pro>" not in svg


def test_long_spans_name_the_years() -> None:
    span = months_between("2015-06", "2024-05")
    svg = str(column_chart([(month, 1) for month in span], "lang"))
    years = [label for label in labels(svg) if len(label) == 4 and label.isdigit()]
    assert years == [str(year) for year in range(2015, 2025)]
    # a span from December: the first year's label would run into the next one's, so it is left out
    late = str(column_chart([(month, 1) for month in months_between("2020-12", "2024-03")], "lang"))
    assert [label for label in labels(late) if len(label) == 4] == ["2021", "2022", "2023", "2024"]


def test_share_columns_stack_to_the_whole_month() -> None:
    rows = [
        ("2024-01", {"female": 1, "male": 3, "unknown": 0}),
        ("2024-02", {"female": 0, "male": 0, "unknown": 0}),
    ]
    svg = str(share_chart(rows, ("female", "male", "unknown"), "Anteile", links=["/a", "/b"]))
    heights = [float(h) for h in re.findall(r'class="part-\d"[^>]* height="([\d.]+)"', svg)]
    assert len(heights) == 3 and heights[1] == 3 * heights[0] and heights[2] == 0
    assert "female 25 %" in svg and 'href="/b"' not in svg  # no statements, no column
    assert "100 %" in labels(svg)


def test_bars_link_where_told() -> None:
    svg = str(bar_chart([("Direct", 3), ("Indirect", 1)], "Formen", links=["/search?form=Direct", None]))
    assert svg.count("<a ") == 1 and 'href="/search?form=Direct"' in svg


def test_chart_numbers_are_written_the_pages_languages_way() -> None:
    german = str(bar_chart([("Merkel", 1234), ("Scholz", 2.5)], "Aussagen", language="de"))
    assert ">1.234</text>" in german and ">2,5</text>" in german
    assert ">12,5 %</text>" in str(bar_chart([("weiblich", 0.125)], "Anteil", percent=True, language="de"))
    english = str(bar_chart([("Merkel", 1234)], "Statements"))
    assert ">1,234</text>" in english
    axis = str(column_chart([("2024-01", 0), ("2024-02", 2000)], "Aussagen pro Monat", language="de"))
    assert ">2.000</text>" in axis and "2024-02: 2.000" in axis

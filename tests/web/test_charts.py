"""The time charts' axes, links and shares (issue #23: empty months shown, labelled axes, clickable)."""

from __future__ import annotations

import itertools
import re

from zitat.store.facets import months_between
from zitat.web.charts import (
    CHART_WIDTH,
    MONTH_LABEL_WIDTH,
    YEAR_LABEL_WIDTH,
    YEARS_FROM,
    bar_chart,
    column_chart,
    share_chart,
    ticks,
)


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
    assert {"Jan 2024", "Feb 2024", "Mar 2024"} <= set(labels(svg))  # every month named on a short span
    assert {"0", "2", "4", "6", "8"} <= set(labels(svg))  # the y axis's ticks
    assert svg.count("<rect") == 3 and 'href="/search?month=2024-03&amp;outlet=x"' in svg
    assert "month=2024-02" not in svg  # an empty month has nothing to click
    assert "&lt;pro&gt;" in svg and "<pro>" not in svg


def test_long_spans_name_the_years() -> None:
    span = months_between("2015-06", "2024-05")
    svg = str(column_chart([(month, 1) for month in span], "lang"))
    # every second year: each year's column is narrower than a year's label on a phone
    assert [text for _, text in x_labels(svg)] == ["2016", "2018", "2020", "2022", "2024"]
    # a span from December: the first year's label would run into the next one's, so it is left out
    late = str(column_chart([(month, 1) for month in months_between("2020-12", "2024-03")], "lang"))
    assert [text for _, text in x_labels(late)] == ["2021", "2022", "2023", "2024"]
    decades = str(column_chart([(month, 1) for month in months_between("2001-01", "2030-12")], "lang"))
    assert [text for _, text in x_labels(decades)] == ["2001", "2005", "2010", "2015", "2020", "2025", "2030"]


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
    assert ">2.000</text>" in axis and "Februar 2024: 2.000" in axis


def x_labels(svg: str) -> list[tuple[float, str]]:
    """The x axis's labels: the middle of each, and its text."""
    found = re.findall(r'<text class="label" x="([\d.]+)" y="(\d+)" text-anchor="middle">([^<]*)</text>', svg)
    return [(float(x), text) for x, _, text in found]


def test_months_are_named_the_readers_way_and_spread_to_fit() -> None:
    year = [(month, 1) for month in months_between("2024-01", "2024-12")]
    german = str(column_chart(year, "Jahr", language="de"))
    assert [text for _, text in x_labels(german)] == ["Jan 2024", "Apr 2024", "Jul 2024", "Okt 2024"]
    english = str(column_chart(year, "Year"))
    assert [text for _, text in x_labels(english)] == ["Jan 2024", "Apr 2024", "Jul 2024", "Oct 2024"]
    shares = str(share_chart([("2020-03", {"female": 1})], ("female",), "Anteile", language="de"))
    assert [text for _, text in x_labels(shares)] == [
        "Mär 2020"
    ] and "März 2020: female 100 % (1/1)" in shares
    # a span that starts late in a year: its first month is named when there is room before the next label
    late = str(column_chart([(month, 1) for month in months_between("2023-11", "2024-06")], "x"))
    assert [text for _, text in x_labels(late)] == ["Nov 2023", "Jan 2024", "Mar 2024", "May 2024"]


def test_no_two_axis_labels_touch_on_any_span() -> None:
    for length in range(1, 400):
        months = months_between("2001-03", "2040-12")[:length]
        found = x_labels(str(column_chart([(month, 1) for month in months], "x", language="de")))
        width = YEAR_LABEL_WIDTH if length >= YEARS_FROM else MONTH_LABEL_WIDTH
        middles = [x for x, _ in found]
        assert found and all(b - a >= width for a, b in itertools.pairwise(middles)), (length, found)
        assert all(width / 2 <= x <= CHART_WIDTH - width / 2 for x in middles), (length, found)
        assert not any(re.fullmatch(r"\d{4}-\d{2}", text) for _, text in found), found  # no ISO months

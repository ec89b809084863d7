"""Highlighting statements in their text: nesting, discontinuous roles, escaping, one tab stop each."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from zitat.web.charts import bar_chart, column_chart
from zitat.web.highlight import highlight

TEXT = "Er sagte, Merkel habe „Genug!“ gerufen."


def role(text: str, part: str) -> dict:
    start = text.index(part)
    return {"text": part, "spans": [{"start": start, "end": start + len(part)}]}


def statement(sid: str, **roles: dict) -> dict:
    return {"id": sid, "form": "Indirect", "medium": "Speech", "speaker": None, **roles}


class BalanceChecker(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag


def visible_text(html: str) -> str:
    without_brackets = re.sub(r'<span class="br"[^>]*>[^<]*</span>', "", html)
    return re.sub(r"<[^>]+>", "", without_brackets)


def test_nested_statement_sits_inside_the_outer_message_and_markup_stays_balanced() -> None:
    outer = statement(
        "s1",
        cue=role(TEXT, "sagte"),
        source=role(TEXT, "Er"),
        message=role(TEXT, "Merkel habe „Genug!“ gerufen"),
    )
    inner = statement(
        "s2", cue=role(TEXT, "gerufen"), source=role(TEXT, "Merkel"), message=role(TEXT, "„Genug!“")
    )
    html = str(highlight(TEXT, [outer, inner]))
    checker = BalanceChecker()
    checker.feed(html)
    assert checker.stack == []
    assert visible_text(html) == TEXT
    # the inner message opens after the outer one and before it closes
    assert html.index('hl-message" data-s="s1"') < html.index('hl-message" data-s="s2"')
    assert html.index("⟦s2") < html.index("⟧</span></span>")
    assert html.count('tabindex="0"') == 2


def test_discontinuous_message_is_one_statement_with_one_tab_stop_and_continued_pieces() -> None:
    text = "„Wir“, sagte er, „sind bereit.“"
    first, second = role(text, "„Wir“"), role(text, "„sind bereit.“")
    message = {"text": "x", "spans": first["spans"] + second["spans"]}
    html = str(highlight(text, [statement("s1", message=message, cue=role(text, "sagte"))]))
    assert html.count('data-s="s1"') == 3
    assert html.count('tabindex="0"') == 1
    assert html.count("⟦s1") == 2  # each piece of the message opens its brackets
    assert visible_text(html) == text


def test_overlapping_roles_that_do_not_nest_are_closed_and_reopened() -> None:
    text = "abcdefghij"
    one = statement("s1", message={"text": "", "spans": [{"start": 0, "end": 6}]})
    two = statement("s2", message={"text": "", "spans": [{"start": 3, "end": 9}]})
    html = str(highlight(text, [one, two]))
    checker = BalanceChecker()
    checker.feed(html)
    assert checker.stack == []
    assert "hl-cont" in html
    assert visible_text(html) == text


def test_text_and_labels_are_escaped() -> None:
    text = '<img src=x onerror="alert(1)"> sagte <script>alert(2)</script>'
    evil = statement(
        "s1",
        message=role(text, "<script>alert(2)</script>"),
        source=role(text, '<img src=x onerror="alert(1)">'),
    )
    evil["speaker"] = {"name": '"><svg onload=alert(3)>', "role": "<b>Chef</b>"}
    html = str(highlight(text, [evil]))
    assert "<script>" not in html and "<img" not in html and "<svg" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert (
        'title="s1 message · speaker: &#34;&gt;&lt;svg onload=alert(3)&gt; (&lt;b&gt;Chef&lt;/b&gt;)' in html
    )


def test_spans_outside_the_text_are_clipped_or_dropped() -> None:
    html = str(
        highlight(
            "kurz",
            [
                statement(
                    "s1", message={"text": "", "spans": [{"start": 2, "end": 99}, {"start": 50, "end": 60}]}
                )
            ],
        )
    )
    assert visible_text(html) == "kurz"
    assert html.count('data-s="s1"') == 1


def test_charts_escape_labels_and_cope_with_no_data() -> None:
    svg = str(bar_chart([("<script>x</script>", 3), ("B", 1)], "Top <speakers>"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "Top &lt;speakers&gt;" in svg
    assert svg.count("<rect") == 2
    assert "<rect" not in str(column_chart([], "empty"))
    assert str(bar_chart([("a", 0.25)], "share", percent=True)).count("25.0 %") == 1


def test_a_paragraph_final_message_keeps_its_closing_bracket_on_its_paragraph() -> None:
    text = "„Wir sind bereit.“\nDas sagte sie."
    message = {"text": "Wir sind bereit.“\n", "spans": [{"start": 1, "end": text.index("Das")}]}
    html = str(highlight(text, [statement("s1", message=message)]))
    assert "⟧</span></span>\nDas" in html  # the bracket closes before the line break, not after it
    assert visible_text(html) == text


def test_the_details_on_hover_are_in_the_readers_language() -> None:
    s1 = statement("s1", cue=role(TEXT, "sagte"), source=role(TEXT, "Er"), message=role(TEXT, "Merkel habe"))
    assert "s1 cue · speaker: Er · form: Indirect · medium: Speech" in str(highlight(TEXT, [s1]))
    assert "s1 Redeeinleitung · Sprecher: Er · Form: Indirect · Medium: Speech" in str(
        highlight(TEXT, [s1], "de")
    )


def test_bar_chart_labels_link_where_asked_and_sit_above_their_bars() -> None:
    svg = str(bar_chart([("Anna <b>", 3), ("Ben", 1)], "Top", links=["/speakers/1?a=1&b=2", "/speakers/2"]))
    # one link per row: its label and its bar (the value beside it stays outside)
    first = '<a href="/speakers/1?a=1&amp;b=2"><text class="label" x="0" y="16">Anna &lt;b&gt;</text><rect'
    assert (
        first in svg
        and svg.count("<a ") == 2
        and re.search(r'<rect class="bar"[^>]*/></a><text class="value"', svg)
    )
    labels = [float(y) for y in re.findall(r'<text class="label" x="0" y="([\d.]+)"', svg)]
    bars = [float(y) for y in re.findall(r'<rect class="bar" x="0" y="([\d.]+)"', svg)]
    assert all(label < bar for label, bar in zip(labels, bars, strict=True))  # each label over its bar

"""Acceptance of the web app as a research tool (issue #23), in a real browser: Debian's chromium,
headless, driven by Playwright, against ``zitat serve`` over a small hand-written German archive.

One test per point of the issue: statement links, ordering, exports, German input and inline errors,
paging past the end, inert XSS, legends, the language switch, the phone layout, long texts and the
cosmetics; and the research pages: facets and their chips, the article list, outlet pages (also in
German), the analyzed text's download. Skips with the reason when Playwright for Python or chromium
is missing.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from zitat.web.commands import serve_argv
from zitat.web.extraction import ExtractionWorker

from .fixtures import dated_reports, extracted_articles
from .live import CHROMIUM, LiveServer, chromium, free_port, start

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
if not shutil.which(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

MAX_CHARS = 3000  # small, so the long-text answer is quick to provoke
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
REPORTS = 30  # more than a page of 20 hits
# a time chart's x axis label: a month the reader's way („Mär 2024“, "Mar 2024") or a year
AXIS_LABEL = r"(Jan|Feb|Mär|Mar|Apr|Mai|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dez|Dec) \d{4}|\d{4}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, extractor: ExtractionWorker) -> Iterator[LiveServer]:
    from zitat.web.archive import StoreArchive

    db = tmp_path_factory.mktemp("acceptance") / "acceptance.db"
    records = extracted_articles(extractor) + [extractor.extract(report) for report in dated_reports(REPORTS)]
    StoreArchive(str(db)).ingest(records)
    port = free_port()
    options = ("--db", str(db), "--port", str(port), "--model", "rules", "--max-chars", str(MAX_CHARS))
    live = start(serve_argv(*options), port)
    yield live
    live.stop()


@pytest.fixture(scope="module")
def browser(server: LiveServer) -> Iterator:
    with chromium() as browser:
        yield browser


def open_page(browser, server: LiveServer, viewport: dict, locale: str = "en-GB") -> Iterator:
    context = browser.new_context(
        base_url=server.url, viewport=viewport, locale=locale, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.dialogs = []  # any alert/confirm/prompt means injected code ran
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


@pytest.fixture()
def page(browser, server: LiveServer) -> Iterator:
    yield from open_page(browser, server, DESKTOP)


@pytest.fixture()
def phone(browser, server: LiveServer) -> Iterator:
    yield from open_page(browser, server, PHONE)


def iso_dates(page, where: str) -> list[str]:
    """The dates of the <time> elements at ``where``, as their ISO ``datetime`` (the text is the
    language's: 15 Mar 2024)."""
    return [str(time.get_attribute("datetime")) for time in page.locator(f"{where} time").all()]


def dates(page) -> list[str]:
    return iso_dates(page, "ol.hits > li.hit")


def test_a_hit_links_to_its_statement_which_gets_the_focus(page) -> None:
    page.goto("/search?q=Tempo")
    link = page.locator("ol.hits > li.hit").first.locator("p.meta a").last
    target = link.get_attribute("href")
    assert "#t-s" in target
    link.click()
    page.wait_for_url(f"**{target}")
    anchor = target.split("#")[1]
    assert page.evaluate("document.activeElement.id") == anchor
    assert page.locator(f"#{anchor}").is_visible() and "hl-message" in page.locator(
        f"#{anchor}"
    ).get_attribute("class")


def test_hits_are_ordered_newest_first_or_as_chosen(page) -> None:
    page.goto("/search?q=Tempo")
    newest = dates(page)
    assert newest == sorted(newest, reverse=True) and newest[0] == "2024-03-15"
    page.get_by_label("Order").select_option("oldest")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**sort=oldest*")
    oldest = dates(page)
    assert oldest == sorted(oldest) and oldest[0] == "2023-01-01"


def test_exports_download_every_match_with_a_bom(page, tmp_path: Path) -> None:
    page.goto("/search?q=Tempo")
    total = count(page.locator("p.summary").inner_text().split()[0])
    assert total > 20  # more than one page
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with it
    text = data.decode("utf-8-sig")
    assert "Jürgen Öztürk" in text and len(text.strip().splitlines()) == total + 1
    with page.expect_download() as download:
        page.get_by_role("link", name="JSON lines").click()
    assert len(Path(download.value.path()).read_text(encoding="utf-8").splitlines()) == total


def test_german_dates_are_read_and_a_wrong_one_is_marked_in_the_form(page) -> None:
    page.goto("/search?q=Tempo")
    page.get_by_text("More filters").click()
    page.get_by_label("Since").fill("31.02.2024")
    page.get_by_label("Confidence ≥").fill("0,5")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector(".field-error")
    since = page.get_by_label("Since")
    assert since.get_attribute("aria-invalid") == "true" and since.input_value() == "31.02.2024"
    assert page.get_by_label("Words in the message").input_value() == "Tempo"  # the form is kept
    assert (
        page.locator("#error-since").is_visible()
        and page.locator("form .more").get_attribute("open") is not None
    )
    since.fill("01.03.2024")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**since=01.03.2024*")
    shown = dates(page)
    assert shown and all(date >= "2024-03-01" for date in shown)
    assert "(2 set)" in page.locator("form .more summary").inner_text()


def test_a_page_beyond_the_last_leads_to_the_last(page) -> None:
    page.goto("/search?q=Tempo&page=999")
    assert page.url.endswith("page=2")
    assert (
        page.locator("ol.hits > li.hit").count() > 0 and "Page 2 of 2" in page.locator(".pager").inner_text()
    )


def test_xss_payloads_stay_inert(page) -> None:
    for path in ("/articles/xss", "/search?q=Test", "/", "/speakers"):
        page.goto(path)
        for el in page.locator(".hl").all()[:5]:
            el.hover()
        assert page.evaluate("window.__pwned") is None and page.dialogs == []
        assert page.locator('a[href^="javascript:"]').count() == 0


def test_legends_explain_forms_and_media_where_they_appear(page) -> None:
    page.goto("/")
    overview = page.get_by_role("region", name="Labels")
    assert overview.get_by_text("continued indirect: sentences in the subjunctive").is_visible()
    assert overview.get_by_text("speech or writing (the text does not tell which)").is_visible()
    page.goto("/articles/meldung-1")
    legend = page.locator(".list-col details.labels")
    assert not legend.get_by_text("direct speech: the words as said").is_visible()  # folded at first
    legend.locator("summary").click()
    assert legend.get_by_text("direct speech: the words as said").is_visible()
    tag = page.locator(".statements abbr.tag", has_text="Direct").first
    assert tag.get_attribute("title").startswith("direct speech")  # and on hover, on every tag


def test_the_language_follows_the_browser_and_the_switch_holds(browser, server: LiveServer) -> None:
    for german in open_page(browser, server, DESKTOP, locale="de-DE"):
        german.goto("/search")
        assert german.locator("html").get_attribute("lang") == "de"
        assert german.locator("h1").inner_text() == "Aussagen suchen"
        german.get_by_role("link", name="English").click()
        assert german.locator("h1").inner_text() == "Search statements"
        german.get_by_role("link", name="Speakers").click()  # the choice holds on the next page
        assert german.locator("h1").inner_text() == "Speakers"
        german.get_by_role("link", name="Deutsch").click()
        german.goto("/articles/meldung-1")
        german.locator(".article-text .hl-cue").first.hover()
        assert "Redeeinleitung · Sprecher:" in german.locator("#tip").inner_text()


def test_on_a_phone_the_first_hit_is_on_the_first_screen_and_chart_labels_read(phone) -> None:
    phone.goto("/search?q=Tempo")
    first = phone.locator("ol.hits > li.hit").first.bounding_box()
    assert first["y"] + first["height"] <= PHONE["height"], (
        f"first hit ends at {first['y'] + first['height']}px"
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.goto("/")
    sizes = phone.evaluate(
        "[...document.querySelectorAll('svg.chart text')].map(t => t.getBoundingClientRect().height)"
    )
    assert sizes and min(sizes) >= 11, f"chart labels {min(sizes):.1f}px high"


def time_charts(page) -> list[dict]:
    """The time charts of the page (those with an x axis of months or years): where each is on the
    screen (``left``, ``right``), and its labels, the x axis's (``x``) and all (``all``), each with its
    text and where it is."""
    return page.evaluate(
        """[...document.querySelectorAll('svg.chart')].map(svg => {
            const box = element => {
                const found = element.getBoundingClientRect();
                return {text: element.textContent, left: found.left, right: found.right};
            };
            return {...box(svg), x: [...svg.querySelectorAll('text.label[text-anchor=middle]')].map(box),
                    all: [...svg.querySelectorAll('text.label')].map(box)};
        }).filter(chart => chart.x.length)"""
    )


def test_time_charts_name_months_the_readers_way_and_their_labels_fit(browser, server) -> None:
    speaker = httpx.get(f"{server.url}/api/speakers", params={"q": "Anna Schmidt"}).json()["items"][0]["id"]
    paths = ["/", "/search?q=Tempo", f"/speakers/{speaker}", "/outlets/Kurier", "/authors/Eva%20Huber"]
    for locale, march in (("de-DE", "März 2023: "), ("en-GB", "Mar 2023: ")):
        for viewport in (PHONE, DESKTOP):
            for page in open_page(browser, server, viewport, locale):
                for path in paths:
                    page.goto(path)
                    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                    charts = time_charts(page)
                    assert charts, path
                    for chart in charts:
                        where = (locale, viewport["width"], path, chart)
                        labels = chart["x"]
                        assert all(a["right"] <= b["left"] for a, b in itertools.pairwise(labels)), where
                        assert all(re.fullmatch(AXIS_LABEL, label["text"]) for label in labels), where
                        # no tick label is cut off at the chart's edges („100 %“ on a phone)
                        inside = [chart["left"] - 1 <= t["left"] and t["right"] <= chart["right"] + 1
                                  for t in chart["all"]]  # fmt: skip
                        assert all(inside), where
                    tips = page.locator("svg.chart rect title").all_text_contents()
                    assert any(tip.startswith(march) for tip in tips), (path, tips[:3])


def test_a_text_above_the_limit_is_refused_inline_with_the_form_kept(page) -> None:
    page.goto("/analyze")
    text = "„Wir sind bereit“, sagte Anna Schmidt am Montag in Wien. " * 80  # about 4,500 characters
    page.get_by_label("Paste German news text").fill(text)
    with page.expect_response("**/analyze") as answer:
        page.get_by_role("button", name="Analyze").click()
    assert answer.value.status == 413
    assert "more than the limit of 3,000" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Paste German news text").input_value() == text


def broken_inside_a_word(page, selector: str) -> list[str]:
    """The one-word texts of the elements ``selector`` finds that take more than one line."""
    return page.evaluate(
        """selector => [...document.querySelectorAll(selector)].filter(cell => {
            if (!cell.innerText.trim() || cell.innerText.trim().includes(' ')) return false;
            const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let text = texts.nextNode(); text; text = texts.nextNode()) {
                const range = document.createRange(); range.selectNodeContents(text);
                if (range.getClientRects().length > 1) return true;  // a word on two lines
            }
            return false;
        }).map(cell => cell.innerText)""",
        selector,
    )


def test_the_api_reference_on_a_phone_breaks_no_word_and_scrolls_its_tables_alone(phone) -> None:
    phone.goto("/docs")
    assert phone.locator("table.params").count() > 5
    assert broken_inside_a_word(phone, "table.params th, table.params td") == []  # not q-u-er-y
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_cosmetics(page) -> None:
    page.goto("/articles/reform")  # outlet, date and source, no author: a dot only between parts
    dots = page.evaluate(
        "[...document.querySelectorAll('p.meta.dotted > *')].map(el => getComputedStyle(el, '::before').content)"
    )
    assert dots[0] == "none" and set(dots[1:]) == {'"·"'}
    cue = page.locator(".article-text .hl-cue").first
    cue.hover()
    tip, box = page.locator("#tip").bounding_box(), cue.bounding_box()
    assert tip["y"] + tip["height"] <= box["y"]  # above the line it explains, the next line stays free
    page.goto("/speakers")
    assert page.get_by_role("button", name="Find").bounding_box()["width"] < 200
    assert broken_inside_a_word(page, "th") == []
    assert page.locator('link[rel="icon"]').get_attribute("href").startswith("data:image/svg+xml,")
    assert (
        page.evaluate("""() => new Promise(done => { const img = new Image();
        img.onload = () => done(img.naturalWidth); img.onerror = () => done(0);
        img.src = document.querySelector('link[rel=icon]').href; })""")
        > 0
    )


def test_a_paragraph_final_message_closes_on_its_own_paragraph(page) -> None:
    page.goto("/analyze")
    page.get_by_label("Paste German news text").fill(
        "Die Ministerin sagte am Montag, die Reform komme im Herbst\n\nDas Parlament berät im Mai darüber."
    )
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector(".article-text .hl-message")
    closing = page.locator(".article-text .hl-message .br").last.bounding_box()
    message = page.locator(".article-text .hl-message").last.bounding_box()
    assert closing["y"] < message["y"] + message["height"]  # the bracket stays on the message's lines
    assert page.evaluate("document.querySelector('.article-text').innerText").index("Herbst⟧") > 0


def count(text: str) -> int:
    """A count as an English page writes it (1,234)."""
    return int(text.replace(",", ""))


def total(page) -> int:
    return count(page.locator("p.summary").inner_text().split()[0])


def test_a_facet_narrows_the_search_and_its_chip_takes_it_back(page) -> None:
    page.goto("/search?q=Tempo")
    everything = total(page)
    outlets = page.get_by_role("complementary", name="Facets").locator("section", has_text="Outlet")
    outlets.get_by_role("link", name="Kurier").click()
    page.wait_for_url("**outlet=Kurier*")
    narrowed = total(page)
    assert 0 < narrowed < everything
    assert set(page.locator("ol.hits > li.hit .meta").all_inner_texts()) and all(
        "Kurier" in meta for meta in page.locator("ol.hits > li.hit .meta").all_inner_texts()
    )
    chips = page.get_by_role("list", name="Active filters")
    assert "Outlet: Kurier" in chips.inner_text() and "Words: Tempo" in chips.inner_text()
    chips.get_by_role("link", name="Remove filter Outlet: Kurier").click()
    page.wait_for_url(lambda url: "outlet=" not in url)
    assert total(page) == everything


def test_articles_are_listed_newest_first_and_lead_to_their_outlet(page) -> None:
    page.goto("/articles/")
    assert page.locator("h1").inner_text() == "Articles"
    shown = iso_dates(page, "table")
    assert len(shown) > 10 and shown == sorted(shown, reverse=True)
    assert "articles, newest first." in page.locator("p.summary").inner_text()
    page.get_by_label("Words in title or text").fill("Bahnausbau")
    page.get_by_role("button", name="Find").click()
    page.wait_for_url("**q=Bahnausbau*")
    titles = page.locator("table tbody td:first-child").all_inner_texts()
    assert titles and all(title.startswith("Bahnausbau") for title in titles)
    page.locator("table tbody").get_by_role("link", name="Kurier").first.click()
    page.wait_for_url("**/outlets/Kurier")
    assert page.locator("h1").inner_text() == "Outlet: Kurier"
    statements = page.locator(".counts div", has_text="Statements").locator("a")
    shown = count(statements.inner_text())
    statements.click()
    page.wait_for_url("**/search?outlet=Kurier")
    assert total(page) == shown


def test_the_outlet_pages_in_german(browser, server: LiveServer) -> None:
    for german in open_page(browser, server, DESKTOP, locale="de-DE"):
        german.goto("/outlets")
        assert german.locator("h1").inner_text() == "Zeitungen und Sender"
        german.get_by_role("link", name="Die Presse").click()
        assert german.locator("h1").inner_text() == "Zeitung/Sender: Die Presse"
        assert german.get_by_role("heading", name="Aussagen pro Monat").is_visible()
        assert "weiblich" in german.locator("ul.key").inner_text()


def test_an_analyzed_text_downloads_its_statements(page) -> None:
    page.goto("/analyze")
    page.get_by_label("Paste German news text").fill(
        "„Wir sind bereit“, sagte Anna Schmidt am Montag in Wien."
    )
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector(".article-text .hl-message")
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "Wir sind bereit" in data.decode("utf-8-sig")

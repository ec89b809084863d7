"""The web app in a real browser: Debian's chromium, headless, driven by Playwright, against a live
server process on a random loopback port.

Skips with the reason when Playwright for Python or /usr/bin/chromium is missing (``.ci/run``
installs chromium; ``playwright install`` is never needed).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .fixtures import XSS_NAME, XSS_TITLE
from .live import CHROMIUM, LiveServer, chromium

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
PAGES = {"overview": "/", "search": "/search?q=Ukraine", "article": "/articles/nato-gipfel",
         "speaker": "/speakers/{gewessler}", "review": "/speakers/{gewessler}/review", "analyze": "/analyze",
         "docs": "/docs", "articles": "/articles/", "outlets": "/outlets", "outlet": "/outlets/Der%20Standard",
         "search-facets": "/search?q=Ukraine&outlet=Der%20Standard"}  # fmt: skip

if not shutil.which(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser(live_server: LiveServer) -> Iterator:
    with chromium() as browser:
        yield browser


@pytest.fixture()
def page(browser, live_server: LiveServer) -> Iterator:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.dialogs = []  # any alert/confirm/prompt means injected code ran
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def test_search_to_article_to_highlighted_statement_to_speaker(page) -> None:
    page.goto("/search")
    page.get_by_label("Words in the message").fill("Ukraine")
    page.get_by_text("More filters").click()  # the filters fold away until asked for
    page.get_by_label("Form").select_option("Direct")
    page.get_by_role("button", name="Search").click()  # the form sends every field, empty ones too
    page.wait_for_url("**/search?q=Ukraine*")
    hits = page.locator("ol.hits > li.hit")
    assert hits.count() == 1
    hits.first.get_by_role("link", name="Nato-Gipfel in Brüssel").click()
    page.wait_for_url("**/articles/nato-gipfel*")
    statement = page.locator("#t-s1")
    assert "hl-message" in statement.get_attribute("class")
    page.locator("#li-s1 a.jump").click()  # the statement list moves focus to the statement
    assert page.evaluate("document.activeElement.id") == "t-s1"
    tip = page.locator("#tip")
    assert tip.is_visible() and "form: Direct" in tip.inner_text() and "Stoltenberg" in tip.inner_text()
    assert page.locator("#li-s1").get_attribute("class") == "active"
    page.locator("#li-s1 .who a").click()
    page.wait_for_url("**/speakers/**")
    assert "Stoltenberg" in page.locator("h1").inner_text()
    assert page.locator("ol.hits > li").count() == 1


def test_speaker_page_links_other_speakers_and_the_review_by_keyboard(page, live_server: LiveServer) -> None:
    page.goto(f"/speakers/{live_server.speaker_ids['gewessler']}")
    others = page.get_by_role("region", name="Other speakers in the same articles")
    assert "(1 article)" in others.inner_text()
    page.get_by_role("link", name="Review name variants").click()
    page.wait_for_url("**/review")
    assert page.locator("table.table tbody tr").count() == 1  # one name variant
    # the merge form by keyboard alone; an unknown speaker is refused and the archive stays as it is
    page.get_by_label("Speaker (id or name)").focus()
    page.keyboard.type("Niemand")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "BUTTON" and focused(page)["outline"]
    page.keyboard.press("Enter")
    page.wait_for_selector("p.error")
    assert "no speaker named 'Niemand'" in page.locator("p.error").inner_text()
    page.goto(f"/speakers/{live_server.speaker_ids['gewessler']}")
    page.get_by_role("region", name="Other speakers in the same articles").get_by_role("link").first.click()
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1").inner_text() == "Die Ministerin"


def test_hovering_a_cue_shows_speaker_form_and_medium(page) -> None:
    page.goto("/articles/reform")
    cue = page.locator(".article-text .hl-cue").first
    cue.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "cue · speaker:" in tip.inner_text() and "medium: Speech" in tip.inner_text()
    # told apart by shape, not colour alone
    styles = page.evaluate("""() => ['cue', 'source', 'addressee'].map(r => {
        const el = document.querySelector('.legend .hl-' + r), s = getComputedStyle(el);
        return [s.textDecorationStyle, s.fontWeight, s.fontStyle].join(' ');
    })""")
    assert len(set(styles)) == 3


def test_analyze_pasted_text(page) -> None:
    page.goto("/analyze")
    page.get_by_label("Paste German news text").fill(
        "„Wir sind bereit“, sagte Nato-Generalsekretär Jens Stoltenberg am Montag. Er sagte der Zeitung, "
        "dass Merkel gesagt habe, „es reicht“."
    )
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector(".article-text .hl-cue")
    assert page.locator(".article-text .hl-cue").first.inner_text() == "sagte"
    assert "Stoltenberg" in page.locator(".article-text .hl-source").first.inner_text()
    assert page.locator("ol.statements > li").count() >= 2


def xss_pages(live_server: LiveServer) -> list[str]:
    return [
        "/articles/xss",
        "/search?q=Test",
        "/",
        "/speakers",
        f"/speakers/{live_server.speaker_ids['xss_speaker']}",
    ]


def assert_inert(page) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    assert page.locator('a[href^="javascript:"]').count() == 0


def test_xss_payloads_in_text_title_url_and_speaker_name_stay_inert(page, live_server: LiveServer) -> None:
    for path in xss_pages(live_server):
        page.goto(path)
        page.locator("a").first.focus()
        for el in page.locator(".hl").all()[:5]:
            el.hover()
        assert_inert(page)
    page.goto("/articles/xss")
    assert page.locator("h1").inner_text() == XSS_TITLE  # shown as text, not parsed
    assert "javascript:" in page.locator(".meta .url").inner_text()
    page.goto(f"/speakers/{live_server.speaker_ids['xss_speaker']}")
    assert page.locator("h1").inner_text() == XSS_NAME
    page.goto("/analyze")
    page.get_by_label("Paste German news text").fill(
        "„<img src=x onerror=alert(1)> <script>alert(2)</script>“, sagte die Sprecherin am Dienstag."
    )
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector(".article-text")
    assert "<script>alert(2)</script>" in page.locator(".article-text").inner_text()
    assert_inert(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_layout_fits_the_width_and_screenshots_are_written(
    browser, live_server: LiveServer, width: int
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        for name, path in PAGES.items():
            page.goto(path.format(**live_server.speaker_ids))
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        page.goto("/articles/nato-gipfel")
        text, aside = page.locator(".text-col").bounding_box(), page.locator(".list-col").bounding_box()
        if width >= 1000:
            assert aside["x"] > text["x"] + text["width"] - 1  # statement list beside the text
        else:
            assert aside["y"] >= text["y"] + text["height"] - 1  # stacked below on a phone
    finally:
        context.close()


def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement, s = getComputedStyle(el), r = el.getBoundingClientRect();
        return {tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 40), id: el.id,
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                visible: r.width > 0 && r.height > 0};
    }""")


@pytest.mark.parametrize("path", PAGES.values())
def test_keyboard_reaches_everything_in_order_with_visible_focus(
    page, live_server: LiveServer, path: str
) -> None:
    page.goto(path.format(**live_server.speaker_ids))
    stops = []
    for _ in range(14):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["tag"] == "BODY":
            break
        assert stop["outline"] and stop["visible"], f"focus not visible on {stop} at {path}"
        stops.append(stop["text"])
    assert stops[:9] == [
        "Skip to content",
        "zitat",
        "Overview",
        "Search",
        "Speakers",
        "Articles",
        "Outlets",
        "Clusters",
        "Analyze",
    ]


def test_keyboard_focus_on_a_statement_shows_its_details(page) -> None:
    page.goto("/articles/nato-gipfel")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link moves focus to the content
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "t-s1":
            break
    assert page.evaluate("document.activeElement.id") == "t-s1"
    assert "Stoltenberg" in page.locator("#tip").inner_text()
    page.keyboard.press("Escape")
    assert page.locator("#tip").is_hidden()

"""The cluster page in a real browser (Debian's chromium, headless, driven by Playwright): from an
article to its statement's cluster, with the timeline, outlets and highlighted word diffs.

Skips with the reason when Playwright for Python or /usr/bin/chromium is missing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from zitat.web.commands import serve_argv

from .live import CHROMIUM, LiveServer, chromium, free_port, start
from .test_clusters import tracked_archive

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")

SCREENSHOT = os.environ.get("ZITAT_CLUSTER_SCREENSHOT")  # a path: save the cluster page there

if not shutil.which(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tracked_archive(tmp_path_factory.mktemp("browser-clusters") / "tracked.db")
    port = free_port()
    live = start(serve_argv("--db", path, "--port", str(port)), port)
    yield live
    live.stop()


@pytest.fixture()
def page(server: LiveServer) -> Iterator:
    with chromium() as browser:
        context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page


def test_from_an_article_to_the_cluster_page(page) -> None:
    page.goto("/articles/jw-1")
    page.get_by_role("link", name="Trace across outlets").click()
    page.wait_for_url("**/clusters/*")
    expect = playwright_api.expect
    expect(page.get_by_role("heading", level=1)).to_have_text("One statement across 6 outlets")
    expect(page.locator(".variants ins.diff-added")).to_have_text("niemals")
    expect(page.locator(".variants del.diff-removed")).to_have_text(
        "und zwar nach klaren Regeln für alle Länder"
    )
    timeline = page.get_by_role("table").first
    expect(timeline.locator("tbody tr")).to_have_count(4)
    expect(timeline.locator("tbody tr").first).to_contain_text("Tagesspiegel, Zeit")
    expect(page.locator("tr.altered")).to_contain_text("journalistenwatch")
    expect(page.get_by_text("possible misquote").first).to_be_visible()
    if SCREENSHOT:
        page.screenshot(path=SCREENSHOT, full_page=True)
    page.get_by_role("link", name="Clusters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statement clusters")
    expect(page.locator("table.clusters tbody tr")).to_have_count(1)


def test_an_unknown_cluster_is_a_clear_error_page(page) -> None:
    answer = page.goto("/clusters/424242")
    assert answer is not None and answer.status == 404
    playwright_api.expect(page.locator("main")).to_contain_text("no cluster 424242")

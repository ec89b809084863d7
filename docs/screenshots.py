"""Screenshots of every page of the web app at 1280 and 375 px, as docs/web.md describes them.

Starts ``zitat serve`` on a free loopback port and drives Debian's chromium (``/usr/bin/chromium``, or
``$ZITAT_CHROMIUM``) with Playwright for Python; no browser is downloaded. Without ``--db`` it serves
a demo archive built from the web tests' hand-written German articles (tests/web/fixtures.py). The
PNG files go to ``screenshots/`` (git-ignored), named ``PAGE-WIDTH.png``.

    .venv/bin/python docs/screenshots.py
    .venv/bin/python docs/screenshots.py --db zitat.db --out /tmp/shots
    .venv/bin/python docs/screenshots.py --out docs/screenshots --quantize   # the committed set

``--quantize`` reduces each PNG to at most 256 colours with ``pngquant`` (Debian package), a
quarter to a third of the size.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.tracking.fixtures import store  # noqa: E402
from tests.tracking.test_update import spahn_coverage  # noqa: E402
from tests.web.fixtures import dated_reports, extracted_articles  # noqa: E402
from tests.web.live import CHROMIUM, CHROMIUM_ARGS, free_port, start  # noqa: E402

from zitat.store import open_archive  # noqa: E402
from zitat.tracking import cluster_archive  # noqa: E402
from zitat.web.commands import serve_argv  # noqa: E402

WIDTHS = (1280, 375)
HEIGHTS = {1280: 900, 375: 667}  # the window: a laptop's, a phone's
# pages captured to this many window heights from the top, not in full: the API reference is one long
# table (7,500 px at 1280, 18,000 at 375: about 260 KB each even quantized)
FIRST_SCREENS = {"docs": 3}
SAMPLE = (
    "„Wir werden die Ukraine unterstützen, solange es nötig ist“, sagte Nato-Generalsekretär Jens "
    "Stoltenberg am Mittwoch in Brüssel. Er sagte der Zeitung, das Bündnis sei geschlossen.\n\n"
    "Die Ministerin erklärte am Montag, die Reform komme im Herbst."
)


def demo_archive(folder: Path) -> Path:
    """The web tests' German articles and dated reports, extracted with the rules model, and the
    tracking tests' coverage of one quote by several outlets, clustered."""
    from zitat.web.archive import StoreArchive
    from zitat.web.extraction import ExtractionWorker

    worker = ExtractionWorker("rules")
    try:
        records = extracted_articles(worker) + [worker.extract(report) for report in dated_reports()]
    finally:
        worker.stop()
    db = folder / "demo.db"
    StoreArchive(str(db)).ingest(records)
    with open_archive(db) as archive:
        store(archive, *spahn_coverage())
        cluster_archive(archive.db)
    return db


def pages(url: str) -> dict[str, str]:
    """Every page, with an article, a speaker and a search word taken from the archive itself."""
    hits = httpx.get(f"{url}/api/statements", params={"limit": 50}).json()["items"]
    # a statement with something to show (and not one of the tests' XSS payloads)
    plain = [h for h in hits if "<" not in (h["message"] or "") + (h["title"] or "")]
    hit = sorted(plain, key=lambda h: -len(h["message"] or ""))[:1]
    speaker = httpx.get(f"{url}/api/speakers", params={"limit": 1}).json()["items"]
    clusters = httpx.get(f"{url}/api/clusters", params={"limit": 1}).json()["items"]
    found = {"overview": "/", "search": "/search", "speakers": "/speakers", "analyze": "/analyze",
             "docs": "/docs", "error": "/articles/no-such-article", "overview-de": "/?lang=de",
             "search-error": "/search?since=31.02.2024", "articles": "/articles/",
             "outlets": "/outlets", "authors": "/authors", "clusters": "/clusters"}  # fmt: skip
    if hit:
        word = max((hit[0]["message"] or "Tempo").split(), key=len).strip("„“,.")
        found["search"] = "/search?q=" + quote(word)
        found["article"] = hit[0]["link"]
        found["article-de"] = hit[0]["link"].replace("#", "?lang=de#")
        if hit[0].get("outlet"):
            found["outlet"] = "/outlets/" + quote(hit[0]["outlet"], safe="")
    if authored := [h for h in plain if h.get("author")]:
        found["author"] = "/authors/" + quote(authored[0]["author"].split(", ")[0], safe="")
    if clusters:
        found["cluster"] = f"/clusters/{clusters[0]['id']}"
    if speaker:
        found["speaker"] = "/speakers/" + quote(speaker[0]["id"], safe="")
        found["review"] = found["speaker"] + "/review"
    return found


def capture(url: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for width in WIDTHS:
            height = HEIGHTS[width]
            context = browser.new_context(
                base_url=url, viewport={"width": width, "height": height}, locale="en-GB"
            )
            page = context.new_page()
            for name, path in pages(url).items():
                context.clear_cookies()  # a German page sets the language cookie: English unless asked
                page.goto(path)
                written.append(out / f"{name}-{width}.png")
                screens = FIRST_SCREENS.get(name)
                clip = {"x": 0, "y": 0, "width": width, "height": height * screens} if screens else None
                page.screenshot(path=str(written[-1]), full_page=True, clip=clip)
            context.clear_cookies()
            page.goto("/analyze")  # the result of an analysis, marked up
            page.get_by_label("Paste German news text").fill(SAMPLE)
            page.get_by_role("button", name="Analyze").click()
            page.wait_for_selector(".article-text")
            written.append(out / f"analyze-result-{width}.png")
            page.screenshot(path=str(written[-1]), full_page=True)
            context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="archive to show (default: a demo archive of German fixture articles)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "screenshots", help="folder (default: screenshots/)"
    )
    parser.add_argument("--quantize", action="store_true", help="shrink the PNGs with pngquant")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"screenshots: no chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 1
    if args.quantize and not shutil.which("pngquant"):
        print("screenshots: --quantize needs pngquant (apt-get install pngquant)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(demo_archive(Path(folder)))
        port = free_port()
        server = start(serve_argv("--db", db, "--port", str(port), "--model", "rules"), port)
        try:
            written = capture(server.url, args.out)
        finally:
            server.stop()
    for path in written:
        if args.quantize:
            quantize = ["pngquant", "--quality=0-85", "--speed", "1", "--strip", "--force", "--ext", ".png"]
            subprocess.run([*quantize, str(path)], check=True)
        print(f"{path}  {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

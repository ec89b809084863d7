"""RSS and Atom feeds (feedparser): one article per entry, from its content or else its summary."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zitat.document import DocumentMeta
from zitat.ingest.article import Article, Failure, author_text
from zitat.ingest.readers import InputProblem, check_text

FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|tr)>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
BLANK_LINES = re.compile(r"\n\s*\n\s*")
EMAIL_AND_NAME = re.compile(r"^\s*[^\s@()]+@[^\s@()]+\s*\(([^()]+)\)\s*$")


def looks_like_feed(head: bytes) -> bool:
    """An XML document whose root is an RSS, Atom or RDF feed (judged from its first bytes)."""
    start = head.lstrip().lower()
    if start.startswith(b"<?xml"):
        return any(marker in start for marker in FEED_MARKERS)
    return start.startswith(FEED_MARKERS)


def html_fragment_text(fragment: str) -> str:
    """Plain text of an entry's HTML: block ends become paragraph breaks, tags go, entities resolve."""
    text = TAG.sub("", BLOCK_END.sub("\n\n", fragment))
    return BLANK_LINES.sub("\n\n", html.unescape(text)).strip()


def _iso_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def _authors(item: Any) -> str | None:
    """The names of an entry's (or feed's) authors: RSS ``author`` and ``dc:creator``, Atom ``author``.

    feedparser lists them in ``authors``; an RSS author given by e-mail address only is that address.
    """
    people = [a for a in item.get("authors") or [] if isinstance(a, dict)]
    names = [a.get("name") or a.get("email") for a in people]
    raw = item.get("author")
    # RSS "address (Name)": feedparser cuts addresses with a long top-level domain (.example) short
    spelled = EMAIL_AND_NAME.match(raw) if isinstance(raw, str) and len(people) <= 1 else None
    return author_text([spelled.group(1)] if spelled else names) or author_text(raw)


def _entry_body(entry: Any) -> str:
    contents = entry.get("content") or []
    body = max((c.get("value", "") for c in contents), key=len, default="")
    return html_fragment_text(body or entry.get("summary", ""))


def read_feed(data: bytes, source: str) -> Iterator[Article | Failure]:
    """Articles of one RSS/Atom document; a feed without entries is one failure."""
    import feedparser  # imported here: only feed inputs pay for it

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        reason = f"not a readable feed ({problem})" if feed.bozo and problem else "feed has no entries"
        yield Failure(source, reason)
        return
    outlet = feed.feed.get("title") or None
    # in Atom an entry without an author has the feed's; an RSS channel's author is its editor
    feed_author = _authors(feed.feed) if str(feed.get("version", "")).startswith("atom") else None
    stem = Path(source).stem
    for number, entry in enumerate(feed.entries, 1):
        where = f"{source}#{number}"
        meta = DocumentMeta(
            id=f"{stem}-{number}",
            title=entry.get("title") or None,
            url=entry.get("link") or None,
            published=_iso_date(entry),
            outlet=outlet,
            author=_authors(entry) or feed_author,
        )
        try:
            yield Article(check_text(_entry_body(entry)), meta, where)
        except InputProblem as problem:
            yield Failure(where, str(problem))

"""Every reader finds the article's author where its format keeps it, and a bad author value is dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zitat.ingest.article import Article, Failure, author_text
from zitat.ingest.readers import meta_author
from zitat.ingest.sources import Extracted, InputSet

from .pages import PARAGRAPHS, warc_bytes

GERMAN = "„Wir sind bereit“, sagte der Minister am Montag in Berlin. Er sagte, die Regierung werde handeln."
BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def articles(*paths: Path) -> list[Article]:
    found: list[Article | Extracted | Failure] = [item for item, _ in InputSet(str(p) for p in paths)]
    assert all(isinstance(item, Article) for item in found), found
    return found  # type: ignore[return-value]


def page(head: str, byline: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Nahverkehr</title>{head}</head>'
        f"<body><nav><a href='/'>Startseite</a></nav><main><article><h1>Nahverkehr</h1>{byline}{BODY}"
        "</article></main><footer>Impressum</footer></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "byline", "author"),
    [
        ('<meta name="author" content="Anna Schmidt">', "", "Anna Schmidt"),
        # trafilatura joins several names with "; ": stored with the archive's one separator
        ('<meta name="author" content="Anna Schmidt, Peter Müller">', "", "Anna Schmidt, Peter Müller"),
        # attributes in any order and case; entities resolved
        ("<META CONTENT='J&uuml;rgen &Ouml;zt&uuml;rk' NAME='Author'>", "", "Jürgen Öztürk"),
        # an agency byline that trafilatura drops comes from the meta tag
        ('<meta name="author" content="dpa">', "", "dpa"),
        ("", '<p class="byline">Von <span class="author">Julia Weiß</span></p>', "Julia Weiß"),
        ('<meta name="author" content="https://social.example/julia">', "", None),
        ('<meta name="author" content="  ">', "", None),
        ('<meta name="description" content="Anna Schmidt">', "", None),
    ],
)
def test_html_author_from_byline_or_meta_tag(
    tmp_path: Path, head: str, byline: str, author: str | None
) -> None:
    path = tmp_path / "seite.html"
    path.write_text(page(head, byline), encoding="utf-8")
    [article] = articles(path)
    assert article.meta.author == author


def test_meta_author_ignores_the_body() -> None:
    assert meta_author('<head></head><body><meta name="author" content="Leser123"></body>') is None
    assert meta_author("<meta name=author content=Redaktion>") == "Redaktion"


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Stadtanzeiger</title><managingEditor>chef@stadtanzeiger.example (Chefredaktion)</managingEditor>
<item><title>Eins</title><dc:creator>Anna Schmidt</dc:creator><description><![CDATA[<p>{PARAGRAPHS[0]}</p>]]></description></item>
<item><title>Zwei</title><dc:creator>Anna Schmidt</dc:creator><dc:creator>Peter Müller</dc:creator>
<description><![CDATA[<p>{PARAGRAPHS[1]}</p>]]></description></item>
<item><title>Drei</title><author>julia@stadtanzeiger.example (Julia Weiß)</author>
<description><![CDATA[<p>{PARAGRAPHS[2]}</p>]]></description></item>
<item><title>Vier</title><description><![CDATA[<p>{GERMAN}</p>]]></description></item>
</channel></rss>"""


def test_rss_author_from_dc_creator_or_author_not_the_channel_editor(tmp_path: Path) -> None:
    path = tmp_path / "stadt.rss"
    path.write_text(RSS, encoding="utf-8")
    authors = [a.meta.author for a in articles(path)]
    assert authors == ["Anna Schmidt", "Anna Schmidt, Peter Müller", "Julia Weiß", None]


ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Landesblatt</title><id>urn:landesblatt</id>
<updated>2024-06-01T12:00:00Z</updated><author><name>Landesblatt-Redaktion</name></author>
<entry><title>Eins</title><id>urn:1</id><updated>2024-06-01T12:00:00Z</updated>
<author><name>Peter Brandt</name><email>brandt@landesblatt.example</email></author>
<author><name>Anna Schmidt</name></author>
<content type="html">&lt;p&gt;{PARAGRAPHS[0]}&lt;/p&gt;</content></entry>
<entry><title>Zwei</title><id>urn:2</id><updated>2024-06-01T12:00:00Z</updated>
<content type="html">&lt;p&gt;{PARAGRAPHS[1]}&lt;/p&gt;</content></entry>
</feed>"""


def test_atom_author_names_and_the_feed_author_for_entries_without(tmp_path: Path) -> None:
    path = tmp_path / "landesblatt.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = articles(path)
    assert first.meta.author == "Peter Brandt, Anna Schmidt"
    assert second.meta.author == "Landesblatt-Redaktion"  # Atom: an entry without author has the feed's


@pytest.mark.parametrize(
    ("value", "author"),
    [
        ("Anna Schmidt", "Anna Schmidt"),
        ("  Anna   Schmidt ", "Anna Schmidt"),
        (["Anna Schmidt", "Peter Müller"], "Anna Schmidt, Peter Müller"),
        (["Anna Schmidt", 7, None, "", "Anna Schmidt"], "Anna Schmidt"),
        ([], None),
        ("", None),
        (None, None),
        (42, None),
        (3.5, None),
        (True, None),
        ({"name": "Anna Schmidt"}, None),
        ([["Anna Schmidt"]], None),
    ],
)
def test_jsonl_author_string_list_or_dropped(tmp_path: Path, value: object, author: str | None) -> None:
    path = tmp_path / "artikel.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": GERMAN, "author": value}) + "\n", encoding="utf-8")
    [article] = articles(path)
    assert article.meta.author == author and article.meta.id == "a1"
    assert author_text(value) == author


def test_jsonl_without_author_and_plain_text_have_none(tmp_path: Path) -> None:
    jsonl = tmp_path / "artikel.jsonl"
    jsonl.write_text(json.dumps({"text": GERMAN}) + "\n", encoding="utf-8")
    text = tmp_path / "meldung.txt"
    text.write_text(f"Von Anna Schmidt\n\n{GERMAN}", encoding="utf-8")
    assert [a.meta.author for a in articles(jsonl, text)] == [None, None]


def test_warc_page_author_as_in_html(tmp_path: Path) -> None:
    html = page('<meta name="author" content="Maria Lehmann">').encode()
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        warc_bytes([("https://stadtanzeiger.example/a", html, "text/html; charset=utf-8")], True)
    )
    [article] = articles(path)
    assert article.meta.author == "Maria Lehmann" and article.meta.url == "https://stadtanzeiger.example/a"

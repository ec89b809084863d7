"""Hand-written German web fixtures: a news page with navigation and comments, feeds, WARC records."""

from __future__ import annotations

import io
from datetime import UTC, datetime

PARAGRAPHS = [
    "Die Stadt Leipzig will den Nahverkehr bis 2030 deutlich ausbauen. Der Stadtrat hat am Mittwoch "
    "einen entsprechenden Plan mit großer Mehrheit beschlossen.",
    "„Wir investieren so viel wie nie zuvor in Busse und Bahnen“, sagte Oberbürgermeisterin Maria Lehmann "
    "nach der Sitzung. Die Opposition kritisierte, die Finanzierung sei noch nicht gesichert.",
    "Nach Angaben der Verwaltung sollen zunächst drei neue Straßenbahnlinien entstehen. Die Bauarbeiten "
    "beginnen voraussichtlich im kommenden Frühjahr.",
]


def news_page(title: str = "Leipzig baut den Nahverkehr aus", paragraphs: list[str] | None = None) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{title} | Stadtanzeiger</title>
<meta property="og:site_name" content="Stadtanzeiger">
<meta name="date" content="2024-05-08"></head>
<body>
<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/kultur">Kultur</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
{body}
</article></main>
<section class="comments"><h2>Kommentare</h2>
<div class="comment"><p>Leser123: Endlich passiert etwas, das wurde aber auch Zeit, finde ich persönlich.</p></div>
</section>
<footer><p>Impressum · Datenschutz · Kontakt · Abo</p></footer>
</body></html>"""


EMPTY_PAGE = """<!DOCTYPE html><html><head><title>Start</title></head><body>
<nav><a href="/">Startseite</a> <a href="/login">Anmelden</a></nav></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Stadtanzeiger</title><link>https://stadtanzeiger.example/</link>
<item><title>Leipzig baut aus</title><link>https://stadtanzeiger.example/leipzig</link>
<pubDate>Wed, 08 May 2024 10:00:00 +0200</pubDate>
<description>Kurzfassung</description>
<content:encoded><![CDATA[{first}]]></content:encoded></item>
<item><title>Neue Linien</title><link>https://stadtanzeiger.example/linien</link>
<pubDate>Thu, 09 May 2024 08:30:00 +0200</pubDate>
<description><![CDATA[{second}]]></description></item>
</channel></rss>""".format(
    first="".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]), second=f"<p>{PARAGRAPHS[2]}</p>"
)

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Landesblatt</title><id>urn:landesblatt</id>
<updated>2024-06-01T12:00:00Z</updated>
<entry><title>Haushalt beschlossen</title><link href="https://landesblatt.example/haushalt"/>
<id>urn:landesblatt:1</id><updated>2024-06-01T12:00:00Z</updated>
<content type="html">&lt;p&gt;Der Landtag hat den Haushalt für das kommende Jahr beschlossen. „Das ist ein guter Tag für
das Land“, sagte Finanzminister Peter Brandt am Freitag.&lt;/p&gt;</content></entry>
</feed>"""

EMPTY_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Leer</title></channel></rss>"""


def warc_bytes(pages: list[tuple[str, bytes, str]], gzip: bool) -> bytes:
    """A WARC shaped like a crawl: warcinfo, then per page a request and a response, plus an image."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "zitat-tests"}))
    stamp = datetime(2024, 5, 9, 7, 0, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for url, body, content_type in pages:
        request = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "stadtanzeiger.example")], is_http_request=True
        )
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": stamp},
        )
        writer.write_record(record)
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    payload = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    writer.write_record(
        writer.create_warc_record(
            "https://stadtanzeiger.example/logo.png", "response", payload=payload, http_headers=image
        )
    )
    return out.getvalue()

"""Hand-written German articles (some carrying XSS payloads) and an in-memory archive that honours
``zitat.web.archive.ArchiveView``, so the web layer is tested on its own (also by memory_server.py)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from zitat.document import DocumentMeta
from zitat.ingest.article import Article
from zitat.store.filters import DEFAULT_SORT, Filters
from zitat.web.archive import Page, Record, statement_link
from zitat.web.extraction import ExtractionWorker

XSS_TITLE = '<script>window.__pwned = "title"</script>Gipfel'
XSS_URL = "javascript:window.__pwned='url'"
XSS_NAME = "<img src=x onerror=\"window.__pwned='name'\">Sprecherin"
XSS_TEXT = "<script>window.__pwned='text'</script>"
XSS_AUTHOR = "<script>window.__pwned='author'</script>Redaktion"

ARTICLES = [
    Article(
        "„Wir werden die Ukraine unterstützen, solange es nötig ist“, sagte Nato-Generalsekretär Jens "
        "Stoltenberg am Mittwoch in Brüssel. Er sagte der Zeitung, das Bündnis sei geschlossen.",
        DocumentMeta(
            id="nato-gipfel",
            title="Nato-Gipfel in Brüssel",
            url="https://example.org/nato",
            published="2024-03-06",
            outlet="Der Standard",
            author="Anna Schmidt, Peter Müller",
        ),
        "fixture",
    ),
    Article(
        "Die Ministerin erklärte am Montag, die Reform komme im Herbst. „Wir haben lange verhandelt“, "
        "sagte Leonore Gewessler in Wien.",
        DocumentMeta(
            id="reform",
            title="Reform kommt",
            url="https://example.org/reform",
            published="2024-04-02",
            outlet="Die Presse",
        ),
        "fixture",
    ),
    Article(
        f"„Das ist ein Test {XSS_TEXT} mit javascript:alert(1)“, sagte die Sprecherin am Dienstag. "
        "Sie sagte, man prüfe alle Angebote.",
        DocumentMeta(
            id="xss",
            title=XSS_TITLE,
            url=XSS_URL,
            published="2024-04-09",
            outlet="<b>Outlet</b>",
            author=XSS_AUTHOR,
        ),
        "fixture",
    ),
]


REPORTERS = ("Jürgen Öztürk", "Anna Schmidt", "Karin Weiß")
OUTLETS = ("Der Standard", "Die Presse", "Kurier")
TOPICS = ("Klimaschutz", "Pflegereform", "Bahnausbau", "Wohnbau", "Bildung")


def dated_reports(count: int = 30) -> list[Article]:
    """``count`` short reports, one a fortnight from January 2023, each with a direct quote and an indirect
    statement about its topic (for paging, ordering, exports and the time charts)."""
    reports = []
    for n in range(count):
        speaker, topic = REPORTERS[n % len(REPORTERS)], TOPICS[n % len(TOPICS)]
        year, fortnight = 2023 + n // 24, n % 24
        text = (
            f"„Beim Thema {topic} brauchen wir endlich mehr Tempo“, sagte {speaker} am Montag in Wien.\n"
            f"{speaker.split()[-1]} forderte, die Regierung müsse bis zum Sommer einen Entwurf vorlegen. "
            f"Meldung {n + 1}."
        )
        meta = DocumentMeta(
            id=f"meldung-{n + 1}",
            title=f"{topic}: Meldung {n + 1}",
            url=f"https://example.org/meldung/{n + 1}",
            published=f"{year}-{1 + fortnight // 2:02d}-{1 + 14 * (fortnight % 2):02d}",
            outlet=OUTLETS[n % len(OUTLETS)],
            author="Eva Huber",
        )
        reports.append(Article(text, meta, "fixture"))
    return reports


def extracted_articles(extractor: ExtractionWorker) -> list[Record]:
    """The fixture articles in the JSON contract; the spokeswoman resolves to a speaker named XSS_NAME."""
    records = [extractor.extract(article) for article in ARTICLES]
    for record in records:  # this double names speakers after their mention (resolution is tested elsewhere)
        for stmt in record["statements"]:
            stmt["speaker"] = None
    for stmt in records[-1]["statements"]:
        if (stmt["source"] or {}).get("text") == "die Sprecherin":
            stmt["speaker"] = {
                "id": "sprecherin",
                "name": XSS_NAME,
                "type": "person",
                "gender": "female",
                "role": "<i>Sprecherin</i>",
            }
    return records


def slug(name: str) -> str:
    return re.sub(r"\W+", "-", name.lower()).strip("-") or "unknown"


class MemoryArchive:
    """A small archive kept in memory; speakers are named after their source mention."""

    def __init__(self) -> None:
        self.documents: dict[str, Record] = {}

    def ingest(self, records: list[Record]) -> Record:
        ids, duplicates = [], 0
        for doc in records:
            doc_id = doc["document"]["id"]
            if doc_id in self.documents:
                duplicates += 1
                continue
            for stmt in doc["statements"]:
                source = (stmt["source"] or {}).get("text")
                if source and stmt["speaker"] is None:
                    stmt["speaker"] = {
                        "id": slug(source),
                        "name": source,
                        "type": "person",
                        "role": None,
                        "gender": "unknown",
                    }
            self.documents[doc_id] = doc
            ids.append(doc_id)
        return {"ingested": len(ids), "duplicates": duplicates, "document_ids": ids}

    def hits(self) -> list[Record]:
        out = []
        for doc_id, doc in self.documents.items():
            meta = doc["document"]
            for stmt in doc["statements"]:
                out.append(
                    {
                        "id": f"{doc_id}/{stmt['id']}",
                        "document_id": doc_id,
                        "statement": stmt["id"],
                        "link": statement_link(doc_id, stmt["id"]),
                        "title": meta["title"],
                        "outlet": meta["outlet"],
                        "author": meta.get("author"),
                        "published": meta["published"],
                        "url": meta["url"],
                        "speaker": stmt["speaker"],
                        "source": (stmt["source"] or {}).get("text"),
                        "form": stmt["form"],
                        "medium": stmt["medium"],
                        "confidence": stmt["confidence"],
                        "cue": (stmt["cue"] or {}).get("text"),
                        "message": (stmt["message"] or {}).get("text"),
                        "addressee": (stmt["addressee"] or {}).get("text"),
                        "frame": (stmt["frame"] or {}).get("text"),
                    }
                )
        return out

    def search(self, filters: Filters, limit: int, offset: int, sort: str = DEFAULT_SORT) -> Page:
        found = list(self.statements(filters, sort))
        return Page(len(found), found[offset : offset + limit])

    def statements(self, filters: Filters, sort: str = DEFAULT_SORT) -> Iterator[Record]:
        def keep(hit: Record) -> bool:
            speaker = hit["speaker"] or {}
            return all(
                (
                    not filters.query or filters.query.lower() in (hit["message"] or "").lower(),
                    not filters.speaker or filters.speaker in (speaker.get("id"), speaker.get("name")),
                    not filters.type or speaker.get("type") == filters.type,
                    not filters.form or hit["form"] == filters.form,
                    not filters.outlet or hit["outlet"] == filters.outlet,
                    not filters.author or filters.author in (hit["author"] or "").split(", "),
                    not filters.since or (hit["published"] or "") >= filters.since,
                    not filters.until or (hit["published"] or "9999") <= filters.until,
                    not filters.min_confidence or hit["confidence"] >= float(filters.min_confidence),
                )
            )

        found = [hit for hit in self.hits() if keep(hit)]
        # the archive's orders (zitat.store.filters.SORTS); dates are ISO text, undated hits come last
        dated = [hit for hit in found if hit["published"]]
        undated = [hit for hit in found if not hit["published"]]
        if sort == "confidence":
            dated.sort(key=lambda hit: hit["confidence"], reverse=True)
            undated.sort(key=lambda hit: hit["confidence"], reverse=True)
        else:
            dated.sort(key=lambda hit: hit["published"], reverse=sort == "newest")
        return iter(dated + undated)

    def speaker_counts(self) -> list[Record]:
        counts = Counter(h["speaker"]["id"] for h in self.hits() if h["speaker"])
        names = {h["speaker"]["id"]: h["speaker"] for h in self.hits() if h["speaker"]}
        return [
            {"id": sid, "name": names[sid]["name"], "type": names[sid]["type"], "statements": n}
            for sid, n in counts.most_common()
        ]

    def speakers(
        self, query: str | None, limit: int, offset: int, type: str | None = None, unresolved: bool = False
    ) -> Page:
        # every speaker here is named after its mention: there are none only known by one
        found = [
            s
            for s in self.speaker_counts()
            if (not query or query.lower() in (s["name"] or "").lower()) and (not type or s["type"] == type)
        ]
        return Page(len(found), found[offset : offset + limit])

    def speaker(self, speaker_id: str, unresolved: bool = False) -> Record | None:
        mine = [h for h in self.hits() if h["speaker"] and h["speaker"]["id"] == speaker_id]
        if not mine:
            return None
        docs = {h["document_id"] for h in mine}
        others = Counter(
            h["speaker"]["id"]
            for h in self.hits()
            if h["speaker"] and h["document_id"] in docs and h["speaker"]["id"] != speaker_id
        )
        names = {s["id"]: s["name"] for s in self.speaker_counts()}
        months = Counter((h["published"] or "")[:7] for h in mine)
        return {
            **mine[0]["speaker"],
            "roles": [],
            "statements": len(mine),
            "first_seen": min(h["published"] for h in mine),
            "last_seen": max(h["published"] for h in mine),
            "months": [{"month": m, "count": n} for m, n in sorted(months.items())],
            "outlets": [
                {"outlet": o, "statements": n} for o, n in Counter(h["outlet"] for h in mine).items()
            ],
            "co_speakers": [{"id": i, "name": names[i], "documents": n} for i, n in others.most_common()],
            "review_url": None,  # this archive cannot review speakers
            "merged_into": None,
        }

    def document(self, document_id: str) -> Record | None:
        return self.documents.get(document_id)

    def overview(self, filters: Filters, unresolved: bool = False) -> Record:
        hits = list(self.statements(filters))
        months = Counter((h["published"] or "")[:7] for h in hits)
        persons = [h["speaker"] for h in hits if h["speaker"]]
        genders = Counter(s["gender"] for s in persons)
        quoted = Counter(s["id"] for s in persons)
        people_genders = Counter({s["id"]: s["gender"] for s in persons}.values())
        return {
            "documents": len({h["document_id"] for h in hits}),
            "statements": len(hits),
            "speakers": len(quoted),
            "anonymous_share": 0.0,
            "months": [{"month": m, "count": n} for m, n in sorted(months.items())],
            "gender_months": [],  # by gender over time: ResearchView's, which this archive leaves out
            "top_speakers": [s for s in self.speaker_counts() if s["id"] in quoted][:10],
            "forms": dict(Counter(h["form"] for h in hits)),
            "media": dict(Counter(h["medium"] for h in hits)),
            "gender_shares": {g: n / len(persons) for g, n in genders.items()},
            "speaker_gender_shares": {g: n / len(quoted) for g, n in people_genders.items()},
        }


def first(items: list[Any]) -> Any:
    assert items, "expected at least one item"
    return items[0]

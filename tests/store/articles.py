"""Hand-written German test articles (JSONL records) for archive tests, and a CLI runner."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from zitat.store.commands import register

SPEAKERS = ["Anna Schmidt", "Peter Müller", "Julia Weiß", "Jürgen Öztürk"]
OUTLETS = ["Tagesblatt", "Morgenpost"]
TOPICS = ["Klimaschutz", "Haushalt", "Verkehrswende", "Gesundheitsreform", "Bildung"]
CORPUS_DOCUMENTS = 400  # in the ``corpus`` fixture of the fault matrix


def article(number: int) -> dict[str, Any]:
    """A distinct article with two quotes (a person's and an anonymous one) and a reported sentence."""
    speaker = SPEAKERS[number % len(SPEAKERS)]
    topic = TOPICS[number % len(TOPICS)]
    text = (
        f"Die Debatte über {topic} geht weiter. „Wir brauchen beim {topic} endlich Tempo“, sagte {speaker} "
        f"am Montag in Berlin. „Das ist mit uns nicht zu machen“, sagte ein Sprecher der Opposition. "
        f"Die Regierung will bis zum Sommer einen Entwurf vorlegen. Meldung Nummer {number}."
    )
    return {
        "id": f"art-{number}",
        "title": f"Streit um {topic} ({number})",
        "url": f"https://news.example/{number}",
        "published": f"2024-{1 + number % 6:02d}-{1 + number % 27:02d}",
        "outlet": OUTLETS[number % len(OUTLETS)],
        "text": text,
    }


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def run_cli(*argv: str) -> int:
    """Run an archive subcommand as ``zitat`` would."""
    parser = argparse.ArgumentParser(prog="zitat")
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return int(args.func(args))


def quote(
    doc_id: str, name: str, message: str, published: str | None = "2024-05-02", outlet: str = "Tagesblatt"
) -> dict[str, Any]:
    """An extracted document (the JSON contract) with one direct quote by the person ``name``: stored as
    it is, so tests choose the exact speaker name (resolution drops a title before a known first name)."""
    text = f"„{message}“, sagte {name} am Montag."
    cue = text.index("sagte")
    source = cue + len("sagte ")

    def role(start: int, end: int) -> dict[str, Any]:
        return {"text": text[start:end], "spans": [{"start": start, "end": end}]}

    document = {"id": doc_id, "title": f"Meldung {doc_id}", "url": f"https://news.example/{doc_id}",
                "published": published, "outlet": outlet, "language": "de", "text": text}  # fmt: skip
    speaker = {"id": "e0", "name": name, "type": "person", "gender": "unknown",
               "mentions": [{"start": source, "end": source + len(name)}]}  # fmt: skip
    statement = {"id": "s1", "form": "Direct", "medium": "Speech", "confidence": 0.9, "nested_in": None,
                 "cue": role(cue, cue + len("sagte")), "message": role(0, cue - 2),
                 "source": role(source, source + len(name)), "addressee": None, "frame": None,
                 "speaker": speaker}  # fmt: skip
    return {"zitat_version": "test", "model": "hand-written", "document": document, "statements": [statement]}


def said(
    doc_id: str,
    name: str | None,
    message: str,
    published: str | None,
    outlet: str,
    gender: str = "unknown",
    author: str | None = None,
) -> dict[str, Any]:
    """A one-quote document; ``name`` None: a speaker known only by the mention „Ein Sprecher“."""
    record = quote(doc_id, name or "Ein Sprecher", message, published, outlet)
    record["document"]["author"] = author
    speaker = record["statements"][0]["speaker"]
    speaker["gender"] = gender
    if name is None:
        speaker.update(name=None, type="anonymous")
    return record


# four one-quote documents for facets, timelines and the search syntax (issue #23)
RESEARCH_RECORDS = [
    said("d1", "Angela Merkel", "Die Energiewende braucht grüne Energie aus Wind", "2024-01-15",
         "Tagesblatt", "female", "Anna Schmidt, Peter Müller"),
    said("d2", "Olaf Scholz", "Wir brauchen mehr Klimaschutz in Europa", "2024-03-02", "Morgenpost",
         "male", "Peter Müller"),
    said("d3", "Olaf Scholz", "Die Energie ist grün und teuer, teuer, teuer", "2024-03-20", "Tagesblatt",
         "male"),
    said("d4", None, "Der Klimagipfel war ein Erfolg", None, "Tagesblatt"),
]  # fmt: skip


# (opening mark, closing mark, message): each document quotes one message in one style of marks
QUOTATION_MARKS = [
    ("„", "“", "Klimaschutz braucht endlich Mut"),
    ("»", "«", "Tempolimit sofort einführen"),
    ("«", "»", "Wärmepumpen werden billiger"),
    ("“", "”", "Haushaltsdisziplin bleibt oberstes Gebot"),
    ("‚", "‘", "Verkehrswende gelingt nur gemeinsam"),
    ("›", "‹", "Schuldenbremse gehört reformiert"),
    ('"', '"', "Gesundheitsreform kommt im Herbst"),
    ("’", "’", "Bildungsoffensive startet im Januar"),
]


def quoted(number: int, opening: str, closing: str, message: str) -> dict[str, Any]:
    """A one-quote document whose message is in these quotation marks (``quote`` uses „ and “)."""
    record = quote(f"q{number}", "Anna Schmidt", message, f"2024-0{number % 9 + 1}-10")
    text = record["document"]["text"]
    text = f"{opening}{message}{closing}{text[len(message) + 2 :]}"
    record["document"]["text"] = text
    record["document"]["title"] = f"Zitat {number}"
    record["statements"][0]["message"]["text"] = text[: len(message) + 2]
    return record

"""Hand-written German documents in the JSON contract, with chosen statements, for tracking tests:
stored as they are (no extraction), so each test sets the exact words, forms and speakers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zitat.store.archive import Archive


@dataclass(frozen=True)
class Said:
    """One statement: who (None: an anonymous source), the form and the message; ``source``: the words
    that name the source when they are not the speaker's name („wir“: nobody resolved)."""

    speaker: str | None
    message: str
    form: str = "Direct"
    source: str | None = None


def document(doc_id: str, outlet: str, published: str, *said: Said, url: str | None = "") -> dict[str, Any]:
    """A document whose text holds each statement as one sentence, with its spans and speaker."""
    text, statements = "", []
    for number, item in enumerate(said):
        source = item.source or item.speaker or "ein Sprecher"
        if item.form == "Direct":
            sentence = f"„{item.message}“, sagte {source}. "
            message_start = len(text) + 1
        else:
            sentence = f"{source} sagte, {item.message}. "
            message_start = len(text) + len(f"{source} sagte, ")
        source_start = len(text) + sentence.index(source)
        cue_start = len(text) + sentence.index("sagte")
        text += sentence
        speaker = (
            {"name": item.speaker, "type": "person", "gender": "unknown"}
            if item.speaker
            else {"id": "e0", "type": "unknown" if item.source else "anonymous", "gender": "unknown"}
        )
        statements.append(
            {
                "id": f"s{number + 1}",
                "form": item.form,
                "medium": "Speech",
                "confidence": 0.9,
                "nested_in": None,
                "cue": _role(text, cue_start, cue_start + len("sagte")),
                "message": _role(text, message_start, message_start + len(item.message)),
                "source": _role(text, source_start, source_start + len(source)),
                "addressee": None,
                "frame": None,
                "speaker": speaker,
            }
        )
    doc = {
        "id": doc_id,
        "title": f"Meldung {doc_id}",
        "outlet": outlet,
        "published": published,
        "language": "de",
    }
    doc["url"] = f"https://{outlet.lower()}.example/{doc_id}" if url == "" else url
    doc["text"] = text.strip()
    return {"zitat_version": "test", "model": "hand-written", "document": doc, "statements": statements}


def _role(text: str, start: int, end: int) -> dict[str, Any]:
    return {"text": text[start:end], "spans": [{"start": start, "end": end}]}


def store(archive: Archive, *documents: dict[str, Any]) -> None:
    for record in documents:
        archive.store(record, f"{record['document']['id']}.json")


def clusters_by_message(archive: Archive) -> dict[str, int | None]:
    """Each statement's message → its cluster id (messages are unique in the tests that use this)."""
    rows = archive.db.rows("SELECT message, cluster_id FROM statements")
    return {row["message"]: row["cluster_id"] for row in rows}


# one dpa quote of the health minister, as three outlets and a later blog carried it
SPAHN = "Jens Spahn"
DPA_QUOTE = "Wir werden die Impfstoffe gerecht verteilen, und zwar nach klaren Regeln für alle Länder"
SHORTENED = "Wir werden die Impfstoffe gerecht verteilen"
ALTERED = "Wir werden die Impfstoffe niemals gerecht verteilen, und zwar nach klaren Regeln für alle Länder"
FRAGMENT = "nach klaren Regeln für alle Länder"  # of the dpa quote


def fragments() -> list[dict[str, Any]]:
    """A fragment of the dpa quote credited to nobody: in an article that names Spahn (his words) and
    in one that does not (anyone's)."""
    return [
        document("fragment-1", "rubikon", "2020-12-24", Said(SPAHN, "Die Impfzentren sind bereit"),
                 Said(None, FRAGMENT)),
        document("fragment-2", "compact", "2020-12-24", Said("Markus Söder", "Bayern ist vorbereitet"),
                 Said(None, FRAGMENT)),
    ]  # fmt: skip

"""Serializations of processed documents: the JSON contract (docs/output-format.md) and a terminal table."""

from __future__ import annotations

import shutil
import textwrap
from typing import Any

from spacy.tokens import Doc

from zitat.document import ROLES, Speaker, Statement, char_spans, span_text
from zitat.version import __version__


def role_json(doc: Doc, ids: tuple[int, ...], text: str | None = None) -> dict[str, Any] | None:
    """A role's text and spans; pass ``text`` (``doc.text``) when serializing many roles, since spaCy
    joins the whole document anew on every ``doc.text``."""
    if not ids:
        return None
    spans = char_spans(doc, ids)
    text = doc.text if text is None else text
    return {"text": span_text(text, spans), "spans": [{"start": s, "end": e} for s, e in spans]}


SpeakerObjects = dict[int, dict[str, Any]]  # by id() of the Speaker: one contract object each


def speaker_json(speaker: Speaker | None, seen: SpeakerObjects | None = None) -> dict[str, Any] | None:
    """The contract's speaker object. ``seen`` shares one object among the statements of one speaker:
    its mention list grows with the article, and a copy per statement would grow with its square."""
    if speaker is None:
        return None
    if seen is not None and id(speaker) in seen:
        return seen[id(speaker)]
    out = {
        "id": speaker.id,
        "name": speaker.name,
        "type": speaker.type,
        "role": speaker.role,
        "gender": speaker.gender,
        "affiliation": speaker.affiliation,
        "country": speaker.country,
        "members": [speaker_json(m) for m in speaker.members],
        "mentions": [{"start": s, "end": e} for s, e in speaker.mentions],
    }
    if seen is not None:
        seen[id(speaker)] = out
    return out


def statement_id(index: int) -> str:
    return f"s{index + 1}"


def statement_json(
    doc: Doc,
    index: int,
    stmt: Statement,
    text: str | None = None,
    speakers: SpeakerObjects | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": statement_id(index),
        "form": stmt.form,
        "medium": stmt.medium,
        "confidence": round(float(stmt.confidence), 4),
        "nested_in": None if stmt.nested_in is None else statement_id(stmt.nested_in),
    }
    for role in ROLES:
        out[role] = role_json(doc, stmt.role(role), text)
    out["quotes"] = [role_json(doc, quote.message, text) for quote in stmt.quotes]
    out["speaker"] = speaker_json(stmt.speaker, speakers)
    return out


def document_json(doc: Doc, model: str) -> dict[str, Any]:
    """The JSON contract for one processed document."""
    meta = doc._.meta
    text = doc.text
    speakers: SpeakerObjects = {}
    statements = doc._.statements or []
    return {
        "zitat_version": __version__,
        "model": model,
        "document": {
            "id": meta.id,
            "title": meta.title,
            "url": meta.url,
            "published": meta.published,
            "outlet": meta.outlet,
            "author": meta.author,
            "language": meta.language,
            "text": text,
        },
        "statements": [statement_json(doc, i, s, text, speakers) for i, s in enumerate(statements)],
    }


def _speaker_label(doc: Doc, stmt: Statement, text: str) -> str:
    mention = role_json(doc, stmt.source, text)
    mention_text = mention["text"] if mention else ""
    name = stmt.speaker.name if stmt.speaker and stmt.speaker.name else None
    if stmt.speaker and stmt.speaker.type == "anonymous":
        name = f"[anonymous] {name or ''}".strip()
    if name and mention_text and name != mention_text:
        return f"{name} ({mention_text})"
    return name or mention_text or "–"


def table(doc: Doc, width: int | None = None) -> str:
    """A readable who-said-what table for a terminal."""
    width = width or min(shutil.get_terminal_size((120, 20)).columns, 160)
    meta = doc._.meta
    head = f"{meta.id}" + (f" — {meta.title}" if meta.title else "")
    statements = doc._.statements or []
    text = doc.text
    lines = [head, f"{len(statements)} statement(s)"]
    if not statements:
        return "\n".join(lines)
    speaker_w, form_w, cue_w = 34, 20, 18
    message_w = max(20, width - speaker_w - form_w - cue_w - 6)
    lines.append(f"{'SPEAKER':<{speaker_w}} {'FORM':<{form_w}} {'CUE':<{cue_w}} MESSAGE")
    for stmt in statements:
        cue = role_json(doc, stmt.cue, text)
        message = role_json(doc, stmt.message, text)
        form = stmt.form or "?"
        if stmt.nested_in is not None:
            form = "↳" + form
        cells = [
            textwrap.shorten(_speaker_label(doc, stmt, text), speaker_w, placeholder="…"),
            form[:form_w],
            textwrap.shorten(cue["text"] if cue else "–", cue_w, placeholder="…"),
        ]
        wrapped = textwrap.wrap(message["text"] if message else "–", message_w) or ["–"]
        lines.append(f"{cells[0]:<{speaker_w}} {cells[1]:<{form_w}} {cells[2]:<{cue_w}} {wrapped[0]}")
        pad = " " * (speaker_w + form_w + cue_w + 3)
        lines.extend(pad + extra for extra in wrapped[1:3])
        if len(wrapped) > 3:
            lines[-1] += " …"
    return "\n".join(lines)

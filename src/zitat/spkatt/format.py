"""The SpkAtt-2023 shared-task format: one JSON file per article, spans as ``sentence:token`` ids.

Conversion to and from the document model maps ``sentence:token`` to the absolute token index
(sentence offset + token index) of a ``Doc`` built from the same tokens.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from zitat.document import Statement, token_ids
from zitat.errors import InputError

# SpkAtt annotation keys for the Statement roles
ROLE_KEYS = {"cue": "Cue", "message": "Message", "source": "Source", "addressee": "Addr", "frame": "Frame"}


@dataclass
class SpkAttArticle:
    name: str
    sentences: list[list[str]]
    annotations: list[dict[str, Any]] = field(default_factory=list)

    def sentence_offsets(self) -> list[int]:
        offsets, total = [], 0
        for sent in self.sentences:
            offsets.append(total)
            total += len(sent)
        return offsets

    def to_json(self) -> dict[str, Any]:
        return {
            "DocumentName": self.name,
            "Sentences": [{"SentenceId": i, "Tokens": toks} for i, toks in enumerate(self.sentences)],
            "Annotations": self.annotations,
        }


def parse_article(data: Any, source: str) -> SpkAttArticle:
    try:
        sentences = [list(map(str, s["Tokens"])) for s in data["Sentences"]]
        annotations = list(data.get("Annotations", []))
        name = str(data.get("DocumentName", Path(source).stem))
    except (KeyError, TypeError, AttributeError):
        raise InputError(source, "not a SpkAtt article (needs Sentences with Tokens)") from None
    return SpkAttArticle(name, sentences, annotations)


def read_article(path: Path) -> SpkAttArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    return parse_article(data, str(path))


def article_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise InputError(str(directory), "not a directory")
    return sorted(p for p in directory.iterdir() if p.suffix == ".json" and p.is_file())


def read_dir(directory: Path) -> list[tuple[Path, SpkAttArticle]]:
    return [(path, read_article(path)) for path in article_files(directory)]


def write_article(path: Path, article: SpkAttArticle) -> None:
    path.write_text(json.dumps(article.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def span_ids(refs: list[str], offsets: list[int]) -> tuple[int, ...]:
    """``["3:4", "3:5"]`` → absolute token indices."""
    ids = []
    for ref in refs:
        sent, tok = ref.split(":")
        ids.append(offsets[int(sent)] + int(tok))
    return token_ids(ids)


def span_refs(ids: tuple[int, ...], positions: dict[int, tuple[int, int]]) -> list[str]:
    """Absolute token indices → ``"sentence:token"`` ids (whitespace tokens have none and are dropped)."""
    return [f"{positions[i][0]}:{positions[i][1]}" for i in ids if i in positions]


def statements_from_annotations(article: SpkAttArticle) -> list[Statement]:
    """Gold statements of an article, with token indices into ``doc_from_tokens(article.sentences)``."""
    offsets = article.sentence_offsets()
    statements = []
    for ann in article.annotations:
        roles = {role: span_ids(ann.get(key, []), offsets) for role, key in ROLE_KEYS.items()}
        statements.append(Statement(**roles, form=ann.get("Form") or None, medium=ann.get("STWR") or None))
    for stmt, ann in zip(statements, article.annotations, strict=True):
        if ann.get("IsNested"):
            stmt.nested_in = _enclosing(stmt, statements)
    return statements


def _enclosing(stmt: Statement, statements: list[Statement]) -> int | None:
    own = set(stmt.cue) | set(stmt.message)
    candidates = [
        (len(other.message), j)
        for j, other in enumerate(statements)
        if other is not stmt and own and own <= set(other.message)
    ]
    return min(candidates)[1] if candidates else None


def token_positions(doc: Doc) -> dict[int, tuple[int, int]]:
    """(sentence id, token id) of every non-whitespace token; sentences of only whitespace are skipped."""
    positions: dict[int, tuple[int, int]] = {}
    sent_id = 0
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        for tok_id, token in enumerate(words):
            positions[token.i] = (sent_id, tok_id)
        sent_id += bool(words)
    return positions


def annotations_from_statements(doc: Doc, statements: list[Statement]) -> list[dict[str, Any]]:
    positions = token_positions(doc)
    nesting = {s.nested_in for s in statements if s.nested_in is not None}
    out = []
    for index, stmt in enumerate(statements):
        ann: dict[str, Any] = {key: span_refs(stmt.role(role), positions) for role, key in ROLE_KEYS.items()}
        ann.update(
            Form=stmt.form or "",
            STWR=stmt.medium or "",
            IsNested=stmt.nested_in is not None,
            HasNested=index in nesting,
        )
        out.append(ann)
    return out


def spkatt_json(doc: Doc) -> dict[str, Any]:
    """A processed document in SpkAtt format (whitespace tokens left out)."""
    sentences = [[t.text for t in sent if not t.is_space] for sent in doc.sents]
    article = SpkAttArticle(
        doc._.meta.id, [s for s in sentences if s], annotations_from_statements(doc, doc._.statements or [])
    )
    return article.to_json()

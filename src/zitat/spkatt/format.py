"""The SpkAtt-2023 shared-task format: one JSON file per article, spans as ``sentence:token`` ids.

Conversion to and from the document model maps ``sentence:token`` to the absolute token index
(sentence offset + token index) of a ``Doc`` built from the same tokens with ``doc_from_tokens``.
Reading validates every span id, so code downstream (scorer, conversion) can trust them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from zitat.document import FORMS, Form, Statement, TokenIds, as_form, link_nesting, token_ids
from zitat.errors import InputError
from zitat.text.grammar import CONTINUING_FORMS

# SpkAtt annotation keys for the Statement roles
ROLE_KEYS = {"cue": "Cue", "message": "Message", "source": "Source", "addressee": "Addr", "frame": "Frame"}
# STWR of a statement without a medium, as the shared-task files spell it
NO_MEDIUM = "none"

Positions = Mapping[int, tuple[int, int]]


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

    def token_positions(self) -> dict[int, tuple[int, int]]:
        """(sentence id, token id) of every absolute token index."""
        return {
            offset + tok: (sent, tok)
            for sent, (offset, words) in enumerate(zip(self.sentence_offsets(), self.sentences, strict=True))
            for tok in range(len(words))
        }

    def span(self, refs: Sequence[str]) -> TokenIds:
        """``["3:4", "3:5"]`` → sorted absolute token indices (ids must be valid, as after reading)."""
        return span_ids(refs, self.sentence_offsets())

    def to_json(self) -> dict[str, Any]:
        # keys in alphabetical order, as in the shared-task files
        return {
            "Annotations": self.annotations,
            "DocumentName": self.name,
            "Sentences": [{"SentenceId": i, "Tokens": toks} for i, toks in enumerate(self.sentences)],
        }


@dataclass(frozen=True)
class GoldStatement:
    """One annotated statement as the file has it, with article-absolute token ids: the one reading
    of SpkAtt-2023 gold that training, conversion and the benchmarks share."""

    cue: TokenIds
    message: TokenIds
    source: TokenIds
    addressee: TokenIds
    frame: TokenIds
    form: Form | None  # None where the file gives none
    stwr: str | None  # the STWR label as written, „none“ included; None where the file gives none
    nested: bool

    @property
    def medium(self) -> str | None:
        """The medium as the document model has it: None for no medium."""
        return None if not self.stwr or self.stwr == NO_MEDIUM else self.stwr


def gold_statements(article: SpkAttArticle) -> list[GoldStatement]:
    """The article's annotated statements (its file checked by ``parse_article``)."""
    offsets = article.sentence_offsets()
    return [
        GoldStatement(
            cue=span_ids(ann.get(ROLE_KEYS["cue"], []), offsets),
            message=span_ids(ann.get(ROLE_KEYS["message"], []), offsets),
            source=span_ids(ann.get(ROLE_KEYS["source"], []), offsets),
            addressee=span_ids(ann.get(ROLE_KEYS["addressee"], []), offsets),
            frame=span_ids(ann.get(ROLE_KEYS["frame"], []), offsets),
            form=as_form(ann["Form"]) if ann.get("Form") else None,
            stwr=ann.get("STWR") or None,
            nested=bool(ann.get("IsNested")),
        )
        for ann in article.annotations
    ]


def span_ids(refs: Sequence[str], offsets: Sequence[int]) -> TokenIds:
    ids = []
    for ref in refs:
        sent, tok = ref.split(":")
        ids.append(offsets[int(sent)] + int(tok))
    return token_ids(ids)


def span_refs(ids: Sequence[int], positions: Positions) -> list[str]:
    """Absolute token indices → ``"sentence:token"`` ids (tokens without a position are dropped)."""
    return [f"{positions[i][0]}:{positions[i][1]}" for i in ids if i in positions]


# ---- reading and writing ----


def parse_article(data: Any, source: str) -> SpkAttArticle:
    """A validated article from parsed JSON; ``source`` names it in error messages."""
    if not isinstance(data, dict) or "Sentences" not in data:
        raise InputError(source, "not a SpkAtt article (needs Sentences with Tokens)")
    sentences = _parse_sentences(data["Sentences"], source)
    name = data.get("DocumentName", Path(source).stem)
    annotations = data.get("Annotations", [])
    if not isinstance(name, str):
        raise InputError(source, "DocumentName must be a string")
    if not isinstance(annotations, list) or not all(isinstance(a, dict) for a in annotations):
        raise InputError(source, "Annotations must be a list of objects")
    lengths = [len(s) for s in sentences]
    for number, ann in enumerate(annotations):
        _check_annotation(ann, lengths, f"{source}: annotation {number}")
    return SpkAttArticle(name, sentences, annotations)


def _parse_sentences(sentences: Any, source: str) -> list[list[str]]:
    if not isinstance(sentences, list):
        raise InputError(source, "Sentences must be a list")
    parsed = []
    for position, sent in enumerate(sentences):
        tokens = sent.get("Tokens") if isinstance(sent, dict) else None
        if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
            raise InputError(source, f"sentence {position} has no list of string Tokens")
        # span ids refer to SentenceId; only the plain numbering 0, 1, 2, ... keeps them unambiguous
        if sent.get("SentenceId", position) != position:
            raise InputError(source, f"sentence {position} has SentenceId {sent['SentenceId']!r}")
        parsed.append(tokens)
    return parsed


def _check_annotation(ann: dict[str, Any], lengths: Sequence[int], where: str) -> None:
    """Span keys may be missing (empty); present ones must hold valid ``sentence:token`` ids."""
    for key in ROLE_KEYS.values():
        refs = ann.get(key, [])
        if not isinstance(refs, list):
            raise InputError(where, f"{key} must be a list of 'sentence:token' ids")
        for ref in refs:
            if not _valid_ref(ref, lengths):
                raise InputError(where, f"{key} has {ref!r}, not a 'sentence:token' id of this article")
    for key in ("Form", "STWR"):
        if not isinstance(ann.get(key, ""), str | None):
            raise InputError(where, f"{key} must be a string")
    if ann.get("Form") and ann["Form"] not in FORMS:
        raise InputError(where, f"Form {ann['Form']!r} is none of {', '.join(FORMS)}")


def _valid_ref(ref: Any, lengths: Sequence[int]) -> bool:
    if not isinstance(ref, str):
        return False
    sent, _, tok = ref.partition(":")
    if not (sent.isdigit() and tok.isdigit()):
        return False
    return int(sent) < len(lengths) and int(tok) < lengths[int(sent)]


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
    """The ``*.json`` files of a folder, sorted by name."""
    if not directory.is_dir():
        raise InputError(str(directory), "not a directory")
    return sorted(p for p in directory.iterdir() if p.suffix == ".json" and p.is_file())


def read_dir(directory: Path) -> list[tuple[Path, SpkAttArticle]]:
    return [(path, read_article(path)) for path in article_files(directory)]


def dumps_article(article: SpkAttArticle) -> str:
    """The shared-task files' own layout: compact, keys sorted, ``/`` escaped as ``\\/``.

    So reading and writing an unchanged file reproduces it byte for byte. Replacing every ``/`` is
    safe because ``json.dumps`` only ever emits ``/`` as a literal character inside a string.
    """
    return json.dumps(article.to_json(), ensure_ascii=False, separators=(",", ":")).replace("/", "\\/")


def write_article(path: Path, article: SpkAttArticle) -> None:
    path.write_text(dumps_article(article), encoding="utf-8")


# ---- conversion to and from the document model ----


def statements_from_annotations(doc: Doc, article: SpkAttArticle) -> list[Statement]:
    """The article's annotated statements, with token indices into ``doc``.

    ``doc`` must be built from ``article.sentences`` (``doc_from_tokens``). ``IsNested`` statements
    point at the smallest other statement whose message holds their cue and message.
    """
    if len(doc) != sum(len(s) for s in article.sentences):
        raise ValueError(f"{article.name}: the Doc was not built from this article's tokens")
    golds = gold_statements(article)
    statements = [
        Statement(
            cue=g.cue,
            message=g.message,
            source=g.source,
            addressee=g.addressee,
            frame=g.frame,
            form=g.form,
            medium=g.medium,
        )
        for g in golds
    ]
    for stmt, gold in zip(statements, golds, strict=True):
        if gold.nested:
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


def annotations_from_statements(
    doc: Doc, statements: Sequence[Statement], positions: Positions | None = None
) -> list[dict[str, Any]]:
    """SpkAtt annotations of ``doc``'s statements.

    ``positions`` maps token indices to ``(sentence, token)``; by default they come from
    ``doc.sents`` without whitespace tokens. For a ``Doc`` built from an article pass
    ``article.token_positions()``, which keeps the article's numbering even for empty sentences.
    """
    if positions is None:
        positions = token_positions(doc)
    statements = spkatt_statements(doc, statements)
    enclosing = {s.nested_in for s in statements if s.nested_in is not None}
    out = []
    for index, stmt in enumerate(statements):
        refs = {key: span_refs(stmt.role(role), positions) for role, key in ROLE_KEYS.items()}
        if stmt.clause:  # SpkAtt-2023 marks a reported act's whole clause as its message, with no cue
            refs["Message"], refs["Cue"] = span_refs(stmt.clause, positions), []
        out.append(
            {  # keys in alphabetical order, as in the shared-task files
                "Addr": refs["Addr"],
                "Cue": refs["Cue"],
                "Form": stmt.form or "",
                "Frame": refs["Frame"],
                "HasNested": index in enclosing,
                "IsNested": stmt.nested_in is not None,
                "Message": refs["Message"],
                "STWR": stmt.medium or NO_MEDIUM,
                "Source": refs["Source"],
            }
        )
    return out


def spkatt_statements(doc: Doc, statements: Sequence[Statement]) -> list[Statement]:
    """The statements as SpkAtt-2023 marks them: a sentence of free indirect speech without a cue right
    after another of the same form and source joins that statement's message (zitat gives each
    sentence its own statement: ``zitat.attribution.layout.one_per_sentence``). Copies, nested anew;
    ``statements`` stay as they are."""
    # a quote folded into its statement is a nested statement of its own in SpkAtt
    every = [*statements, *(quote for stmt in statements for quote in stmt.quotes)]
    joined: list[Statement] = []
    for stmt in sorted(every, key=lambda s: (min(s.message or s.cue or (0,)), s.cue)):
        last = joined[-1] if joined else None
        if last is not None and _goes_on(doc, last, stmt):
            joined[-1] = replace(last, message=token_ids([*last.message, *stmt.message]))
        else:
            joined.append(replace(stmt))
    return link_nesting(joined)


def _goes_on(doc: Doc, last: Statement, stmt: Statement) -> bool:
    # an indirect statement's next sentence is a statement of its own in SpkAtt too
    if stmt.cue or stmt.form not in CONTINUING_FORMS or last.form != stmt.form:
        return False
    if stmt.source != last.source or not last.message or not stmt.message:
        return False
    between = range(max(last.message) + 1, min(stmt.message))
    return all(doc[i].is_punct or doc[i].is_space for i in between) and not any(
        "\n" in doc[i].text for i in between
    )


def spkatt_json(doc: Doc) -> dict[str, Any]:
    """A processed document in SpkAtt format (whitespace tokens left out)."""
    sentences = [[t.text for t in sent if not t.is_space] for sent in doc.sents]
    article = SpkAttArticle(
        doc._.meta.id, [s for s in sentences if s], annotations_from_statements(doc, doc._.statements or [])
    )
    return article.to_json()

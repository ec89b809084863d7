"""The document model: token-based roles and their character spans, nesting, pre-tokenized docs."""

from __future__ import annotations

import spacy

import zitat
import zitat.output
from zitat.document import (
    DocumentMeta,
    Statement,
    char_spans,
    doc_from_tokens,
    link_nesting,
    sentence_index,
    span_text,
)
from zitat.spkatt.format import annotations_from_statements

SENTENCES = [
    ["Er", "sagte", ",", "die", "Nato", "sei", "bereit", "."],
    ["„", "Wir", "handeln", "“", ",", "betonte", "er", "."],
]


def make_doc():
    return doc_from_tokens(spacy.blank("de").vocab, SENTENCES, DocumentMeta(id="t"))


def test_pre_tokenized_doc_keeps_tokens_and_sentences() -> None:
    doc = make_doc()
    assert [t.text for t in doc] == [w for s in SENTENCES for w in s]
    assert [len(s) for s in doc.sents] == [8, 8]
    assert sentence_index(doc) == [0] * 8 + [1] * 8
    assert doc._.statements == [] and doc._.meta.id == "t"


def test_char_spans_merge_adjacent_tokens_and_split_gaps() -> None:
    doc = make_doc()
    spans = char_spans(doc, (0, 1, 3, 4, 5, 6))  # "Er sagte" + "die Nato sei bereit"
    assert span_text(doc.text, spans) == "Er sagte die Nato sei bereit"
    assert len(spans) == 2
    assert doc.text[spans[1][0] : spans[1][1]] == "die Nato sei bereit"


def test_nested_statement_points_at_smallest_enclosing_message() -> None:
    outer = Statement(cue=(1,), message=tuple(range(3, 16)), source=(0,), form="Indirect")
    inner = Statement(cue=(13,), message=(8, 9, 10, 11), source=(14,), form="Direct")
    unrelated = Statement(cue=(5,), message=(6,), form="Reported")
    ordered = link_nesting([inner, unrelated, outer])
    assert [s.form for s in ordered] == ["Indirect", "Reported", "Direct"]
    assert ordered[0].nested_in is None
    assert ordered[1].nested_in == 0  # cue and message lie inside the outer message
    assert ordered[2].nested_in == 0


def test_a_quote_of_the_speaker_inside_their_statement_is_part_of_it() -> None:
    doc = zitat.extract("Sven Hannawald sagte, die Strafen seien „viel zu mild“ gewesen.")
    (stmt,) = doc._.statements
    assert stmt.form == "Indirect" and stmt.speaker.name == "Sven Hannawald"
    assert [doc[q.message[0] : q.message[-1] + 1].text for q in stmt.quotes] == ["„viel zu mild“"]
    record = zitat.output.document_json(doc, "fast")
    assert record["statements"][0]["quotes"][0]["text"] == "„viel zu mild“"
    # SpkAtt-2023 counts the quote as a nested statement
    annotations = annotations_from_statements(doc, doc._.statements)
    assert [(a["Form"], a["IsNested"]) for a in annotations] == [("Indirect", False), ("Direct", True)]

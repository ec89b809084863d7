"""Sentence and paragraph splitting for German news.

A line break ends a sentence (headlines have no final punctuation) and a paragraph. Within a line,
a sentence ends at . ! ? … unless the period belongs to an abbreviation or ordinal (the tokenizer keeps
those attached: „Dr.“, „21.“), with closing quotes and brackets staying in the sentence they close.
A quote that ends in punctuation continues the sentence when a comma or a lower-case word follows:
„Nein!“, rief er. / „Wir kommen.“ sagte er.
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

SENTENCE_END = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
CLOSING = frozenset({"“", "”", '"', "«", "»", "‘", "’", "'", ")", "]"})
OPENING_QUOTES = frozenset({"„", "»", "«", '"', "‚", "“"})
MONTHS = frozenset(
    [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
        "Jänner",
        "Jahrhundert",
        "Jahrhunderts",
        "Jahrtausend",
        "Bundesliga",
        "Spieltag",
        "Platz",
        "Runde",
        "Lebensjahr",
        "Lebensjahres",
    ]
)
ORDINAL = re.compile(r"^\d{1,4}\.$")


def _is_line_break(tok: Token) -> bool:
    return tok.is_space and "\n" in tok.text


def _ends_sentence(doc: Doc, i: int) -> bool:
    """Whether token i ends a sentence (given what follows it)."""
    tok = doc[i]
    if tok.text not in SENTENCE_END and not ORDINAL.match(tok.text):
        return False
    j = _closing_run_end(doc, i)
    nxt = doc[j] if j < len(doc) else None
    if nxt is None or nxt.is_space:
        return True
    if ORDINAL.match(tok.text):
        # "21. Januar", "im 19. Jahrhundert" — an ordinal ends a sentence only before a clear sentence start
        return nxt.text in OPENING_QUOTES or (nxt.is_title and nxt.text not in MONTHS and nxt.is_stop)
    return not (nxt.text in {",", ";", ":", "–", "-"} or nxt.text[:1].islower())


def _closing_run_end(doc: Doc, i: int) -> int:
    """Index after the closing quotes/brackets attached (no space before them) to token i."""
    j = i + 1
    while j < len(doc) and doc[j].text in CLOSING and not doc[j - 1].whitespace_:
        j += 1
    return j


def split_sentences(doc: Doc) -> None:
    """Set ``is_sent_start`` on every token and ``doc._.paragraphs`` (character ranges)."""
    if not len(doc):
        doc._.paragraphs = []
        return
    starts = [False] * len(doc)
    new_sentence = True
    paragraphs: list[tuple[int, int]] = []
    para_start: int | None = None
    i = 0
    while i < len(doc):
        tok = doc[i]
        if _is_line_break(tok):
            if para_start is not None:
                paragraphs.append((para_start, doc[i - 1].idx + len(doc[i - 1].text)))
                para_start = None
            new_sentence = True
            i += 1
            continue
        if tok.is_space:
            i += 1
            continue
        if new_sentence:
            starts[i] = True
            new_sentence = False
        if para_start is None:
            para_start = tok.idx
        if _ends_sentence(doc, i):
            # closing quotes belong to the sentence they close, unless a quote opens the next one
            i = _closing_run_end(doc, i) if not ORDINAL.match(tok.text) else i + 1
            new_sentence = True
            continue
        i += 1
    if para_start is not None:
        last = next(t for t in reversed(doc) if not t.is_space)
        paragraphs.append((para_start, last.idx + len(last.text)))
    # leading whitespace joins the first sentence instead of being a sentence of its own
    first_word = next((t.i for t in doc if not t.is_space), 0)
    starts[first_word] = False
    starts[0] = True
    # one array write: setting is_sent_start token by token re-checks the whole doc every time
    values = np.where(starts, 1, -1).astype(np.int64).astype(np.uint64)
    doc.from_array([SENT_START], values)  # type: ignore[arg-type]  # the stubs want thinc's Ints2d
    doc._.paragraphs = paragraphs

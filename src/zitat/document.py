"""The document model: a spaCy ``Doc`` carrying article metadata, paragraphs and statements.

Every role of a statement (cue, message, source, addressee, frame) is a sorted tuple of token
indices into the ``Doc``: spans may be discontinuous and cross sentences, exactly as in SpkAtt-2023.
Character offsets are derived from the tokens, so both views always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

from spacy.tokens import Doc
from spacy.vocab import Vocab

Form = Literal["Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported"]
FORMS: tuple[Form, ...] = get_args(Form)
MEDIA = ("Speech", "Thought", "Writing", "ST", "SW", "TW")
ROLES = ("cue", "message", "source", "addressee", "frame")
SpeakerType = Literal["person", "organization", "government", "group", "anonymous", "unknown"]
SPEAKER_TYPES: tuple[SpeakerType, ...] = get_args(SpeakerType)
GENDERS = ("female", "male", "unknown")

TokenIds = tuple[int, ...]


def as_form(text: str) -> Form:
    """``text`` as a statement form; a ValueError for anything else (a label the model cannot have)."""
    if text not in FORMS:
        raise ValueError(f"not a statement form: {text!r}")
    return text


@dataclass
class DocumentMeta:
    """Article metadata; everything but ``id`` is optional."""

    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str = "de"
    author: str | None = None  # the byline: one or more journalists, as the input names them


@dataclass
class Speaker:
    """The real-world entity behind a statement's source (filled by speaker resolution)."""

    id: str | None = None
    name: str | None = None
    type: str = "unknown"
    role: str | None = None
    gender: str = "unknown"
    affiliation: str | None = None
    country: str | None = None
    members: list[Speaker] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Statement:
    """One speech, thought or writing event."""

    cue: TokenIds = ()
    message: TokenIds = ()
    source: TokenIds = ()
    addressee: TokenIds = ()
    frame: TokenIds = ()
    form: Form | None = None
    medium: str | None = None
    confidence: float = 1.0
    nested_in: int | None = None  # index of the enclosing statement in doc._.statements
    speaker: Speaker | None = None
    # a Reported statement's clause („Blinken warnte vor einer Eskalation.“), its message in SpkAtt-2023;
    # () where the message is the clause
    clause: TokenIds = ()
    # the speaker's own words quoted inside the message (zitat.document.fold_quotes)
    quotes: tuple[Statement, ...] = ()

    def role(self, name: str) -> TokenIds:
        return getattr(self, name)


def _register_extensions() -> None:
    for name in ("meta", "statements", "paragraphs"):
        if not Doc.has_extension(name):
            # default=None: a shared mutable default would leak statements between documents
            Doc.set_extension(name, default=None)


_register_extensions()


def token_ids(ids: Iterable[int]) -> TokenIds:
    """Normalize token indices to the canonical sorted, duplicate-free tuple."""
    return tuple(sorted(set(ids)))


def token_at_chars(doc: Doc) -> list[int]:
    """For every character of the text, the token it belongs to (whitespace: the token before it)."""
    index = [0] * (len(doc.text) + 1)
    for tok in doc:
        index[tok.idx : tok.idx + len(tok.text_with_ws)] = [tok.i] * len(tok.text_with_ws)
    return index


def char_spans(doc: Doc, ids: Sequence[int]) -> list[tuple[int, int]]:
    """Character spans covering the tokens; runs of adjacent tokens become one span."""
    spans: list[tuple[int, int]] = []
    prev = -2
    for i in ids:
        tok = doc[i]
        start, end = tok.idx, tok.idx + len(tok.text)
        if i == prev + 1 and spans:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        prev = i
    return spans


def span_text(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The contract's text of a role: its spans' text joined by one space."""
    return " ".join(text[s:e] for s, e in spans)


def sentence_index(doc: Doc) -> list[int]:
    """For every token, the index of its sentence."""
    index: list[int] = []
    sent = -1
    for tok in doc:
        if tok.is_sent_start or tok.i == 0:
            sent += 1
        index.append(sent)
    return index


def line_breaks(doc: Doc) -> list[int]:
    """The ids of the whitespace tokens that hold a line break, in order: the paragraph of token i is
    ``bisect_right(line_breaks(doc), i)``."""
    return [tok.i for tok in doc if tok.is_space and "\n" in tok.text]


def doc_from_tokens(vocab: Vocab, sentences: Sequence[Sequence[str]], meta: DocumentMeta) -> Doc:
    """Build a ``Doc`` from pre-tokenized sentences (SpkAtt input), keeping tokens exactly as given.

    The text is the tokens joined by single spaces, one sentence after another.
    """
    words: list[str] = []
    sent_starts: list[bool | int | None] = []
    for sent in sentences:
        for j, word in enumerate(sent):
            words.append(word)
            sent_starts.append(j == 0)
    doc = Doc(vocab, words=words, spaces=[True] * len(words), sent_starts=sent_starts or None)
    doc._.meta = meta
    doc._.statements = []
    doc._.paragraphs = [(0, len(doc.text))] if words else []
    return doc


def fold_quotes(statements: list[Statement]) -> list[Statement]:
    """A quotation inside a statement of the same speaker is part of that statement, not one of its own:
    „Der Fall mache ihn „fassungslos“, schilderte Hannawald.“ is one statement with one quote. Such
    direct statements move to the ``quotes`` of the statement they are nested in (SpkAtt-2023 counts
    them as statements: ``zitat.spkatt.format`` writes them so); a quotation of someone else inside a
    message stays a statement."""
    kept = []
    for stmt in statements:
        outer = statements[stmt.nested_in] if stmt.nested_in is not None else None
        if (
            outer is not None
            and stmt.form == "Direct"
            and outer.form != "Direct"
            and _same_speaker(stmt, outer)
        ):
            outer.quotes = (*outer.quotes, stmt)
        else:
            kept.append(stmt)
    return link_nesting(kept) if len(kept) < len(statements) else statements


def _same_speaker(a: Statement, b: Statement) -> bool:
    if a.speaker is b.speaker:
        return True
    return a.speaker is not None and b.speaker is not None and a.speaker.id == b.speaker.id


def link_nesting(statements: list[Statement]) -> list[Statement]:
    """Order statements by position and point each nested one at its smallest enclosing message."""
    statements = sorted(statements, key=lambda s: (min(s.message or s.cue or (0,)), s.cue))
    messages = [set(s.message) for s in statements]
    # an enclosing message holds the statement's first token: look only at those (long articles)
    holding: dict[int, list[int]] = {}
    for j, message in enumerate(messages):
        for token in message:
            holding.setdefault(token, []).append(j)
    for i, stmt in enumerate(statements):
        # by the message alone: a quote inside indirect speech shares its cue, which lies outside the message
        own = set(stmt.message) or set(stmt.cue)
        best: int | None = None
        for j in holding.get(min(own), []) if own else []:
            outer = messages[j]
            if j == i or not own <= outer or len(outer) <= len(messages[i]):
                continue
            if best is None or len(outer) < len(messages[best]):
                best = j
        stmt.nested_in = best
    return statements

"""The rule baseline's quotations: paired marks, a lone closing mark, and which quotes are statements."""

from __future__ import annotations

from spacy.tokens import Doc

from zitat.document import token_at_chars
from zitat.text.grammar import RULE_QUOTE_PAIRS
from zitat.text.quotes import find_quotations

CLOSERS = frozenset(RULE_QUOTE_PAIRS.values())
# closing marks that, with no opening mark before them, end a quotation begun in an earlier paragraph
LONE_CLOSERS = frozenset({"“", "«", "”", '"'})
# shorter quotes are mostly names and scare quotes („Eagle“): without a cue they need 4 words, with one 2
MIN_QUOTE_TOKENS = 4
MIN_CUED_QUOTE_TOKENS = 2


def find_quotes(doc: Doc) -> list[tuple[int, int]]:
    """(first, last) token indices of outer quotations including their marks, in every convention
    (``zitat.text.quotes``); a lone closing mark quotes from the start of its paragraph line."""
    token_at = token_at_chars(doc)
    quotes = [
        (token_at[q.open], token_at[q.close])
        for q in find_quotations(doc.text)
        if q.depth == 0 and q.close is not None and token_at[q.open] < token_at[q.close]
    ]
    texts = [t.text for t in doc]
    for i, text in enumerate(texts):
        if text in LONE_CLOSERS and _attached_left(doc, i) and not any(s <= i <= e for s, e in quotes):
            start = _line_start(texts, i)
            if i > start:
                quotes.append((start, i))
    return sorted(quotes)


def _attached_left(doc: Doc, i: int) -> bool:
    return i > 0 and not doc[i - 1].whitespace_


def _line_start(texts: list[str], i: int) -> int:
    while i > 0 and "\n" not in texts[i - 1]:
        i -= 1
    return i


def looks_like_name(doc: Doc, start: int, end: int) -> bool:
    """„New York Times“, „documenta 12“, zum „Algemeen Dagblad“: a short quote of capitalized words or
    numbers, or one opening with a capital right after an article."""
    inner = doc[start + 1 : end]
    if len(inner) > 5:
        return False
    after_article = start > 0 and doc[start - 1].tag_ in {"ART", "APPRART"} and inner[0].text[:1].isupper()
    return after_article or all(t.text[:1].isupper() or t.is_digit or t.tag_ in {"NE", "FM"} for t in inner)


def is_quoted_statement(doc: Doc, start: int, end: int, cued: bool) -> bool:
    """Long enough to be a statement and not a name: two words with a cue (one after „als“: „nannte es
    „Wortbruch““), four without."""
    if not cued:
        return end - start - 1 >= MIN_QUOTE_TOKENS
    if start > 0 and doc[start - 1].lower_ == "als":
        return end - start - 1 >= 1
    return end - start - 1 >= MIN_CUED_QUOTE_TOKENS and not looks_like_name(doc, start, end)

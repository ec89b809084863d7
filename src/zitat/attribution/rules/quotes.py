"""The rule baseline's quotations: paired marks, a lone closing mark, and which quotes are statements."""

from __future__ import annotations

from spacy.tokens import Doc

from zitat.text.grammar import RULE_QUOTE_PAIRS

CLOSERS = frozenset(RULE_QUOTE_PAIRS.values())
# shorter quotes are mostly names and scare quotes („Eagle“): without a cue they need 4 words, with one 2
MIN_QUOTE_TOKENS = 4
MIN_CUED_QUOTE_TOKENS = 2


def find_quotes(doc: Doc) -> list[tuple[int, int]]:
    """(first, last) token indices of quotations including their marks; a lone closing mark quotes from the
    start of its paragraph line."""
    texts = [t.text for t in doc]
    quotes: list[tuple[int, int]] = []
    i = 0
    while i < len(texts):
        text = texts[i]
        closer = RULE_QUOTE_PAIRS.get(text)
        if closer and not (text in CLOSERS and _attached_left(doc, i)):
            j = i + 1
            while j < len(texts) and texts[j] != closer and "\n\n" not in texts[j]:
                j += 1
            if j < len(texts) and texts[j] == closer:
                quotes.append((i, j))
                i = j + 1
                continue
        elif text in {"“", "«"} and _attached_left(doc, i):
            start = _line_start(texts, i)
            if not any(s <= i <= e for s, e in quotes) and i > start:
                quotes.append((start, i))
        i += 1
    return quotes


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

"""Search hits with the words their query found marked (``<mark>``), as the full-text index finds them:
folded (case and umlaut spelling aside), a word by its start, a phrase as its words in a row."""

from __future__ import annotations

from markupsafe import Markup, escape

from zitat.store.search_syntax import WORD, SearchQuery
from zitat.text.folding import fold
from zitat.web.archive import Record


def mark_matches(text: str, query: SearchQuery) -> Markup:
    """``text``, escaped, with the words of the query's wanted terms in ``<mark>``."""
    words = list(WORD.finditer(text))
    folded = [fold(word.group()) for word in words]
    marked: set[int] = set()
    for term in query.wanted:
        size = len(term.words)
        for i in range(len(words) - size + 1):
            if term.is_phrase:
                found = tuple(folded[i : i + size]) == term.words
            else:
                found = folded[i].startswith(term.words[0])
            if found:
                marked.update(range(i, i + size))
    out, done = [], 0
    for i in sorted(marked):
        word = words[i]
        out.append(f"{escape(text[done : word.start()])}<mark>{escape(word.group())}</mark>")
        done = word.end()
    out.append(str(escape(text[done:])))
    return Markup("".join(out))


def with_marks(items: list[Record], query: SearchQuery) -> list[Record]:
    """Search hits with ``marked``: the message with the query's matches marked (only for a query)."""
    if not query.wanted:
        return items
    return [{**item, "marked": mark_matches(item["message"] or "", query)} for item in items]

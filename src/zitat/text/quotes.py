"""Quotation marks in German-language news: which mark opens, which closes, and at what depth.

Outlets differ: „…“ with ‚…‘ inside (most German papers), »…« with ›…‹ (Zeit, Spiegel, junge Welt),
«…» with ‹…› (Swiss papers, dpa copy in some), English “…” with ‘…’, and straight "…" with '…' (agency
copy, Austrian sites, translations); some texts mix them („…” or "…" next to „…“). One scan pairs them
all: a mark closes the innermost open quotation that it can close, otherwise it opens one when it stands
where a quotation starts (after a space or a bracket, before a word). Apostrophes („geht’s“, „Trump's“)
are never marks.

``normalize_quotes`` rewrites every paired mark into the German convention, character for character,
so that the models (trained on „…“ news) read every outlet the same way while every offset still
points into the original text.
"""

from __future__ import annotations

from dataclasses import dataclass

# for each mark: the marks that close a quotation it opens
CLOSERS: dict[str, frozenset[str]] = {
    "„": frozenset('“”"'),
    "‚": frozenset("‘’'"),
    "“": frozenset("”"),
    "”": frozenset("”"),
    "‘": frozenset("’"),
    "»": frozenset("«"),
    "«": frozenset("»"),
    "›": frozenset("‹"),
    "‹": frozenset("›"),
    '"': frozenset('"'),
    "'": frozenset("'"),
}
QUOTE_MARKS = frozenset(CLOSERS) | frozenset("’")
# single marks open only inside a double quotation: elsewhere they are mostly apostrophes or primes
SINGLE_MARKS = frozenset("‚‘’'‹›")
# what may stand right before an opening mark
BEFORE_OPENING = frozenset("([{/–—-:")
# German output per depth: (opening, closing)
GERMAN = (("„", "“"), ("‚", "‘"))


@dataclass(frozen=True)
class Quotation:
    """One quotation: character offsets of its marks; ``close`` is None when it runs to its paragraph's
    end unclosed (a quotation reopened in the next paragraph, or a stray mark)."""

    open: int
    close: int | None
    depth: int  # 0 for an outer quotation, 1 for one inside it, …

    @property
    def end(self) -> int:
        return self.open + 1 if self.close is None else self.close + 1


@dataclass
class _Open:
    mark: str
    at: int
    depth: int


def _clearly_opening(text: str, i: int) -> bool:
    """After a space or a bracket and before a word: where only an opening mark stands."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in BEFORE_OPENING or before in QUOTE_MARKS) and not after.isspace()


def _clearly_closing(text: str, i: int) -> bool:
    """Right after a word and before a space or punctuation: where only a closing mark stands.
    (Pre-tokenized text with spaces around every mark is neither: its marks pair by order alone.)"""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    attached = not (before.isspace() or before in BEFORE_OPENING or before in QUOTE_MARKS)
    return attached and (after.isspace() or after in ".,;:!?)]")


def _between_letters(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalpha()


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation of the text, in order of its opening mark."""
    found: list[Quotation] = []
    stack: list[_Open] = []
    for i, mark in enumerate(text):
        if mark == "\n":
            # a quotation does not cross a paragraph; an open one is either reopened below or stray
            found += [Quotation(o.at, None, o.depth) for o in stack]
            stack.clear()
            continue
        if mark not in QUOTE_MARKS or (mark in "’'" and _between_letters(text, i)):
            continue
        closing = next((k for k in range(len(stack) - 1, -1, -1) if mark in CLOSERS[stack[k].mark]), None)
        # a straight mark before a word after a space opens a nested quotation rather than closing one
        if closing is not None and not (
            mark in "\"'" and _clearly_opening(text, i) and text[i - 1 : i].isspace()
        ):
            opened = stack[closing]
            found += [Quotation(o.at, None, o.depth) for o in stack[closing + 1 :]]
            del stack[closing:]
            found.append(Quotation(opened.at, i, opened.depth))
        elif mark in CLOSERS and (stack or mark not in SINGLE_MARKS) and not _clearly_closing(text, i):
            stack.append(_Open(mark, i, len(stack)))
    found += [Quotation(o.at, None, o.depth) for o in stack]
    return _closed_depths(sorted(found, key=lambda q: q.open))


def _closed_depths(quotations: list[Quotation]) -> list[Quotation]:
    """Depth counts only closed quotations around one: in „Pro Rata … „Wir gehen“ the first mark is stray,
    and „Wir gehen“ an outer quotation. Closed quotations nest and never cross (each mark closes the
    innermost one it can), so one sweep in order of their opening marks counts the ones around each."""
    around: list[int] = []  # closing marks of the closed quotations around the current position
    out = []
    for q in quotations:  # sorted by opening mark
        if (close := q.close) is not None:
            while around and around[-1] < q.open:
                around.pop()
            q = Quotation(q.open, close, len(around))
            around.append(close)
        out.append(q)
    return out


def normalize_quotes(text: str) -> str:
    """The text with every paired mark, and every mark of a quotation reopened in the next paragraph,
    written as „…“ (outer) or ‚…‘ (inner); same length, so offsets carry over."""
    chars = list(text)
    quotations = find_quotations(text)
    for q in quotations:
        opening, closing = GERMAN[min(q.depth, 1)]
        if q.close is not None:
            chars[q.open], chars[q.close] = opening, closing
        elif _reopened_below(text, q):
            chars[q.open] = opening
    return "".join(chars)


def _reopened_below(text: str, q: Quotation) -> bool:
    """A quotation over several paragraphs opens each of them and closes only the last."""
    line_end = text.find("\n", q.open)
    if line_end < 0:
        return False
    rest = text[line_end:].lstrip()
    return bool(rest) and rest[0] == text[q.open]

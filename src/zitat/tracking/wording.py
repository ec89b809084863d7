"""A statement's words as tracking compares them: folded words, word shingles, overlap scores, the
altered-quote test and a word-level diff of two wordings."""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
import zlib
from dataclasses import dataclass

from zitat.text.folding import fold

WORD = re.compile(r"\w+")
TOKEN = re.compile(r"\w[\w-]*")
# quotation marks, dashes and ellipses are no part of a word: spaces before folding, so that a text
# whose other characters are ASCII takes ``fold``'s fast path
PUNCTUATION = re.compile("[„“”‚‘’«»›‹–—…•·]")
SOFT_HYPHEN = "\u00ad"  # a possible line break inside a word („Verlaufs­formen“)
HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
DIGIT_GROUP = re.compile(r"(?<=\d)[.\u202f\u00a0'’](?=\d{3}(?!\d))")  # „1.900“ is „1900“
# „(die Kinder)“, „[sic]“; square brackets of any length mark the editor's words, also when the span
# ends before the closing one („[Wenn Sie aktuelle Nachrichten … empfehlen wir Ihnen unsere App …]“)
INSERTION = re.compile(r"\([^()]{1,60}\)|\[[^\[\]]*(?:\]|$)")
# each opening quotation mark and the marks that close it („…“ „…” "…" »…« «…» “…” ‚…‘ ‹…›)
CLOSING = {"„": "“”", '"': '"', "»": "«", "«": "»", "“": "”“", "‚": "‘’", "‹": "›", "›": "‹"}
EDGE_CHANGE = 2  # earlier words replaced at the edge of the stretch two quotes share: a change
SHINGLE_WORDS = 3  # word 3-grams: short enough for shortened quotes, long enough to keep word order
# German function words (folded): a shingle of these alone („dass es sich“, „es sich um“) recurs in
# unrelated statements, so it is no evidence of the same utterance
FUNCTION_WORD_LIST = """
    der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
    ich du er sie es wir ihr man mich mir dich dir ihn ihm uns euch ihnen sich sein seine seinen
    seinem seiner ihre ihren ihrem ihrer unser unsere euer dies diese dieser dieses diesen diesem
    jene jener jenes welche welcher welches wer was wo wie wann warum ob dass weil wenn als denn
    doch aber und oder sondern noch schon auch nur nicht so sehr ja nein mal eben gar wohl zwar
    in im ins an am ans auf aus bei beim mit nach von vom vor zu zum zur ueber unter um durch fuer
    gegen ohne bis seit zwischen hinter neben waehrend wegen trotz
    ist sind war waren bin bist seid sei seien waere waeren wird werden wurde wurden worden werde
    hat haben hatte hatten habe haette haetten kann koennen konnte koennte muss muessen musste
    soll sollen sollte will wollen wollte darf duerfen mag moechte
    da dann hier dort jetzt nun mehr alle alles allem allen etwas nichts viel viele
"""
FUNCTION_WORDS = frozenset(FUNCTION_WORD_LIST.split())


def words(text: str | None) -> tuple[str, ...]:
    """The folded words of a text: case, umlaut spelling (composed or not), punctuation, quotation
    marks, ellipses („…“, „[...]“), digit grouping („1.900“) and bracketed insertions („sie (die Kinder)
    haben“, an editor's note in square brackets) make no difference."""
    text = unicodedata.normalize("NFC", text or "").replace(SOFT_HYPHEN, "")
    text = INSERTION.sub(" ", DIGIT_GROUP.sub("", text))
    return tuple(WORD.findall(HYPHEN.sub("", fold(PUNCTUATION.sub(" ", text)))))


def names(text: str | None) -> frozenset[str]:
    """The folded words a text writes with a capital letter: the names it mentions (and, in German,
    its nouns), each as ``words`` folds it („Hans-Iko Huppertz“ → „hansiko“, „huppertz“)."""
    return frozenset(w for token in TOKEN.findall(text or "") if token[0].isupper() for w in words(token))


def quoted(text: str) -> str:
    """A direct quote's words in its quotation marks: a message that runs on past its closing mark into
    the frame or the narration („„…“, heißt es in dem Brief“) quotes only the marked parts, one or
    several („„Wir schaffen das“, sagte sie, „und zwar bald““ quotes „Wir schaffen das“ „und zwar
    bald“). A message that does not start with a quotation mark is returned as it is."""
    stripped = text.lstrip()
    if not stripped or stripped[0] not in CLOSING:
        return text
    parts, start = [], 0
    while start < len(stripped):
        closers = CLOSING[stripped[start]]
        end = min(
            (i for i in (stripped.find(m, start + 1) for m in closers) if i > 0), default=len(stripped) - 1
        )
        parts.append(stripped[start : end + 1])
        start = next((i for i in range(end + 1, len(stripped)) if stripped[i] in CLOSING), len(stripped))
    return " ".join(parts)


def shingles(folded: tuple[str, ...]) -> frozenset[int]:
    """The hashed word 3-grams of folded words (a text of fewer words: one shingle of all of them)
    that hold a word other than a function word; all of them when none does.

    CRC-32 rather than ``hash``: the same numbers in every process and run (Python salts ``hash``)."""
    if not folded:
        return frozenset()
    size = min(SHINGLE_WORDS, len(folded))
    grams = [folded[i : i + size] for i in range(len(folded) - size + 1)]
    telling = [gram for gram in grams if not FUNCTION_WORDS.issuperset(gram)] or grams
    return frozenset(zlib.crc32(" ".join(gram).encode("utf-8")) for gram in telling)


@dataclass(frozen=True)
class Overlap:
    """How far two shingle sets overlap: shared / the smaller set (a shortened quote scores 1), and
    their Jaccard similarity (which prefers the closer of two wordings that both contain it)."""

    shared: int
    containment: float
    jaccard: float

    @classmethod
    def of(cls, a: frozenset[int], b: frozenset[int]) -> Overlap:
        if not a or not b:
            return cls(0, 0.0, 0.0)
        return cls.counted(len(a & b), len(a), len(b))

    @classmethod
    def counted(cls, shared: int, size_a: int, size_b: int) -> Overlap:
        """The overlap of two sets of these sizes that share ``shared`` elements."""
        return cls(shared, shared / min(size_a, size_b), shared / (size_a + size_b - shared))


def altered_quote(earlier: str, later: str) -> bool:
    """Whether the later version of a direct quote changed words or inserted words into the earlier one.

    Punctuation, quotation marks, case, umlaut spelling and ellipses („…“, „[...]“) are no change, nor
    is leaving words out anywhere (elision, shortening), nor other quote boundaries: words before or
    after the stretch both quote (one outlet quoted less or more of the speech). An alteration is a
    changed, inserted or reordered word inside that stretch, or an earlier word at its edge that the
    later version has replaced (at most ``EDGE_CHANGE`` of them: „bis Ostern“ → „bis Pfingsten“,
    „wichtigen Schritt“ → „ein wichtiger Schritt“; longer ones are a span that ran on past the quote)."""
    before, after = words(quoted(earlier)), words(quoted(later))
    blocks = difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes()
    shared = [k for k, (tag, *_) in enumerate(blocks) if tag == "equal"]
    if not shared:
        return False  # no stretch both quote: other parts of the speech, nothing to compare
    inside = blocks[shared[0] : shared[-1] + 1]
    edges = blocks[: shared[0]] + blocks[shared[-1] + 1 :]
    if any(tag == "insert" or _changed(before[a1:a2], after[b1:b2]) for tag, a1, a2, b1, b2 in inside):
        return True
    if any(a2 - a1 <= EDGE_CHANGE and _changed(before[a1:a2], after[b1:b2]) for _, a1, a2, b1, b2 in edges):
        return True
    # a passage the later version moved to an edge: two or more words in a row that the earlier has
    # elsewhere („Wir werden es schaffen, wir werden alles tun“)
    left_out = {pair for tag, a1, a2, _, _ in blocks if tag != "equal" for pair in _pairs(before[a1:a2])}
    return any(_pairs(after[b1:b2]) & left_out for tag, _, _, b1, b2 in edges if tag != "delete")


def _changed(earlier: tuple[str, ...], later: tuple[str, ...]) -> bool:
    """Whether words replaced other words (a deletion is no change), spelling of compounds aside:
    „nicht genug Luft kriegen“ and „Nicht-genug-Luft-kriegen“ are the same words."""
    return bool(earlier) and bool(later) and "".join(earlier) != "".join(later)


def _pairs(folded: tuple[str, ...]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(folded))


def word_diff(base: str | None, variant: str | None) -> list[tuple[str, str]]:
    """The variant against the base wording, word by word: ('same' | 'added' | 'removed', text) pieces
    in order, compared on folded words but shown as written."""
    base_words, variant_words = (base or "").split(), (variant or "").split()
    matcher = difflib.SequenceMatcher(
        a=[" ".join(words(w)) for w in base_words],
        b=[" ".join(words(w)) for w in variant_words],
        autojunk=False,
    )
    pieces: list[tuple[str, str]] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("same", " ".join(variant_words[b1:b2])))
            continue
        if a2 > a1:
            pieces.append(("removed", " ".join(base_words[a1:a2])))
        if b2 > b1:
            pieces.append(("added", " ".join(variant_words[b1:b2])))
    return pieces

"""A statement's words as tracking compares them: folded words, word shingles, overlap scores, the
altered-quote test and a word-level diff of two wordings."""

from __future__ import annotations

import difflib
import re
import unicodedata
import zlib
from dataclasses import dataclass

from zitat.text.folding import fold

WORD = re.compile(r"\w+")
# quotation marks, dashes and ellipses are no part of a word: spaces before folding, so that a text
# whose other characters are ASCII takes ``fold``'s fast path
PUNCTUATION = re.compile("[„“”‚‘’«»›‹–—…•·]")
HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
DIGIT_GROUP = re.compile(r"(?<=\d)[.\u202f\u00a0'’](?=\d{3}(?!\d))")  # „1.900“ is „1900“
INSERTION = re.compile(r"\([^()]{1,60}\)|\[[^\[\]]{1,60}\]")  # „(die Kinder)“, „[sic]“
OPENING_MARKS = frozenset('„"»«“‚‹')
CLOSING_MARKS = ("“", '"', "«", "»", "”", "‘", "›")  # „Rechts-Brecher“ and „Rechtsbrecher“ are one word
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
    haben“) make no difference."""
    text = unicodedata.normalize("NFC", text or "")
    text = INSERTION.sub(" ", DIGIT_GROUP.sub("", text))
    return tuple(WORD.findall(HYPHEN.sub("", fold(PUNCTUATION.sub(" ", text)))))


def quoted(text: str) -> str:
    """A direct quote's text up to its last closing quotation mark: a message that runs on into its
    frame („„…“, heißt es in dem Brief“) quotes only the part in the marks."""
    stripped = text.lstrip()
    if not stripped or stripped[0] not in OPENING_MARKS:
        return text
    end = max(stripped.rfind(mark) for mark in CLOSING_MARKS)
    return stripped[: end + 1] if end > 0 else text


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
        shared = len(a & b)
        return cls(shared, shared / min(len(a), len(b)), shared / (len(a) + len(b) - shared))


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


def altered_quote(earlier: str, later: str) -> bool:
    """Whether the later version of a direct quote changed words or inserted words into the earlier one.

    Punctuation, quotation marks, case, umlaut spelling and ellipses („…“, „[...]“) are no change, nor
    is leaving words out (elision, shortening), nor a longer cut of the same speech (words before or
    after all the earlier ones: the first outlet quoted less of it). Only a changed or inserted word
    between words both versions share is an alteration."""
    before, after = words(quoted(earlier)), words(quoted(later))
    if _is_subsequence(after, before):
        return False  # shortened or elided
    if not _is_subsequence(before, after):
        return True  # words changed or reordered
    blocks = difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes()
    shared = [k for k, (tag, *_) in enumerate(blocks) if tag == "equal"] or [0]
    return any(tag in ("replace", "insert") for tag, *_ in blocks[shared[0] : shared[-1] + 1])


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

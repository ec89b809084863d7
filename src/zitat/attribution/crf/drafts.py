"""Statements while they are assembled, the cue tagger's reading, and the small helpers every step uses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zitat.attribution.features import TokenView
from zitat.document import Form
from zitat.text.grammar import SENTENCE_END

CUED_FORMS = frozenset({"Direct", "Indirect"})


@dataclass
class Draft:
    """A statement while it is being assembled (token ids are article-absolute)."""

    message: list[int]
    form: Form
    cue: tuple[int, ...] = ()
    source: tuple[int, ...] = ()
    addressee: tuple[int, ...] = ()
    medium: str | None = None
    # the probability of the stage that found it; None until `rule_confidence` fills it in
    confidence: float | None = None


@dataclass(frozen=True)
class CueReading:
    """The cue tagger's reading of an article: its cues, and per token the probability that the token
    is part of a cue (1 − P(O), from the same tagging pass)."""

    cues: list[tuple[int, ...]]
    probability: list[float]

    def likeliest(
        self, art: TokenView, message: Sequence[int], least: float, share: float
    ) -> tuple[int, ...]:
        """The likeliest cue tokens outside the message where its cue may stand, if likely enough.

        The cue tagger's best path misses about a quarter of the cues of messages it found (its
        recall is low where precision is high); given a message, a less likely cue beats none.
        """
        msg = set(message)
        scored = [
            (self.probability[i], i)
            for sent in sorted(cue_sentences(art, message))
            for i in art.sentences[sent]
            if i not in msg
        ]
        if not scored:
            return ()
        best, anchor = max(scored)
        if best < least:
            return ()
        sentence = art.sentence_of[anchor]
        floor = max(least, share * best)
        return tuple(sorted(i for p, i in scored if p >= floor and art.sentence_of[i] == sentence))


def cue_sentences(art: TokenView, message: Sequence[int]) -> set[int]:
    """The sentences where a message's cue may stand: its own, and a sentence ending in a colon right
    before it („Er äußerte sich wie folgt:“ as a sentence of its own, the quote in the next one)."""
    sentences = {art.sentence_of[i] for i in message}
    before = art.sentence_of[message[0]] - 1
    if before >= 0 and art.words[art.sentences[before].stop - 1] == ":":
        sentences.add(before)
    return sentences


def claimed_tokens(drafts: Sequence[Draft]) -> set[int]:
    """The message and cue tokens of the statements found so far: later stages leave them alone."""
    return {i for d in drafts for i in (*d.message, *d.cue)}


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def without_final_mark(art: TokenView, span: range) -> range:
    """The tokens of ``span`` without a sentence-final punctuation mark at its end."""
    return range(span.start, span.stop - 1) if span and art.words[span.stop - 1] in SENTENCE_END else span


def has_content(art: TokenView, ids: Iterable[int]) -> bool:
    """Messages made only of punctuation are tagging noise."""
    return any(art.tags[i][:1] != "$" for i in ids)

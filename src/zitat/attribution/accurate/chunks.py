"""Articles as encoder inputs: chunks of whole sentences, sub-token ids, per-statement windows.

Shared by training and inference, so both cut articles the same way. Words are absolute indices
within the article (sentence offset + token index), as in SpkAtt-2023.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from zitat.attribution.accurate.tokenizer import Tokenizer

MAX_TOKENS = 320  # sub-tokens per chunk, <s> and </s> included
BOS, PAD, EOS = 0, 1, 2  # e5's ids, kept by the reduced vocabulary
WINDOW_BEFORE, WINDOW_AFTER = 2, 2  # sentences around an anchor's sentence its role pass sees (95% of
# statements lie wholly inside)


@dataclass
class Chunk:
    ids: list[int]  # <s> … </s>
    words: range  # article word indices covered
    first_token: list[int]  # per word of ``words``: position of its first sub-token in ``ids``
    last_token: list[int]  # per word: position after its last sub-token
    sentences: list[range] = field(default_factory=list)  # article word ranges of its (parts of) sentences

    def token_span(self, words: range) -> tuple[int, int]:
        start = self.words.start
        return self.first_token[words.start - start], self.last_token[words.stop - 1 - start]

    def window(self, word: int) -> list[int]:
        """Token positions the role pass of an anchor at ``word`` sees: <s>, nearby sentences, </s>."""
        here = next(k for k, s in enumerate(self.sentences) if word in s)
        first = self.sentences[max(0, here - WINDOW_BEFORE)]
        last = self.sentences[min(len(self.sentences) - 1, here + WINDOW_AFTER)]
        start, stop = self.token_span(range(first.start, last.stop))
        return [0, *range(start, stop), len(self.ids) - 1]


def sentence_ranges(sentences: Sequence[Sequence[str]]) -> list[range]:
    out, start = [], 0
    for sent in sentences:
        out.append(range(start, start + len(sent)))
        start += len(sent)
    return out


def make_chunks(sentences: Sequence[Sequence[str]], tokenizer: Tokenizer) -> list[Chunk]:
    """Greedy packing of whole sentences into chunks of at most MAX_TOKENS sub-tokens.

    A sentence longer than a chunk is cut into parts at word boundaries; empty sentences vanish.
    """
    words = [w for sent in sentences for w in sent]
    pieces = [tokenizer.encode_word(w)[: MAX_TOKENS - 2] for w in words]
    parts: list[range] = []
    for sent in sentence_ranges(sentences):
        start, size = sent.start, 0
        for i in sent:
            if size + len(pieces[i]) > MAX_TOKENS - 2:
                parts.append(range(start, i))
                start, size = i, 0
            size += len(pieces[i])
        if start < sent.stop:
            parts.append(range(start, sent.stop))
    chunks: list[Chunk] = []
    current: list[range] = []
    size = 0
    for part in parts:
        length = sum(len(pieces[i]) for i in part)
        if current and size + length > MAX_TOKENS - 2:
            chunks.append(_chunk(current, pieces))
            current, size = [], 0
        current.append(part)
        size += length
    if current:
        chunks.append(_chunk(current, pieces))
    return chunks


def _chunk(parts: list[range], pieces: list[list[int]]) -> Chunk:
    ids = [BOS]
    first, last = [], []
    for part in parts:
        for i in part:
            first.append(len(ids))
            ids.extend(pieces[i])
            last.append(len(ids))
    ids.append(EOS)
    return Chunk(ids, range(parts[0].start, parts[-1].stop), first, last, list(parts))

"""From an article's words to statements with any backend that runs the two halves of the network.

The backend is ONNX Runtime when zitat runs and PyTorch while training (model selection); both
return numpy arrays, so decoding is the same code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from zitat.attribution.accurate.chunks import PAD, Chunk, make_chunks, sentence_ranges
from zitat.attribution.accurate.labels import (
    CUE_MARK,
    FORM_NAMES,
    ROLE_NAMES,
    Anchor,
    decode_cue_tags,
    medium_name,
)
from zitat.attribution.accurate.tokenizer import Tokenizer
from zitat.document import Statement, as_form

ANCHOR_THRESHOLD = 0.5
ANCHOR_BATCH = 16  # role passes per call: bounds the attention buffers of long articles


class Backend(Protocol):
    def lower(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray: ...

    def top(
        self, hidden: np.ndarray, marker: np.ndarray, mask: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]: ...


def padded(rows: Sequence[Sequence[int]], fill: int) -> tuple[np.ndarray, np.ndarray]:
    length = max(len(r) for r in rows)
    out = np.full((len(rows), length), fill, dtype=np.int64)
    mask = np.zeros((len(rows), length), dtype=np.int64)
    for k, row in enumerate(rows):
        out[k, : len(row)] = row
        mask[k, : len(row)] = 1
    return out, mask


def role_pass_inputs(
    chunk: Chunk, hidden: np.ndarray, anchor: Anchor
) -> tuple[list[int], np.ndarray, list[int]]:
    """Window token positions, their hidden states and their markers for one anchor's role pass."""
    window = chunk.window(anchor.words[0])
    marked: set[int] = set()
    for word in anchor.words:
        if word in chunk.words:
            start, stop = chunk.token_span(range(word, word + 1))
            marked.update(range(start, stop))
    return window, hidden[window], [anchor.mark if pos in marked else 0 for pos in window]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def predict(
    sentences: Sequence[Sequence[str]],
    tokenizer: Tokenizer,
    backend: Backend,
    anchor_threshold: float = ANCHOR_THRESHOLD,
) -> list[Statement]:
    """Statements of an article given as sentences of words; token ids are article word indices.

    A word is tagged as (part of) an anchor when the cue head gives its non-O tags together at
    least ``anchor_threshold``, with the likeliest of them.
    """
    chunks = make_chunks(sentences, tokenizer)
    if not chunks:
        return []
    ids, mask = padded([c.ids for c in chunks], PAD)
    hidden = backend.lower(ids, mask)
    cue_logits = backend.top(hidden, np.zeros_like(ids), mask)[0]
    n_words = chunks[-1].words.stop
    tags = [0] * n_words
    not_o = [0.0] * n_words  # the cue head's probability that a word anchors a statement
    for k, chunk in enumerate(chunks):
        for offset, word in enumerate(chunk.words):
            logits = cue_logits[k, chunk.first_token[offset]]
            probs = np.exp(logits - logits.max())
            not_o[word] = float(1.0 - probs[0] / probs.sum())
            if not_o[word] >= anchor_threshold:
                tags[word] = 1 + int(logits[1:].argmax())
    sentence_of = [0] * n_words
    for s, words in enumerate(sentence_ranges(sentences)):
        for w in words:
            sentence_of[w] = s
    anchors = decode_cue_tags(tags, sentence_of)
    chunk_of = {w: k for k, c in enumerate(chunks) for w in c.words}
    statements = []
    for start in range(0, len(anchors), ANCHOR_BATCH):
        batch = anchors[start : start + ANCHOR_BATCH]
        homes = [chunk_of[a.words[0]] for a in batch]
        inputs = [role_pass_inputs(chunks[k], hidden[k], a) for k, a in zip(homes, batch, strict=True)]
        length = max(len(w) for w, _, _ in inputs)
        states = np.zeros((len(batch), length, hidden.shape[2]), dtype=np.float32)
        for k, (_, h, _) in enumerate(inputs):
            states[k, : len(h)] = h
        markers, window_mask = padded([m for _, _, m in inputs], 0)
        _, role_logits, form_logits, medium_logits = backend.top(states, markers, window_mask)
        roles, media = _sigmoid(role_logits), _sigmoid(medium_logits)
        for k, (anchor, (window, _, _)) in enumerate(zip(batch, inputs, strict=True)):
            chunk = chunks[chunk_of[anchor.words[0]]]
            first = {pos: chunk.words.start + i for i, pos in enumerate(chunk.first_token)}
            spans: dict[str, list[int]] = {name: [] for name in ROLE_NAMES}
            for j, pos in enumerate(window):
                if pos in first:
                    for r, name in enumerate(ROLE_NAMES):
                        if roles[k, j, r] >= 0.5:
                            spans[name].append(first[pos])
            if not spans["message"]:
                continue
            cue = spans["cue"] or (list(anchor.words) if anchor.mark == CUE_MARK else [])
            statements.append(
                Statement(
                    cue=tuple(sorted(cue)),
                    message=tuple(spans["message"]),
                    source=tuple(spans["source"]),
                    addressee=tuple(spans["addressee"]),
                    frame=tuple(spans["frame"]),
                    form=as_form(FORM_NAMES[int(form_logits[k].argmax())]),
                    medium=medium_name(media[k].tolist()),
                    confidence=float(np.mean([not_o[w] for w in anchor.words])),
                )
            )
    return statements

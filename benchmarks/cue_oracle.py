"""How far a perfect cue tagger would take the CRF model: cross-validation with detected and with gold cues.

    .venv/bin/python benchmarks/cue_oracle.py --data ../shared/data/spkatt-news/train --jobs 2

Each fold is trained from scratch on the other folds, as by `zitat train --cv` (same folds, seed and
settings); its held-out articles are predicted twice: as shipped, and with the cue tagger's output
replaced by the gold cues of the top-level statements (every later stage unchanged). Scores are pooled
over all held-out articles (`zitat.spkatt.scorer`), so they can differ a little from the per-fold means
of `zitat train --cv`. About 6 minutes with two jobs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from zitat.attribution.crf import CrfExtractor
from zitat.attribution.features import Article
from zitat.attribution.training import (
    Example,
    TrainingConfig,
    data_files,
    folds,
    load_examples,
    predicted_article,
    train_model,
)
from zitat.spkatt.format import SpkAttArticle, read_article
from zitat.spkatt.scorer import evaluate

SHOWN = ("Full: Messages", "Full: Roles", "Full: Joint", "Simplified: Joint")


class GoldCueExtractor(CrfExtractor):
    """The CRF model with the cues of the article being predicted given, not detected."""

    def __init__(self, model_dir: Path) -> None:
        super().__init__(model_dir)
        self.gold_cues: list[tuple[int, ...]] = []

    def find_cues(self, art: Article) -> list[tuple[int, ...]]:
        return self.gold_cues


def gold_cues(ex: Example) -> list[tuple[int, ...]]:
    return sorted({tuple(g.cue) for g in ex.statements if g.cue and not g.nested})


# (files, examples, folds) inherited by the forked workers
STATE: tuple[list[Path], list[Example], list[list[int]]] | None = None


def fold_predictions(n: int) -> tuple[list[SpkAttArticle], list[SpkAttArticle]]:
    assert STATE is not None
    _, examples, held_outs = STATE
    held = set(held_outs[n])
    with tempfile.TemporaryDirectory(prefix="zitat-oracle-") as tmp:
        train_model([ex for i, ex in enumerate(examples) if i not in held], Path(tmp), TrainingConfig(seed=1))
        detected, oracle = CrfExtractor(Path(tmp)), GoldCueExtractor(Path(tmp))
        as_shipped, with_gold = [], []
        for i in held_outs[n]:
            as_shipped.append(predicted_article(detected, examples[i]))
            oracle.gold_cues = gold_cues(examples[i])
            with_gold.append(predicted_article(oracle, examples[i]))
    return as_shipped, with_gold


def main() -> None:
    global STATE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/spkatt-news/train"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    files = data_files(args.data)
    examples = load_examples(files)
    held_outs = folds(len(files), args.folds, 1)
    STATE = (files, examples, held_outs)
    with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(fold_predictions, range(args.folds)))
    golds = [read_article(files[i]) for held in held_outs for i in held]
    for label, k in (("detected cues (as shipped)", 0), ("gold cues (oracle)", 1)):
        predicted = [article for result in results for article in result[k]]
        lines = evaluate(zip(golds, predicted, strict=True)).lines()
        print(f"{label:28s}", "  ".join(f"{name} {lines[name].f1:.3f}" for name in SHOWN))


if __name__ == "__main__":
    main()

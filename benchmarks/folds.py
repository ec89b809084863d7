"""Cross-validation fold models for the benchmark scripts, trained as by `zitat train --cv`.

Same folds (seed 1), settings and training code; the models live in a temporary folder for the
duration of the ``with`` block. About 6 minutes for 5 folds with two jobs.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from zitat.attribution.training import (
    Example,
    TrainingConfig,
    data_files,
    folds,
    load_examples,
    train_folds,
)


@contextmanager
def trained_folds(
    examples: Sequence[Example], k: int = 5, jobs: int = 2, order_seed: int = 1, keep: Path | None = None
) -> Iterator[list[tuple[Path, list[int]]]]:
    """(model folder, indices of its held-out examples) per fold. The folds always come from seed 1;
    ``order_seed`` shuffles the training articles (crfsuite's result depends on their order). The
    models are deleted afterwards unless ``keep`` names a folder for them."""
    held_outs = folds(len(examples), k, 1)
    with tempfile.TemporaryDirectory(prefix="zitat-folds-") as tmp:
        dirs = train_folds(examples, held_outs, TrainingConfig(seed=order_seed), keep or Path(tmp), jobs)
        yield list(zip(dirs, held_outs, strict=True))


def training_articles(
    description: str, add_arguments: Callable[[argparse.ArgumentParser], None] | None = None
) -> tuple[argparse.Namespace, list[Path], list[Example]]:
    """The command line shared by the fold benchmarks (--data, --folds, --jobs, and what
    ``add_arguments`` adds), the training files and their tagged examples."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/spkatt-news/train"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    if add_arguments is not None:
        add_arguments(parser)
    args = parser.parse_args()
    files = data_files(args.data)
    return args, files, load_examples(files)

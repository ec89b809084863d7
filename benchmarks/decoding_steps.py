"""What each decoding step of the CRF model is worth: cross-validation with steps switched off.

    .venv/bin/python benchmarks/decoding_steps.py --data ../shared/data/spkatt-news/train --jobs 2 \\
        --without split_at_sentences continuation_runs

Each fold is trained once, as by `zitat train --cv` (benchmarks/folds.py); its held-out articles are
predicted with every step, and once more without each step named by ``--without`` (the names of
``zitat.attribution.crf.model.DECODING_STEPS``). Scores are pooled over all held-out articles
(`zitat.spkatt.scorer`). About 6 minutes plus a minute per step with two jobs.
"""

from __future__ import annotations

from folds import trained_folds, training_articles  # benchmarks/folds.py; scripts run from this folder

from zitat.attribution.crf import CrfExtractor
from zitat.attribution.crf.model import DECODING_STEPS
from zitat.attribution.training import predicted_article
from zitat.spkatt.format import read_article
from zitat.spkatt.scorer import evaluate

SHOWN = ("Full: Messages", "Full: Roles", "Full: Joint", "Full: Form", "Simplified: Joint")


def main() -> None:
    args, files, examples = training_articles(
        __doc__.splitlines()[0],
        lambda parser: parser.add_argument(
            "--without", nargs="*", default=[], choices=sorted(DECODING_STEPS)
        ),
    )
    variants = [("all steps", frozenset[str]())] + [(f"without {s}", frozenset({s})) for s in args.without]
    golds = []
    predicted: dict[str, list] = {label: [] for label, _ in variants}
    with trained_folds(examples, args.folds, args.jobs) as fold_models:
        for model_dir, held_out in fold_models:
            extractors = {label: CrfExtractor(model_dir, skip=skip) for label, skip in variants}
            for i in held_out:
                golds.append(read_article(files[i]))
                for label, extractor in extractors.items():
                    predicted[label].append(predicted_article(extractor, examples[i]))
    for label, articles in predicted.items():
        lines = evaluate(zip(golds, articles, strict=True)).lines()
        print(f"{label:36s}", "  ".join(f"{name} {lines[name].f1:.4f}" for name in SHOWN))


if __name__ == "__main__":
    main()

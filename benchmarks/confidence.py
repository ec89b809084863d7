"""What a statement's ``confidence`` is worth: held-out precision per confidence band, and the scores
left after dropping statements below a threshold.

    .venv/bin/python benchmarks/confidence.py --data ../shared/data/spkatt-news/train --jobs 2

Folds as by `zitat train --cv` (benchmarks/folds.py). A predicted statement counts as right when the
scorer pairs it with a gold statement (their messages overlap); the scores after a threshold are the
pooled `zitat.spkatt.scorer` scores of the statements kept. About 6 minutes with two jobs.
"""

from __future__ import annotations

import itertools

from folds import trained_folds, training_articles  # benchmarks/folds.py; scripts run from this folder

from zitat.attribution.crf import CrfExtractor
from zitat.attribution.training import statements_article
from zitat.document import Statement, link_nesting
from zitat.spkatt.format import SpkAttArticle, read_article
from zitat.spkatt.scorer import EMPTY, align, evaluate, overlap_f1, scored_statements

BANDS = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)
THRESHOLDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95)
SHOWN = ("Full: Messages", "Full: Joint", "Simplified: Joint")


def judged(
    gold: SpkAttArticle, article: SpkAttArticle, statements: list[Statement]
) -> list[tuple[float, bool, float]]:
    """(confidence, paired with a gold statement, message overlap F1) per predicted statement."""
    predicted = scored_statements(article)
    confidence = {id(s): statement.confidence for s, statement in zip(predicted, statements, strict=True)}
    return [
        (confidence[id(s)], g is not EMPTY, overlap_f1(s.parts["Message"], g.parts["Message"]))
        for s, g in align(predicted, scored_statements(gold))
        if s is not EMPTY
    ]


def main() -> None:
    args, files, examples = training_articles(__doc__.splitlines()[0])
    predictions = []  # (gold article, example, statements in link_nesting order)
    with trained_folds(examples, args.folds, args.jobs) as fold_models:
        for model_dir, held_out in fold_models:
            model = CrfExtractor(model_dir)
            for i in held_out:
                statements = link_nesting(model.predict(examples[i].article))
                predictions.append((read_article(files[i]), examples[i], statements))
    rows = [
        row
        for gold, ex, statements in predictions
        for row in judged(gold, statements_article(ex, statements), statements)
    ]
    print("confidence band | statements | paired with a gold statement | mean message overlap F1")
    for low, high in itertools.pairwise(BANDS):
        last = high == BANDS[-1]  # the top band includes 1.0
        band = [r for r in rows if low <= r[0] < high or (last and r[0] == high)]
        if band:
            paired = sum(r[1] for r in band) / len(band)
            overlap = sum(r[2] for r in band) / len(band)
            bounds = f"[{low:.2f}, {high:.2f}{']' if last else ')'}"
            print(f"{bounds} | {len(band)} | {paired:.3f} | {overlap:.3f}")
    print()
    print("kept if confidence ≥ | statements | " + " | ".join(SHOWN) + " (F1; Messages P / R)")
    for threshold in THRESHOLDS:
        kept = [
            (gold, statements_article(ex, [s for s in statements if s.confidence >= threshold]))
            for gold, ex, statements in predictions
        ]
        lines = evaluate(kept).lines()
        count = sum(len(article.annotations) for _, article in kept)
        messages = lines["Full: Messages"]
        scores = " | ".join(f"{lines[name].f1:.3f}" for name in SHOWN)
        print(f"{threshold:.2f} | {count} | {scores} (P {messages.precision:.3f} / R {messages.recall:.3f})")


if __name__ == "__main__":
    main()

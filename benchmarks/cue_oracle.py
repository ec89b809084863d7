"""How far a perfect cue tagger would take the CRF model: cross-validation with detected and with gold cues.

    .venv/bin/python benchmarks/cue_oracle.py --data ../shared/data/spkatt-news/train --jobs 2

Each fold is trained from scratch on the other folds, as by `zitat train --cv` (benchmarks/folds.py);
its held-out articles are predicted twice: as shipped, and with the cue tagger's output replaced by the
gold cues of the top-level statements (every later stage unchanged). Scores are pooled over all
held-out articles (`zitat.spkatt.scorer`), so they can differ a little from the per-fold means of
`zitat train --cv`. About 6 minutes with two jobs.
"""

from __future__ import annotations

from dataclasses import replace

from folds import trained_folds, training_articles  # benchmarks/folds.py; scripts run from this folder

from zitat.attribution.crf import CrfExtractor
from zitat.attribution.crf.drafts import CueReading
from zitat.attribution.features import TokenView
from zitat.attribution.training import Example, predicted_article
from zitat.spkatt.format import read_article
from zitat.spkatt.scorer import evaluate

SHOWN = ("Full: Messages", "Full: Roles", "Full: Joint", "Simplified: Joint")


class GoldCues:
    """A cue reader that gives the cues of the article being predicted, not the detected ones."""

    def __init__(self, detector: CrfExtractor) -> None:
        self.detector = detector
        self.gold_cues: list[tuple[int, ...]] = []

    def __call__(self, art: TokenView) -> CueReading:
        # the tagger's cue probabilities stay: cue-less messages still fall back on them
        return replace(self.detector.read_cues(art), cues=self.gold_cues)


def gold_cues(ex: Example) -> list[tuple[int, ...]]:
    return sorted({tuple(g.cue) for g in ex.statements if g.cue and not g.nested})


def main() -> None:
    args, files, examples = training_articles(__doc__.splitlines()[0])
    golds, as_shipped, with_gold = [], [], []
    with trained_folds(examples, args.folds, args.jobs) as fold_models:
        for model_dir, held_out in fold_models:
            detected = CrfExtractor(model_dir)
            gold_reader = GoldCues(detected)
            oracle = CrfExtractor(model_dir, cue_reader=gold_reader)
            for i in held_out:
                golds.append(read_article(files[i]))
                as_shipped.append(predicted_article(detected, examples[i]))
                gold_reader.gold_cues = gold_cues(examples[i])
                with_gold.append(predicted_article(oracle, examples[i]))
    for label, predicted in (("detected cues (as shipped)", as_shipped), ("gold cues (oracle)", with_gold)):
        lines = evaluate(zip(golds, predicted, strict=True)).lines()
        print(f"{label:28s}", "  ".join(f"{name} {lines[name].f1:.3f}" for name in SHOWN))


if __name__ == "__main__":
    main()

"""What the pipeline's statements for quoted clauses (``unframed_quotes``) add on held-out SpkAtt folds.

    .venv/bin/zitat train --data ../shared/data/spkatt-news/train --cv 5 --jobs 2 --predictions CV_DIR
    .venv/bin/python benchmarks/quoted_clauses.py ../shared/data/spkatt-news/train CV_DIR

``zitat train --cv`` predicts every held-out article with the CRF alone. This script adds, per article,
the Direct statements that ``zitat.attribution.layout.unframed_quotes`` makes for quoted clauses no
predicted statement touches (as the pipeline does after the model), and prints the SpkAtt-2023 scores
of the predictions without and with them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zitat.attribution.layout import unframed_quotes
from zitat.document import DocumentMeta, Statement, doc_from_tokens
from zitat.speakers.evaluation import text_pipeline
from zitat.spkatt.format import (
    SpkAttArticle,
    annotations_from_statements,
    article_files,
    read_article,
)
from zitat.spkatt.scorer import evaluate

SHOWN = ("Full: Messages", "Full: Roles", "Full: Joint", "Full: Form", "Simplified: Joint")


def with_quoted_clauses(article: SpkAttArticle) -> tuple[SpkAttArticle, int]:
    """The predicted article plus statements for its unclaimed quoted clauses, and how many."""
    nlp = text_pipeline()
    doc = doc_from_tokens(nlp.vocab, article.sentences, DocumentMeta(id=article.name))
    for _, component in nlp.pipeline:
        doc = component(doc)
    offsets = article.sentence_offsets()

    def ids(refs: list[str]) -> tuple[int, ...]:
        return tuple(sorted({offsets[int(s)] + int(t) for s, t in (r.split(":") for r in refs)}))

    predicted = [Statement(cue=ids(a["Cue"]), message=ids(a["Message"])) for a in article.annotations]
    added = unframed_quotes(doc, predicted)
    annotations = list(article.annotations) + annotations_from_statements(
        doc, added, article.token_positions()
    )
    return SpkAttArticle(article.name, article.sentences, annotations), len(added)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="the SpkAtt training folder")
    parser.add_argument("predictions", type=Path, help="held-out predictions of zitat train --cv")
    args = parser.parse_args()
    pairs = [(read_article(args.gold / p.name), read_article(p)) for p in article_files(args.predictions)]
    extended = [(gold, *with_quoted_clauses(pred)) for gold, pred in pairs]
    before = evaluate(pairs).lines()
    after = evaluate((gold, pred) for gold, pred, _ in extended).lines()
    print(f"{len(pairs)} articles, {sum(n for _, _, n in extended)} statements added for quoted clauses")
    print(f"| {'score':<20} | CRF alone | with quoted clauses |")
    print("|---|---|---|")
    for name in SHOWN:
        print(f"| {name:<20} | {before[name].f1:.4f} | {after[name].f1:.4f} |")


if __name__ == "__main__":
    main()

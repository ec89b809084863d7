"""What the pipeline adds to the model's statements, measured on held-out SpkAtt folds.

    .venv/bin/zitat train --data ../shared/data/spkatt-news/train --cv 5 --jobs 2 --predictions CV_DIR
    .venv/bin/python benchmarks/pipeline_additions.py ../shared/data/spkatt-news/train CV_DIR

``zitat train --cv`` predicts every held-out article with the CRF alone. The pipeline then adds Direct
statements for quoted clauses no statement touches (``zitat.attribution.layout.unframed_quotes``),
Indirect ones for complement clauses of cue verbs, free indirect ones for subjunctive sentences right
after a statement (both ``zitat.attribution.complements``) and Reported ones
for speech acts named with their content (``zitat.attribution.reported``; in SpkAtt output their
message is the whole clause); last, every further sentence of indirect speech becomes a statement of
its own (``zitat.attribution.layout.one_per_sentence``; SpkAtt output joins runs of free indirect
sentences again, not an indirect statement and its next sentence), and indirect statements of plain
clauses before a sentence-final frame („…, betont Lybke.“; ``complements.postposed_statements``) or
after a stance and a colon („Seine Erfahrung: …“; ``complements.colon_statements``).
This script adds them to each
held-out prediction in the same order and prints the SpkAtt-2023 scores after each.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zitat.attribution.complements import (
    colon_statements,
    complement_statements,
    continued_statements,
    postposed_statements,
)
from zitat.attribution.layout import one_per_sentence, unframed_quotes
from zitat.attribution.reported import reported_statements
from zitat.document import DocumentMeta, Statement, doc_from_tokens, link_nesting, token_at_chars
from zitat.speakers.evaluation import text_pipeline
from zitat.spkatt.format import (
    ROLE_KEYS,
    SpkAttArticle,
    annotations_from_statements,
    article_files,
    read_article,
)
from zitat.spkatt.scorer import evaluate

SHOWN = ("Full: Messages", "Full: Roles", "Full: Joint", "Full: Form", "Simplified: Joint")


def with_additions(article: SpkAttArticle) -> list[SpkAttArticle]:
    """The predicted article plus quoted-clause statements, that plus complement-clause ones, and that
    plus reported acts."""
    nlp = text_pipeline()
    doc = doc_from_tokens(nlp.vocab, article.sentences, DocumentMeta(id=article.name))
    for _, component in nlp.pipeline:
        doc = component(doc)
    offsets = article.sentence_offsets()

    def ids(refs: list[str]) -> tuple[int, ...]:
        return tuple(sorted({offsets[int(s)] + int(t) for s, t in (r.split(":") for r in refs)}))

    predicted = [
        Statement(
            **{role: ids(a[key]) for role, key in ROLE_KEYS.items()},
            form=a["Form"] or None,
            medium=a["STWR"] or None,
        )
        for a in article.annotations
    ]
    quoted = unframed_quotes(doc, predicted, token_at_chars(doc))
    complements = complement_statements(doc, predicted + quoted)
    continued = continued_statements(doc, predicted + quoted + complements)
    before = predicted + quoted + complements + continued
    reported = reported_statements(doc, before)[len(before) :]
    positions = article.token_positions()
    annotations = list(article.annotations)
    articles = []
    for added in (quoted, complements, continued, reported):
        annotations += annotations_from_statements(doc, added, positions)
        articles.append(SpkAttArticle(article.name, article.sentences, list(annotations)))
    # every statement written anew, as the pipeline gives them: one per sentence (SpkAtt joins runs again),
    # then the sentence-final frames of plain clauses and the stances before a colon, as the pipeline does
    per_sentence = one_per_sentence(doc, before + reported)
    framed = per_sentence + postposed_statements(doc, per_sentence)
    for final in (per_sentence, framed + colon_statements(doc, framed)):
        statements = annotations_from_statements(doc, link_nesting(final), positions)
        articles.append(SpkAttArticle(article.name, article.sentences, statements))
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="the SpkAtt training folder")
    parser.add_argument("predictions", type=Path, help="held-out predictions of zitat train --cv")
    args = parser.parse_args()
    pairs = [(read_article(args.gold / p.name), read_article(p)) for p in article_files(args.predictions)]
    extended = [(gold, *with_additions(pred)) for gold, pred in pairs]
    columns = {"CRF alone": evaluate(pairs).lines()}
    steps = (
        "+ quoted clauses",
        "+ complement clauses",
        "+ continuations",
        "+ reported acts",
        "one per sentence",
        "+ postposed and colon frames",
    )
    for k, name in enumerate(steps):
        columns[name] = evaluate((gold, added[k]) for gold, *added in extended).lines()
    print(f"{len(pairs)} held-out articles")
    print("| score | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for name in SHOWN:
        print(f"| {name} | " + " | ".join(f"{lines[name].f1:.4f}" for lines in columns.values()) + " |")


if __name__ == "__main__":
    main()

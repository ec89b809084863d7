"""The quality gate: floors the shipped models must keep, on hand-written German cases and, where the
SpkAtt-2023 data is at hand (../shared), on a fixed sample of its training articles.

A floor is a measured score rounded down; raise it when a model improves (docs/benchmarks.md). The
sample is training data for the fast model, so it guards against regressions, not over-fitting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from zitat.attribution.registry import load_model
from zitat.document import DocumentMeta
from zitat.pipeline import process_text, process_tokens
from zitat.spkatt.format import SpkAttArticle, annotations_from_statements, article_files, read_article
from zitat.spkatt.scorer import evaluate

SHARED_DATA = Path(os.environ.get("ZITAT_SHARED_DATA", Path(__file__).parents[1] / ".." / "shared" / "data"))
TRAIN_DIR = SHARED_DATA / "spkatt-news" / "train"
SAMPLE_STEP = 20  # every 20th training article in name order: 35 articles, about a second per model


@dataclass(frozen=True)
class Case:
    """A sentence or two and the statements in them: form, cue words and source words."""

    text: str
    statements: tuple[tuple[str, str, str], ...]


CASES = (
    Case("„Wir sind bereit“, sagte Stoltenberg.", (("Direct", "sagte", "Stoltenberg"),)),
    Case(
        "Der Minister sagte, die Regierung werde die Steuern senken.",
        (("Indirect", "sagte", "Der Minister"),),
    ),
    Case("Die Lage sei ernst, betonte die Sprecherin.", (("Indirect", "betonte", "die Sprecherin"),)),
    Case("Laut Polizei wurden zwei Menschen verletzt.", (("Indirect", "Laut", "Polizei"),)),
    Case("Der Meldung zufolge sind zwei Menschen gestorben.", (("Indirect", "zufolge", "Der Meldung"),)),
    Case("„Das ist ein großer Erfolg“, so der Bürgermeister.", (("Direct", "so", "der Bürgermeister"),)),
    Case(
        "Die Polizei teilte am Montag mit, drei Menschen seien verletzt worden.",
        (("Indirect", "teilte mit", "Die Polizei"),),
    ),
    Case(
        "Der Verband warnte vor steigenden Preisen. „Das trifft alle“, sagte sein Präsident.",
        (("Reported", "warnte", "Der Verband"), ("Direct", "sagte", "sein Präsident")),
    ),
    Case(
        "Der Sprecher sagte, die Lage sei ernst. Die Armee habe bereits reagiert.",
        (("Indirect", "sagte", "Der Sprecher"), ("IndirectFreeIndirect", "", "Der Sprecher")),
    ),
    Case(
        "Wie die WHO mitteilte, ist die Zahl der Fälle gestiegen.",
        (("Indirect", "Wie mitteilte", "die WHO"),),
    ),
    Case("Der Mann soll die Kasse geplündert haben.", (("FreeIndirect", "", ""),)),
    Case("Er erklärte: „Wir geben nicht auf.“", (("Direct", "erklärte", "Er"),)),
)

# floors per model: share of the hand-written statements found with the right form, cue and source,
# and share of the found statements that are right. Measured on 2026-12-07: fast 0.929 and 0.929
# (it takes „mitteilte“ without „Wie“), rules 1.0 and 1.0.
CASE_FLOORS = {"fast": (0.92, 0.92), "rules": (1.0, 1.0)}
# floors on the sample: F1 of the SpkAtt-2023 scorer's lines (full task). Measured on 2026-12-07:
# fast 0.953, 0.885, 0.905; rules 0.749, 0.655, 0.683. These are training articles the fast model has
# seen: the statements the pipeline adds for quoted and complement clauses the model leaves out cost a
# little here (fast 0.940, 0.881, 0.898) but gain on held-out folds (docs/benchmarks.md, „What the
# pipeline adds to the model, on held-out folds“). Reported acts („verurteilte den Vorfall“) and one
# statement per sentence of indirect speech cost more (fast 0.925, 0.868, 0.885), also on held-out
# folds: SpkAtt-2023 marks far fewer reported acts than real pages hold and counts an indirect
# statement's further sentences with it; on real pages both gain (docs/benchmarks.md, the wild set).
SAMPLE_FLOORS = {
    "fast": {"Full: Messages": 0.92, "Full: Roles": 0.86, "Full: Joint": 0.875},
    "rules": {"Full: Messages": 0.74, "Full: Roles": 0.65, "Full: Joint": 0.68},
}


def found_statements(text: str, model: str) -> set[tuple[str, str, str]]:
    doc = process_text(text, DocumentMeta(id="case"), model)

    def words(ids: tuple[int, ...]) -> str:
        return " ".join(doc[i].text for i in ids)

    return {(s.form or "", words(s.cue), words(s.source)) for s in doc._.statements}


def case_scores(model: str) -> tuple[float, float, list[str]]:
    """(recall, precision, the statements missed or wrong) over all ``CASES``."""
    expected = found = right = 0
    errors: list[str] = []
    for case in CASES:
        got = found_statements(case.text, model)
        want = set(case.statements)
        expected, found, right = expected + len(want), found + len(got), right + len(want & got)
        errors += [f"missed {w} in {case.text!r}" for w in want - got]
        errors += [f"wrong {g} in {case.text!r}" for g in got - want]
    return right / expected, right / max(found, 1), errors


@pytest.mark.parametrize("model", sorted(CASE_FLOORS))
def test_hand_written_cases_keep_their_floor(model: str) -> None:
    recall, precision, errors = case_scores(model)
    least_recall, least_precision = CASE_FLOORS[model]
    report = f"{model}: recall {recall:.3f}, precision {precision:.3f}\n" + "\n".join(errors)
    assert recall >= least_recall and precision >= least_precision, report


def sample_files() -> list[Path]:
    if not TRAIN_DIR.is_dir():
        pytest.skip(f"SpkAtt-2023 training data not found at {TRAIN_DIR} (set ZITAT_SHARED_DATA)")
    return article_files(TRAIN_DIR)[::SAMPLE_STEP]


def predicted(gold: SpkAttArticle, model: str) -> SpkAttArticle:
    doc = process_tokens(gold.sentences, DocumentMeta(id=gold.name), model)
    annotations = annotations_from_statements(doc, doc._.statements, gold.token_positions())
    return SpkAttArticle(gold.name, gold.sentences, annotations)


@pytest.mark.parametrize("model", sorted(SAMPLE_FLOORS))
def test_spkatt_sample_keeps_its_floor(model: str) -> None:
    golds = [read_article(path) for path in sample_files()]
    load_model(model)
    lines = evaluate((gold, predicted(gold, model)) for gold in golds).lines()
    scores = {name: lines[name].f1 for name in SAMPLE_FLOORS[model]}
    report = f"{model} on {len(golds)} articles: " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items())
    assert all(scores[name] >= floor for name, floor in SAMPLE_FLOORS[model].items()), report

"""zitat as a spaCy component and as a library."""

from __future__ import annotations

import subprocess
import sys

import spacy

import zitat

TEXT = "„Wir sind bereit“, sagte Stoltenberg. Er sagte, die Nato sei geschlossen."


def test_add_pipe_on_a_blank_german_pipeline() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("zitat", config={"model": "rules"})
    doc = nlp(TEXT)
    assert [s.form for s in doc._.statements] == ["Direct", "Indirect"]
    assert doc[doc._.statements[1].source[0]].text == "Er"
    nlp.add_pipe("zitat_speakers")
    assert [s.speaker.name for s in nlp(TEXT)._.statements] == ["Stoltenberg", "Stoltenberg"]


def test_load_gives_the_full_pipeline_and_fresh_statements_per_doc() -> None:
    nlp = zitat.load("rules")
    assert nlp.pipe_names == ["zitat_sentences", "zitat_morphology", "zitat", "zitat_speakers"]
    first, second = nlp(TEXT), nlp("Das Wetter war gut.")
    assert len(first._.statements) == 2
    assert second._.statements == []


def test_results_are_deterministic() -> None:
    nlp = zitat.load("rules")
    runs = [[(s.cue, s.message, s.source, s.form) for s in nlp(TEXT)._.statements] for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zitat", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("zitat ")

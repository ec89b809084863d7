"""Speed of the German text layer, stage by stage, on the 10kGNAD articles (DER STANDARD).

    .venv/bin/python benchmarks/bench_text.py [--articles N] [--hanta-articles N]

Stages: tokenize (spaCy's German tokenizer with zitat's news rules), sentences (split_sentences),
morphology with the distilled fast tagger, and the whole text layer (the sum of the three), in a
first pass over the articles (cold caches) and a second one; then morphology with HanTa (the
teacher) on fewer articles, it is slow. Last, how often the language check accepts pieces of
10 to 30 words of these German articles. "words" are the
whitespace-separated words of the text (fewer than tokens: punctuation is not counted).
Skips (exit 0) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable

import spacy
from corpus import CORPUS, read_articles  # benchmarks/corpus.py; scripts run from this folder
from spacy.tokens import Doc

from zitat.text.language import is_german
from zitat.text.morphology import annotate_morphology
from zitat.text.sentences import split_sentences
from zitat.text.tagger import default_tagger
from zitat.text.tokenizer import customize_tokenizer

Seconds = tuple[float, float]  # wall clock, CPU time of this process


def timed(run: Callable[[], object]) -> Seconds:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def stage_times(nlp: spacy.Language, texts: list[str], backend: str) -> dict[str, Seconds]:
    """Seconds per stage over all texts: tokenize, sentences, morphology."""
    docs: list[Doc] = []
    return {
        "tokenize": timed(lambda: docs.extend(nlp.make_doc(text) for text in texts)),
        "sentences": timed(lambda: [split_sentences(doc) for doc in docs]),
        f"morphology ({backend})": timed(lambda: [annotate_morphology(doc, backend=backend) for doc in docs]),
    }


def table_row(cells: list[str], widths: tuple[int, ...]) -> str:
    """A Markdown table row: the first cell left-aligned, numbers right-aligned."""
    padded = [cells[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
    return "| " + " | ".join(padded) + " |"


def load() -> str:
    return " ".join(f"{n:.1f}" for n in os.getloadavg())


def german_acceptance(texts: list[str], window: int) -> float:
    """Share of consecutive ``window``-word pieces of German news (first 200 words) that is_german accepts."""
    pieces = [
        " ".join(words[start : start + window])
        for words in (text.split()[:200] for text in texts)
        for start in range(0, len(words) - window + 1, window)
    ]
    return sum(map(is_german, pieces)) / len(pieces)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1028)
    parser.add_argument("--hanta-articles", type=int, default=40)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found (set ZITAT_SHARED_DATA)")
        return 0
    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    texts = [text for _, text in read_articles()][: args.articles]
    hanta_texts = texts[: args.hanta_articles]
    default_tagger()  # loading the weights (once per process) is not part of the per-article speed
    words = sum(len(text.split()) for text in texts)
    rows: list[tuple[str, int, Seconds]] = []
    for run in ("first pass", "second pass"):
        times = stage_times(nlp, texts, "fast")
        rows += [(f"{stage}, {run}", words, seconds) for stage, seconds in times.items()]
        total = sum(wall for wall, _ in times.values()), sum(cpu for _, cpu in times.values())
        rows.append((f"text layer, {run}", words, total))
    hanta_words = sum(len(text.split()) for text in hanta_texts)
    rows.append(
        ("morphology (hanta)", hanta_words, stage_times(nlp, hanta_texts, "hanta")["morphology (hanta)"])
    )
    print(f"{len(texts)} articles of {CORPUS.name}, {words} words; HanTa on the first {len(hanta_texts)}")
    print("first pass: cold caches (spaCy's tokenizer cache, the tagger's per-word features);")
    print(f"CPU: this process's CPU time, steadier than the wall clock on a busy machine (load {load()})\n")
    widths = (35, 8, 7, 9, 7, 11)
    print(table_row(["stage", "words", "wall s", "words/s", "CPU s", "words/CPU s"], widths))
    print(table_row(["-" * w for w in widths], widths))
    for name, count, (wall, cpu) in rows:
        cells = [name, str(count), f"{wall:.2f}", f"{count / wall:,.0f}", f"{cpu:.2f}", f"{count / cpu:,.0f}"]
        print(table_row(cells, widths))
    print("\nis_german on pieces of these articles (share accepted):")
    print(", ".join(f"{n} words: {german_acceptance(texts, n):.3f}" for n in (10, 15, 20, 30)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

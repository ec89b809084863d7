"""Candidate statement pairs for labelling (issue 24), drawn from an archive by word overlap, stratified.

    .venv/bin/python benchmarks/tracking_sample.py --subset SUBSET.jsonl [--corpus FANG.jsonl.gz]
    .venv/bin/python benchmarks/tracking_sample.py --db ARCHIVE --out CANDIDATES.jsonl [--seed 24]
    .venv/bin/python benchmarks/tracking_sample.py --db ARCHIVE --show CANDIDATES.jsonl
        [--from ID] [--count N]

Independent of any clustering method: statements with messages of at least five words, in pairs
from different documents, found through an inverted index over rare word 4-grams and rare words
(plus same-speaker and random pairs), then sampled per stratum (benchmarks/tracking/README.md).
The candidates hold references only (document id, message extent, message hash); ``--show`` prints
them with their text from the archive for the annotator. ``--subset`` writes the fang-covid articles
the pairs were drawn from (benchmarks/tracking/documents.txt) as JSONL, for ``zitat ingest``. Skips
(exit 0) when the archive or the corpus is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import sqlite3
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracking_eval import message_extent, message_hash

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ZITAT_SHARED_DATA", REPO / ".." / "shared" / "data"))
CORPUS = SHARED_DATA / "corpora" / "fang-covid.jsonl.gz"
DOCUMENTS = REPO / "benchmarks" / "tracking" / "documents.txt"
WORD = re.compile(r"\w+")
MIN_WORDS = 5
# stratum → how many pairs to draw
TARGETS = {
    "verbatim": 60,
    "direct_variant": 80,
    "partial": 60,
    "weak_overlap": 40,
    "lexical": 50,
    "same_speaker": 50,
    "short_generic": 30,
    "random": 40,
    # drawn after the first labelling round had too few positives (README „How the sample was drawn“)
    "near_copy_direct": 80,
    "near_copy_other": 70,
    # and after the second round: near copies of eight words or more published within a month
    "close_copy_direct": 50,
    "close_copy_other": 50,
}
REPEATED = 5  # a message text in this many statements or more is boilerplate, left out of near copies
CONTEXT = 110  # characters of article text shown around a message


@dataclass(frozen=True)
class Statement:
    document: str
    start: int
    end: int
    form: str
    message: str
    speaker: str | None
    published: str | None
    outlet: str | None
    words: tuple[str, ...]

    def grams(self) -> set[str]:
        return {" ".join(self.words[i : i + 4]) for i in range(len(self.words) - 3)}


def load_statements(con: sqlite3.Connection) -> list[Statement]:
    rows = con.execute(
        "SELECT s.document_id, s.form, s.message, s.spans, s.speaker, d.published, d.outlet "
        "FROM statements s JOIN documents d ON d.id = s.document_id ORDER BY d.id, s.position"
    )
    statements = []
    for document, form, message, spans, speaker, published, outlet in rows:
        extent = message_extent(spans) if message else None
        words = tuple(WORD.findall((message or "").lower()))
        if extent is None or len(words) < MIN_WORDS:
            continue
        name = json.loads(speaker).get("name") if speaker else None
        statements.append(Statement(document, *extent, form, message, name, published, outlet, words))
    return statements


def overlap_candidates(statements: list[Statement]) -> dict[tuple[int, int], float]:
    """Pairs sharing a rare word 4-gram, with the shared share of the smaller one's 4-grams."""
    grams = [s.grams() for s in statements]
    index: dict[str, list[int]] = defaultdict(list)
    for number, statement_grams in enumerate(grams):
        for gram in statement_grams:
            index[gram].append(number)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in index.values():
        if len(members) > 40:  # boilerplate: counted through the other 4-grams, if any
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if statements[a].document != statements[b].document:
                    shared[a, b] += 1
    return {pair: count / min(len(grams[pair[0]]), len(grams[pair[1]])) for pair, count in shared.items()}


def lexical_candidates(
    statements: list[Statement], exclude: set[tuple[int, int]]
) -> dict[tuple[int, int], float]:
    """Pairs without a shared 4-gram but with a Jaccard overlap of rare long words of at least 0.15."""
    vocab = [{w for w in s.words if len(w) >= 5} for s in statements]
    index: dict[str, list[int]] = defaultdict(list)
    for number, words in enumerate(vocab):
        for word in words:
            index[word].append(number)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in index.values():
        if len(members) > 50:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if statements[a].document != statements[b].document and (a, b) not in exclude:
                    shared[a, b] += 1
    result = {}
    for (a, b), count in shared.items():
        if count >= 2:
            jaccard = len(vocab[a] & vocab[b]) / len(vocab[a] | vocab[b])
            if jaccard >= 0.15:
                result[a, b] = jaccard
    return result


def days_apart(a: Statement, b: Statement) -> int:
    """Days between two statements' publication dates; a missing or malformed date counts as far apart."""
    try:
        return abs((date.fromisoformat(a.published or "") - date.fromisoformat(b.published or "")).days)
    except ValueError:
        return 10**6


def stratify(statements: list[Statement], rng: random.Random) -> dict[str, list[tuple[int, int]]]:
    overlap = overlap_candidates(statements)
    strata: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (a, b), share in overlap.items():
        sa, sb = statements[a], statements[b]
        if max(len(sa.words), len(sb.words)) <= 8:
            strata["short_generic"].append((a, b))
        elif sa.form == sb.form == "Direct" and share >= 0.3 and sa.words != sb.words:
            strata["direct_variant"].append((a, b))
        elif share >= 0.8:
            strata["verbatim"].append((a, b))
        elif share >= 0.3:
            strata["partial"].append((a, b))
        else:
            strata["weak_overlap"].append((a, b))
    for a, b in lexical_candidates(statements, set(overlap)):
        short = max(len(statements[a].words), len(statements[b].words)) <= 8
        strata["short_generic" if short else "lexical"].append((a, b))
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for number, statement in enumerate(statements):
        if statement.speaker:
            by_speaker[statement.speaker].append(number)
    for members in by_speaker.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                sa, sb = statements[a], statements[b]
                if sa.document != sb.document and (a, b) not in overlap and sa.published == sb.published:
                    strata["same_speaker"].append((a, b))
    repeats: dict[tuple[str, ...], int] = defaultdict(int)
    for statement in statements:
        repeats[statement.words] += 1
    for (a, b), share in overlap.items():
        sa, sb = statements[a], statements[b]
        if share < 0.5 or sa.words == sb.words or max(repeats[sa.words], repeats[sb.words]) >= REPEATED:
            continue
        both_direct = sa.form == sb.form == "Direct"
        if both_direct:
            strata["near_copy_direct"].append((a, b))
        elif share >= 0.6:
            strata["near_copy_other"].append((a, b))
        if min(len(sa.words), len(sb.words)) >= 8 and days_apart(sa, sb) <= 31:
            strata["close_copy_direct" if both_direct else "close_copy_other"].append((a, b))
    while len(strata["random"]) < 4 * TARGETS["random"]:
        a, b = sorted(rng.sample(range(len(statements)), 2))
        if statements[a].document != statements[b].document:
            strata["random"].append((a, b))
    return strata


def sample(statements: list[Statement], seed: int) -> list[dict[str, Any]]:
    """Up to the target number of pairs per stratum, three in four from different outlets where
    there are enough; no document pair used twice, and no message text (boilerplate repeats) used
    twice, except that a close copy may pair a message already used once with a new document."""
    rng = random.Random(seed)
    strata = stratify(statements, rng)
    uses: dict[tuple[str, ...], int] = defaultdict(int)
    used_documents: set[tuple[str, str]] = set()
    rows = []
    for stratum, target in TARGETS.items():
        candidates = sorted(set(strata[stratum]))
        rng.shuffle(candidates)
        cross = [p for p in candidates if statements[p[0]].outlet != statements[p[1]].outlet]
        same = [p for p in candidates if statements[p[0]].outlet == statements[p[1]].outlet]
        cut = max(3 * target // 4, target - len(same))
        taken = 0
        allowed_uses = 2 if stratum.startswith("close_copy") else 1
        for a, b in cross[:cut] + same + cross[cut:]:
            if taken == target:
                break
            documents = (statements[a].document, statements[b].document)
            messages = {statements[a].words, statements[b].words}
            if max(uses[m] for m in messages) >= allowed_uses or documents in used_documents:
                continue
            for message in messages:
                uses[message] += 1
            used_documents.add(documents)
            first, second = sorted(
                (statements[a], statements[b]), key=lambda s: (s.published or "", s.document)
            )
            rows.append({"stratum": stratum, "a": member(first), "b": member(second)})
            taken += 1
    for number, row in enumerate(rows, 1):
        row["id"] = f"p{number:03d}"
    return rows


def member(statement: Statement) -> dict[str, Any]:
    return {
        "document": statement.document,
        "start": statement.start,
        "end": statement.end,
        "hash": message_hash(statement.message),
        "published": statement.published,
        "form": statement.form,
    }


def show(con: sqlite3.Connection, rows: list[dict[str, Any]]) -> str:
    """The candidates with their messages and a little article context, for the annotator."""
    out = []
    for row in rows:
        out.append(f"=== {row['id']} [{row['stratum']}]")
        for key in ("a", "b"):
            m = row[key]
            document = con.execute(
                "SELECT outlet, published, text FROM documents WHERE id = ?", (m["document"],)
            ).fetchone()
            statement = con.execute(
                "SELECT message, speaker, spans FROM statements WHERE document_id = ?", (m["document"],)
            ).fetchall()
            found = next((s for s in statement if message_extent(s[2]) == (m["start"], m["end"])), None)
            if document is None or found is None:
                out.append(f"{key}: {m['document']} not found")
                continue
            outlet, published, text = document
            speaker = json.loads(found[1]).get("name") if found[1] else None
            before = text[max(0, m["start"] - CONTEXT) : m["start"]].replace("\n", " / ")
            after = text[m["end"] : m["end"] + CONTEXT].replace("\n", " / ")
            out.append(f"{key}: {m['document']} {outlet} {published} {m['form']} speaker={speaker}")
            out.append(f"   …{before}⟦{found[0]}⟧{after}…")
    return "\n".join(out)


def write_subset(corpus: Path, out: Path) -> int:
    """The corpus lines of the sampled articles, in corpus order; how many were written."""
    wanted = set(DOCUMENTS.read_text(encoding="utf-8").split())
    written = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as lines, out.open("w", encoding="utf-8") as subset:
        for line in lines:
            if json.loads(line)["id"] in wanted:
                subset.write(line)
                written += 1
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", type=Path, help="write the sampled fang-covid articles here (JSONL)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--db")
    parser.add_argument("--out", type=Path, help="write sampled candidate pairs here (JSONL)")
    parser.add_argument("--show", type=Path, help="print these candidate pairs with their text")
    parser.add_argument("--from", dest="first", default="p001", help="first pair id to show")
    parser.add_argument("--count", type=int, default=20, help="how many pairs to show")
    parser.add_argument("--seed", type=int, default=24)
    args = parser.parse_args()
    if args.subset:
        if not args.corpus.is_file():
            print(f"skipped: {args.corpus} not found")
            return 0
        print(f"{write_subset(args.corpus, args.subset)} articles written to {args.subset}")
        return 0
    if not args.db:
        parser.error("give --db (or --subset)")
    if not Path(args.db).is_file():
        print(f"skipped: no archive at {args.db}")
        return 0
    con = sqlite3.connect(f"file:{Path(args.db).resolve()}?mode=ro", uri=True)
    if args.show:
        rows = [json.loads(line) for line in args.show.read_text(encoding="utf-8").splitlines()]
        start = next((i for i, row in enumerate(rows) if row["id"] == args.first), 0)
        print(show(con, rows[start : start + args.count]))
        return 0
    if not args.out:
        parser.error("give --out or --show")
    statements = load_statements(con)
    rows = sample(statements, args.seed)
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["stratum"]] += 1
    print(f"{len(statements)} statements, {len(rows)} candidate pairs: {dict(counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

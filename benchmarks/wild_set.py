"""The wild set: zitat on real pages of many outlets, scored against hand-made annotations.

The articles are the fundus test pages in ``../shared/data/news-wild/fundus`` (not in this repo: their
texts belong to the publishers). Each article is the expected text of one parser version of one
publisher's file, built as title, summary, then every section's headline and paragraphs, joined by
blank lines; every offset points into that text. The annotations in ``benchmarks/wild/*.json`` hold
only offsets, labels and a short snippet of each message (format: ``benchmarks/wild/README.md``).

    .venv/bin/python benchmarks/wild_set.py list                     # article ids and sizes
    .venv/bin/python benchmarks/wild_set.py text de/Taz#V1           # one article's text, numbered paragraphs
    .venv/bin/python benchmarks/wild_set.py locate DRAFT.json OUT.json   # a draft (strings) into offsets
    .venv/bin/python benchmarks/wild_set.py show benchmarks/wild/de-Taz-V1.json
    .venv/bin/python benchmarks/wild_set.py eval --split dev         # found, right speaker, precision
    .venv/bin/python benchmarks/wild_set.py spkatt --split dev OUT   # SpkAtt-2023 training files
    .venv/bin/python benchmarks/wild_set.py eval --split test --errors

Scores: a gold statement is *found* when the one-to-one pairing of gold and predicted statements
(greedy on message overlap) pairs it with a prediction whose message overlaps it with character F1 ≥ 0.5;
it has the *right speaker* when, in addition, the prediction's resolved speaker matches the gold
speaker (`speaker_matches`). *Precision* is the share of predicted statements that are paired so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ZITAT_SHARED_DATA", REPO / ".." / "shared" / "data"))
FUNDUS = SHARED_DATA / "news-wild" / "fundus"
ANNOTATIONS = REPO / "benchmarks" / "wild"
FORMS = ("Direct", "Indirect", "FreeIndirect", "IndirectFreeIndirect", "Reported")
MEDIA = ("Speech", "Thought", "Writing", "ST", "SW", "TW")
SPEAKER_TYPES = ("person", "organization", "government", "group", "anonymous", "unknown")
SNIPPET = 40
FOUND_OVERLAP = 0.5


@dataclass(frozen=True)
class WildArticle:
    id: str  # "de/Taz#V1": country/publisher#parser version
    publisher: str
    country: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def file_stem(self) -> str:
        return self.id.replace("/", "-").replace("#", "-")


def article_text(version: dict[str, Any]) -> str:
    """Title, summary, then each section's headline and paragraphs, joined by blank lines."""
    body = version.get("body") or {}
    parts = [version.get("title") or ""]
    parts += body.get("summary") or []
    for section in body.get("sections") or []:
        parts += section.get("headline") or []
        parts += section.get("paragraphs") or []
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def wild_articles(root: Path = FUNDUS) -> Iterator[WildArticle]:
    for path in sorted(root.glob("*/*.json")):
        country, publisher = path.parent.name, path.stem
        for version, content in json.loads(path.read_text(encoding="utf-8")).items():
            text = article_text(content)
            if text:
                yield WildArticle(f"{country}/{publisher}#{version}", publisher, country, text)


def article_by_id(article_id: str) -> WildArticle:
    for art in wild_articles():
        if art.id == article_id:
            return art
    raise SystemExit(f"no wild article {article_id!r} (see: wild_set.py list)")


# --- drafts into annotations -------------------------------------------------------------------


def _find(text: str, needle: str, start: int) -> int:
    """First position of needle at or after start, else anywhere; -1 when absent."""
    at = text.find(needle, start)
    return at if at >= 0 else text.find(needle)


def _span(text: str, needle: str | None, near: int, what: str) -> list[int] | None:
    if not needle:
        return None
    at = _find(text, needle, near)
    if at < 0:
        raise ValueError(f"{what} not in the text: {needle!r}")
    return [at, at + len(needle)]


def locate(art: WildArticle, draft: dict[str, Any]) -> dict[str, Any]:
    """A draft's statements (message given by its first and last words) as character offsets."""
    out = []
    cursor = 0
    for n, st in enumerate(draft["statements"], 1):
        try:
            start = _find(art.text, st["from"], cursor)
            if start < 0:
                raise ValueError(f"message start not in the text: {st['from']!r}")
            end_at = art.text.find(st["to"], start)
            if end_at < 0:
                raise ValueError(f"message end not after its start: {st['to']!r}")
            end = end_at + len(st["to"])
            if st["form"] not in FORMS or st.get("medium", "Speech") not in MEDIA:
                raise ValueError(f"unknown form or medium: {st['form']!r} {st.get('medium')!r}")
            if st.get("speaker_type", "person") not in SPEAKER_TYPES:
                raise ValueError(f"unknown speaker_type {st['speaker_type']!r}")
            cue = _span(art.text, st.get("cue"), max(0, start - 300), "cue")
            source = _span(art.text, st.get("source"), max(0, start - 300), "source")
        except ValueError as err:
            raise SystemExit(f"{art.id} statement {n}: {err}") from None
        cursor = start
        out.append(
            {
                "message": [start, end],
                "snippet": art.text[start : start + SNIPPET],
                "cue": cue,
                "source": source,
                "speaker": st.get("speaker"),
                "aliases": st.get("aliases", []),
                "speaker_type": st.get("speaker_type", "person"),
                "form": st["form"],
                "medium": st.get("medium", "Speech"),
            }
        )
    return {
        "article": art.id,
        "publisher": art.publisher,
        "country": art.country,
        "split": draft.get("split", "dev"),
        "text_sha256": art.sha256,
        "statements": out,
    }


# --- scoring ------------------------------------------------------------------------------------


def normalize_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).casefold()
    name = re.sub(r"[^\w\s-]", " ", name)
    name = re.sub(r"^(der|die|das|den|dem|des)\s+", "", name.strip())
    return " ".join(name.split())


def speaker_matches(gold: dict[str, Any], predicted: dict[str, Any] | None) -> bool:
    """The prediction's speaker is the gold one: the same name or alias, for persons the same surname,
    for others a name that holds every word of the gold name or of an alias;
    an anonymous gold speaker is matched by an anonymous prediction or a listed alias, a statement whose
    speaker the text does not give (type ``unknown``) by no speaker or an anonymous one."""
    if gold["speaker_type"] == "unknown" or not gold.get("speaker"):
        return predicted is None or predicted.get("type") in ("unknown", "anonymous")
    if predicted is None:
        return False
    name = normalize_name(predicted.get("name") or "")
    wanted = {normalize_name(n) for n in [gold.get("speaker") or "", *gold.get("aliases", [])] if n}
    if name and name in wanted:
        return True
    if gold["speaker_type"] == "anonymous":
        return predicted.get("type") == "anonymous"
    if gold["speaker_type"] == "person" and name and gold.get("speaker"):
        return name.split()[-1] == normalize_name(gold["speaker"]).split()[-1]
    # an institution named more fully than the gold name („Nachrichtenagentur NNA“ for „NNA“)
    return bool(name) and any(set(w.split()) <= set(name.split()) for w in wanted)


def _chars(spans: Sequence[Sequence[int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _overlap_f1(a: set[int], b: set[int]) -> float:
    common = len(a & b)
    return 0.0 if not common else 2 * common / (len(a) + len(b))


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    right_speaker: int = 0
    # where the statements without the right speaker were lost
    missed: Counter[str] = field(default_factory=Counter)  # by form
    no_speaker: int = 0
    wrong_speaker: int = 0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.found += other.found
        self.right_speaker += other.right_speaker
        self.missed += other.missed
        self.no_speaker += other.no_speaker
        self.wrong_speaker += other.wrong_speaker

    def losses(self) -> str:
        forms = ", ".join(f"{form} {n}" for form, n in self.missed.most_common())
        return (
            f"not found {sum(self.missed.values())} ({forms}); found without a speaker {self.no_speaker};"
            f" found with a wrong speaker {self.wrong_speaker}"
        )

    def row(self) -> str:
        found = self.found / self.gold if self.gold else 0.0
        right = self.right_speaker / self.gold if self.gold else 0.0
        precision = self.found / self.predicted if self.predicted else 0.0
        return (
            f"{self.gold:5d} {self.predicted:5d}   found {found:.3f}   right speaker {right:.3f}"
            f"   precision {precision:.3f}"
        )


def score_article(
    gold: dict[str, Any], predicted: list[dict[str, Any]], errors: list[str] | None = None, text: str = ""
) -> Score:
    gold_sets = [_chars([st["message"]]) for st in gold["statements"]]
    pred_sets = [_chars([(s["start"], s["end"]) for s in st["message"]["spans"]]) for st in predicted]
    pairs = sorted(
        (
            (_overlap_f1(g, p), gi, pi)
            for gi, g in enumerate(gold_sets)
            for pi, p in enumerate(pred_sets)
            if g & p
        ),
        reverse=True,
    )
    paired: dict[int, int] = {}
    used: set[int] = set()
    for f1, gi, pi in pairs:
        if f1 >= FOUND_OVERLAP and gi not in paired and pi not in used:
            paired[gi] = pi
            used.add(pi)
    score = Score(gold=len(gold_sets), predicted=len(pred_sets), found=len(paired))
    for gi, st in enumerate(gold["statements"]):
        pi = paired.get(gi)
        speaker = predicted[pi].get("speaker") if pi is not None else None
        right = pi is not None and speaker_matches(st, speaker)
        score.right_speaker += right
        if pi is None:
            score.missed[st["form"]] += 1
        elif not right and (not speaker or not (speaker.get("name") or speaker.get("type") == "anonymous")):
            score.no_speaker += 1
        elif not right:
            score.wrong_speaker += 1
        if errors is not None and not right:
            got = "MISSED" if pi is None else f"speaker {(predicted[pi].get('speaker') or {}).get('name')!r}"
            s, e = st["message"]
            want = f"want {st['speaker']!r}: {got}"
            errors.append(f"  {gold['article']} {st['form']:<12} {want}  «{text[s:e][:70]}»")
    if errors is not None:
        for pi, st in enumerate(predicted):
            if pi not in used:
                speaker = (st.get("speaker") or {}).get("name")
                message = st["message"]["text"][:70]
                errors.append(f"  {gold['article']} SPURIOUS {st['form']} {speaker!r}: «{message}»")
    return score


def load_annotations(split: str) -> list[dict[str, Any]]:
    out = []
    for path in sorted(ANNOTATIONS.glob("*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        if split in ("all", ann["split"]):
            out.append(ann)
    return out


def extract(texts: dict[str, str], model: str | None) -> dict[str, list[dict[str, Any]]]:
    """zitat's statements for each text, through its command line (of the running Python's zitat)."""
    lines = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in texts.items())
    command = [sys.executable, "-m", "zitat", "extract", "-", "--format", "jsonl"]
    if model:
        command += ["--model", model]
    done = subprocess.run(command, input=lines, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"zitat extract failed: {done.stderr.strip()}")
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return {r["document"]["id"]: r["statements"] for r in results}


def evaluate(split: str, model: str | None, show_errors: bool) -> int:
    annotations = load_annotations(split)
    if not annotations:
        print(f"no annotations for split {split!r} in {ANNOTATIONS}", file=sys.stderr)
        return 1
    articles = {art.id: art for art in wild_articles()}
    for ann in annotations:
        art = articles.get(ann["article"])
        if art is None or art.sha256 != ann["text_sha256"]:
            print(f"{ann['article']}: the article's text differs from the annotated one", file=sys.stderr)
            return 1
    predicted = extract({a["article"]: articles[a["article"]].text for a in annotations}, model)
    total = Score()
    errors: list[str] = []
    print(f"{'article':<34} {'gold':>5} {'pred':>5}")
    for ann in annotations:
        article_errors: list[str] = []
        score = score_article(ann, predicted[ann["article"]], article_errors, articles[ann["article"]].text)
        total.add(score)
        errors += article_errors
        print(f"{ann['article']:<34} {score.row()}")
    publishers = len({a["publisher"] for a in annotations})
    print(f"{f'all ({len(annotations)} articles, {publishers} publishers)':<34} {total.row()}")
    if show_errors:
        print(f"lost: {total.losses()}")
        print("\n".join(["", "errors:", *errors]))
    return 0


def show(path: Path) -> int:
    ann = json.loads(path.read_text(encoding="utf-8"))
    art = article_by_id(ann["article"])
    if art.sha256 != ann["text_sha256"]:
        print(f"{ann['article']}: the text differs from the annotated one", file=sys.stderr)
        return 1
    for n, st in enumerate(ann["statements"], 1):
        s, e = st["message"]
        source = art.text[slice(*st["source"])] if st["source"] else None
        cue = art.text[slice(*st["cue"])] if st["cue"] else None
        print(f"{n:3d} {st['form']:<20} {st['medium']:<8} cue={cue!r} source={source!r} -> {st['speaker']!r}")
        print(f"      «{art.text[s:e]}»")
    return 0


def _span_tokens(doc: Doc, token_at: Sequence[int], span: Sequence[int] | None) -> tuple[int, ...]:
    """The words of a ``[start, end)`` character span."""
    if not span:
        return ()
    return tuple(i for i in range(token_at[span[0]], token_at[span[1] - 1] + 1) if not doc[i].is_space)


def write_spkatt(split: str, out: Path) -> int:
    """The split's annotations as SpkAtt-2023 training files (they hold the articles' words: keep them
    out of the repository), for training on real pages: a reported act's message is its whole
    sentence, as SpkAtt-2023 marks it."""
    from zitat.document import DocumentMeta, Statement, token_at_chars, token_ids
    from zitat.speakers.evaluation import text_pipeline
    from zitat.spkatt.format import spkatt_json

    nlp = text_pipeline()
    articles = {art.id: art for art in wild_articles()}
    out.mkdir(parents=True, exist_ok=True)
    annotations = load_annotations(split)
    for ann in annotations:
        art = articles[ann["article"]]
        doc = nlp(art.text)
        doc._.meta = DocumentMeta(id=art.file_stem)
        token_at = token_at_chars(doc)
        statements = []
        for st in ann["statements"]:
            message = _span_tokens(doc, token_at, st["message"])
            if not message:
                continue
            sentence = doc[message[0]].sent
            clause = token_ids(t.i for t in sentence if not t.is_space and not t.is_punct)
            statements.append(
                Statement(
                    message=message,
                    cue=_span_tokens(doc, token_at, st.get("cue")),
                    source=_span_tokens(doc, token_at, st.get("source")),
                    form=st["form"],
                    medium={"ST": "Speech", "SW": "Speech", "TW": "Writing"}.get(st["medium"], st["medium"]),
                    clause=clause if st["form"] == "Reported" else (),
                )
            )
        doc._.statements = statements
        (out / f"{art.file_stem}.json").write_text(
            json.dumps(spkatt_json(doc), ensure_ascii=False), encoding="utf-8"
        )
    print(f"{out}: {len(annotations)} articles")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="article ids and sizes")
    text = sub.add_parser("text", help="one article's text with numbered paragraphs")
    text.add_argument("article")
    loc = sub.add_parser("locate", help="turn a draft into an annotation with offsets")
    loc.add_argument("draft", type=Path)
    loc.add_argument("out", type=Path)
    shw = sub.add_parser("show", help="print an annotation's statements with their text")
    shw.add_argument("annotation", type=Path)
    ev = sub.add_parser("eval", help="score zitat against the annotations")
    ev.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ev.add_argument("--model", default=None)
    ev.add_argument("--errors", action="store_true", help="list missed, wrong-speaker and spurious ones")
    spk = sub.add_parser("spkatt", help="write a split as SpkAtt-2023 training files (never commit them)")
    spk.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    spk.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if not FUNDUS.is_dir():
        print(f"skipped: the wild set is not here ({FUNDUS})", file=sys.stderr)
        return 0
    if args.command == "list":
        for art in wild_articles():
            print(f"{art.id:<34} {len(art.text):7,d} chars")
        return 0
    if args.command == "text":
        art = article_by_id(args.article)
        for n, para in enumerate(art.text.split("\n\n")):
            print(f"[{n}] {para}\n")
        return 0
    if args.command == "locate":
        draft = json.loads(args.draft.read_text(encoding="utf-8"))
        ann = locate(article_by_id(draft["article"]), draft)
        args.out.write_text(json.dumps(ann, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{args.out}: {len(ann['statements'])} statements")
        return 0
    if args.command == "show":
        return show(args.annotation)
    if args.command == "spkatt":
        return write_spkatt(args.split, args.out)
    return evaluate(args.split, args.model, args.errors)


if __name__ == "__main__":
    sys.exit(main())

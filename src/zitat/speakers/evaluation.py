"""Evaluation of speaker resolution: per-case-type accuracy and wrong merges of the identity key.

Cases come in two tab-separated files (``tests/speakers/data``):

- ``resolution_cases.tsv``: hand-written sentences with ``[[source]]`` and ``{{cue}}`` marks; the
  last marked statement is scored, earlier ones give context.
- ``spkatt_cases.tsv``: references into the SpkAtt-2023 training articles (file name, index of the
  annotation) with a hand-annotated entity; the article text is read from the shared data at run time.

A case is correct when type and name (and gender, where annotated) equal the annotation.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from zitat.document import DocumentMeta, Speaker, Statement, doc_from_tokens
from zitat.speakers.identity import IdentityResolver
from zitat.speakers.resolution import resolve_speakers

MARK = re.compile(r"\[\[(.*?)\]\]|\{\{(.*?)\}\}")


@dataclass(frozen=True)
class Expected:
    type: str
    name: str | None
    gender: str | None  # None: not checked


@dataclass(frozen=True)
class Outcome:
    case_type: str
    expected: Expected
    got: Speaker

    @property
    def correct(self) -> bool:
        e, g = self.expected, self.got
        return (
            e.type == g.type
            and (e.name or None) == (g.name or None)
            and (e.gender is None or e.gender == g.gender)
        )


@cache
def text_pipeline() -> Language:
    """Tokenizer, sentences and morphology: everything the resolver needs, no statement extraction."""
    import spacy

    import zitat.text.components  # noqa: F401  (registers the text components)
    from zitat.text.tokenizer import customize_tokenizer

    nlp = spacy.blank("de")
    customize_tokenizer(nlp)
    nlp.add_pipe("zitat_sentences")
    nlp.add_pipe("zitat_morphology")
    return nlp


def _expected(fields: Sequence[str]) -> Expected:
    kind, name, gender = fields
    return Expected(
        "unknown" if kind == "-" else kind, None if name == "-" else name, None if gender == "-" else gender
    )


def marked_doc(marked: str) -> Doc:
    """A processed ``Doc`` whose statements are the ``[[source]]``/``{{cue}}`` pairs of the text."""
    text, spans, pos = "", [], 0
    for match in MARK.finditer(marked):
        text += marked[pos : match.start()]
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        spans.append((match.group(1) is not None, len(text), len(text) + len(inner)))
        text += inner
        pos = match.end()
    doc = text_pipeline()(text + marked[pos:])

    def tokens(start: int, end: int) -> tuple[int, ...]:
        return tuple(t.i for t in doc if t.idx >= start and t.idx + len(t.text) <= end)

    sources = [tokens(a, b) for is_source, a, b in spans if is_source]
    cues = [tokens(a, b) for is_source, a, b in spans if not is_source]
    doc._.statements = [Statement(cue=c, source=s) for s, c in zip(sources, cues, strict=True)]
    return doc


def handwritten_outcomes(path: Path) -> list[Outcome]:
    outcomes = []
    for fields in _rows(path):
        case_type, *expected, marked = fields
        doc = marked_doc(marked)
        resolve_speakers(doc)
        outcomes.append(Outcome(case_type, _expected(expected), doc._.statements[-1].speaker))
    return outcomes


def spkatt_doc(path: Path) -> Doc:
    """A training article with its gold statements (sources as annotated) and the pipeline's tags."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sentences = [s["Tokens"] for s in data["Sentences"]]
    nlp = text_pipeline()
    doc = doc_from_tokens(nlp.vocab, sentences, DocumentMeta(id=data["DocumentName"]))
    for _, component in nlp.pipeline:
        doc = component(doc)
    offsets = [0]
    for sentence in sentences:
        offsets.append(offsets[-1] + len(sentence))

    def ids(refs: Iterable[str]) -> tuple[int, ...]:
        return tuple(sorted({offsets[int(s)] + int(t) for s, t in (r.split(":") for r in refs)}))

    doc._.statements = [
        Statement(cue=ids(a["Cue"]), source=ids(a["Source"]), form=a.get("Form")) for a in data["Annotations"]
    ]
    return doc


def spkatt_outcomes(path: Path, data_dir: Path) -> list[Outcome]:
    outcomes = []
    docs: dict[str, Doc] = {}
    for file_name, index, case_type, *expected in _rows(path):
        if file_name not in docs:
            docs[file_name] = spkatt_doc(data_dir / file_name)
            resolve_speakers(docs[file_name])
        speaker = docs[file_name]._.statements[int(index)].speaker
        outcomes.append(Outcome(case_type, _expected(expected), speaker))
    return outcomes


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def accuracy_table(outcomes: Sequence[Outcome]) -> list[tuple[str, int, int]]:
    """(case type, correct, total) per type, then "all"."""
    total: Counter[str] = Counter(o.case_type for o in outcomes)
    right: Counter[str] = Counter(o.case_type for o in outcomes if o.correct)
    rows = [(t, right[t], total[t]) for t in sorted(total)]
    return [*rows, ("all", sum(right.values()), len(outcomes))]


def anonymous_precision(outcomes: Sequence[Outcome]) -> tuple[int, int]:
    """How many speakers typed anonymous are anonymous by the annotation (correct, predicted)."""
    predicted = [o for o in outcomes if o.got.type == "anonymous"]
    return sum(o.expected.type == "anonymous" for o in predicted), len(predicted)


def identity_merges(path: Path) -> tuple[int, int, int, int]:
    """(wrong merges, different-person pairs, missed merges, same-person pairs) on a pair file."""
    wrong = different = missed = same = 0
    for label, first, second in _rows(path):
        resolver = IdentityResolver()
        keys = [resolver.resolve(Speaker(name=name, type="person")) for name in (first, second)]
        merged = keys[0] == keys[1]
        if label == "same":
            same += 1
            missed += not merged
        else:
            different += 1
            wrong += merged
    return wrong, different, missed, same

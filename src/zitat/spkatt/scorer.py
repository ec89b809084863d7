"""The SpkAtt-2023 Task 2 metric, implemented from the task description in the data README.

Per article, system and gold statements are paired one-to-one by a linear sum assignment that
maximizes the token-overlap F1 of their messages (+0.01 for equal Form, +0.001 for equal STWR, only
where the messages overlap). Statements left over are paired with an empty statement; so are the
two sides of an assigned pair whose messages do not overlap at all (score 0), because which of
several zero-score pairs an assignment picks is arbitrary. Ties between positive scores remain
(two system statements overlapping two gold ones equally): the solver's choice then moves role
scores a little; on the rule baseline's predictions for the training set, scipy's solver gives a
Joint F1 within 0.001 of this one.

Precision and recall are computed per pair and part, left out where undefined (empty denominator),
and averaged over all pairs of all articles, so every statement weighs the same. A mean over no
defined values is reported as 0.

Form and STWR are micro-averaged over the pairs; a missing label, "" and "none" all mean no label.
The simplified task scores top-level statements (``IsNested`` false) on Message and Source only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zitat.errors import InputError
from zitat.spkatt.format import NO_MEDIUM, ROLE_KEYS, SpkAttArticle, article_files, read_article, span_ids

PARTS = tuple(ROLE_KEYS.values())  # Cue, Message, Source, Addr, Frame
ROLE_PARTS = ("Cue", "Source", "Addr", "Frame")


@dataclass(frozen=True)
class ScoredStatement:
    """One statement as sets of absolute token positions per part, with its labels ("" for none)."""

    parts: dict[str, frozenset[int]]
    form: str
    stwr: str
    nested: bool


EMPTY = ScoredStatement(dict.fromkeys(PARTS, frozenset()), "", "", False)


def scored_statements(article: SpkAttArticle) -> list[ScoredStatement]:
    offsets = article.sentence_offsets()
    return [
        ScoredStatement(
            {part: frozenset(span_ids(ann.get(part, []), offsets)) for part in PARTS},
            _label(ann.get("Form")),
            _label(ann.get("STWR")),
            bool(ann.get("IsNested")),
        )
        for ann in article.annotations
    ]


def _label(value: str | None) -> str:
    """Form and STWR labels; missing, empty and "none" all mean no label."""
    return "" if not value or value == NO_MEDIUM else value


def overlap_f1(a: frozenset[int], b: frozenset[int]) -> float:
    common = len(a & b)
    return 0.0 if not common else 2 * common / (len(a) + len(b))


def pair_score(system: ScoredStatement, gold: ScoredStatement) -> float:
    f1 = overlap_f1(system.parts["Message"], gold.parts["Message"])
    if f1 <= 0:
        return 0.0
    return f1 + 0.01 * (system.form == gold.form) + 0.001 * (system.stwr == gold.stwr)


def assign(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one assignment of rows to columns (Hungarian algorithm, O(n²m)).

    Written out here so that scoring needs no scipy at run time.
    """
    transpose = len(scores) > len(scores[0]) if scores else False
    matrix = [list(col) for col in zip(*scores, strict=True)] if transpose else [list(r) for r in scores]
    n, m = len(matrix), len(matrix[0]) if matrix else 0
    if not n or not m:
        return []
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while p[j0]:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -matrix[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = [(p[j] - 1, j - 1) for j in range(1, m + 1) if p[j]]
    return sorted((c, r) if transpose else (r, c) for r, c in pairs)


def align(
    system: list[ScoredStatement], gold: list[ScoredStatement]
) -> list[tuple[ScoredStatement, ScoredStatement]]:
    """Pairs (system, gold); a statement without a partner is paired with ``EMPTY``."""
    pairs: list[tuple[ScoredStatement, ScoredStatement]] = []
    paired_system: set[int] = set()
    paired_gold: set[int] = set()
    scores = [[pair_score(s, g) for g in gold] for s in system]
    for i, j in assign(scores):
        if scores[i][j] > 0:
            pairs.append((system[i], gold[j]))
            paired_system.add(i)
            paired_gold.add(j)
    pairs += [(s, EMPTY) for i, s in enumerate(system) if i not in paired_system]
    pairs += [(EMPTY, g) for j, g in enumerate(gold) if j not in paired_gold]
    return pairs


@dataclass
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class MeanPR:
    """Running means of the defined per-pair precisions and recalls."""

    p_sum: float = 0.0
    p_n: int = 0
    r_sum: float = 0.0
    r_n: int = 0

    def add(self, system: frozenset[int], gold: frozenset[int]) -> None:
        common = len(system & gold)
        if system:
            self.p_sum += common / len(system)
            self.p_n += 1
        if gold:
            self.r_sum += common / len(gold)
            self.r_n += 1

    def result(self) -> PRF:
        return PRF(self.p_sum / self.p_n if self.p_n else 0.0, self.r_sum / self.r_n if self.r_n else 0.0)


@dataclass
class LabelCounts:
    """Micro counts of one label (Form or STWR) over pairs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, system: str, gold: str) -> None:
        if system and system == gold:
            self.tp += 1
            return
        self.fp += bool(system)
        self.fn += bool(gold)

    def result(self) -> PRF:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return PRF(p, r)


@dataclass
class TaskScores:
    """Mean P/R for one task variant over all pairs seen so far."""

    role_parts: tuple[str, ...]
    messages: MeanPR = field(default_factory=MeanPR)
    roles: MeanPR = field(default_factory=MeanPR)
    joint: MeanPR = field(default_factory=MeanPR)
    form: LabelCounts = field(default_factory=LabelCounts)
    stwr: LabelCounts = field(default_factory=LabelCounts)
    pairs: int = 0

    def add(self, system: ScoredStatement, gold: ScoredStatement) -> None:
        self.pairs += 1
        for part in ("Message", *self.role_parts):
            target = self.messages if part == "Message" else self.roles
            target.add(system.parts[part], gold.parts[part])
            self.joint.add(system.parts[part], gold.parts[part])
        self.form.add(system.form, gold.form)
        self.stwr.add(system.stwr, gold.stwr)


@dataclass
class FormCounts:
    """Detection counts of one form (full task): gold statements found or missed, spurious ones."""

    gold: int = 0
    found: int = 0  # paired with a system statement (any form)
    same_form: int = 0  # ... of the same form
    spurious: int = 0  # system statements of this form paired with nothing

    def to_dict(self) -> dict[str, int]:
        return {
            "gold": self.gold,
            "found": self.found,
            "same_form": self.same_form,
            "spurious": self.spurious,
        }


@dataclass
class Report:
    full: TaskScores = field(default_factory=lambda: TaskScores(ROLE_PARTS))
    simplified: TaskScores = field(default_factory=lambda: TaskScores(("Source",)))
    articles: int = 0
    missing_predictions: list[str] = field(default_factory=list)  # gold articles without a prediction
    extra_predictions: list[str] = field(default_factory=list)  # prediction files without a gold file
    forms: dict[str, FormCounts] = field(default_factory=dict)
    # full task, per part: over all pairs, and over found pairs only (neither side empty)
    parts: dict[str, MeanPR] = field(default_factory=lambda: {part: MeanPR() for part in PARTS})
    found_parts: dict[str, MeanPR] = field(default_factory=lambda: {part: MeanPR() for part in PARTS})

    def add_article(self, system: list[ScoredStatement], gold: list[ScoredStatement]) -> None:
        self.articles += 1
        for pair in align(system, gold):
            self.full.add(*pair)
            self._count_forms(*pair)
            self._count_parts(*pair)
        top_system = [s for s in system if not s.nested]
        top_gold = [g for g in gold if not g.nested]
        for pair in align(top_system, top_gold):
            self.simplified.add(*pair)

    def _count_forms(self, system: ScoredStatement, gold: ScoredStatement) -> None:
        if gold is EMPTY:
            self.forms.setdefault(system.form or "(none)", FormCounts()).spurious += 1
            return
        counts = self.forms.setdefault(gold.form or "(none)", FormCounts())
        counts.gold += 1
        if system is not EMPTY:
            counts.found += 1
            counts.same_form += system.form == gold.form

    def _count_parts(self, system: ScoredStatement, gold: ScoredStatement) -> None:
        found = system is not EMPTY and gold is not EMPTY
        for part in PARTS:
            self.parts[part].add(system.parts[part], gold.parts[part])
            if found:
                self.found_parts[part].add(system.parts[part], gold.parts[part])

    def lines(self) -> dict[str, PRF]:
        return {
            "Full: Messages": self.full.messages.result(),
            "Full: Roles": self.full.roles.result(),
            "Full: Joint": self.full.joint.result(),
            "Full: Form": self.full.form.result(),
            "Full: STWR": self.full.stwr.result(),
            "Simplified: Messages": self.simplified.messages.result(),
            "Simplified: Roles (Source)": self.simplified.roles.result(),
            "Simplified: Joint": self.simplified.joint.result(),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "pairs": {"full": self.full.pairs, "simplified": self.simplified.pairs},
            "missing_predictions": self.missing_predictions,
            "extra_predictions": self.extra_predictions,
            "scores": {name: prf.to_dict() for name, prf in self.lines().items()},
            "forms": {form: counts.to_dict() for form, counts in sorted(self.forms.items())},
            "parts": {part: self.parts[part].result().to_dict() for part in PARTS},
            "found_parts": {part: self.found_parts[part].result().to_dict() for part in PARTS},
        }


def evaluate(pairs: Iterable[tuple[SpkAttArticle, SpkAttArticle | None]]) -> Report:
    """Score (gold, prediction) article pairs; a prediction of None counts as no statements."""
    report = Report()
    for gold, pred in pairs:
        if pred is None:
            report.missing_predictions.append(gold.name)
        else:
            _check_same_tokens(gold, pred)
        report.add_article(scored_statements(pred) if pred else [], scored_statements(gold))
    return report


def _check_same_tokens(gold: SpkAttArticle, pred: SpkAttArticle) -> None:
    # token positions are only comparable when the prediction kept the gold sentences and tokens
    if [len(s) for s in pred.sentences] != [len(s) for s in gold.sentences]:
        raise InputError(f"prediction for {gold.name}", "its sentences differ from the gold article's")


def evaluate_dirs(gold_dir: Path, pred_dir: Path) -> Report:
    """Score every ``*.json`` of ``gold_dir`` against the file of the same name in ``pred_dir``."""
    gold_files = article_files(gold_dir)
    if not gold_files:
        raise InputError(str(gold_dir), "no .json files")
    pred_files = {p.name: p for p in article_files(pred_dir)}
    report = evaluate(
        (read_article(path), read_article(pred_files[path.name]) if path.name in pred_files else None)
        for path in gold_files
    )
    gold_names = {p.name for p in gold_files}
    report.extra_predictions = sorted(name for name in pred_files if name not in gold_names)
    return report


def format_forms(report: Report) -> str:
    """Per gold form: how many statements were found (and with the right form), missed; spurious ones."""
    rows = [f"{'form':22} {'gold':>6} {'found':>6} {'same form':>10} {'missed':>7} {'spurious':>9}"]
    for form, c in sorted(report.forms.items()):
        rows.append(f"{form:22} {c.gold:6} {c.found:6} {c.same_form:10} {c.gold - c.found:7} {c.spurious:9}")
    return "\n".join(rows)


def format_parts(report: Report) -> str:
    """Full task, per part: P/R/F1 over all pairs, and over found pairs only (detection not at fault)."""
    rows = [f"{'part':8} {'P':>7} {'R':>7} {'F1':>7}   {'found pairs: P':>14} {'R':>7} {'F1':>7}"]
    for part in PARTS:
        every, found = report.parts[part].result(), report.found_parts[part].result()
        rows.append(
            f"{part:8} {every.precision:7.4f} {every.recall:7.4f} {every.f1:7.4f}   "
            f"{found.precision:14.4f} {found.recall:7.4f} {found.f1:7.4f}"
        )
    return "\n".join(rows)


def format_report(report: Report, shown: int = 5) -> str:
    """A table of P, R and F1 per line, then notes on unmatched files (``shown`` names each)."""
    rows = [f"{'':28} {'P':>7} {'R':>7} {'F1':>7}"]
    for name, prf in report.lines().items():
        rows.append(f"{name:28} {prf.precision:7.4f} {prf.recall:7.4f} {prf.f1:7.4f}")
    rows.append(
        f"{report.articles} article(s), {report.full.pairs} statement pair(s) "
        f"({report.simplified.pairs} in the simplified task)"
    )
    notes = (
        ("gold article(s) without a prediction, scored as empty", report.missing_predictions),
        ("prediction file(s) without a gold file, ignored", report.extra_predictions),
    )
    for what, names in notes:
        if names:
            more = f", ... ({len(names) - shown} more)" if len(names) > shown else ""
            rows.append(f"{len(names)} {what}: {', '.join(names[:shown])}{more}")
    return "\n".join(rows)

"""The SpkAtt-2023 Task 2 metric, implemented from the task description (see docs/benchmarks.md).

Per article, system and gold statements are paired one-to-one by a linear sum assignment that
maximizes the token-overlap F1 of their messages (+0.01 for equal Form, +0.001 for equal STWR, only
where the messages overlap). Assigned pairs without any message overlap count as unpaired: each
statement is then scored against an empty one. Precision and recall are computed per pair and part,
left out where undefined (empty denominator), and averaged over all pairs of all articles, so every
statement weighs the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zitat.spkatt.format import ROLE_KEYS, SpkAttArticle, article_files, read_article, span_ids

PARTS = tuple(ROLE_KEYS.values())  # Cue, Message, Source, Addr, Frame
ROLE_PARTS = ("Cue", "Source", "Addr", "Frame")


@dataclass(frozen=True)
class Gold:
    """One statement as sets of absolute token positions per part."""

    parts: dict[str, frozenset[int]]
    form: str
    stwr: str
    nested: bool


EMPTY = Gold(dict.fromkeys(PARTS, frozenset()), "", "", False)


def statements(article: SpkAttArticle) -> list[Gold]:
    offsets = article.sentence_offsets()
    return [
        Gold(
            {part: frozenset(span_ids(ann.get(part, []), offsets)) for part in PARTS},
            ann.get("Form") or "",
            ann.get("STWR") or "",
            bool(ann.get("IsNested")),
        )
        for ann in article.annotations
    ]


def overlap_f1(a: frozenset[int], b: frozenset[int]) -> float:
    common = len(a & b)
    return 0.0 if not common else 2 * common / (len(a) + len(b))


def pair_score(sys: Gold, gold: Gold) -> float:
    f1 = overlap_f1(sys.parts["Message"], gold.parts["Message"])
    if f1 <= 0:
        return 0.0
    return f1 + 0.01 * (sys.form == gold.form) + 0.001 * (sys.stwr == gold.stwr)


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


def align(system: list[Gold], gold: list[Gold]) -> list[tuple[Gold, Gold]]:
    """Pairs (system, gold); a statement without a partner is paired with ``EMPTY``."""
    pairs: list[tuple[Gold, Gold]] = []
    used_sys: set[int] = set()
    used_gold: set[int] = set()
    if system and gold:
        scores = [[pair_score(s, g) for g in gold] for s in system]
        for i, j in assign(scores):
            if scores[i][j] > 0:
                pairs.append((system[i], gold[j]))
                used_sys.add(i)
                used_gold.add(j)
    pairs += [(s, EMPTY) for i, s in enumerate(system) if i not in used_sys]
    pairs += [(EMPTY, g) for j, g in enumerate(gold) if j not in used_gold]
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

    def add(self, sys: frozenset[int], gold: frozenset[int]) -> None:
        common = len(sys & gold)
        if sys:
            self.p_sum += common / len(sys)
            self.p_n += 1
        if gold:
            self.r_sum += common / len(gold)
            self.r_n += 1

    def result(self) -> PRF:
        return PRF(self.p_sum / self.p_n if self.p_n else 0.0, self.r_sum / self.r_n if self.r_n else 0.0)


@dataclass
class LabelCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, sys: str, gold: str) -> None:
        if sys and sys == gold:
            self.tp += 1
            return
        self.fp += bool(sys)
        self.fn += bool(gold)

    def result(self) -> PRF:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return PRF(p, r)


@dataclass
class TaskScores:
    """Mean P/R for one task variant over all pairs seen so far."""

    message_parts: tuple[str, ...]
    role_parts: tuple[str, ...]
    messages: MeanPR = field(default_factory=MeanPR)
    roles: MeanPR = field(default_factory=MeanPR)
    joint: MeanPR = field(default_factory=MeanPR)
    form: LabelCounts = field(default_factory=LabelCounts)
    stwr: LabelCounts = field(default_factory=LabelCounts)

    def add(self, sys: Gold, gold: Gold) -> None:
        for part in self.message_parts + self.role_parts:
            target = self.messages if part in self.message_parts else self.roles
            target.add(sys.parts[part], gold.parts[part])
            self.joint.add(sys.parts[part], gold.parts[part])
        self.form.add(sys.form, gold.form)
        self.stwr.add(sys.stwr, gold.stwr)


@dataclass
class Report:
    full: TaskScores = field(default_factory=lambda: TaskScores(("Message",), ROLE_PARTS))
    simplified: TaskScores = field(default_factory=lambda: TaskScores(("Message",), ("Source",)))
    articles: int = 0
    missing_predictions: list[str] = field(default_factory=list)

    def add_article(self, system: list[Gold], gold: list[Gold]) -> None:
        self.articles += 1
        for sys, g in align(system, gold):
            self.full.add(sys, g)
        top_sys = [s for s in system if not s.nested]
        top_gold = [g for g in gold if not g.nested]
        for sys, g in align(top_sys, top_gold):
            self.simplified.add(sys, g)

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
            "missing_predictions": self.missing_predictions,
            "scores": {name: prf.to_dict() for name, prf in self.lines().items()},
        }


def evaluate(pairs: Iterable[tuple[SpkAttArticle, SpkAttArticle | None]]) -> Report:
    """Score (gold, prediction) article pairs; a missing prediction counts as no statements."""
    report = Report()
    for gold, pred in pairs:
        if pred is None:
            report.missing_predictions.append(gold.name)
        report.add_article(statements(pred) if pred else [], statements(gold))
    return report


def evaluate_dirs(gold_dir: Path, pred_dir: Path) -> Report:
    def pairs() -> Iterable[tuple[SpkAttArticle, SpkAttArticle | None]]:
        for path in article_files(gold_dir):
            pred_path = pred_dir / path.name
            yield read_article(path), read_article(pred_path) if pred_path.exists() else None

    return evaluate(pairs())


def format_report(report: Report) -> str:
    rows = [f"{'':28} {'P':>7} {'R':>7} {'F1':>7}"]
    for name, prf in report.lines().items():
        rows.append(f"{name:28} {prf.precision:7.4f} {prf.recall:7.4f} {prf.f1:7.4f}")
    rows.append(f"{report.articles} article(s)")
    if report.missing_predictions:
        rows.append(f"{len(report.missing_predictions)} without a prediction file (scored as empty)")
    return "\n".join(rows)

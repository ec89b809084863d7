"""Which statements are one utterance: each statement joins the cluster of its best-matching earlier
statement, found by MinHash LSH over word shingles and checked by exact shingle overlap.

A statement's cluster depends only on statements with smaller ids (stored before it). So adding
statements never changes the clusters of those stored before, and clustering new statements against
the stored band keys (``assign`` with ``earlier``) gives exactly the clusters a full recompute gives.

Rules (constants below):
- two statements link when they are in different documents and the shingles of the shorter are at
  least ``MIN_CONTAINMENT`` contained in the other's (at least ``MIN_SHARED`` shingles shared);
- a message of fewer than ``MIN_WORDS`` words („Das ist falsch“) links only to a statement of the same
  named speaker: short phrases recur in unrelated statements;
- of the earlier statements it links to, a statement takes the one with the highest containment, then
  Jaccard similarity, then the smallest id, and joins its cluster; a statement that links to none
  starts a cluster whose id is its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zitat.tracking.minhash import BANDS, Keys, band_keys
from zitat.tracking.wording import Overlap, shingles

MIN_WORDS = 8
MIN_CONTAINMENT = 0.6
MIN_SHARED = 2


@dataclass(frozen=True)
class Statement:
    """What clustering knows of a statement. ``speaker_id``: its named speaker (None when it is
    unresolved, a pronoun or anonymous); ``cluster_id``: set for statements clustered before."""

    id: int
    document_id: str
    words: tuple[str, ...]
    speaker_id: int | None
    cluster_id: int | None = None


@dataclass
class Assignment:
    """The clusters of the new statements, and the band keys to store for those that have words."""

    clusters: dict[int, int]
    keyed_ids: list[int]
    keys: Keys
    candidate_pairs: int = 0
    linked_pairs: int = 0


def texts_link(a: frozenset[int], b: frozenset[int], overlap: Overlap) -> bool:
    """Whether two wordings overlap enough to be one utterance (speakers and documents aside)."""
    return overlap.containment >= MIN_CONTAINMENT and overlap.shared >= min(MIN_SHARED, len(a), len(b))


def statements_link(a: Statement, b: Statement) -> bool:
    """The statement-level conditions of a link between two statements whose wordings link."""
    if a.document_id == b.document_id:
        return False
    if min(len(a.words), len(b.words)) < MIN_WORDS:
        return a.speaker_id is not None and a.speaker_id == b.speaker_id
    return True


def _pairs_in_runs(keys: Keys) -> npt.NDArray[np.int64]:
    """Pairs (i < j) of rows that share a key in some band, each once."""
    found: list[npt.NDArray[np.int64]] = []
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        ordered = keys[order, band]
        same = ordered[1:] == ordered[:-1]
        if not same.any():
            continue
        # runs of equal keys: starts where a key differs from the one before
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        lengths = np.diff(np.concatenate((starts, [len(ordered)])))
        pairs_of_two = starts[lengths == 2]
        found.append(np.stack((order[pairs_of_two], order[pairs_of_two + 1]), axis=1))
        for start, length in zip(starts[lengths > 2], lengths[lengths > 2], strict=True):
            members = order[start : start + length]
            first, second = np.triu_indices(int(length), 1)
            found.append(np.stack((members[first], members[second]), axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.sort(np.concatenate(found).astype(np.int64), axis=1)
    return np.unique(pairs, axis=0)


class _Texts:
    """The distinct wordings of the new statements (statements with the same words share one)."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        index: dict[tuple[str, ...], int] = {}
        self.members: list[list[Statement]] = []
        for statement in statements:
            if not statement.words:
                continue
            number = index.setdefault(statement.words, len(index))
            if number == len(self.members):
                self.members.append([])
            self.members[number].append(statement)
        self.shingles = [shingles(group[0].words) for group in self.members]
        self.of_statement = {s.id: n for n, group in enumerate(self.members) for s in group}


Candidate = tuple[float, float, int, Statement]  # −containment, −jaccard, id: the best sorts first
Loader = Callable[[Iterable[int]], list[Statement]]


def wordings(statements: Sequence[Statement]) -> list[tuple[str, ...]]:
    """The distinct wordings of these statements, numbered as ``assign`` numbers them (``text_pairs``)."""
    return [group[0].words for group in _Texts(statements).members]


def assign(
    statements: Sequence[Statement],
    earlier_ids: npt.NDArray[np.int64] | None = None,
    earlier_keys: Keys | None = None,
    load_earlier: Loader | None = None,
    text_pairs: npt.NDArray[np.int64] | None = None,
) -> Assignment:
    """Clusters for ``statements`` (all with larger ids than the earlier ones), given the band keys of
    the statements clustered before (``earlier_ids``, ``earlier_keys``) and a way to load those that
    are candidates, and the first statements of their clusters (``load_earlier``).

    ``text_pairs``: the pairs of ``wordings`` that share a band key, when computed elsewhere (a Spark
    job); then no band keys are computed here and none are returned for storing."""
    texts = _Texts(statements)
    linked: dict[int, list[tuple[Overlap, int]]] = defaultdict(list)  # text → (overlap, other text)
    if text_pairs is None:
        keys = band_keys(texts.shingles)
        pairs = _pairs_in_runs(keys)
    else:
        keys, pairs = np.zeros((0, BANDS), dtype=np.uint32), text_pairs
    for a, b in pairs.tolist():
        overlap = Overlap.of(texts.shingles[a], texts.shingles[b])
        if texts_link(texts.shingles[a], texts.shingles[b], overlap):
            linked[a].append((overlap, b))
            linked[b].append((overlap, a))
    assigner = _Assigner(texts, linked, {s.id: s for s in statements}, load_earlier)
    if earlier_ids is not None and earlier_keys is not None and len(earlier_ids):
        assigner.find_earlier(keys, earlier_ids, earlier_keys)
    links = 0
    for statement in sorted(statements, key=lambda s: s.id):
        text = texts.of_statement.get(statement.id)
        best = None if text is None else assigner.best(statement, text)
        assigner.clusters[statement.id] = statement.id if best is None else best
        links += best is not None
    keyed_ids = [s.id for group in texts.members for s in group] if len(keys) else []
    rows = [texts.of_statement[i] for i in keyed_ids]
    candidate_pairs = len(pairs) + sum(len(found) for found in assigner.earlier.values())
    return Assignment(assigner.clusters, keyed_ids, keys[rows] if rows else keys, candidate_pairs, links)


class _Assigner:
    """Chooses each new statement's cluster: its best linked earlier statement's, provided the statement
    also links to that cluster's first statement. The second condition keeps clusters from chaining
    (A like B, B like C, C unlike A): every member overlaps the first one."""

    def __init__(
        self,
        texts: _Texts,
        linked: dict[int, list[tuple[Overlap, int]]],
        new: dict[int, Statement],
        load_earlier: Loader | None,
    ) -> None:
        self.texts = texts
        self.linked = linked
        self.known = dict(new)  # statements by id: the new ones and the earlier ones loaded
        self.load_earlier = load_earlier
        self.earlier: dict[int, list[tuple[Overlap, Statement]]] = defaultdict(list)  # text → linked earlier
        self.clusters: dict[int, int] = {}
        self._shingles: dict[tuple[str, ...], frozenset[int]] = {}

    def shingles_of(self, statement: Statement) -> frozenset[int]:
        found = self._shingles.get(statement.words)
        if found is None:
            found = self._shingles[statement.words] = shingles(statement.words)
        return found

    def load(self, ids: Iterable[int]) -> None:
        wanted = [i for i in ids if i not in self.known]
        if wanted and self.load_earlier is not None:
            self.known.update((s.id, s) for s in self.load_earlier(wanted))

    def find_earlier(self, keys: Keys, earlier_ids: npt.NDArray[np.int64], earlier_keys: Keys) -> None:
        """The earlier statements that share a band key with a new text and link to it."""
        found: list[npt.NDArray[np.int64]] = []  # earlier row · number of texts + text, per shared key
        texts = len(keys)
        for band in range(BANDS):
            order = np.argsort(keys[:, band], kind="stable")
            ordered = keys[order, band]
            rows = np.flatnonzero(np.isin(earlier_keys[:, band], ordered))
            if not len(rows):
                continue
            low = np.searchsorted(ordered, earlier_keys[rows, band], side="left")
            high = np.searchsorted(ordered, earlier_keys[rows, band], side="right")
            counts = high - low
            # every (earlier row, text) pair with this key: the texts are order[low:high] for each row
            starts = np.repeat(low - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
            positions = starts + np.arange(int(counts.sum()))
            found.append(np.repeat(rows, counts).astype(np.int64) * texts + order[positions])
        if not found:
            return
        pairs = np.unique(np.concatenate(found))
        wanted: dict[int, list[int]] = defaultdict(list)  # earlier statement id → new texts sharing a key
        for row, text in zip((pairs // texts).tolist(), (pairs % texts).tolist(), strict=True):
            wanted[int(earlier_ids[row])].append(text)
        self.load(sorted(wanted))
        for statement_id in sorted(wanted):
            statement = self.known[statement_id]
            theirs = self.shingles_of(statement)
            for text in wanted[statement_id]:
                overlap = Overlap.of(self.texts.shingles[text], theirs)
                if texts_link(self.texts.shingles[text], theirs, overlap):
                    self.earlier[text].append((overlap, statement))
        # the first statements of their clusters, for the check against chaining
        self.load(sorted({s.cluster_id for found in self.earlier.values() for _, s in found if s.cluster_id}))

    def best(self, statement: Statement, text: int) -> int | None:
        """The cluster of the best earlier statement ``statement`` links to, or None."""
        members = self.texts.members
        candidates: list[Candidate] = [(-1.0, -1.0, other.id, other) for other in members[text]]
        for overlap, other_text in self.linked.get(text, ()):
            candidates.extend(
                (-overlap.containment, -overlap.jaccard, other.id, other) for other in members[other_text]
            )
        candidates.extend(
            (-overlap.containment, -overlap.jaccard, other.id, other)
            for overlap, other in self.earlier.get(text, ())
        )
        candidates.sort(key=lambda c: c[:3])
        for *_, other in candidates:
            if other.id >= statement.id or not statements_link(statement, other):
                continue
            cluster = other.cluster_id if other.cluster_id is not None else self.clusters[other.id]
            if cluster == other.id or self._links_to_first(statement, text, cluster):
                return cluster
        return None

    def _links_to_first(self, statement: Statement, text: int, cluster: int) -> bool:
        first = self.known.get(cluster)
        if first is None:
            return False
        mine, theirs = self.texts.shingles[text], self.shingles_of(first)
        return texts_link(mine, theirs, Overlap.of(mine, theirs)) and statements_link(statement, first)

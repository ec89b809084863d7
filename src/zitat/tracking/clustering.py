"""Which statements are one utterance: each statement joins the cluster of its best-matching earlier
statement, found through an inverted index of word shingles and checked by shingle overlap, figures
and speakers.

A statement's cluster depends only on statements with smaller ids (stored before it). So adding
statements never changes the clusters of those stored before, and clustering new statements against
the stored wordings (``assign`` with ``stored``) gives exactly the clusters a full recompute gives.

Candidates: every pair of distinct wordings that shares a shingle, with the number of shingles it
shares, counted exactly from the postings (shingle → wordings). No sample, no band keys: a quote of
five words inside a message of a hundred shares all its shingles with it, and its Jaccard similarity
of 0.05 would slip through MinHash bands.

Rules (constants below), for two statements (of any documents: an article that quotes a fragment of a
statement it also reports, or repeats a quote, carries one utterance):
- their wordings overlap: the shingles of the shorter are at least ``MIN_CONTAINMENT`` contained in
  the other's (at least ``MIN_SHARED`` shingles shared) — or, for a paraphrase of at least
  ``PARAPHRASE_WORDS`` words, ``PARAPHRASE_CONTAINMENT`` of its shingles and ``PARAPHRASE_CONTENT`` of
  its content words (a translation variant or inflected repetition breaks 3-grams, not content
  words) — and every figure of the shorter („259.428“, „1,15“) is in the other: the same words with
  other figures are another day's report;
- a message of fewer than ``SPEAKER_WORDS`` words links only when the two are evidently of one
  speaker (``one_speaker``: the same named speaker; one article; or one credited to nobody in an
  article that names the other's speaker), and one of fewer than ``MIN_WORDS`` words („Das ist
  falsch“) only when all its shingles are in the other: short phrases and formulas recur in
  unrelated statements („so weit wie möglich“, „Wes Brot ich ess, des Lied ich sing“), and a few
  shared words cannot tell a shortened quote from another remark („Die Lage ist sehr ernst“, „Die
  Lage ist sehr unsicher“);
- two statements credited to different persons link only when the shorter message has
  ``ATTRIBUTION_WORDS`` words and ``ATTRIBUTION_CONTAINMENT`` of it is in the other: long,
  near-verbatim words credited to another person are one utterance with a possible misattribution,
  while a short overlap of two people's words is a shared phrase („Licht am Ende des Tunnels“).
  Organisations are not compared: a ministry and its minister, „RKI“ and „Robert Koch-Institut“;
- of the earlier statements it links to, a statement takes the one it shares the most shingles with
  (a long passage joins the quote of it that holds most of its words, not the shortest fragment it
  holds whole), then the highest Jaccard similarity, then the smallest id, and joins its cluster,
  provided it also links to that cluster's first version, or the statement it joins through holds
  both (a passage whose parts two outlets quoted): every member overlaps the first version or a
  passage that holds it, so clusters do not chain (A like B, B like C, C unlike A); a statement
  that links to none starts a cluster whose id is its own.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np
import numpy.typing as npt

from zitat.tracking.summary import DIRECT
from zitat.tracking.wording import FUNCTION_WORDS, Overlap, shingles, words

# the tracking method: bump it when ``words``, ``shingles`` or a rule here changes, so that the wordings,
# postings and clusters an archive stores from an older method are recomputed
METHOD = 3

FIRST_PERSON = frozenset(["ich", "wir", "mir", "mich", "uns"])
MIN_WORDS = 8
SPEAKER_WORDS = 10
MIN_CONTAINMENT = 0.6
MIN_SHARED = 2
ATTRIBUTION_WORDS = 12
ATTRIBUTION_CONTAINMENT = 0.8
PARAPHRASE_WORDS = 10
PARAPHRASE_CONTAINMENT = 0.4
PARAPHRASE_CONTENT = 0.85

# the names a document mentions (``wording.names``), by document id
NamesOf = Callable[[str], frozenset[str]]
Pairs = npt.NDArray[np.int64]  # rows (a, b), a < b
Counts = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Statement:
    """What clustering knows of a statement. ``words``: its folded words, empty when it is no reported
    utterance; ``speaker``: who it credits when that is a name (``summary.named_speaker``), else None;
    ``person``: whether that name is a person's; ``cluster_id``: set for statements clustered before."""

    id: int
    document_id: str
    words: tuple[str, ...]
    speaker: str | None
    person: bool = False
    cluster_id: int | None = None


@dataclass(frozen=True)
class Wording:
    """A distinct wording with what linking compares: its shingles, figures and content words, and its
    id (a 64-bit hash of the words, the same in every process) under which an archive stores it. Each
    is computed when first asked for: a stored wording is compared by counts of shared shingles."""

    words: tuple[str, ...]

    @cached_property
    def id(self) -> int:
        digest = hashlib.blake2b("\x1f".join(self.words).encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "big", signed=True)

    @cached_property
    def shingles(self) -> frozenset[int]:
        return shingles(self.words)

    @cached_property
    def figures(self) -> frozenset[str]:
        return frozenset(w for w in self.words if w.isdigit())

    @cached_property
    def content(self) -> frozenset[str]:
        return frozenset(self.words) - FUNCTION_WORDS


class StoredWordings(Protocol):
    """What an incremental run reads of the wordings clustered before (``zitat.tracking.update``)."""

    def postings(self, shingle_values: Sequence[int]) -> list[tuple[int, int, int]]:
        """(shingle, wording id, the wording's number of shingles) for every stored wording holding
        one of these shingles."""

    def statements(self, wording_ids: Sequence[int]) -> list[tuple[int, Statement]]:
        """The statements of these stored wordings, each with its wording's id."""

    def load(self, statement_ids: Sequence[int]) -> list[Statement]:
        """Statements by id."""


@dataclass
class Assignment:
    """The clusters of the new statements, their wordings (to store: they may be stored already) and
    each new statement's wording."""

    clusters: dict[int, int]
    wordings: list[Wording]
    statement_wordings: list[tuple[int, int]]
    candidate_pairs: int = 0
    linked_pairs: int = 0


def authors_voice(form: str | None, source: str | None, nested_in: int | None) -> bool:
    """Whether a statement is the author's or the outlet's own voice, not a reported utterance: its
    source is the first person („wir empfehlen Ihnen unsere App“, „Jeden Morgen informieren wir Sie“,
    „wie ich finde“) outside any quotation (not a direct quote, not nested in another statement)."""
    source_words = words(source)
    return form != DIRECT and nested_in is None and bool(source_words) and source_words[-1] in FIRST_PERSON


def texts_link(a: Wording, b: Wording, overlap: Overlap) -> bool:
    """Whether two wordings overlap enough to be one utterance (speakers aside): shingles shared (or,
    for a paraphrase, fewer shingles but nearly all content words), and the figures of the shorter all
    in the other."""
    shorter, other = (a, b) if len(a.words) <= len(b.words) else (b, a)
    # at least MIN_SHARED shingles shared, or all of them when the shorter has fewer
    if (overlap.shared < MIN_SHARED and overlap.containment < 1.0) or not shorter.figures <= other.figures:
        return False
    if overlap.containment >= MIN_CONTAINMENT:
        return True
    return (
        overlap.containment >= PARAPHRASE_CONTAINMENT
        and len(shorter.words) >= PARAPHRASE_WORDS
        and len(shorter.content & other.content) >= PARAPHRASE_CONTENT * len(shorter.content)
    )


def statements_link(a: Statement, b: Statement, overlap: Overlap, names_of: NamesOf | None = None) -> bool:
    """The statement-level conditions of a link between two statements whose wordings link.
    ``names_of``: the names each document mentions (a short message credited to nobody may be the
    speaker the article names)."""
    shorter = min(len(a.words), len(b.words))
    if a.person and b.person and a.speaker != b.speaker:
        return shorter >= ATTRIBUTION_WORDS and overlap.containment >= ATTRIBUTION_CONTAINMENT
    if shorter >= SPEAKER_WORDS:
        return True
    if shorter < MIN_WORDS and overlap.containment < 1.0:
        return False
    return one_speaker(a, b, overlap, names_of)


def one_speaker(a: Statement, b: Statement, overlap: Overlap, names_of: NamesOf | None) -> bool:
    """Whether two statements are evidently of one speaker: they credit the same named speaker, they are
    of one article (a quote and the statement it is nested in, a repeated quote), or one credits
    nobody in an article that names the other's speaker (at least ``MIN_SHARED`` shingles shared)."""
    if a.speaker is not None and b.speaker is not None:
        return a.speaker == b.speaker
    if a.document_id == b.document_id:
        return True
    named, unnamed = (a, b) if b.speaker is None else (b, a)
    return (
        named.speaker is not None
        and names_of is not None
        and overlap.shared >= MIN_SHARED
        and mentions(names_of(unnamed.document_id), named.speaker)
    )


def mentions(names: frozenset[str], surname: str) -> bool:
    """Whether a document's names hold a surname, also in the genitive („Merkels“)."""
    return surname in names or f"{surname}s" in names


def postings(shingle_sets: Sequence[frozenset[int]]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The sets' postings as two arrays: the number of the set, and the shingle."""
    sizes = np.fromiter((len(s) for s in shingle_sets), dtype=np.int64, count=len(shingle_sets))
    owners = np.repeat(np.arange(len(shingle_sets), dtype=np.int64), sizes)
    values = np.fromiter((v for s in shingle_sets for v in s), dtype=np.int64, count=int(sizes.sum()))
    return owners, values


def shared_shingles(
    owners: npt.NDArray[np.int64], values: npt.NDArray[np.int64], new: int
) -> tuple[Pairs, Counts]:
    """The pairs (a < b) of sets that share shingles, with how many they share, from their postings
    (set number, shingle), leaving out pairs of two sets numbered ``new`` or higher (the stored
    wordings of an incremental run, compared before).

    Postings sorted by shingle, then set: every entry of a new set is paired with the entries after
    it in its shingle's run, so each pair is counted once per shared shingle."""
    empty = np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    if not len(values):
        return empty
    order = np.lexsort((owners, values))
    owners, values = owners[order], values[order]
    starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    lengths = np.diff(np.concatenate((starts, [len(values)])))
    ends = np.repeat(starts + lengths, lengths)  # the end of each entry's run
    anchors = np.flatnonzero(owners < new)
    after = ends[anchors] - anchors - 1  # entries after each anchor in its run
    total = int(after.sum())
    if not total:
        return empty
    partners = np.repeat(anchors + 1 - (np.cumsum(after) - after), after) + np.arange(total)
    count = np.int64(owners.max() + 1)
    unique, shared = np.unique(
        np.repeat(owners[anchors], after) * count + owners[partners], return_counts=True
    )
    return np.stack((unique // count, unique % count), axis=1), shared.astype(np.int64)


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
        self.wordings = [Wording(group[0].words) for group in self.members]
        self.of_statement = {s.id: n for n, group in enumerate(self.members) for s in group}


Candidate = tuple[int, float, int]  # −shared shingles, −jaccard, id: the best sorts first


def wordings(statements: Sequence[Statement]) -> list[Wording]:
    """The distinct wordings of these statements, numbered as ``assign`` numbers them (``shared``)."""
    return _Texts(statements).wordings


def assign(
    statements: Sequence[Statement],
    stored: StoredWordings | None = None,
    shared: tuple[Pairs, Counts] | None = None,
    names_of: NamesOf | None = None,
) -> Assignment:
    """Clusters for ``statements`` (all with larger ids than the stored ones), compared with each other
    and with the ``stored`` wordings of the statements clustered before.

    ``shared``: the pairs of ``wordings`` that share shingles and how many, when computed elsewhere (a
    Spark job, with nothing stored). ``names_of``: the names each document mentions (``wording.names``
    of its text), asked only for short messages credited to nobody; without it they link to nobody
    named."""
    texts = _Texts(statements)
    new = len(texts.wordings)
    assigner = _Assigner(texts, {s.id: s for s in statements}, stored, names_of)
    sizes = np.array([len(w.shingles) for w in texts.wordings], dtype=np.int64)
    if shared is None:
        owners, values = postings([w.shingles for w in texts.wordings])
        if stored is not None and new:
            found = np.array(stored.postings(np.unique(values).tolist()), dtype=np.int64).reshape(-1, 3)
            ids, first, numbers = np.unique(found[:, 1], return_index=True, return_inverse=True)
            assigner.stored_ids = ids.tolist()  # numbered after the new wordings
            owners = np.concatenate((owners, new + numbers.reshape(-1)))
            values = np.concatenate((values, found[:, 0]))
            sizes = np.concatenate((sizes, found[first, 2]))
        pairs, counts = shared_shingles(owners, values, new)
    else:
        pairs, counts = shared
    linking = _overlapping(pairs, counts, sizes)
    assigner.link(pairs[linking], counts[linking], sizes)
    links = 0
    for statement in sorted(statements, key=lambda s: s.id):
        text = texts.of_statement.get(statement.id)
        best = None if text is None else assigner.best(statement, text)
        assigner.clusters[statement.id] = statement.id if best is None else best
        links += best is not None
    return Assignment(
        assigner.clusters,
        texts.wordings,
        [(s.id, texts.wordings[n].id) for n, group in enumerate(texts.members) for s in group],
        len(pairs),
        links,
    )


def _overlapping(pairs: Pairs, counts: Counts, sizes: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Which pairs pass the shingle conditions of ``texts_link`` (figures are checked one by one)."""
    if not len(pairs):
        return np.zeros(0, dtype=bool)
    size_a, size_b = sizes[pairs[:, 0]], sizes[pairs[:, 1]]
    smaller = np.minimum(size_a, size_b)
    return (counts >= PARAPHRASE_CONTAINMENT * smaller) & (counts >= np.minimum(MIN_SHARED, smaller))


class _Assigner:
    """Chooses each new statement's cluster: its best linked earlier statement's, provided the statement
    also links to that cluster's first version or joins through a passage that holds both. The second
    condition keeps clusters from chaining (A like B, B like C, C unlike A): every member overlaps the
    first one or a passage that holds it."""

    def __init__(
        self,
        texts: _Texts,
        new: dict[int, Statement],
        stored: StoredWordings | None,
        names_of: NamesOf | None,
    ) -> None:
        self.texts = texts
        self.names_of = names_of
        self.known = dict(new)  # statements by id: the new ones and the earlier ones loaded
        self.stored = stored
        self.candidates: dict[int, list[tuple[Candidate, Overlap, Statement]]] = defaultdict(list)
        self.clusters: dict[int, int] = {}
        self.stored_ids: list[int] = []  # the stored wordings numbered after the new ones
        self._wordings: dict[tuple[str, ...], Wording] = {}

    def wording_of(self, statement: Statement) -> Wording:
        found = self._wordings.get(statement.words)
        if found is None:
            found = self._wordings[statement.words] = Wording(statement.words)
        return found

    def load(self, ids: Iterable[int]) -> None:
        wanted = sorted({i for i in ids if i not in self.known})
        if wanted and self.stored is not None:
            self.known.update((s.id, s) for s in self.stored.load(wanted))

    def link(self, pairs: Pairs, counts: Counts, sizes: npt.NDArray[np.int64]) -> None:
        """The candidates of each new text: the statements of the wordings it links to (``sizes``: the
        number of shingles of each wording, new ones first)."""
        new = len(self.texts.wordings)
        of_wording: dict[int, list[Statement]] = defaultdict(list)
        wanted = sorted({self.stored_ids[b - new] for b in pairs[:, 1].tolist() if b >= new})
        if wanted:
            assert self.stored is not None
            for wording_id, statement in self.stored.statements(wanted):
                self.known[statement.id] = statement
                of_wording[wording_id].append(statement)
        for text, (group, wording) in enumerate(zip(self.texts.members, self.texts.wordings, strict=True)):
            if len(group) > 1:  # statements with the same words: the best candidates of each other
                whole = Overlap(len(wording.shingles), 1.0, 1.0)
                self.candidates[text].extend(((-whole.shared, -1.0, s.id), whole, s) for s in group)
        for (a, b), shared in zip(pairs.tolist(), counts.tolist(), strict=True):
            mine = self.texts.wordings[a]
            members = self.texts.members[b] if b < new else of_wording.get(self.stored_ids[b - new], [])
            if not members:
                continue
            theirs = self.texts.wordings[b] if b < new else self.wording_of(members[0])
            overlap = Overlap.counted(shared, int(sizes[a]), int(sizes[b]))
            if not texts_link(mine, theirs, overlap):
                continue
            key = (-overlap.shared, -overlap.jaccard)
            self.candidates[a].extend(((*key, s.id), overlap, s) for s in members)
            if b < new:
                self.candidates[b].extend(((*key, s.id), overlap, s) for s in self.texts.members[a])
        # the first statements of the stored candidates' clusters, for the check against chaining
        self.load(s.cluster_id for found in of_wording.values() for s in found if s.cluster_id is not None)
        for found in self.candidates.values():
            if len(found) > 1:
                found.sort(key=lambda c: c[0])

    def best(self, statement: Statement, text: int) -> int | None:
        """The cluster of the best earlier statement ``statement`` links to, or None."""
        for _, overlap, other in self.candidates.get(text, ()):
            if other.id >= statement.id or not statements_link(statement, other, overlap, self.names_of):
                continue
            cluster = other.cluster_id if other.cluster_id is not None else self.clusters[other.id]
            if self._links_to_first(statement, text, other, cluster):
                return cluster
        return None

    def _links_to_first(self, statement: Statement, text: int, other: Statement, cluster: int) -> bool:
        """Whether the statement, linked to ``other``, also links to the first version of its cluster
        (the cluster's first statement, or ``other`` when it is in the first statement's document: a
        quote and the indirect statement it is nested in are one version there), or ``other`` is a
        passage that holds both: a long quote of which one outlet quoted the sentence the cluster
        started with and another a later sentence. Two persons stay apart there."""
        first = self.known.get(cluster)
        if first is None:
            return False
        if other.id == first.id or other.document_id == first.document_id:
            return True
        mine, theirs = self.texts.wordings[text], self.wording_of(first)
        overlap = Overlap.of(mine.shingles, theirs.shingles)
        if texts_link(mine, theirs, overlap) and statements_link(statement, first, overlap, self.names_of):
            return True
        passage = self.wording_of(other)
        if len(passage.words) <= max(len(mine.words), len(theirs.words)):
            return False
        if statement.person and first.person and statement.speaker != first.speaker:
            return False
        return texts_link(theirs, passage, Overlap.of(theirs.shingles, passage.shingles))

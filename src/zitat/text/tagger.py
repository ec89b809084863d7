"""A fast STTS tagger and lemmatizer distilled from HanTa (trained by ``zitat.text.train_tagger``).

Tagging is an averaged perceptron over word and context features that do not depend on predicted
tags, so a whole document is scored with one numpy gather: ``weights[feature_ids].sum(axis=1)``.
A second stage adds the first stage's tags of the neighbours as features (stacking), which recovers
most of what a left-to-right tagger gains from tag history. Lemmas come from a (word, tag) table
learned from HanTa's output, with suffix rules per tag for unseen words.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import numpy as np

DEFAULT_MODEL_PATH = Path(__file__).parent / "data" / "tagger.npz"
TaggedSentence = list[tuple[str, str, str]]  # (word, lemma, tag)
BOUNDARY = "<s>"
MAX_SUFFIX = 5
MIN_FEATURE_COUNT = 2
MIN_RULE_COUNT = 2
CACHE_LIMIT = 200_000  # words whose features / lemmas are kept between calls
T = TypeVar("T", str, int)


def word_shape(word: str) -> str:
    """Character classes with repeats collapsed: 'Nato-Gipfel' -> 'Xx-Xx', '21.' -> 'd.'."""
    shape: list[str] = []
    for char in word[:12]:
        cls = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not shape or shape[-1] != cls:
            shape.append(cls)
    return "".join(shape)


# A word's 18 views (see word_views), and where they go: (offset of the word from the token, columns)
VIEW_COLUMNS = (
    (0, slice(0, 10)),
    (-1, slice(10, 13)),
    (1, slice(13, 16)),
    (-2, slice(16, 17)),
    (2, slice(17, 18)),
)


def word_views(word: str) -> list[str]:
    """The features a word gives the token it is (10), and the tokens after and before it (8)."""
    lower, shape = word.lower(), word_shape(word)
    return [
        "bias",
        f"w={word}",
        f"l={lower}",
        f"p3={lower[:3]}",
        f"sh={shape}",
        *(f"s{n}={lower[-n:]}" for n in range(1, MAX_SUFFIX + 1)),
        f"l-1={lower}",
        f"s3-1={lower[-3:]}",
        f"sh-1={shape}",
        f"l+1={lower}",
        f"s3+1={lower[-3:]}",
        f"sh+1={shape}",
        f"l-2={lower}",
        f"l+2={lower}",
    ]


def assemble(
    sentences: Sequence[Sequence[str]], views: Callable[[str], list[T]], pair: Callable[[str], T], dtype: type
) -> np.ndarray:
    """(tokens, 20) stage-1 features of all sentences: views of the word and its neighbours, 2 bigrams.

    Each distinct word's views are made once and placed by numpy indexing. ``views`` gives them as
    strings or as rows, and ``pair`` turns a bigram feature into the same representation.
    """
    local = {BOUNDARY: 0}
    table, lowers = [views(BOUNDARY)], [BOUNDARY]
    padded: list[int] = []
    bigrams: list[T] = []
    for words in sentences:
        ids = [0, 0]
        for word in words:
            k = local.get(word)
            if k is None:
                k = local[word] = len(table)
                table.append(views(word))
                lowers.append(word.lower())
            ids.append(k)
        ids += [0, 0]
        for j in range(2, len(ids) - 2):
            previous, current, following = lowers[ids[j - 1]], lowers[ids[j]], lowers[ids[j + 1]]
            bigrams.append(pair(f"bi-={previous}|{current}"))
            bigrams.append(pair(f"bi+={current}|{following}"))
        padded.extend(ids)
    views_of: np.ndarray = np.array(table, dtype=dtype)
    at = _word_positions([len(words) for words in sentences])
    at_word = np.array(padded, dtype=np.int64)
    columns: list[np.ndarray] = [views_of[at_word[at + offset], cols] for offset, cols in VIEW_COLUMNS]
    return np.concatenate([*columns, np.array(bigrams, dtype=dtype).reshape(-1, 2)], axis=1)


def _word_positions(lengths: Sequence[int]) -> np.ndarray:
    """Positions of the words in sentences concatenated with two boundaries on each side."""
    sentence_of_word = np.repeat(np.arange(len(lengths)), lengths)
    return np.arange(len(sentence_of_word)) + 4 * sentence_of_word + 2


def sentence_features(words: Sequence[str]) -> list[str]:
    """All stage-1 feature strings of a sentence (training counts them to choose the features)."""
    return assemble([words], word_views, str, object).ravel().tolist()


class _Rows(dict[str, int]):
    """Feature rows, 0 for unknown features (``__missing__`` costs nothing on hits, unlike a lambda)."""

    def __missing__(self, name: str) -> int:
        return 0


class FeatureIndex:
    """Stage-1 feature strings -> weight rows; row 0 (all zeros) stands for features unseen in training."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        self.rows = _Rows((name, row) for row, name in enumerate(self.names, start=1))
        self._views: dict[str, list[int]] = {}

    def _word_rows(self, word: str) -> list[int]:
        rows = self._views.get(word)
        if rows is None:
            if len(self._views) > CACHE_LIMIT:
                self._views.clear()
            rows = self._views[word] = [self.rows[f] for f in word_views(word)]
        return rows

    def sentence_rows(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """(tokens, 20) feature rows of all tokens of all sentences."""
        return assemble(sentences, self._word_rows, self.rows.__getitem__, np.int64)


# Stage 2: the stage-1 tags at these offsets, alone or in pairs. Every combination has a row.
TAG_TEMPLATES = ((-1,), (1,), (-2, -1), (1, 2), (-1, 1), (0,))


def tag_context_rows(tag_ids: np.ndarray, lengths: Sequence[int], n_tags: int) -> np.ndarray:
    """(tokens, templates) stage-2 rows (from 1) for sentences of the given lengths; ``n_tags`` = boundary."""
    size = n_tags + 1
    at = _word_positions(lengths)
    tags = np.full(len(tag_ids) + 4 * len(lengths), n_tags, dtype=np.int64)
    tags[at] = tag_ids
    columns, base = [], 1
    for offsets in TAG_TEMPLATES:
        row = np.zeros(len(at), dtype=np.int64)
        for offset in offsets:
            row = row * size + tags[at + offset]
        columns.append(base + row)
        base += size ** len(offsets)
    return np.stack(columns, axis=1)


def tag_context_size(n_tags: int) -> int:
    return sum((n_tags + 1) ** len(offsets) for offsets in TAG_TEMPLATES)


def lemma_edit(word: str, lemma: str) -> tuple[int, str, bool]:
    """How to turn word into lemma: (characters cut from the end, string appended, lower-case first)."""
    lowered = lemma[:1].islower() and word[:1].isupper()
    source = word[:1].lower() + word[1:] if lowered else word
    common = 0
    while common < min(len(source), len(lemma)) and source[common] == lemma[common]:
        common += 1
    return len(source) - common, lemma[common:], lowered


def apply_edit(word: str, edit: tuple[int, str, bool]) -> str:
    cut, add, lowered = edit
    if lowered:
        word = word[:1].lower() + word[1:]
    return (word[:-cut] if cut else word) + add


def rule_lemma(rules: dict[str, tuple[int, str, bool]], word: str, tag: str) -> str:
    for n in range(min(MAX_SUFFIX, len(word) - 1), 0, -1):
        edit = rules.get(f"{tag}\t{word[-n:]}")
        if edit is not None:
            return apply_edit(word, edit)
    return word


class FastTagger:
    """STTS tags and lemmas for sentences of words; ``load()`` the shipped weights, or ``train()``."""

    def __init__(
        self,
        tags: Sequence[str],
        index: FeatureIndex,
        weights: np.ndarray,
        context_weights: np.ndarray,
        lemmas: dict[str, str],
        rules: dict[str, tuple[int, str, bool]],
    ) -> None:
        self.tags = list(tags)
        self.index = index
        self.weights = weights  # stage 1: (features + 1, tags), row 0 all zeros
        self.context_weights = context_weights  # stage 2: (tag_context_size + 1, tags)
        self.lemmas = lemmas  # "word\ttag" -> lemma, where the suffix rules would get it wrong
        self.rules = rules  # "tag\tsuffix" -> edit
        self._lemma_cache: dict[tuple[str, str], str] = {}

    def predict_tags(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tag all sentences at once: stage 1 from words, stage 2 adds the stage-1 tags around each word."""
        lengths = [len(words) for words in sentences]
        if not sum(lengths):
            return [[] for _ in sentences]
        scores = self.weights[self.index.sentence_rows(sentences)].sum(axis=1)
        context = tag_context_rows(scores.argmax(axis=1), lengths, len(self.tags))
        scores += self.context_weights[context].sum(axis=1)
        flat = [self.tags[t] for t in scores.argmax(axis=1).tolist()]
        starts = np.cumsum([0, *lengths]).tolist()
        return [flat[a:b] for a, b in itertools.pairwise(starts)]

    def lemma(self, word: str, tag: str) -> str:
        lemma = self._lemma_cache.get((word, tag))
        if lemma is None:
            if len(self._lemma_cache) > CACHE_LIMIT:
                self._lemma_cache.clear()
            known = self.lemmas.get(f"{word}\t{tag}")
            lemma = known if known is not None else rule_lemma(self.rules, word, tag)
            self._lemma_cache[word, tag] = lemma
        return lemma

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str]]]:
        """(tag, lemma) for every word of every sentence."""
        return [
            [(tag, self.lemma(word, tag)) for word, tag in zip(words, tags, strict=True)]
            for words, tags in zip(sentences, self.predict_tags(sentences), strict=True)
        ]

    def tag(self, words: Sequence[str]) -> list[tuple[str, str]]:
        return self.tag_sentences([words])[0]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        edits = list(self.rules.values())
        np.savez_compressed(
            path,
            tags=_pack(self.tags),
            features=_pack(self.index.names),
            weights=self.weights.astype(np.float16),
            context_weights=self.context_weights.astype(np.float16),
            lemma_keys=_pack(self.lemmas),
            lemma_values=_pack(self.lemmas.values()),
            rule_keys=_pack(self.rules),
            rule_cuts=np.array([cut for cut, _, _ in edits], dtype=np.int8),
            rule_adds=_pack(add for _, add, _ in edits),
            rule_lowered=np.array([lowered for _, _, lowered in edits]),
        )

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL_PATH) -> FastTagger:
        with np.load(path) as data:
            edits = zip(
                data["rule_cuts"].tolist(),
                _unpack(data["rule_adds"]),
                data["rule_lowered"].tolist(),
                strict=True,
            )
            return cls(
                _unpack(data["tags"]),
                FeatureIndex(_unpack(data["features"])),
                # stored as float16 (half the size); summing float32 is twice as fast
                data["weights"].astype(np.float32),
                data["context_weights"].astype(np.float32),
                dict(zip(_unpack(data["lemma_keys"]), _unpack(data["lemma_values"]), strict=True)),
                dict(zip(_unpack(data["rule_keys"]), edits, strict=True)),
            )


def _pack(strings: Iterable[str]) -> np.ndarray:
    """Strings as one NUL-separated UTF-8 byte array: far smaller and faster to load than numpy's '<U'."""
    return np.frombuffer("\0".join(strings).encode(), dtype=np.uint8)


def _unpack(packed: np.ndarray) -> list[str]:
    return packed.tobytes().decode().split("\0")


@lru_cache(maxsize=1)
def default_tagger() -> FastTagger | None:
    """The shipped tagger, or None when its weights are missing (HanTa is then used instead)."""
    return FastTagger.load() if DEFAULT_MODEL_PATH.exists() else None


# --- training ----------------------------------------------------------------------------------------


def _feature_index(sentences: list[list[str]]) -> FeatureIndex:
    counts = Counter(f for words in sentences for f in sentence_features(words))
    return FeatureIndex(sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT))


def _averaged_perceptron(
    rows: list[np.ndarray], gold: list[np.ndarray], shape: tuple[int, int], epochs: int,
    offsets: list[np.ndarray] | None = None,
) -> np.ndarray:  # fmt: skip
    """Averaged perceptron weights, updated once per sentence; ``offsets`` are fixed scores to add."""
    weights = np.zeros(shape, np.float32)
    totals = np.zeros_like(weights)  # sum of step * update, for the averaging trick
    rng = np.random.default_rng(0)
    step = 1
    for _ in range(epochs):
        for s in rng.permutation(len(rows)):
            scores = weights[rows[s]].sum(axis=1)
            if offsets is not None:
                scores += offsets[s]
            predicted = scores.argmax(axis=1)
            wrong = predicted != gold[s]
            if wrong.any():
                wrong_rows = rows[s][wrong]
                for tags, sign in ((gold[s][wrong], 1.0), (predicted[wrong], -1.0)):
                    cols = np.broadcast_to(tags[:, None], wrong_rows.shape)
                    np.add.at(weights, (wrong_rows, cols), sign)
                    np.add.at(totals, (wrong_rows, cols), sign * step)
                weights[0] = totals[0] = 0.0
            step += 1
    return weights - totals / step


def _lemma_tables(sentences: list[TaggedSentence]) -> tuple[dict[str, str], dict[str, tuple[int, str, bool]]]:
    """HanTa's lemmas as suffix rules per tag, plus a table of the (word, tag) pairs they get wrong."""
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for word, lemma, tag in sentence:
            by_key[f"{word}\t{tag}"][lemma] += 1
    lemmas = {key: counts.most_common(1)[0][0] for key, counts in by_key.items()}
    rule_counts: dict[str, Counter[tuple[int, str, bool]]] = defaultdict(Counter)
    for key, lemma in lemmas.items():
        word, tag = key.split("\t")
        edit = lemma_edit(word, lemma)
        for n in range(1, min(MAX_SUFFIX, len(word) - 1) + 1):
            rule_counts[f"{tag}\t{word[-n:]}"][edit] += 1
    rules = {}
    for key, counts in rule_counts.items():
        edit, n = counts.most_common(1)[0]
        if n >= MIN_RULE_COUNT and n / sum(counts.values()) > 0.5:
            rules[key] = edit
    # the table keeps only the words whose lemma the suffix rules get wrong
    kept = {}
    for key, lemma in lemmas.items():
        word, tag = key.split("\t")
        if rule_lemma(rules, word, tag) != lemma:
            kept[key] = lemma
    return kept, rules


def train(sentences: list[TaggedSentence], epochs: int = 6, folds: int = 2) -> FastTagger:
    """Train both stages and the lemma tables on HanTa-tagged sentences.

    Stage 2 learns from stage-1 scores made out of fold (jackknifing), so that it sees stage 1's
    errors on unseen text rather than its near-perfect scores on its own training sentences.
    """
    tags = sorted({tag for s in sentences for _, _, tag in s})
    tag_ids = {tag: i for i, tag in enumerate(tags)}
    gold = [np.array([tag_ids[t] for _, _, t in s], dtype=np.int64) for s in sentences]
    words = [[w for w, _, _ in s] for s in sentences]
    index = _feature_index(words)
    rows = [index.sentence_rows([ws]) for ws in words]
    shape = (len(index.names) + 1, len(tags))
    weights = _averaged_perceptron(rows, gold, shape, epochs)
    offsets: list[np.ndarray] = [np.empty(0)] * len(sentences)
    for fold in range(folds):
        held = set(range(fold, len(sentences), folds))
        learn = [i for i in range(len(sentences)) if i not in held]
        fold_weights = _averaged_perceptron([rows[i] for i in learn], [gold[i] for i in learn], shape, epochs)
        for i in held:
            offsets[i] = fold_weights[rows[i]].sum(axis=1)
    context = [tag_context_rows(o.argmax(axis=1), [len(o)], len(tags)) for o in offsets]
    context_shape = (tag_context_size(len(tags)) + 1, len(tags))
    context_weights = _averaged_perceptron(context, gold, context_shape, epochs, offsets=offsets)
    lemmas, rules = _lemma_tables(sentences)
    # most features were never updated: dropping their all-zero rows changes no score
    used = np.flatnonzero(np.abs(weights[1:]).max(axis=1) > 0)
    index = FeatureIndex([index.names[i] for i in used])
    weights = np.vstack([weights[:1], weights[1:][used]])
    return FastTagger(tags, index, weights, context_weights, lemmas, rules)

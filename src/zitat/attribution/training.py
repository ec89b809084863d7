"""Training and cross-validation of the CRF attribution model on SpkAtt-2023 JSON files."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import random
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycrfsuite
from spacy.vocab import Vocab

from zitat.attribution.crf.cues import read_cues
from zitat.attribution.crf.drafts import Draft
from zitat.attribution.crf.model import SENTENCE_FORMS, CrfExtractor, CrfSettings
from zitat.attribution.crf.sequences import (
    STAGES,
    cue_sequences,
    medium_features,
    message_sequence,
    nested_features,
    quoted_spans,
    reported_features,
    role_sequence,
    role_window,
)
from zitat.attribution.features import TokenView
from zitat.attribution.labels import encode_span
from zitat.attribution.registry import ModelConfig
from zitat.document import DocumentMeta, Form, Statement, doc_from_tokens, link_nesting
from zitat.errors import ZitatError
from zitat.spkatt.format import (
    GoldStatement,
    SpkAttArticle,
    annotations_from_statements,
    gold_statements,
    read_article,
    write_article,
)

Tagger = Callable[[str, list[list[str]]], TokenView]


# A lemma is a cue word when it is a cue this often (and at least LEXICON_MIN_COUNT times) in training.
LEXICON_MIN_RATIO = 0.2
LEXICON_MIN_COUNT = 2


@dataclass
class Example:
    name: str
    sentences: list[list[str]]
    article: TokenView
    statements: list[GoldStatement] = field(default_factory=list)


@dataclass
class TrainingConfig:
    seed: int = 1
    c1: float = 0.005
    c2: float = 0.05
    max_iterations: int = 150


def data_files(data_dir: Path) -> list[Path]:
    files = sorted(Path(data_dir).glob("*.json"))
    if not files:
        raise ZitatError(f"{data_dir}: no SpkAtt-2023 JSON files found")
    return files


def data_checksum(files: Iterable[Path]) -> str:
    """sha256 over the bytes of the files, in sorted name order."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.name):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def _vocab() -> Vocab:
    import spacy

    return spacy.blank("de").vocab


def tagged_article(name: str, sentences: list[list[str]]) -> TokenView:
    """The article with lemmas and tags from zitat's text layer."""
    from zitat.text.morphology import annotate_morphology

    doc = doc_from_tokens(_vocab(), sentences, DocumentMeta(id=name))
    annotate_morphology(doc)
    return TokenView.from_doc(doc)


def load_example(path: Path, tagger: Tagger = tagged_article) -> Example:
    article = read_article(path)
    tagged = tagger(path.name, article.sentences)
    return Example(path.name, article.sentences, tagged, gold_statements(article))


def training_form(gold: GoldStatement) -> Form:
    """The form a statement trains with: Indirect, the commonest, where the file gives none (the
    SpkAtt-2023 training files give every statement one)."""
    return gold.form or "Indirect"


def load_examples(files: Sequence[Path], tagger: Tagger = tagged_article) -> list[Example]:
    return [load_example(p, tagger) for p in files]


# ---- gold label sequences ----


def message_labels(ex: Example) -> list[str]:
    labels = ["O"] * len(ex.article)
    for gold in sorted((g for g in ex.statements if not g.nested and g.message), key=lambda g: g.message[0]):
        encode_span(labels, gold.message, training_form(gold))
    return labels


def cue_labels(ex: Example) -> list[list[str]]:
    labels = ["O"] * len(ex.article)
    for cue in {g.cue for g in ex.statements if g.cue}:
        encode_span(labels, cue)
    return [labels[rng.start : rng.stop] for rng in ex.article.sentences]


def role_labels(window: range, gold: GoldStatement) -> list[str]:
    labels = ["O"] * len(window)
    for kind, ids in (("S", gold.source), ("A", gold.addressee)):
        encode_span(labels, [i - window.start for i in ids if i in window], kind, gaps=False)
    return labels


def nested_labels(ex: Example, outer: Draft) -> list[tuple[list[int], str]]:
    """Each quotation in the outer message, labelled by whether it is a nested direct statement."""
    nested = [set(g.message) for g in ex.statements if g.nested and training_form(g) == "Direct"]
    return [
        (span, "yes" if any(2 * len(m & set(span)) >= len(span) for m in nested) else "no")
        for span in quoted_spans(ex.article, outer.message)
    ]


def reported_labels(ex: Example) -> list[tuple[range, str]]:
    """Sentences outside other top-level messages, labelled with the form of the Reported or
    FreeIndirect message that covers most of them, else "no"."""
    top = [g for g in ex.statements if not g.nested and g.message]
    other = {i for g in top if training_form(g) not in SENTENCE_FORMS for i in g.message}
    covering = [(set(g.message), training_form(g)) for g in top if training_form(g) in SENTENCE_FORMS]
    labelled = []
    for sentence in ex.article.sentences:
        if other.intersection(sentence):
            continue
        label = next(
            (form for m, form in covering if 2 * len(m.intersection(sentence)) >= len(sentence)), "no"
        )
        labelled.append((sentence, label))
    return labelled


def cue_lexicon(examples: Iterable[Example]) -> list[str]:
    """Lemmas that are often part of a cue in the training articles."""
    as_cue: Counter[str] = Counter()
    overall: Counter[str] = Counter()
    for ex in examples:
        cue_tokens = {i for g in ex.statements for i in g.cue}
        for i, lemma in enumerate(ex.article.lemmas):
            overall[lemma.lower()] += 1
            if i in cue_tokens:
                as_cue[lemma.lower()] += 1
    return sorted(
        lem for lem, n in as_cue.items() if n >= LEXICON_MIN_COUNT and n / overall[lem] >= LEXICON_MIN_RATIO
    )


# ---- training ----


def _trainer(config: TrainingConfig) -> pycrfsuite.Trainer:
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(
        {
            "c1": config.c1,
            "c2": config.c2,
            "max_iterations": config.max_iterations,
            "feature.possible_transitions": True,
        }
    )
    return trainer


def train_model(examples: Sequence[Example], out_dir: Path, config: TrainingConfig) -> None:
    """Train all stages on ``examples`` and write them to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    random.Random(config.seed).shuffle(examples := list(examples))  # crfsuite's result depends on order
    lexicon = cue_lexicon(examples)
    (out_dir / "lexicon.json").write_text(json.dumps(lexicon, ensure_ascii=False), encoding="utf-8")
    lex = frozenset(lexicon)
    trainers = {stage: _trainer(config) for stage in STAGES}
    detected = jackknifed_cues(examples, lex, config, out_dir)
    for ex, cues in zip(examples, detected, strict=True):
        art = ex.article
        trainers["messages"].append(message_sequence(art, lex, cues), message_labels(ex))
        _add_cue_sequences(trainers["cues"], ex, lex)
        for sentence, label in reported_labels(ex):
            trainers["reported"].append([reported_features(art, sentence, lex)], [label])
        for gold in ex.statements:
            if not gold.message:
                continue
            window = role_window(art, gold.cue, gold.message)
            form = training_form(gold)
            seq = role_sequence(art, window, gold.cue, gold.message, form)
            trainers["roles"].append(seq, role_labels(window, gold))
            draft = Draft(list(gold.message), form, gold.cue, gold.source)
            if gold.stwr:  # „none“ too: the medium classifier learns when a statement has none
                trainers["medium"].append([medium_features(art, draft)], [gold.stwr])
            if not gold.nested:
                for span, label in nested_labels(ex, draft):
                    trainers["nested"].append([nested_features(art, draft, span)], [label])
    for stage, trainer in trainers.items():
        trainer.train(str(out_dir / f"{stage}.crfsuite"))
    # the thresholds go with the model: tuned on the CRF as trained here (docs/model-card.md)
    ModelConfig(name=out_dir.name, kind="crf", settings=CrfSettings().as_dict()).write(out_dir)


def _add_cue_sequences(trainer: pycrfsuite.Trainer, ex: Example, lexicon: frozenset[str]) -> None:
    for seq, labels in zip(cue_sequences(ex.article, lexicon), cue_labels(ex), strict=True):
        trainer.append(seq, labels)


def jackknifed_cues(
    examples: Sequence[Example], lexicon: frozenset[str], config: TrainingConfig, work_dir: Path
) -> list[list[tuple[int, ...]]]:
    """Cues detected in every training article by a cue tagger trained on the other half.

    The message tagger learns from these rather than from gold cues, so at prediction time it
    trusts detected cues exactly as much as they deserve.
    """
    detected: list[list[tuple[int, ...]]] = [[] for _ in examples]
    path = work_dir / "cues-half.crfsuite"
    for half in range(2):
        trainer = _trainer(config)
        for ex in examples[1 - half :: 2]:
            _add_cue_sequences(trainer, ex, lexicon)
        trainer.train(str(path))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        for n in range(half, len(examples), 2):
            detected[n] = read_cues(tagger, examples[n].article, lexicon).cues
        tagger.close()
    path.unlink()
    return detected


# ---- cross-validation ----


def folds(n_items: int, k: int, seed: int) -> list[list[int]]:
    order = list(range(n_items))
    random.Random(seed).shuffle(order)
    return [sorted(order[f::k]) for f in range(k)]


def predicted_article(model: CrfExtractor, ex: Example) -> SpkAttArticle:
    """The model's statements for one example as an SpkAtt article, nested exactly as the pipeline does."""
    return statements_article(ex, model.predict(ex.article))


def statements_article(ex: Example, statements: Sequence[Statement]) -> SpkAttArticle:
    """Statements of one example as an SpkAtt article (in ``link_nesting`` order), nested as the
    pipeline does."""

    doc = doc_from_tokens(_vocab(), ex.sentences, DocumentMeta(id=ex.name))
    linked = link_nesting(list(statements))
    return SpkAttArticle(ex.name, ex.sentences, annotations_from_statements(doc, linked))


def cross_validate(
    files: Sequence[Path],
    examples: Sequence[Example],
    k: int,
    config: TrainingConfig,
    log: Callable[[str], None],
    jobs: int = 1,
    predictions: Path | None = None,
) -> list[dict[str, float]]:
    """Train on k-1 folds and score the held-out one with ``zitat.spkatt.scorer``; F1 per fold.

    The scores do not depend on ``jobs`` (see ``train_folds``). With ``predictions``, every held-out
    article's prediction is written there as SpkAtt JSON (for ``zitat spkatt eval``).
    """
    held_outs = folds(len(examples), k, config.seed)
    scores = []
    with tempfile.TemporaryDirectory(prefix="zitat-cv-") as tmp:
        for n, model_dir in enumerate(train_folds(examples, held_outs, config, Path(tmp), jobs)):
            scores.append(_fold_scores(files, examples, held_outs[n], CrfExtractor(model_dir), predictions))
            _log_fold(n, k, scores[-1], log)
    return scores


def train_folds(
    examples: Sequence[Example],
    held_outs: list[list[int]],
    config: TrainingConfig,
    out_dir: Path,
    jobs: int = 1,
) -> list[Path]:
    """One model per fold, trained on the examples of the other folds, in ``out_dir/<n>``.

    With ``jobs`` > 1 the folds train in forked worker processes (they share the tagged examples
    without copying them); every model is the same as with one job.
    """
    global _FOLD_STATE
    dirs = [out_dir / str(n) for n in range(len(held_outs))]
    _FOLD_STATE = (examples, held_outs, config, dirs)
    fork = multiprocessing.get_context("fork")
    try:
        if jobs <= 1:
            for n in range(len(held_outs)):
                _train_fold(n)
        else:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=fork) as pool:
                list(pool.map(_train_fold, range(len(held_outs))))
        return dirs
    finally:
        _FOLD_STATE = None


# (examples, folds, config, model folders) of the running ``train_folds``, inherited by forked workers
_FOLD_STATE: tuple[Sequence[Example], list[list[int]], TrainingConfig, list[Path]] | None = None


def _train_fold(n: int) -> None:
    assert _FOLD_STATE is not None
    examples, held_outs, config, dirs = _FOLD_STATE
    held = set(held_outs[n])
    train_model([ex for i, ex in enumerate(examples) if i not in held], dirs[n], config)


def _log_fold(n: int, k: int, scores: dict[str, float], log: Callable[[str], None]) -> None:
    log(f"fold {n + 1}/{k}: " + ", ".join(f"{name} {f1:.3f}" for name, f1 in scores.items()))


def _fold_scores(
    files: Sequence[Path],
    examples: Sequence[Example],
    held_out: list[int],
    model: CrfExtractor,
    predictions: Path | None,
) -> dict[str, float]:
    from zitat.spkatt.scorer import evaluate

    pairs = [(read_article(files[i]), predicted_article(model, examples[i])) for i in held_out]
    if predictions is not None:
        for _, predicted in pairs:
            write_article(predictions / predicted.name, predicted)
    return {name: prf.f1 for name, prf in evaluate(pairs).lines().items()}

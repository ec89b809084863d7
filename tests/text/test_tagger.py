"""The distilled fast tagger: features, lemma rules, training, saving, and agreement with HanTa."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zitat.text.tagger import (
    FastTagger,
    apply_edit,
    lemma_edit,
    sentence_features,
    tag_context_rows,
    train,
    word_shape,
)

SHARED_DATA = Path(
    os.environ.get("ZITAT_SHARED_DATA", Path(__file__).resolve().parents[2] / ".." / "shared" / "data")
)
GNAD_CSV = SHARED_DATA / "corpora" / "10kgnad-test.csv"


def tagged(text: str) -> list[tuple[str, str, str]]:
    """'word/lemma/TAG' items separated by spaces."""
    return [tuple(item.rsplit("/", 2)) for item in text.split()]  # type: ignore[misc]


SENTENCES = [
    tagged("Der/der/ART Minister/Minister/NN sagte/sagen/VVFIN ,/,/$, die/der/ART Lage/Lage/NN sei/sein/VAFIN ernst/ernst/ADJD ././$."),
    tagged("Die/der/ART Ministerin/Ministerin/NN sagte/sagen/VVFIN ,/,/$, der/der/ART Plan/Plan/NN sei/sein/VAFIN gut/gut/ADJD ././$."),
    tagged("Er/er/PPER habe/haben/VAFIN keine/kein/PIAT Zeit/Zeit/NN ,/,/$, sagte/sagen/VVFIN der/der/ART Sprecher/Sprecher/NN ././$."),
    tagged("Sie/sie/PPER will/wollen/VMFIN nach/nach/APPR Wien/Wien/NE reisen/reisen/VVINF ././$."),
    tagged("Der/der/ART Kanzler/Kanzler/NN reiste/reisen/VVFIN nach/nach/APPR Kiew/Kiew/NE ././$."),
    tagged("Die/der/ART Regierung/Regierung/NN plante/planen/VVFIN neue/neu/ADJA Gesetze/Gesetz/NN ././$."),
]  # fmt: skip


@pytest.fixture(scope="module")
def tiny_tagger() -> FastTagger:
    return train(SENTENCES * 5, epochs=4)


def test_word_shape() -> None:
    assert [word_shape(w) for w in ["Nato-Gipfel", "21.", "EU", "100.000", "sagte"]] == [
        "Xx-Xx", "d.", "X", "d.d", "x",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("sagte", "sagen"), ("Gesetze", "Gesetz"), ("Sagte", "sagen"), ("ist", "sein"), ("Kiew", "Kiew")],
)
def test_lemma_edits_turn_the_word_into_its_lemma(word: str, lemma: str) -> None:
    assert apply_edit(word, lemma_edit(word, lemma)) == lemma


def test_tag_context_rows_stay_inside_sentences() -> None:
    import numpy as np

    rows = tag_context_rows(np.array([0, 1, 2]), [1, 2], n_tags=3)
    # the single-word sentence sees only boundaries (tag id 3) left and right
    assert rows.shape == (3, 6) and rows[0, 0] == rows[1, 0] == 1 + 3


def test_feature_rows_are_the_rows_of_the_feature_names(tiny_tagger: FastTagger) -> None:
    words = ["Der", "Sprecher", "sagte", ",", "er", "habe", "keine", "Zeit", "."]
    rows = tiny_tagger.index.sentence_rows([words, words[:2], []])
    names = sentence_features(words) + sentence_features(words[:2])
    assert rows.shape == (11, 20)
    assert rows.ravel().tolist() == [tiny_tagger.index.rows[name] for name in names]


def test_tiny_tagger_learns_its_sentences(tiny_tagger: FastTagger) -> None:
    for sentence in SENTENCES:
        words = [w for w, _, _ in sentence]
        assert tiny_tagger.tag(words) == [(t, lemma) for _, lemma, t in sentence]


def test_lemma_rules_cover_unseen_words(tiny_tagger: FastTagger) -> None:
    # "-te" -> "-en" for a finite verb, learned from sagte, plante, reiste
    assert tiny_tagger.lemma("lachte", "VVFIN") == "lachen"


def test_saved_tagger_predicts_the_same(tiny_tagger: FastTagger, tmp_path: Path) -> None:
    path = tmp_path / "tagger.npz"
    tiny_tagger.save(path)
    loaded = FastTagger.load(path)
    words = ["Der", "Sprecher", "sagte", ",", "er", "habe", "keine", "Zeit", "."]
    assert loaded.tag(words) == tiny_tagger.tag(words)
    assert loaded.tag_sentences([[], words]) == [[], tiny_tagger.tag(words)]


def test_shipped_tagger_agrees_with_hanta_on_held_out_news() -> None:
    """Articles 10, 20, 30 of 10kGNAD are held out from training (every 10th document)."""
    if not GNAD_CSV.exists():
        pytest.skip(f"10kGNAD not found at {GNAD_CSV} (set ZITAT_SHARED_DATA)")
    from zitat.text.tagger import default_tagger
    from zitat.text.train_tagger import agreement, gnad_sentences, teacher_tags

    fast = default_tagger()
    if fast is None:
        pytest.skip("fast tagger weights not built")
    from HanTa import HanoverTagger

    hanta = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    held_out = [doc for n, doc in zip(range(30), gnad_sentences(), strict=False) if n % 10 == 9]
    gold = [teacher_tags(words, hanta) for doc in held_out for words in doc if words]
    scores = agreement(fast, gold)
    assert scores["tag_agreement"] > 0.95
    assert scores["finite_verb_mood_agreement"] > 0.95

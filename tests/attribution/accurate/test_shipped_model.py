"""The shipped accurate model (ONNX Runtime, int8) on hand-written German sentences."""

import pytest

pytest.importorskip("onnxruntime", reason="the accurate model runs on onnxruntime")

from zitat.attribution.accurate.extractor import MODEL_DIR, AccurateExtractor
from zitat.document import DocumentMeta, doc_from_tokens

if not (MODEL_DIR / "lower.onnx").is_file():
    pytest.skip("no shipped accurate model in this checkout", allow_module_level=True)


@pytest.fixture(scope="module")
def model() -> AccurateExtractor:
    return AccurateExtractor()


def found(model: AccurateExtractor, text: str) -> list[dict[str, str | None]]:
    sentences = [s.split() for s in text.split(" | ")]
    words = [w for s in sentences for w in s]
    return [
        {
            "form": s.form,
            "cue": " ".join(words[i] for i in s.cue),
            "source": " ".join(words[i] for i in s.source),
            "message": " ".join(words[i] for i in s.message),
        }
        for s in model.predict_words(sentences)
    ]


def test_indirect_speech(model: AccurateExtractor) -> None:
    [stmt] = found(model, "Stoltenberg sagte am Montag , das Bündnis sei geschlossen .")
    assert stmt["form"] == "Indirect"
    assert stmt["cue"] == "sagte"
    assert stmt["source"] == "Stoltenberg"
    assert stmt["message"] == "das Bündnis sei geschlossen"


def test_direct_quote(model: AccurateExtractor) -> None:
    [stmt] = found(model, "„ Wir brauchen diese Panik nicht “ , sagte Selenskyj .")
    assert stmt["form"] == "Direct"
    assert stmt["cue"] == "sagte"
    assert stmt["source"] == "Selenskyj"
    assert "Wir brauchen diese Panik nicht" in stmt["message"]


def test_sentence_without_statement(model: AccurateExtractor) -> None:
    assert found(model, "Der Zug fährt um acht Uhr in Berlin ab .") == []


def test_doc_token_ids(model: AccurateExtractor) -> None:
    from spacy.vocab import Vocab

    sentences = [
        ["Der", "Regen", "hörte", "auf", "."],
        ["Die", "Polizei", "teilte", "mit", ",", "der", "Täter", "sei", "gefasst", "."],
    ]
    doc = doc_from_tokens(Vocab(), sentences, DocumentMeta(id="t"))
    [stmt] = model.predict(doc)
    assert [doc[i].text for i in stmt.message] == ["der", "Täter", "sei", "gefasst"]
    assert [doc[i].text for i in stmt.source] == ["Die", "Polizei"]

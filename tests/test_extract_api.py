"""``zitat.extract``: one article in, its statements out, by model name or folder."""

import zitat
from zitat.attribution.registry import MODELS_DIR
from zitat.document import DocumentMeta
from zitat.extraction import extract_json, extract_or_failure
from zitat.ingest.article import Article, Failure

TEXT = "„Wir sind bereit“, sagte Stoltenberg. Er sagte, die Nato sei geschlossen."


def test_text_in_statements_out() -> None:
    doc = zitat.extract(TEXT)
    assert [s.form for s in doc._.statements] == ["Direct", "Indirect"]
    assert doc._.statements[0].speaker is not None


def test_the_contract_names_the_model_by_its_name() -> None:
    article = Article(TEXT, DocumentMeta(id="a1", title="Gipfel"), "test")
    contract = extract_json(article, model="crf")
    assert contract["model"] == "fast" and contract["document"]["id"] == "a1"
    assert extract_json(article, model=MODELS_DIR / "fast") == contract
    assert extract_json(article, model="rules")["model"] == "rules"


def test_a_failure_is_a_value_in_a_batch() -> None:
    broken = Article(None, DocumentMeta(id="x"), "kaputt.txt")  # type: ignore[arg-type]
    failure = extract_or_failure(broken)
    assert isinstance(failure, Failure) and failure.source == "kaputt.txt"
    assert failure.reason.startswith("extraction failed: ")

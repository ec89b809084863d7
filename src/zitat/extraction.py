"""``zitat.extract``: one article in, its statements out. The CLI, the archive's ingest, the Spark job
and the web app all extract through here.

    >>> import zitat
    >>> doc = zitat.extract("„Wir sind bereit“, sagte Stoltenberg.")
    >>> doc._.statements[0].form
    'Direct'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from zitat.attribution.registry import DEFAULT_MODEL, model_name
from zitat.document import DocumentMeta
from zitat.ingest.article import Article, Failure

ModelChoice = str | Path


def extract(article: Article | str, model: ModelChoice = DEFAULT_MODEL) -> Doc:
    """The processed document: statements in ``doc._.statements``, with speakers; metadata in
    ``doc._.meta``. ``model`` is a model name (``fast``, ``rules``) or a model folder."""
    from zitat.pipeline import process_text

    if isinstance(article, str):
        article = Article(article, DocumentMeta(id="text"), "text")
    return process_text(article.text, article.meta, model)


def extract_json(article: Article | str, model: ModelChoice = DEFAULT_MODEL) -> dict[str, Any]:
    """The JSON contract (docs/output-format.md) of one article."""
    from zitat.output import document_json

    return document_json(extract(article, model), model_name(model))


def extract_or_failure(article: Article, model: ModelChoice = DEFAULT_MODEL) -> dict[str, Any] | Failure:
    """The JSON contract, or the reason extraction failed: in a batch, one article that trips the
    pipeline must not end the run."""
    try:
        return extract_json(article, model)
    except Exception as exc:
        return Failure(article.source, f"extraction failed: {type(exc).__name__}: {exc}".splitlines()[0])

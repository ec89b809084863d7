"""Turning a request's text or HTML into an article and its statements (the JSON contract)."""

from __future__ import annotations

import threading
from typing import Any

from zitat.document import DocumentMeta
from zitat.errors import InputError
from zitat.extraction import extract_json
from zitat.ingest.article import Article, Failure
from zitat.ingest.readers import InputProblem, check_text, html_article, read_bytes

META_FIELDS = ("title", "url", "published", "outlet", "author")


def article_from_upload(data: bytes, name: str) -> Article:
    """The first article in an uploaded or pasted input (text, HTML or JSONL, sniffed as by ``extract``)."""
    for item in read_bytes(data, name, name):
        if isinstance(item, Failure):
            raise InputError(name, item.reason)
        return item
    raise InputError(name, "no article found")


def article_from_fields(fields: dict[str, Any], doc_id: str) -> Article:
    """An article from an API request: ``text`` or ``html`` plus optional metadata fields."""
    try:
        if fields.get("html"):
            article = html_article(fields["html"], "request", doc_id)
        else:
            article = Article(check_text(fields.get("text") or ""), DocumentMeta(id=doc_id), "request")
    except InputProblem as problem:
        raise InputError("request", str(problem)) from None
    for name in META_FIELDS:
        if fields.get(name) is not None:
            setattr(article.meta, name, fields[name])
    if fields.get("id"):
        article.meta.id = fields["id"]
    return article


class SerialExtractor:
    """Extracts for the web app one document at a time, as the pipeline's state is shared."""

    def __init__(self, model: str) -> None:
        self.model = model
        self._lock = threading.Lock()

    def extract(self, article: Article) -> dict[str, Any]:
        with self._lock:
            return extract_json(article, self.model)

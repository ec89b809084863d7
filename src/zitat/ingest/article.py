"""The record every reader yields: one article's text and metadata, or the reason it could not be read."""

from __future__ import annotations

from dataclasses import dataclass

from zitat.document import DocumentMeta


@dataclass
class Article:
    """An article ready for extraction. ``source`` names where it came from (path, path:line, URL)."""

    text: str
    meta: DocumentMeta
    source: str


@dataclass
class Failure:
    """An input (or part of one) that could not be turned into an article."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

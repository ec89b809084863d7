"""The record every reader yields: one article's text and metadata, or the reason it could not be read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zitat.document import DocumentMeta

AUTHOR_SEPARATOR = ", "  # between the names of a byline with several authors


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


def author_text(value: Any) -> str | None:
    """An article's author as stored: a name, or names joined by ``AUTHOR_SEPARATOR``; else None.

    A list (JSONL, Parquet, several feed authors) keeps its non-empty strings, each once, in order;
    anything else that is not a string (a number, an object) names nobody and is dropped.
    """
    names = value if isinstance(value, list | tuple) else [value]
    found: list[str] = []
    for name in names:
        if not isinstance(name, str):
            continue
        cleaned = " ".join(name.split())
        if cleaned and cleaned not in found:
            found.append(cleaned)
    return AUTHOR_SEPARATOR.join(found) or None

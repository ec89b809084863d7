"""Full-text search finds the same words on SQLite and PostgreSQL, also right after or before a quotation
mark of any style (PostgreSQL's parser takes them for letters on a server of the C locale)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from zitat.store import Archive, open_archive
from zitat.text.folding import fold_for_search

from .articles import QUOTATION_MARKS, quoted


@pytest.fixture
def archive(location: str) -> Iterator[Archive]:
    with open_archive(location) as opened:
        for number, (opening, closing, message) in enumerate(QUOTATION_MARKS):
            opened.store(quoted(number, opening, closing, message), source="test")
        yield opened


def found(archive: Archive, query: str) -> set[str]:
    return {row["document_id"] for row in archive.search(query, limit=None)}


def test_words_right_after_and_before_a_quotation_mark_are_found(archive: Archive) -> None:
    for number, (_, _, message) in enumerate(QUOTATION_MARKS):
        first, *_, last = message.split()
        assert found(archive, first) == {f"q{number}"}, first  # right after the opening mark
        assert found(archive, first.upper()) == {f"q{number}"}, first
        assert found(archive, f'"{message}"') == {f"q{number}"}, message  # the phrase, to the closing mark
        assert found(archive, f"-{first}") == {f"q{n}" for n in range(len(QUOTATION_MARKS))} - {f"q{number}"}
        # the article list searches the texts the same way
        assert [row["id"] for row in archive.documents(first)] == [f"q{number}"], first
        assert [row["id"] for row in archive.documents(f'"{last} sagte"')] == [f"q{number}"], last
    assert found(archive, "klimaschutz OR tempolimit") == {"q0", "q1"}


def test_text_folded_for_search_has_no_quotation_marks() -> None:
    assert fold_for_search("„Wir“ »Sie« ‚er‘ ›es‹ “ihr” «du» Müller–Lüdenscheidt…") == (
        " wir   sie   er   es   ihr   du  mueller luedenscheidt..."
    )
    assert (
        fold_for_search("Ärzte: 5 € für ½ Tag") == "aerzte: 5   fuer 1 2 tag"
    )  # ½: 1⁄2, the slash no letter

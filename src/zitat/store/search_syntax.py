"""The full-text query language of search: words, "phrases", OR and -exclusion.

    klima schutz          both words, each as the start of a word (klima finds Klimaschutz)
    "grüne energie"       the exact words, one after the other
    klima OR umwelt       either word
    klima -gipfel         klima, and not gipfel

Words are folded (``zitat.text.folding.fold_for_search``) as the full-text indexes are, so case and
umlaut spelling do not matter. The parts are plain data: each database turns them into its own
full-text syntax (``zitat.store.database``), and the web app marks the matches with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zitat.text.folding import fold_for_search

WORD = re.compile(r"\w+")
# a quoted phrase (closing quote optional: a half-typed query still searches), or a bare piece
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
OR = "OR"


@dataclass(frozen=True)
class Term:
    """A word (``words`` of one, matched as the start of a word) or a phrase (several words in this
    order, each matched whole)."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    def pattern(self) -> str:
        """A regular expression (Python's and PostgreSQL's shared syntax) for this term in folded text."""
        body = r"\W+".join(re.escape(word) for word in self.words)
        return rf"(^|\W){body}" + (r"($|\W)" if self.is_phrase else "")


@dataclass(frozen=True)
class SearchQuery:
    """What must be found: every group (a group is found when one of its terms is), and none of
    ``excluded``."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups or self.excluded)

    @property
    def wanted(self) -> tuple[Term, ...]:
        """The terms whose matches are shown in the results (not the excluded ones)."""
        return tuple(term for group in self.groups for term in group)


def _term(text: str) -> Term | None:
    words = tuple(WORD.findall(fold_for_search(text)))
    return Term(words) if words else None


def parse_query(text: str) -> SearchQuery:
    """The search query in ``text``. A word that holds a hyphen or other punctuation is a phrase of its
    parts („Klima-Schutz“ finds „Klima-Schutz“ and „Klima Schutz“); ``OR`` (in capitals) between two
    terms makes one group of them; a leading ``-`` excludes a word or phrase."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for match in TOKEN.finditer(text):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare == OR:
            join_next = bool(groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        term = _term(quoted if quoted is not None else bare)
        if term is None:
            continue
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return SearchQuery(tuple(tuple(group) for group in groups), tuple(excluded))

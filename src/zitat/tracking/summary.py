"""What a cluster says: its first appearance over the occurrences, outlets, canonical wording and flags
(possible misquote, possible misattribution)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from zitat.store.records import MENTION_KEY, PRONOUNS
from zitat.tracking.wording import altered_quote, words

DIRECT = "Direct"


@dataclass(frozen=True)
class Publication:
    """One occurrence of a member's document: who published it, when (ISO date or None)."""

    outlet: str | None
    published: str | None


@dataclass
class Member:
    """A statement of a cluster, with what the summary needs."""

    id: int
    document_id: str
    form: str | None
    message: str | None
    speaker_key: str | None
    speaker_name: str | None
    speaker_type: str | None
    publications: list[Publication] = field(default_factory=list)

    @property
    def first_published(self) -> str | None:
        dates = [p.published for p in self.publications if p.published]
        return min(dates) if dates else None

    @property
    def named_speaker(self) -> str | None:
        return named_speaker(self.speaker_key, self.speaker_name, self.speaker_type)


def names_somebody(key: str | None, name: str | None, speaker_type: str | None) -> bool:
    """Whether a statement's speaker is a name. Sources that name nobody are extraction gaps, not
    attributions: unresolved (``mention:`` keys), anonymous, a pronoun („Sie“), or a description that
    starts in lower case („der Meister“, „einem Bericht zufolge“)."""
    if not key or key.startswith(MENTION_KEY) or speaker_type == "anonymous" or not name:
        return False
    folded = words(name)
    return bool(folded) and name.lstrip()[:1].isupper() and not (len(folded) == 1 and folded[0] in PRONOUNS)


@lru_cache(maxsize=65536)  # a few thousand speakers credit most statements
def named_speaker(key: str | None, name: str | None, speaker_type: str | None) -> str | None:
    """The speaker's surname (folded) when a statement credits a named speaker, else None: „Merkel“
    and „Angela Merkel“ are one speaker. The surname is the last capitalized word: a name the
    resolver took with trailing words („Christian Seifert von der“) keeps its surname."""
    if not name or not names_somebody(key, name, speaker_type):
        return None
    capitalized = [word for word in name.split() if word[:1].isupper()]
    return words(capitalized[-1] if capitalized else name)[-1]


def chronological(members: Iterable[Member]) -> list[Member]:
    """First published first (undated last), then by id."""
    return sorted(members, key=lambda m: (m.first_published is None, m.first_published or "", m.id))


def altered_members(members: Sequence[Member]) -> list[Member]:
    """The direct quotes whose words differ from the cluster's earliest direct quote (possible
    misquotes). Quotes of the earliest one's own document are left out: two parts of one long quote
    that a cluster holds are not one article misquoting itself."""
    direct = chronological(m for m in members if m.form == DIRECT)
    if not direct:
        return []
    first = direct[0]
    return [
        m
        for m in direct[1:]
        if m.document_id != first.document_id and altered_quote(first.message or "", m.message or "")
    ]


@dataclass(frozen=True)
class ClusterSummary:
    id: int
    canonical_statement_id: int
    first_statement_id: int
    first_published: str | None
    size: int
    documents: int
    outlets: int
    occurrences: int
    altered_quotes: int
    named_speakers: int


def summarize(cluster_id: int, members: Sequence[Member]) -> ClusterSummary:
    ordered = chronological(members)
    canonical = ordered[0]
    if len(members) > 1:
        wording = {m.id: words(m.message) for m in members}
        frequency = Counter(wording.values())
        # the most frequent wording; among equally frequent ones the first published
        canonical = min(ordered, key=lambda m: -frequency[wording[m.id]])
    documents = {m.document_id: m.publications for m in members}
    publications = [p for found in documents.values() for p in found]
    return ClusterSummary(
        id=cluster_id,
        canonical_statement_id=canonical.id,
        first_statement_id=ordered[0].id,
        first_published=ordered[0].first_published,
        size=len(members),
        documents=len(documents),
        outlets=len({p.outlet for p in publications if p.outlet}),
        occurrences=len(publications),
        altered_quotes=len(altered_members(members)),
        named_speakers=len({m.named_speaker for m in members} - {None}),
    )

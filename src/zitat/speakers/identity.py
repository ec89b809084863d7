"""Cross-article speaker identity: a key per real speaker, plus reviewed merge and split corrections.

``speaker_key`` is a pure function. Persons get ``p:<surname skeleton>:<first-name prefix>`` (or
``p:<surname skeleton>`` when no first name is known); the skeleton folds transliteration variants
(Selenskyj / Selenski / Zelenskiy / Zelensky → ``selenski``), academic titles, middle names and
patronymics are ignored (Dr. Angela Merkel = Angela Merkel, Wladimir Wladimirowitsch Putin = Wladimir
Putin). Institutions get ``o:`` or ``g:`` plus their folded name; groups join their members' keys.
Anonymous and unknown speakers get ``""``: they must never be merged across articles.

``IdentityResolver`` adds what a pure key cannot know: a surname-only key joins the one full key with that
surname (two Bidens with different first names stay apart, and then „Biden“ alone stays apart too), and
reviewed corrections (merge A B, split A B) win over both. The archive persists the corrections
(``zitat.store.corrections``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from zitat.document import Speaker
from zitat.text.folding import fold

# Ordered rewrites folding German, English and French transliterations of Slavic, Arabic … names.
_REWRITES = (
    ("tsch", "ch"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("zh", "sh"),
    ("kh", "h"),
    ("ch", "h"),
    ("ph", "f"),
    ("w", "v"),
    ("ck", "k"),
    ("c", "k"),
    ("q", "k"),
    ("tz", "s"),
    ("ts", "s"),
    ("z", "s"),
    ("j", "i"),
    ("y", "i"),
    ("ou", "u"),
    ("dh", "d"),
    ("th", "t"),
    ("ie", "i"),
    ("ii", "i"),
)
_SUFFIXES = (("iy", "i"), ("ii", "i"), ("ji", "i"), ("ij", "i"), ("ff", "v"))
_PARTICLES = re.compile(r"^(?:al|el|as|ad|von der|von|van der|van|de|da|di|bin|ibn)[\s-]+")
# Academic titles before a name („Prof. Dr. h.c.“, „PD Dr. med.“, „Dipl.-Ing.“): the same person with
# and without them. Only dotted or spelled-out forms, so that a name like „Di Maio“ is never cut.
_TITLE = r"(?:Univ\.-)?Prof(?:\.|essor(?:in)?)|Dr\.(?:-Ing\.)?|Dr(?=\s)|PD|Dipl\.-\w+\.|Mag\.|Ing\."
_TITLE_QUALIFIER = (
    r"h\.\s?c\.|mult\.|em\.|med\.(?:\s?dent\.|\s?vet\.)?|rer\.\s?\w+\.|phil\.|jur\.|habil\.|theol\."
)
_TITLES = re.compile(rf"^(?:(?:{_TITLE})(?:\s*(?:{_TITLE_QUALIFIER}))*\s+)+")


@lru_cache(maxsize=65536)
def name_skeleton(name: str) -> str:
    """A transliteration-tolerant form of one name („Zelenskiy“ and „Selenskyj“ → „selenski“)."""
    text = _PARTICLES.sub("", fold(name).strip())
    text = re.sub(r"[^a-z]", "", text)
    for old, new in _REWRITES:
        text = text.replace(old, new)
    for old, new in _SUFFIXES:
        if text.endswith(old):
            text = text[: -len(old)] + new
    return re.sub(r"(.)\1+", r"\1", text)


def speaker_key(speaker: Speaker) -> str:
    """The cross-article identity key of a speaker; ``""`` when it must not be merged with anyone."""
    if speaker.type == "group":
        # a group is its named members („Biden und Scholz“); described people („die Ermittler“) are nobody
        keys = sorted(k for k in (speaker_key(m) for m in speaker.members) if k)
        return "group:" + "+".join(keys) if keys else ""
    if not speaker.name or speaker.type in ("anonymous", "unknown"):
        return ""
    if speaker.type == "person":
        return _person_key(speaker.name)
    prefix = "g" if speaker.type == "government" else "o" if speaker.type == "organization" else "x"
    return f"{prefix}:{re.sub(r'[^a-z0-9]+', ' ', fold(speaker.name)).strip()}"


def _person_key(name: str) -> str:
    name = _TITLES.sub("", name.strip()) or name
    words = name.replace("-", " - ").split()
    surname_start = len(words) - 1
    while surname_start > 0 and words[surname_start - 1].lower() in (
        "von",
        "van",
        "der",
        "de",
        "al",
        "bin",
        "-",
    ):
        surname_start -= 1
    surname = name_skeleton(" ".join(words[surname_start:]))
    given = [w for w in words[:surname_start] if w != "-"]
    if not given:
        return f"p:{surname}"
    return f"p:{surname}:{name_skeleton(given[0])[:3]}"


@dataclass(frozen=True)
class Correction:
    """A reviewed decision: ``merge`` two keys into one speaker, or ``split`` them apart for good."""

    action: Literal["merge", "split"]
    a: str
    b: str


def surname_key(key: str) -> str | None:
    """``p:mueller`` for the full person key ``p:mueller:tho``; None for any other key."""
    if key.startswith("p:") and key.count(":") == 2:
        return key.rsplit(":", 1)[0]
    return None


class IdentityResolver:
    """Canonical speaker keys for an archive: automatic keys plus reviewed corrections.

    ``remember(key)`` notes a key as seen in the corpus; ``resolve_key(key)`` gives its canonical key: a
    surname-only key joins the one remembered full key with that surname. Corrections are applied in
    order (a later one overrides an earlier one); a merge wins over the surname join, a split blocks it.
    """

    def __init__(self, corrections: Iterable[Correction] = (), known: Iterable[str] = ()) -> None:
        self._parent: dict[str, str] = {}  # merged key → the key it was merged into
        self._apart: dict[str, set[str]] = {}  # key → keys that a split keeps it apart from
        self._full: dict[str, set[str]] = {}  # surname-only key → remembered full keys with that surname
        self.corrections: list[Correction] = []
        for key in known:
            self.remember(key)
        for correction in corrections:
            self.apply(correction)

    def apply(self, correction: Correction) -> None:
        a, b = correction.a, correction.b
        if correction.action == "merge":
            self._apart.get(a, set()).discard(b)
            self._apart.get(b, set()).discard(a)
            root_a, root_b = self.canonical(a), self.canonical(b)
            if root_a != root_b:
                self._parent[root_b] = root_a
        else:
            self._apart.setdefault(a, set()).add(b)
            self._apart.setdefault(b, set()).add(a)
            if a != b and self.canonical(a) == self.canonical(b):
                # the one of the two that was merged in leaves: b, unless a was merged into b
                self._detach(b if b in self._parent else a)
        self.corrections.append(correction)

    def _detach(self, key: str) -> None:
        """Take ``key`` alone out of its speaker; keys that were merged into it stay with that speaker."""
        parent = self._parent.pop(key)
        for child in [child for child, target in self._parent.items() if target == key]:
            self._parent[child] = parent

    def merge(self, a: str, b: str) -> Correction:
        """Make ``b`` the same speaker as ``a``; returns the correction to persist."""
        correction = Correction("merge", a, b)
        self.apply(correction)
        return correction

    def split(self, a: str, b: str) -> Correction:
        """Keep ``a`` and ``b`` apart, also against automatic surname joins."""
        correction = Correction("split", a, b)
        self.apply(correction)
        return correction

    def canonical(self, key: str) -> str:
        """Where the merges lead ``key`` (merges never form a cycle: only roots are merged)."""
        while key in self._parent:
            key = self._parent[key]
        return key

    def keys_of(self, root: str) -> set[str]:
        """``root`` and the keys that merges lead to it."""
        return {root} | {key for key in self._parent if self.canonical(key) == root}

    def remember(self, key: str) -> bool:
        """Note an automatic key as seen; True when it is a full person key not seen before."""
        surname = surname_key(key)
        if surname is None or key in self._full.get(surname, ()):
            return False
        self._full.setdefault(surname, set()).add(key)
        return True

    def resolve_key(self, key: str) -> str:
        """The canonical key of an automatic key; ``""`` (never merge) stays ``""``."""
        return self._join_surname(self.canonical(key)) if key else ""

    def resolve(self, speaker: Speaker) -> str:
        """``resolve_key`` of the speaker's key, remembered first."""
        key = speaker_key(speaker)
        self.remember(key)
        return self.resolve_key(key)

    def link(self, key: str) -> Literal["own", "merge", "surname"]:
        """Why ``key`` counts for the speaker ``resolve_key`` gives: its own key, a merge or its surname."""
        if key in self._parent:
            return "merge"
        return "own" if self._join_surname(key) == key else "surname"

    def _join_surname(self, key: str) -> str:
        """„p:putin“ joins „p:putin:vla“ when that is the only known Putin and no split forbids it."""
        if not key.startswith("p:") or key.count(":") != 1:
            return key
        targets = {self.canonical(full) for full in self._full.get(key, ())}
        if len(targets) != 1:
            return key
        target = targets.pop()
        if any(self.canonical(other) == target for other in self._apart.get(key, ())):
            return key
        return target

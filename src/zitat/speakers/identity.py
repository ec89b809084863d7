"""Cross-article speaker identity: a key per real speaker, plus reviewed merge and split corrections.

``speaker_key`` is a pure function. Persons get ``p:<surname skeleton>:<first-name prefix>`` (or
``p:<surname skeleton>`` when no first name is known); the skeleton folds transliteration variants
(Selenskyj / Selenski / Zelenskiy / Zelensky → ``selenski``), middle names and patronymics are
ignored (Wladimir Wladimirowitsch Putin = Wladimir Putin). Institutions get ``o:`` or ``g:`` plus their
folded name; groups join their members' keys. Anonymous and unknown speakers get ``""``: they must never
be merged across articles.

``IdentityResolver`` adds what a pure key cannot know: a surname-only key joins the one full key with that
surname (two Bidens with different first names stay apart, and then „Biden“ alone stays apart too), and
reviewed corrections (merge A B, split A B) win over both. The archive persists the corrections.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from zitat.document import Speaker

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


def fold(text: str) -> str:
    """Lower case ASCII: umlauts spelled out, other accents dropped."""
    text = text.lower().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


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
    if speaker.type == "group" and speaker.members:
        keys = sorted(k for k in (speaker_key(m) for m in speaker.members) if k)
        return "group:" + "+".join(keys) if keys else ""
    if not speaker.name or speaker.type in ("anonymous", "unknown"):
        return ""
    if speaker.type == "person":
        return _person_key(speaker.name)
    prefix = "g" if speaker.type == "government" else "o" if speaker.type == "organization" else "x"
    return f"{prefix}:{re.sub(r'[^a-z0-9]+', ' ', fold(speaker.name)).strip()}"


def _person_key(name: str) -> str:
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


class IdentityResolver:
    """Canonical speaker keys for an archive: automatic keys plus reviewed corrections.

    ``resolve(speaker)`` returns the canonical key and remembers it, so that later surname-only
    mentions can join it. Corrections are applied in order; a later one overrides an earlier one.
    """

    def __init__(self, corrections: Iterable[Correction] = ()) -> None:
        self._parent: dict[str, str] = {}
        self._splits: set[frozenset[str]] = set()
        self._known: set[str] = set()
        self.corrections: list[Correction] = []
        for correction in corrections:
            self.apply(correction)

    def apply(self, correction: Correction) -> None:
        pair = frozenset((correction.a, correction.b))
        if correction.action == "merge":
            self._splits.discard(pair)
            self._parent[self.canonical(correction.b)] = self.canonical(correction.a)
        else:
            self._splits.add(pair)
            for key in pair:
                if self._parent.get(key) in pair:
                    del self._parent[key]
        self.corrections.append(correction)

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
        seen: set[str] = set()
        while key in self._parent and key not in seen:
            seen.add(key)
            key = self._parent[key]
        return key

    def resolve(self, speaker: Speaker) -> str:
        key = speaker_key(speaker)
        if not key:
            return ""
        key = self.canonical(self._join_surname(key))
        self._known.add(key)
        return key

    def _join_surname(self, key: str) -> str:
        """„p:putin“ joins „p:putin:vla“ when that is the only known Putin and no split forbids it."""
        if not key.startswith("p:") or key.count(":") != 1:
            return key
        full = {self.canonical(k) for k in self._known if k.startswith(key + ":")}
        if len(full) == 1:
            target = full.pop()
            if frozenset((key, target)) not in self._splits:
                return target
        return key

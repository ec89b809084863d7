"""The subject of a statement's frame, for statements whose tagger gave no usable source.

„…“, sagte Lang. / Nun sei es Zeit, erklärte der SPD-Politiker Johannes Arlt. / Vor einiger Zeit hatte
Trump bestätigt, dass … / Voigt bedankt sich und sagt dann: „…“ — the frame names its speaker next to
the cue, but the source tagger missed it (or tagged a time or place phrase instead). German word order
puts the subject right after the finite cue verb (inversion), right before it, or, with coordinated
verbs, at the start of the sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from spacy.tokens import Doc

from zitat.document import Statement
from zitat.speakers import lexicon
from zitat.speakers.mentions import Mention, analyze
from zitat.text.grammar import FINITE_TAGS, colon_frame

# words between a cue verb and its subject („sagte dann der Minister“, „erklärte auch sie“)
SKIPPABLE_TAGS = frozenset({"ADV", "PTKVZ", "ADJD", "PROAV", "PRF"})
SUBJECT_PRONOUNS = frozenset({"er", "sie"})
OBJECT_ARTICLES = frozenset({"dem", "einem", "den", "einen", "ihm", "ihnen", "ihr"})
COORDINATORS = frozenset({"und", "sowie", "aber", "doch"})
CLAUSE_BOUNDARIES = frozenset({",", ";", ":", "(", "–", "„", "“", '"', "»", "«"})


def is_speaker_mention(mention: Mention) -> bool:
    """A mention that can name who speaks: a name, institution, group, pronoun or a person noun."""
    if mention.kind in ("name", "institution", "group", "pronoun", "relative", "anonymous"):
        return True
    return mention.kind == "description" and (
        mention.role is not None or mention.human or mention.type == "anonymous"
    )


class Subjects:
    """Finds the subject of a frame in one document: the noun phrases (``phrase_at``: token → its
    phrase) and ``names``, the words the tagger took for names somewhere in the article — a surname it
    tags as an adjective elsewhere („sagte Lang“, „Voigt bedankt sich“) is still a name."""

    def __init__(self, doc: Doc, phrase_at: Mapping[int, Sequence[int]], names: Set[str]) -> None:
        self.doc, self.phrase_at, self.names = doc, phrase_at, names

    def of_cue(self, stmt: Statement) -> list[int] | None:
        """The noun phrase or pronoun that is the subject of the statement's cue, if one is found."""
        if not stmt.cue:
            return None
        doc = self.doc
        taken = set(stmt.message) | set(stmt.addressee) | set(stmt.cue)
        cue = sorted(stmt.cue)
        lo = doc[cue[0]].sent.start
        before = _skip(doc, cue[0] - 1, -1, set())
        if doc[cue[0]].tag_ in FINITE_TAGS and (found := self._candidate(before, taken)) is not None:
            # a subject that fills the clause's first place („Ricarda Lang kritisiert Julia Klöckner“): the
            # phrase after the verb is its object
            opens = found[0] == lo or doc[found[0] - 1].text in CLAUSE_BOUNDARIES
            if found[-1] == before and opens:
                return found
        for c in cue:  # after the cue verb: „sagte Lang“, „hatte Trump bestätigt“
            j = _skip(doc, c + 1, 1, set(cue))
            if (found := self._candidate(j, taken)) is not None and found[0] == j:
                return found
        j = _skip(doc, cue[0] - 1, -1, set())
        # before a finite verb: „…, wie die Ministerin mitteilte“
        found = self._candidate(j, taken) if doc[cue[0]].tag_ in FINITE_TAGS else None
        if found is not None and found[-1] == j:
            return found
        # the first candidate of the cue's clause: „…, wenn er auf sein Handy schaut:“, „…, führt der
        # Experte Hänni das auf … zurück“, „Blanik, die von einem ruhigen Vormittag berichtete:“
        start = cue[0]
        while (
            start > lo
            and doc[start - 1].text not in CLAUSE_BOUNDARIES
            and doc[start - 1].tag_ not in FINITE_TAGS
        ):
            start -= 1
        if (found := self._first_candidate(start, cue[0], taken)) is not None:
            return found
        if j >= lo and doc[j].lower_ in COORDINATORS:
            # „Voigt bedankt sich … und sagt dann“: the subject of the first verb, at the sentence start
            first = _skip(doc, lo, 1, set())
            if (found := self._candidate(first, taken)) is not None and found[0] == first:
                return found
        return None

    def of_colon(self, stmt: Statement) -> list[int] | None:
        """The speaker a colon frame without verb names before a quote: „Für Schulleiter Salcher eh kein
        Thema: „…““, „Ricarda Lang an FDP: „…““."""
        frame = colon_frame(self.doc, min(stmt.message, default=0))
        if stmt.cue or not frame:
            return None
        if any(self.doc[i].tag_ in FINITE_TAGS for i in frame):
            return None  # a frame with a verb is the tagger's to read
        # any case: „Für Schulleiter Salcher eh kein Thema:“ names its speaker in a prepositional phrase
        return self._first_candidate(frame.start, frame.stop, set(stmt.message), any_case=True)

    def _first_candidate(
        self, start: int, end: int, taken: set[int], any_case: bool = False
    ) -> list[int] | None:
        k = start
        while k < end:
            if (found := self._candidate(k, taken, any_case)) is not None and found[0] == k:
                return found
            k = self.phrase_at[k][-1] + 1 if k in self.phrase_at else k + 1
        return None

    def _candidate(self, i: int, taken: set[int], any_case: bool = False) -> list[int] | None:
        doc = self.doc
        if not 0 <= i < len(doc) or i in taken:
            return None
        tok = doc[i]
        known = self.names
        if (tok.tag_ == "PPER" and tok.lower_ in SUBJECT_PRONOUNS) or tok.tag_ == "PRELS":
            ids = [i]
        elif i not in self.phrase_at and _untagged_name(doc, i, self.names):
            ids, known = [i], self.names | {tok.text}
        else:
            phrase = self.phrase_at.get(i)
            if phrase is None or taken.intersection(phrase):
                return None
            if not any_case and not _may_be_subject(doc, phrase):
                return None
            ids = list(phrase)
        return ids if is_speaker_mention(analyze(doc, ids, known=known)) else None


def _may_be_subject(doc: Doc, phrase: Sequence[int]) -> bool:
    """No dative, accusative, genitive attribute or prepositional phrase: „sagte dem Sender“, „in dem
    Papier heißt es“, „die Spionageabwehr der Schweiz“, „sagte der Zeitung“."""
    first = doc[phrase[0]]
    before = doc[first.i - 1] if first.i else None
    if first.lower_ in OBJECT_ARTICLES or (before is not None and before.tag_ in ("APPR", "APPRART")):
        return False
    if first.lower_ in ("der", "des", "einer", "eines") and before is not None and before.tag_ == "NN":
        return False
    return not (first.lower_ in ("der", "einer") and _feminine_head(doc, phrase))


def _skip(doc: Doc, i: int, step: int, also: set[int]) -> int:
    """The first token from ``i`` on (in direction ``step``) that is no adverb or particle (3 at most)."""
    for _ in range(3):
        # a capitalized word inside the sentence is no adverb, whatever the tagger says („sagte Lang“)
        adverb = (
            (doc[i].tag_ in SKIPPABLE_TAGS and not doc[i].is_title) or doc[i].is_space
            if 0 <= i < len(doc)
            else False
        )
        if 0 <= i < len(doc) and (adverb or i in also):
            i += step
        else:
            break
    return i


def _untagged_name(doc: Doc, i: int, names: Set[str]) -> bool:
    """A capitalized word the tagger took for an adjective, adverb or verb: a name if the article names
    it elsewhere, or if it stands inside the sentence, where German capitalizes only nouns and names."""
    tok = doc[i]
    if not tok.is_title or tok.tag_ not in ("ADJD", "ADV", "ADJA", "VVFIN", "VVPP", "VVINF"):
        return False
    return tok.text in names or (not tok.is_sent_start and doc[i - 1].text not in ("„", '"', "»", "«", ":"))


def _feminine_head(doc: Doc, phrase: Sequence[int]) -> bool:
    nouns = [i for i in phrase if doc[i].tag_ == "NN"]
    return bool(nouns) and lexicon.noun_gender(doc[nouns[-1]].lemma_ or doc[nouns[-1]].text) == "f"

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

# words between a cue verb and its subject („sagte dann der Minister“, „erklärte auch sie“)
SKIPPABLE_TAGS = frozenset({"ADV", "PTKVZ", "ADJD", "PROAV", "PRF"})
SUBJECT_PRONOUNS = frozenset({"er", "sie"})
OBJECT_ARTICLES = frozenset({"dem", "einem", "den", "einen", "ihm", "ihnen", "ihr"})
COORDINATORS = frozenset({"und", "sowie", "aber", "doch"})


def is_speaker_mention(mention: Mention) -> bool:
    """A mention that can name who speaks: a name, institution, group, pronoun or a person noun."""
    if mention.kind in ("name", "institution", "group", "pronoun", "anonymous"):
        return True
    return mention.kind == "description" and (
        mention.role is not None or mention.human or mention.type == "anonymous"
    )


def frame_subject(
    doc: Doc, stmt: Statement, phrase_at: Mapping[int, Sequence[int]], names: Set[str]
) -> list[int] | None:
    """Tokens of the noun phrase or pronoun that is the subject of the statement's cue, if one is found.

    ``names`` are the words the tagger took for names somewhere in the article: a surname it tags as an
    adjective elsewhere („sagte Lang“, „Voigt bedankt sich“) is still a name."""
    if not stmt.cue:
        return None
    taken = set(stmt.message) | set(stmt.addressee) | set(stmt.cue)
    cue = sorted(stmt.cue)
    sentence = doc[cue[0]].sent
    lo, hi = sentence.start, sentence.end

    def candidate(i: int) -> list[int] | None:
        if not lo <= i < hi or i in taken:
            return None
        tok = doc[i]
        known = names
        if tok.tag_ == "PPER" and tok.lower_ in SUBJECT_PRONOUNS:
            ids = [i]
        elif i not in phrase_at and _untagged_name(doc, i, names):
            ids, known = [i], names | {tok.text}
        else:
            phrase = phrase_at.get(i)
            if phrase is None or taken.intersection(phrase):
                return None
            first = doc[phrase[0]]
            if first.lower_ in OBJECT_ARTICLES or (first.i and doc[first.i - 1].tag_ in ("APPR", "APPRART")):
                return None  # „sagte dem Sender“, „in dem Papier heißt es“: no subject
            if first.lower_ in ("der", "einer") and _feminine_head(doc, phrase):
                return None  # „sagte der Zeitung“: dative
            ids = list(phrase)
        return ids if is_speaker_mention(analyze(doc, ids, known=known)) else None

    for c in cue:  # after the cue verb: „sagte Lang“, „hatte Trump bestätigt“
        j = _skip(doc, c + 1, 1, set(cue))
        if (found := candidate(j)) is not None and found[0] == j:
            return found
    j = _skip(doc, cue[0] - 1, -1, set())  # before it: „die Ministerin sagte“
    if (found := candidate(j)) is not None and found[-1] == j:
        return found
    if j >= lo and doc[j].lower_ in COORDINATORS:
        # „Voigt bedankt sich … und sagt dann“: the subject of the first verb, at the sentence start
        first = _skip(doc, lo, 1, set())
        if (found := candidate(first)) is not None and found[0] == first:
            return found
    return None


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

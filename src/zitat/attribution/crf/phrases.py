"""The CRF view's noun-phrase walker: the phrase a source, addressee or evidential cue points at."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from zitat.attribution.features import TokenView
from zitat.text.grammar import CRF_CLOSING_QUOTES, CRF_OPENING_QUOTES, FINITE_TAGS, PERSON_PHRASE_TAGS

# words that attach an attribute to a source noun: „Angaben der Polizei“, „Angaben von Experten“
ATTRIBUTE_LINKS = frozenset({"der", "des", "eines", "einer", "von", "vom"})
# after a noun phrase's head these start the next phrase: „laut BBC | britische Staatsbürger“ (less often
# a genitive without article: „nach Angaben Moskauer Behörden“)
PHRASE_START_TAGS = frozenset({"ADJA", "PPOSAT", "PIAT"})


def attached_noun_phrase(art: TokenView, tokens: range, taken: Collection[int] = ()) -> list[int]:
    """The noun phrase at the start of ``tokens`` with its genitive or „von“ attribute, no further,
    and not into ``taken`` tokens.

    „laut el-Baradei | die Bearbeitung“ ends at the name, „laut BBC | britische Staatsbürger“ at the
    adjective; „Angaben der Polizei“ and „Angaben von VroniPlag“ go on through „der“ and „von“.
    """
    phrase: list[int] = []
    after_head = False
    for j in tokens:
        word, tag = art.words[j], art.tags[j]
        if j in taken:
            break
        quote = word in CRF_OPENING_QUOTES or word in CRF_CLOSING_QUOTES
        if after_head and not quote and tag in {"ART", "APPR", "APPRART"}:
            if word.lower() not in ATTRIBUTE_LINKS:
                break
        elif (after_head and tag in PHRASE_START_TAGS) or (
            tag not in PERSON_PHRASE_TAGS | {"FM", "XY"} and not quote
        ):
            break
        phrase.append(j)
        after_head = tag in {"NN", "NE", "FM", "XY"} or word in CRF_CLOSING_QUOTES
    return phrase


def sentence_subject(art: TokenView, tokens: range, message: Collection[int]) -> tuple[int, ...]:
    """The noun phrase (or personal pronoun) that starts ``tokens`` right before a finite verb, outside
    the message: the subject of a verb-second main clause."""
    if art.tags[tokens.start] == "PPER":
        phrase = [tokens.start]
    else:
        phrase = attached_noun_phrase(art, tokens, message)
    if not phrase or phrase[-1] + 1 not in tokens or art.tags[phrase[-1] + 1] not in FINITE_TAGS:
        return ()
    return tuple(phrase) if names_someone(art, phrase) else ()


def names_someone(art: TokenView, phrase: Iterable[int]) -> bool:
    """A subject phrase with a noun, a name or a personal pronoun, not only articles and adjectives."""
    return any(art.tags[j] in {"NE", "NN", "PPER"} for j in phrase)

"""The rule baseline's noun phrases: subjects, sources, addressees and „laut X“-style attributions."""

from __future__ import annotations

from spacy.tokens import Doc

from zitat.attribution.lexicon import (
    INFORMATION_NOUN_ENDINGS,
    SOURCE_NOUN_MEDIA,
    SPEECH_THOUGHT,
    SPEECH_WRITING,
    WRITING,
)
from zitat.attribution.rules.clauses import Sentence
from zitat.attribution.rules.quotes import looks_like_name
from zitat.document import Statement
from zitat.text.grammar import CLAUSE_BREAKS, NOUN_PHRASE_TAGS, RULE_QUOTE_PAIRS, SOURCE_ADVERBS

OPENING = frozenset(RULE_QUOTE_PAIRS)
PLACE_PREPOSITIONS = frozenset({"in", "im", "aus", "auf", "von", "vom", "bei", "beim"})
DETERMINERS = frozenset({"ART", "PPOSAT", "PIAT", "PDAT", "CARD"})
NP_HEADS = frozenset({"NN", "NE", "PPER", "PIS", "PDS", "FM"})


def noun_phrase_after(doc: Doc, i: int, end: int) -> tuple[int, ...]:
    """The noun phrase starting at i, with genitive attributes („der Sprecher des Ministeriums“), a
    parenthesis („die SPD ( Berlin )“) and a comma apposition („Klaus Stöhr , der Leiter des Programms ,“)."""
    phrase = simple_noun_phrase(doc, i, end)
    if not phrase:
        return ()
    j = phrase[-1] + 1
    if j < end and doc[j].text == "(":
        close = next((k for k in range(j + 1, min(j + 6, end)) if doc[k].text == ")"), None)
        if close is not None:
            return (*phrase, *range(j, close + 1))
    if j + 1 < end and doc[j].text == "," and doc[j + 1].tag_ in {"ART", "NE", "NN"}:
        apposition = simple_noun_phrase(doc, j + 1, end)
        after = apposition[-1] + 1 if apposition else end
        if apposition and (after >= end or doc[after].text in {",", ".", "!", "?"}):
            return (*phrase, j, *apposition)
    return phrase


def simple_noun_phrase(doc: Doc, i: int, end: int) -> tuple[int, ...]:
    """Determiner, adjectives and nouns from i, with genitive attributes and quoted names („die „Süddeutsche
    Zeitung““); „der 81-Jährige“ too."""
    if i >= end:
        return ()
    if doc[i].tag_ in {"PPER", "PIS", "PDS"}:
        return (i,)
    j, head, has_head = i, False, False
    while j < end and (doc[j].tag_ in NOUN_PHRASE_TAGS or doc[j].text in OPENING):
        if doc[j].text in OPENING:
            if head:
                break
            close = quoted_name_end(doc, j, end)
            if close is None:
                break
            j, head, has_head = close + 1, True, True
            continue
        if head and doc[j].lower_ in {"des", "der"}:
            head = False  # a genitive attribute follows: "der Sprecher des Ministeriums"
        elif head and doc[j].tag_ in DETERMINERS:
            break  # the next phrase starts: "nach Angaben der Polizei 13 Menschen"
        head = head or doc[j].tag_ in NP_HEADS
        has_head = has_head or head
        j += 1
    ids = tuple(range(i, j))
    if has_head:
        return ids
    nominalized = len(ids) >= 2 and doc[i].tag_ == "ART" and doc[ids[-1]].tag_ == "ADJA"
    return ids if nominalized else ()


def quoted_name_end(doc: Doc, opening: int, end: int) -> int | None:
    """The closing mark of a short quoted name („Reuters“, „The Guardian“) opening at ``opening``."""
    closer = RULE_QUOTE_PAIRS[doc[opening].text]
    close = next((k for k in range(opening + 1, min(opening + 7, end)) if doc[k].text == closer), None)
    return close if close is not None and looks_like_name(doc, opening, close) else None


def noun_phrase_before(doc: Doc, i: int, start: int) -> tuple[int, ...]:
    """The noun phrase ending at i (inclusive), or ()."""
    if i < start:
        return ()
    if doc[i].tag_ in {"PPER", "PIS", "PDS"}:
        return (i,)
    j = i
    while j >= start and doc[j].tag_ in NOUN_PHRASE_TAGS:
        j -= 1
    ids = tuple(range(j + 1, i + 1))
    return ids if ids and doc[i].tag_ in NP_HEADS else ()


def source_of(doc: Doc, cue: int, sent: Sentence) -> tuple[int, ...]:
    """The source of a cue verb: its subject, or for „hieß es“ where it was said."""
    if doc[cue].lemma_.lower() == "heißen":
        return place_of_statement(doc, cue, sent)
    return subject_of(doc, cue, sent)


def place_of_statement(doc: Doc, cue: int, sent: Sentence) -> tuple[int, ...]:
    """„In einer Erklärung hieß es“, „hieß es aus dem Ministerium“: the noun phrase of a prepositional
    phrase opening the sentence or following „hieß es“; () when there is none."""
    for j in (sent.start, cue + 1, cue + 2):
        if j < sent.end and doc[j].lower_ in PLACE_PREPOSITIONS:
            return noun_phrase_after(doc, j + 1, sent.end)
    return ()


def inverted_subject(doc: Doc, cue: int, sent: Sentence) -> tuple[int, ...]:
    """The subject right after a finite cue verb („sagte später der Minister“), or ()."""
    k = cue + 1
    while k < sent.end and doc[k].tag_ in {"PRF", "ADV"}:
        k += 1  # „erinnerte sich später Trotnow“
    return noun_phrase_after(doc, k, sent.end)


def subject_of(doc: Doc, cue: int, sent: Sentence) -> tuple[int, ...]:
    """The subject of a cue verb: the phrase opening the clause before it („Der Minister sagte“), else the
    phrase after it when inverted („…, sagte der Minister“)."""
    j = cue - 1
    while j >= sent.start and doc[j].tag_ in {"ADV", "PTKNEG", "VAFIN", "VMFIN"}:
        j -= 1
    if j > sent.start and doc[j].text == ",":
        # skip a relative clause: "Ein Beamter, der anonym bleiben wollte, sagte"
        k = j - 1
        while k > sent.start and doc[k].text != "," and doc[k].tag_ != "PRELS":
            k -= 1
        if doc[k].tag_ == "PRELS" and k - 1 > sent.start and doc[k - 1].text == ",":
            j = k - 2
        else:
            appositive = subject_with_apposition(doc, j, sent)
            if appositive:
                return appositive
    before = noun_phrase_before(doc, j, sent.start)
    if before and before[0] > sent.start and doc[before[0] - 1].tag_ in {"APPR", "APPRART"}:
        before = ()  # „Am Montag sagte …“: a prepositional phrase is no subject
    if before and (before[0] == sent.start or doc[before[0] - 1].text in CLAUSE_BREAKS | OPENING):
        return before
    after = inverted_subject(doc, cue, sent)
    if after:
        return after
    if before:
        return before
    return (j,) if j >= sent.start and doc[j].tag_ in {"PRELS", "PPER"} else ()


def subject_with_apposition(doc: Doc, comma: int, sent: Sentence) -> tuple[int, ...]:
    """„Der Doktorvater zu Guttenbergs , Peter Häberle , erklärte“: the verbless stretch before the comma
    that precedes the cue, back to the clause opening (a verb, „wie“, „dass“ or the sentence start)."""
    k = comma - 1
    while (
        k >= sent.start and not doc[k].tag_.startswith("V") and doc[k].tag_ not in {"KOUS", "PWAV", "KOKOM"}
    ):
        k -= 1
    span = tuple(range(k + 1, comma))
    has_head = any(doc[i].tag_ in {"NN", "NE"} for i in span)
    opens_phrase = bool(span) and doc[span[0]].tag_ in NOUN_PHRASE_TAGS
    return (
        span if has_head and opens_phrase and "," in {doc[i].text for i in span} and len(span) <= 25 else ()
    )


def addressee_of(doc: Doc, stmt: Statement, sent: Sentence) -> tuple[int, ...]:
    """The addressee: a dative right after cue and source, or „gegenüber X“ anywhere outside the message."""
    found = addressee_after(doc, position_after_cue(stmt), sent.end)
    if found:
        return found
    message = set(stmt.message)
    for i in sent.ids():
        if doc[i].lower_ == "gegenüber" and i not in message:
            return tuple(k for k in noun_phrase_after(doc, i + 1, sent.end) if k not in message)
    return ()


def addressee_after(doc: Doc, i: int, end: int) -> tuple[int, ...]:
    """A dative addressee right after the source: „sagte er der Zeitung“, „gegenüber dem Sender“."""
    if i < end and doc[i].lower_ == "gegenüber":
        return noun_phrase_after(doc, i + 1, end)
    if (
        i < end
        and doc[i].lower_ in {"dem", "der"}
        and i + 1 < end
        and doc[i + 1].tag_ in {"NN", "NE", "ADJA"}
    ):
        return noun_phrase_after(doc, i, end)
    return ()


def position_after_cue(stmt: Statement) -> int:
    """Where an addressee may start: after the cue verb and an inverted subject („sagte er der Zeitung“)."""
    verb = min(stmt.cue)
    return max((verb, *(i for i in stmt.source if i > verb))) + 1


def attribution_phrase(doc: Doc, c: int, sent: Sentence) -> tuple[tuple[int, ...], set[int]] | None:
    """(source, tokens of the whole attribution) when token c attributes its sentence: „laut X“, „X zufolge“,
    „nach Angaben X“, „…, so X.“, „demnach“; else None."""
    lower = doc[c].lower_
    if lower in SOURCE_ADVERBS:
        return (), {c}
    if lower in {"laut", "gemäß"}:
        source = noun_phrase_after(doc, c + 1, sent.end)
    elif lower == "zufolge":
        source = noun_phrase_before(doc, c - 1, sent.start)
    elif lower == "nach":
        source = information_phrase(doc, c + 1, sent.end)
    elif lower == "so" and c > sent.start and doc[c - 1].text == ",":
        source = noun_phrase_after(doc, c + 1, sent.end)
        if source:
            # the attribution runs to the next comma: „…, so X im Fernsehen.“
            end = next((j for j in range(source[-1] + 1, sent.end) if doc[j].text == ","), sent.end)
            return source, set(range(c, end))
    else:
        return None
    if not source:
        return None
    return source, set(range(min(c, source[0]), max(c, source[-1]) + 1))


def attribution_medium(doc: Doc, source: tuple[int, ...]) -> str:
    """„laut der Zeitung“ is writing, „nach Ansicht von Experten“ thought, „nach Angaben“ either."""
    nouns = [doc[i].lower_ for i in source if doc[i].tag_ == "NN"]
    for endings, medium in SOURCE_NOUN_MEDIA:
        if any(noun.endswith(endings) for noun in nouns):
            return medium
    return SPEECH_WRITING


def written_by_source(doc: Doc, source: tuple[int, ...], medium: str) -> str:
    """„berichtete die Zeitung“, „erklärte das Ministerium in einer Mitteilung“: a verb's medium becomes
    Writing when its source is a text; the verb's own medium otherwise."""
    return WRITING if medium != SPEECH_THOUGHT and attribution_medium(doc, source) == WRITING else medium


def information_phrase(doc: Doc, i: int, end: int) -> tuple[int, ...]:
    """„Angaben der Polizei“, „eigenen Angaben“, „Ansicht von Experten“: a noun phrase headed by a noun of
    information, the source of „nach …“; () for „nach dem Spiel“."""
    phrase = noun_phrase_after(doc, i, end)
    nouns = [k for k in phrase if doc[k].tag_ == "NN"]
    if not nouns or not doc[nouns[0]].lower_.endswith(INFORMATION_NOUN_ENDINGS):
        return ()
    after = phrase[-1] + 1
    if after < end and doc[after].lower_ in {"von", "aus"}:
        named = noun_phrase_after(doc, after + 1, end)
        phrase += (after, *named) if named else ()
    return phrase

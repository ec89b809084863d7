"""The rule baseline: quotation marks, verbs of saying, the subjunctive, „laut X“ and friends.

It works on STTS tags, lemmas and mood only (no parser), so sources are found as the noun phrase next
to the cue. It is the floor that the trained model must beat, and a readable statement of the
annotation conventions (SpkAtt-2023): direct messages include their quotation marks; the frame is the
rest of the attributing sentence without its final punctuation; indirect speech continues over
following subjunctive sentences (IndirectFreeIndirect) and evidential „soll“ sentences (FreeIndirect);
a Reported statement is its whole sentence, without cue or frame.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from zitat.attribution.lexicon import (
    COMPLEMENTIZERS,
    CUE_VERBS,
    INFORMATION_NOUN_ENDINGS,
    REPORTING_VERB_PREPOSITIONS,
    REPORTING_VERBS,
    SOURCE_ADVERBS,
    SOURCE_NOUN_MEDIA,
    SPEECH,
    SPEECH_THOUGHT,
    SPEECH_WRITING,
    WEAK_CUE_VERBS,
    WRITING,
)
from zitat.document import Statement, token_ids

OPEN_TO_CLOSE = {"„": "“", "»": "«", "«": "»", "‚": "‘", '"': '"', "“": "”"}
CLOSERS = frozenset({"“", "”", "«", "»", "‘", '"'})
OPENING = frozenset(OPEN_TO_CLOSE)
NP_TAGS = frozenset({"ART", "ADJA", "NN", "NE", "PPOSAT", "CARD", "TRUNC", "PIAT", "PDAT", "FM", "XY"})
CUE_TAGS = frozenset({"VVFIN", "VVPP", "VAFIN"})
ATTRIBUTION_WORDS = frozenset({"laut", "gemäß", "zufolge", "nach", "so"}) | SOURCE_ADVERBS
PLACE_PREPOSITIONS = frozenset({"in", "im", "aus", "auf", "von", "vom", "bei", "beim"})
DETERMINERS = frozenset({"ART", "PPOSAT", "PIAT", "PDAT", "CARD"})
NP_HEADS = frozenset({"NN", "NE", "PPER", "PIS", "PDS", "FM"})
CLAUSE_BREAK = frozenset({",", ";", ":", "–", "(", ")"})
# shorter quotes are mostly names and scare quotes („Eagle“): without a cue they need 4 words, with one 2
MIN_QUOTE_TOKENS = 4
MIN_CUED_QUOTE_TOKENS = 2


@dataclass
class Sentence:
    start: int
    end: int  # exclusive

    def ids(self) -> range:
        return range(self.start, self.end)


def sentences(doc: Doc) -> list[Sentence]:
    return [Sentence(s.start, s.end) for s in doc.sents]


def is_subjunctive(tok: Token) -> bool:
    return "Sub" in tok.morph.get("Mood")


def main_clause_verb(doc: Doc, sent: Sentence) -> int | None:
    """The finite full verb of a sentence's main clause: the first VVFIN before any comma."""
    for i in sent.ids():
        if doc[i].text in CLAUSE_BREAK:
            return None
        if doc[i].tag_ == "VVFIN":
            return i
    return None


def reports_by_object(doc: Doc, verb: int, sent: Sentence, lemma: str) -> bool:
    """Whether the verb reports a statement by its object alone („forderte den Rücktritt“)."""
    if lemma in REPORTING_VERBS:
        return True
    prepositions = REPORTING_VERB_PREPOSITIONS.get(lemma, frozenset())
    return any(doc[i].lower_ in prepositions for i in range(verb + 1, sent.end))


def particle_text(doc: Doc, verb: int, sent: Sentence) -> str:
    found = particle(doc, verb, sent)
    return doc[found].text if found is not None else ""


def find_quotes(doc: Doc) -> list[tuple[int, int]]:
    """(first, last) token indices of quotations including their marks; a lone closing mark quotes from the
    start of its paragraph line."""
    texts = [t.text for t in doc]
    quotes: list[tuple[int, int]] = []
    i = 0
    while i < len(texts):
        text = texts[i]
        closer = OPEN_TO_CLOSE.get(text)
        if closer and not (text in CLOSERS and _attached_left(doc, i)):
            j = i + 1
            while j < len(texts) and texts[j] != closer and "\n\n" not in texts[j]:
                j += 1
            if j < len(texts) and texts[j] == closer:
                quotes.append((i, j))
                i = j + 1
                continue
        elif text in {"“", "«"} and _attached_left(doc, i):
            start = _line_start(texts, i)
            if not any(s <= i <= e for s, e in quotes) and i > start:
                quotes.append((start, i))
        i += 1
    return quotes


def _attached_left(doc: Doc, i: int) -> bool:
    return i > 0 and not doc[i - 1].whitespace_


def _line_start(texts: list[str], i: int) -> int:
    while i > 0 and "\n" not in texts[i - 1]:
        i -= 1
    return i


def looks_like_name(doc: Doc, start: int, end: int) -> bool:
    """„New York Times“, „documenta 12“, zum „Algemeen Dagblad“: a short quote of capitalized words or
    numbers, or one opening with a capital right after an article."""
    inner = doc[start + 1 : end]
    if len(inner) > 5:
        return False
    after_article = start > 0 and doc[start - 1].tag_ in {"ART", "APPRART"} and inner[0].text[:1].isupper()
    return after_article or all(t.text[:1].isupper() or t.is_digit or t.tag_ in {"NE", "FM"} for t in inner)


def is_quoted_statement(doc: Doc, start: int, end: int, cued: bool) -> bool:
    """Long enough to be a statement and not a name: two words with a cue (one after „als“: „nannte es
    „Wortbruch““), four without."""
    if not cued:
        return end - start - 1 >= MIN_QUOTE_TOKENS
    if start > 0 and doc[start - 1].lower_ == "als":
        return end - start - 1 >= 1
    return end - start - 1 >= MIN_CUED_QUOTE_TOKENS and not looks_like_name(doc, start, end)


def cue_medium(tok: Token, prefix: str = "") -> str | None:
    """Medium of a cue verb (with its separated particle as ``prefix``: „warf … vor“), or None."""
    if not tok.tag_.startswith(("VV", "VA")):
        return None
    lemma = prefix.lower() + tok.lemma_.lower()
    if lemma == "heißen":
        return SPEECH_WRITING
    return CUE_VERBS.get(lemma)


def particle(doc: Doc, verb: int, sent: Sentence) -> int | None:
    """The separated particle of a finite verb when the two make a cue („teilte … mit“), searched to the
    clause end; „bekannt“ counts as one („gab … bekannt“, „wurde bekannt“) however it is tagged. None for
    „sagte … weiter“, where the verb alone is the cue."""
    for j in range(verb + 1, sent.end):
        tok = doc[j]
        if tok.text in {",", ";", ":", "–", ".", "!", "?"}:
            return None
        if tok.tag_ == "PTKVZ" or tok.lower_ == "bekannt":
            return j if tok.lower_ + doc[verb].lemma_.lower() in CUE_VERBS else None
    return None


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
    while j < end and (doc[j].tag_ in NP_TAGS or doc[j].text in OPENING):
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
    closer = OPEN_TO_CLOSE[doc[opening].text]
    close = next((k for k in range(opening + 1, min(opening + 7, end)) if doc[k].text == closer), None)
    return close if close is not None and looks_like_name(doc, opening, close) else None


def noun_phrase_before(doc: Doc, i: int, start: int) -> tuple[int, ...]:
    """The noun phrase ending at i (inclusive), or ()."""
    if i < start:
        return ()
    if doc[i].tag_ in {"PPER", "PIS", "PDS"}:
        return (i,)
    j = i
    while j >= start and doc[j].tag_ in NP_TAGS:
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


def cue_tokens(doc: Doc, verb: int, verb_particle: int | None, sent: Sentence) -> tuple[int, ...]:
    """A cue verb with its separated particle and, for a participle, its auxiliary."""
    ids = [verb] if verb_particle is None else [verb, verb_particle]
    if doc[verb].tag_ == "VVPP":
        ids += auxiliary(doc, verb, sent)
    return token_ids(ids)


def auxiliary(doc: Doc, participle: int, sent: Sentence) -> tuple[int, ...]:
    """The finite auxiliary of a participle in its clause („hat … angekündigt“, „angekündigt hatte“)."""
    j = participle - 1
    while j >= sent.start and doc[j].text not in CLAUSE_BREAK:
        if doc[j].tag_ == "VAFIN":
            return (j,)
        j -= 1
    after = participle + 1
    return (after,) if after < sent.end and doc[after].tag_ == "VAFIN" else ()


def is_main_clause(doc: Doc, ids: tuple[int, ...]) -> bool:
    """A clause with a finite verb that is no subordinate („Da er …“) or relative clause."""
    return (
        doc[ids[0]].tag_ != "KOUS"
        and any(doc[i].tag_.endswith("FIN") for i in ids)
        and not any(doc[i].tag_ == "PRELS" for i in ids)
    )


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
    if before and (before[0] == sent.start or doc[before[0] - 1].text in CLAUSE_BREAK | OPENING):
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
    opens_phrase = bool(span) and doc[span[0]].tag_ in NP_TAGS
    return (
        span if has_head and opens_phrase and "," in {doc[i].text for i in span} and len(span) <= 25 else ()
    )


def as_clause_start(doc: Doc, cue: int, sent: Sentence) -> int | None:
    """The „wie“ of „(Denn) wie die WHO mitteilte, …“ when the cue ends that clause, else None."""
    for j in range(sent.start, min(sent.start + 2, cue)):
        if doc[j].lower_ == "wie":
            return j if all(doc[k].text != "," for k in range(j, cue)) else None
    return None


def reporting_form(doc: Doc, sent: Sentence, quoted: set[int]) -> str | None:
    """How a sentence without a cue goes on reporting: its first finite verb in the subjunctive makes it
    IndirectFreeIndirect, evidential „soll(en)“ FreeIndirect; None when it does not."""
    finite = next((doc[i] for i in sent.ids() if doc[i].tag_.endswith("FIN") and i not in quoted), None)
    if finite is None:
        return None
    if is_subjunctive(finite):
        return "IndirectFreeIndirect"
    return "FreeIndirect" if finite.lemma_ == "sollen" else None


def has_perfect_infinitive(doc: Doc, sent: Sentence) -> bool:
    """„… geplündert haben“, „… verletzt worden sein“: the sentence's last verb is „haben“ or „sein“."""
    last_verb = max((i for i in sent.ids() if doc[i].tag_.startswith("V")), default=None)
    return (
        last_verb is not None
        and doc[last_verb].tag_ == "VAINF"
        and doc[last_verb].lemma_ in {"haben", "sein"}
    )


def sentence_tokens(doc: Doc, sent: Sentence) -> tuple[int, ...]:
    """A whole sentence as a message, with its final punctuation."""
    return tuple(i for i in sent.ids() if not doc[i].is_space)


def is_anaphoric_report(doc: Doc, cue: int, sent: Sentence) -> bool:
    """„Das berichtet die Zeitung.“: the statement is the sentence before, taken up by „Das“."""
    return cue == sent.start + 1 and doc[sent.start].lower_ in {"das", "dies"} and doc[cue].tag_ == "VVFIN"


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


def clause_after(doc: Doc, i: int, sent: Sentence) -> tuple[int, ...]:
    """Tokens from i to the sentence end, without the final punctuation."""
    end = sent.end
    while end > i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return tuple(range(i, end))


def has_konjunktiv(doc: Doc, ids: tuple[int, ...]) -> bool:
    return any(is_subjunctive(doc[i]) for i in ids)


def frame_of(sent_ids: set[int], stmt: Statement, doc: Doc) -> tuple[int, ...]:
    """The rest of the statement's sentences outside its message, without sentence-final punctuation
    (as the annotators mostly did)."""
    message = set(stmt.message)
    return token_ids(
        i for i in sent_ids if i not in message and not doc[i].is_space and not ends_sentence(doc, i)
    )


def ends_sentence(doc: Doc, i: int) -> bool:
    """A full stop, question or exclamation mark with nothing but whitespace before the next sentence."""
    if doc[i].text not in {".", "!", "?"}:
        return False
    j = i + 1
    while j < len(doc) and doc[j].is_space and not doc[j].is_sent_start:
        j += 1
    return j == len(doc) or doc[j].is_sent_start


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


class RuleExtractor:
    name = "rules"

    def __call__(self, doc: Doc) -> list[Statement]:
        sents = sentences(doc)
        sent_of = {i: k for k, s in enumerate(sents) for i in s.ids()}
        quotes = find_quotes(doc)
        quoted = {i for s, e in quotes for i in range(s, e + 1)}
        # one pass over the tokens picks the candidates, so the rules below touch only a few of them
        verbs: dict[int, list[int]] = {}
        triggers: dict[int, list[int]] = {}
        for tok in doc:
            if tok.i in quoted:
                continue
            if tok.tag_ in CUE_TAGS:
                verbs.setdefault(sent_of[tok.i], []).append(tok.i)
            elif tok.lower_ in ATTRIBUTION_WORDS:
                triggers.setdefault(sent_of[tok.i], []).append(tok.i)
        statements: list[Statement] = []
        statements += self.direct(doc, sents, sent_of, quotes)
        for k, sent in enumerate(sents):
            previous = sents[k - 1] if k else None
            statements += self.indirect(doc, sent, previous, verbs.get(k, []))
            statements += self.according_to(doc, sent, quoted, triggers.get(k, []))
        statements += self.reported(doc, sents, sent_of, statements, quoted)
        statements += self.continuations(doc, sents, sent_of, statements, quoted)
        statements += self.embedded_quotes(doc, sents, sent_of, quotes, statements)
        self.inherit_sources(sents, sent_of, statements)
        return statements

    def reported(
        self,
        doc: Doc,
        sents: list[Sentence],
        sent_of: dict[int, int],
        statements: list[Statement],
        quoted: set[int],
    ) -> list[Statement]:
        """„Der Bürgermeister forderte die Unterstützung der Nationalgarde.“: a main-clause verb of saying
        with an object instead of a clause reports a statement; the whole sentence is the message (no cue
        and no frame, by the annotation guidelines)."""
        taken = {sent_of[i] for s in statements for i in (*s.cue, *s.message)}
        out = []
        for k, sent in enumerate(sents):
            if k in taken:
                continue
            verb = main_clause_verb(doc, sent)
            if verb is None or verb in quoted:
                continue
            lemma = (particle_text(doc, verb, sent) + doc[verb].lemma_).lower()
            medium = CUE_VERBS.get(lemma)
            if medium is None or not reports_by_object(doc, verb, sent, lemma):
                continue
            message = tuple(i for i in sent.ids() if not doc[i].is_space)
            source = subject_of(doc, verb, sent)
            out.append(
                Statement(message=message, source=source, form="Reported", medium=medium, confidence=0.4)
            )
        return out

    def direct(
        self, doc: Doc, sents: list[Sentence], sent_of: dict[int, int], quotes: list[tuple[int, int]]
    ) -> list[Statement]:
        out = []
        for start, end in quotes:
            first, last = sents[sent_of[start]], sents[sent_of[end]]
            cue = self._cue_after_quote(doc, end, last)
            if cue is None:
                cue = self._cue_before_quote(doc, start, first)
            message = tuple(range(start, end + 1))
            stmt = Statement(message=message, form="Direct", medium=SPEECH, confidence=0.7)
            if cue is not None:
                sent = sents[sent_of[cue]]
                verb_particle = particle(doc, cue, sent)
                stmt.cue = cue_tokens(doc, cue, verb_particle, sent)
                medium = cue_medium(doc[cue], doc[verb_particle].text if verb_particle else "") or SPEECH
                stmt.medium = written_by_source(doc, stmt.source, medium)
                stmt.source = tuple(i for i in source_of(doc, cue, sent) if i not in message)
                stmt.addressee = addressee_of(doc, stmt, sent)
                sent_ids = {i for k in range(sent_of[start], sent_of[end] + 1) for i in sents[k].ids()}
                sent_ids |= set(sent.ids())
                stmt.frame = frame_of(sent_ids, stmt, doc)
                stmt.confidence = 0.9
            if not is_quoted_statement(doc, start, end, cued=cue is not None):
                continue
            if cue is None and start != first.start:
                continue  # a quote inside a sentence without a cue is a name or a scare quote
            out.append(stmt)
        return out

    def embedded_quotes(
        self,
        doc: Doc,
        sents: list[Sentence],
        sent_of: dict[int, int],
        quotes: list[tuple[int, int]],
        statements: list[Statement],
    ) -> list[Statement]:
        """A quote inside a sentence that attributes something („bezeichnete sie als „Skandal““, „laut X
        sei das „unfassbar““) is direct speech of the same source, with the same cue; one inside a
        subjunctive sentence without a cue is direct speech too."""
        direct = {s.message for s in statements if s.form == "Direct"}
        out = []
        for start, end in quotes:
            message = tuple(range(start, end + 1))
            if message in direct or not is_quoted_statement(doc, start, end, cued=True):
                continue
            sent = sent_of[start]
            owner = self._quote_owner(sent_of, start, message, statements)
            if owner is None and reporting_form(doc, sents[sent], set(message)) is not None:
                owner = Statement(medium=SPEECH)  # „Man sei „weit entfernt“.“: inherit_sources names it
            if owner is None:
                continue
            stmt = Statement(
                cue=owner.cue,
                message=message,
                source=owner.source,
                addressee=owner.addressee,
                form="Direct",
                medium=owner.medium,
                confidence=0.6,
            )
            stmt.frame = frame_of(set(sents[sent].ids()), stmt, doc)
            out.append(stmt)
        return out

    def _quote_owner(
        self, sent_of: dict[int, int], start: int, message: tuple[int, ...], statements: list[Statement]
    ) -> Statement | None:
        """The statement a quote belongs to: the one whose message holds it, else the nearest cue in its
        sentence."""
        inside = set(message)
        holders = [s for s in statements if inside < set(s.message)]
        if holders:
            return min(holders, key=lambda s: len(s.message))
        cued = [
            s for s in statements if s.cue and sent_of[s.cue[0]] == sent_of[start] and not set(s.cue) & inside
        ]
        return min(cued, key=lambda s: abs(s.cue[0] - start)) if cued else None

    def inherit_sources(
        self, sents: list[Sentence], sent_of: dict[int, int], statements: list[Statement]
    ) -> None:
        """A statement without a cue continues the speaker of the statement just before it."""
        ordered = sorted(statements, key=lambda s: min(s.message))
        for previous, stmt in itertools.pairwise(ordered):
            if not stmt.cue and not stmt.source and previous.source:
                gap = sent_of[min(stmt.message)] - sent_of[max(previous.message)]
                if 0 < gap <= 2:
                    stmt.source = previous.source

    def _cue_after_quote(self, doc: Doc, end: int, sent: Sentence) -> int | None:
        """„…“, sagte X. — a cue within a few tokens after the closing mark."""
        for j in range(end + 1, min(end + 5, sent.end)):
            if cue_medium(doc[j]):
                return j
            if doc[j].text in {".", "!", "?"} or doc[j].text in OPEN_TO_CLOSE:
                return None
            if doc[j].lower_ == "so" and j == end + 2:
                return j
        return None

    def _cue_before_quote(self, doc: Doc, start: int, sent: Sentence) -> int | None:
        """X sagte: „…“ — a cue in the clause before the opening mark."""
        for j in range(start - 1, max(sent.start - 1, start - 15), -1):
            if cue_medium(doc[j]) and doc[j].tag_.endswith(("FIN", "PP")):
                return j
        return None

    def indirect(
        self, doc: Doc, sent: Sentence, previous: Sentence | None, candidates: list[int]
    ) -> list[Statement]:
        """Verbs of saying (``candidates``: the sentence's unquoted finite verbs and participles) with a
        dependent clause: „Er sagte, die Nato sei bereit.“, „Die Lage sei ernst, betonte sie.“"""
        out = []
        for c in candidates:
            tok = doc[c]
            verb_particle = particle(doc, c, sent) if tok.tag_.endswith("FIN") else None
            medium = cue_medium(tok, doc[verb_particle].text if verb_particle else "")
            if not medium:
                continue
            cue = cue_tokens(doc, c, verb_particle, sent)
            # „Wie die WHO mitteilte, ist …“: the main clause after the comma is the message, in any mood
            wie = as_clause_start(doc, c, sent)
            as_clause = wie is not None
            if wie is not None:
                cue = token_ids((wie, *cue))
            message = self._message_after(doc, max(cue), sent, any_mood=as_clause) or self._message_before(
                doc, c, sent
            )
            source = source_of(doc, c, sent)
            if not message and previous is not None and is_anaphoric_report(doc, c, sent):
                message = (*clause_after(doc, previous.start, previous), sent.start)
                source = noun_phrase_after(doc, c + 1, sent.end)
            if not message or (tok.lemma_.lower() in WEAK_CUE_VERBS and not has_konjunktiv(doc, message)):
                continue
            stmt = Statement(cue=cue, message=message, form="Indirect", confidence=0.6)
            stmt.source = tuple(i for i in source if i not in message)
            stmt.medium = written_by_source(doc, stmt.source, medium)
            stmt.addressee = addressee_of(doc, stmt, sent)
            stmt.frame = frame_of(set(sent.ids()), stmt, doc)
            out.append(stmt)
        return out

    def _message_after(self, doc: Doc, cue: int, sent: Sentence, any_mood: bool = False) -> tuple[int, ...]:
        """Er sagte, die Nato sei bereit. / Er sagte, dass … — the clause after the comma after the cue."""
        for j in range(cue + 1, sent.end):
            if doc[j].text == ",":
                message = clause_after(doc, j + 1, sent)
                if any(doc[i].text == ":" for i in message):
                    return ()  # „sagte X, Gründer der Band: „…““ introduces a quote, not a clause
                if message and (
                    any_mood
                    or doc[j + 1].lower_ in COMPLEMENTIZERS
                    or has_konjunktiv(doc, message)
                    or any(doc[i].tag_ == "PTKZU" for i in message)
                ):
                    return message
                return ()
            if doc[j].text in {".", "!", "?", ":"} or doc[j].text in OPEN_TO_CLOSE:
                return ()
        return ()

    def _message_before(self, doc: Doc, cue: int, sent: Sentence) -> tuple[int, ...]:
        """Die Nato sei bereit, sagte er. — the clause before a comma right before the cue: in the
        subjunctive, or in any mood when the subject follows the cue („…, teilte die Firma mit.“)."""
        if cue - 1 <= sent.start or doc[cue - 1].text != "," or doc[cue - 2].text in CLOSERS:
            return ()  # no comma, or a quote that direct() attributes
        message = tuple(range(sent.start, cue - 1))
        if has_konjunktiv(doc, message) or (
            inverted_subject(doc, cue, sent) and is_main_clause(doc, message)
        ):
            return message
        return ()

    def according_to(
        self, doc: Doc, sent: Sentence, quoted: set[int], candidates: list[int]
    ) -> list[Statement]:
        """laut X, X zufolge, nach Angaben X, „…, so X.“, demnach: the rest of the sentence is the message.
        ``candidates`` are the sentence's unquoted tokens in ATTRIBUTION_WORDS."""
        out = []
        for c in candidates:
            found = attribution_phrase(doc, c, sent)
            if found is None:
                continue
            source, phrase = found
            rest = [i for i in clause_after(doc, sent.start, sent) if i not in phrase and doc[i].text != ","]
            if len(rest) < 3 or set(rest) <= quoted:
                continue  # too short, or a quote that direct() attributes already
            medium = SPEECH if doc[c].lower_ == "so" else attribution_medium(doc, source)
            message = token_ids(rest)
            stmt = Statement(cue=(c,), message=message, source=source, form="Indirect", medium=medium)
            stmt.confidence = 0.6
            stmt.frame = frame_of(set(sent.ids()), stmt, doc)
            out.append(stmt)
        return out

    def continuations(
        self,
        doc: Doc,
        sents: list[Sentence],
        sent_of: dict[int, int],
        statements: list[Statement],
        quoted: set[int],
    ) -> list[Statement]:
        """Sentences after a statement that go on reporting it: in the subjunctive („Die Kosten seien zu
        hoch.“: IndirectFreeIndirect) or with evidential „sollen“ („Es soll Tote gegeben haben.“:
        FreeIndirect). Consecutive sentences of one kind form one statement."""
        by_last_sentence = {}
        for stmt in statements:
            if stmt.message and (stmt.cue or stmt.form == "Reported"):
                by_last_sentence[sent_of[max(stmt.message)]] = stmt
        taken = {sent_of[i] for s in statements for i in (*s.cue, *s.message)}
        out: list[Statement] = []
        for k, owner in sorted(by_last_sentence.items()):
            n = k + 1
            while n < len(sents) and n not in taken:
                form = reporting_form(doc, sents[n], quoted)
                if form is None:
                    break
                if out and out[-1].form == form and sent_of[max(out[-1].message)] == n - 1:
                    out[-1].message += sentence_tokens(doc, sents[n])
                else:
                    stmt = Statement(message=sentence_tokens(doc, sents[n]), source=owner.source, form=form)
                    stmt.medium, stmt.confidence = owner.medium, 0.5
                    out.append(stmt)
                n += 1
        return out + self.evidential(
            doc, sents, {sent_of[i] for s in (*statements, *out) for i in s.message}, quoted
        )

    def evidential(
        self, doc: Doc, sents: list[Sentence], taken: set[int], quoted: set[int]
    ) -> list[Statement]:
        """„Er soll die Kasse geplündert haben.“: evidential „sollen“ with a perfect infinitive reports a
        statement (FreeIndirect) of someone unnamed: guessing the source from the sentence before costs more
        than it gains."""
        out = []
        for k, sent in enumerate(sents):
            if (
                k in taken
                or reporting_form(doc, sent, quoted) != "FreeIndirect"
                or not has_perfect_infinitive(doc, sent)
            ):
                continue
            stmt = Statement(message=sentence_tokens(doc, sent), form="FreeIndirect", medium=SPEECH_WRITING)
            stmt.confidence = 0.3
            out.append(stmt)
        return out

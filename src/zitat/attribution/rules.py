"""The rule baseline: quotation marks, verbs of saying, Konjunktiv I, „laut X“ and friends.

It works on STTS tags and mood only (no parser), so subjects are found as the noun phrase next to the
cue. It is the floor that the trained model must beat, and a readable statement of the annotation
conventions (SpkAtt-2023): direct messages include their quotation marks, the frame is the rest of the
attributing sentence, indirect speech continues over following Konjunktiv-I sentences.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from zitat.attribution.lexicon import (
    ANGABEN_NOUNS,
    COMPLEMENTIZERS,
    CUE_VERBS,
    SOURCE_ADVERBS,
    SOURCE_PREPOSITIONS,
    SPEECH,
    SPEECH_WRITING,
    WEAK_CUE_VERBS,
)
from zitat.document import Statement, token_ids

OPEN_TO_CLOSE = {"„": "“", "»": "«", "«": "»", "‚": "‘", '"': '"', "“": "”"}
CLOSERS = frozenset({"“", "”", "«", "»", "‘", '"'})
OPENING = frozenset(OPEN_TO_CLOSE)
NP_TAGS = frozenset({"ART", "ADJA", "NN", "NE", "PPOSAT", "CARD", "TRUNC", "PIAT", "PDAT", "FM", "XY"})
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


def is_konjunktiv_i(tok: Token) -> bool:
    return is_subjunctive(tok) and "Pres" in tok.morph.get("Tense")


def find_quotes(doc: Doc) -> list[tuple[int, int]]:
    """(first, last) token indices of quotations including their marks; a lone closing mark quotes from the
    start of its paragraph line."""
    quotes: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        text = doc[i].text
        closer = OPEN_TO_CLOSE.get(text)
        if closer and not (text in CLOSERS and _attached_left(doc, i)):
            j = i + 1
            while j < len(doc) and doc[j].text != closer and "\n\n" not in doc[j].text:
                j += 1
            if j < len(doc) and doc[j].text == closer:
                quotes.append((i, j))
                i = j + 1
                continue
        elif text in {"“", "«"} and _attached_left(doc, i):
            start = _line_start(doc, i)
            if not any(s <= i <= e for s, e in quotes) and i > start:
                quotes.append((start, i))
        i += 1
    return quotes


def _attached_left(doc: Doc, i: int) -> bool:
    return i > 0 and not doc[i - 1].whitespace_


def _line_start(doc: Doc, i: int) -> int:
    while i > 0 and "\n" not in doc[i - 1].text:
        i -= 1
    return i


def cue_medium(tok: Token, prefix: str = "") -> str | None:
    """Medium of a cue verb (with its separated particle as ``prefix``: „warf … vor“), or None."""
    if not tok.tag_.startswith(("VV", "VA")):
        return None
    lemma = prefix.lower() + tok.lemma_.lower()
    if lemma == "heißen":
        return SPEECH_WRITING
    return CUE_VERBS.get(lemma)


def particle(doc: Doc, verb: int, sent: Sentence) -> int | None:
    """The separated verb particle of a finite verb („teilte … mit“), searched to the clause end."""
    for j in range(verb + 1, sent.end):
        tok = doc[j]
        if tok.text in CLAUSE_BREAK or tok.text in {".", "!", "?"}:
            return None
        if tok.tag_ == "PTKVZ":
            return j
    return None


def noun_phrase_after(doc: Doc, i: int, end: int) -> tuple[int, ...]:
    """The noun phrase starting at i (with name appositions and genitive attributes), or ()."""
    if i >= end:
        return ()
    if doc[i].tag_ in {"PPER", "PIS", "PDS"}:
        return (i,)
    j = i
    while j < end and doc[j].tag_ in NP_TAGS:
        j += 1
        # genitive attribute: "der Sprecher des Ministeriums"
        if j < end - 1 and doc[j].lower_ in {"des", "der"} and doc[j - 1].tag_ in NP_HEADS:
            j += 1
    ids = tuple(range(i, j))
    return ids if any(doc[k].tag_ in NP_HEADS for k in ids) else ()


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
    before = noun_phrase_before(doc, j, sent.start)
    if before and (before[0] == sent.start or doc[before[0] - 1].text in CLAUSE_BREAK | OPENING):
        return before
    after = noun_phrase_after(doc, cue + 1, sent.end)
    if after:
        return after
    if before:
        return before
    return (j,) if j >= sent.start and doc[j].tag_ in {"PRELS", "PPER"} else ()


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
    message = set(stmt.message)
    return token_ids(i for i in sent_ids if i not in message and not doc[i].is_space)


class RuleExtractor:
    name = "rules"

    def __call__(self, doc: Doc) -> list[Statement]:
        sents = sentences(doc)
        sent_of = {i: k for k, s in enumerate(sents) for i in s.ids()}
        quotes = find_quotes(doc)
        quoted = {i for s, e in quotes for i in range(s, e + 1)}
        statements: list[Statement] = []
        statements += self.direct(doc, sents, sent_of, quotes)
        used_cues = {c for s in statements for c in s.cue}
        for sent in sents:
            statements += self.indirect(doc, sent, quoted, used_cues)
            statements += self.according_to(doc, sent, quoted)
        statements += self.continuations(doc, sents, sent_of, statements, quoted)
        self.inherit_sources(sents, sent_of, statements)
        return statements

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
                stmt.cue = token_ids([cue] if verb_particle is None else [cue, verb_particle])
                stmt.medium = cue_medium(doc[cue], doc[verb_particle].text if verb_particle else "") or SPEECH
                stmt.source = tuple(i for i in subject_of(doc, cue, sent) if i not in message)
                stmt.addressee = addressee_after(doc, position_after_cue(stmt), sent.end)
                sent_ids = {i for k in range(sent_of[start], sent_of[end] + 1) for i in sents[k].ids()}
                sent_ids |= set(sent.ids())
                stmt.frame = frame_of(sent_ids, stmt, doc)
                stmt.confidence = 0.9
            if len(message) - 2 < (MIN_QUOTE_TOKENS if cue is None else MIN_CUED_QUOTE_TOKENS):
                continue
            if cue is None and start != first.start:
                continue  # a quote inside a sentence without a cue is a name or a scare quote
            out.append(stmt)
        return out

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

    def indirect(self, doc: Doc, sent: Sentence, quoted: set[int], used: set[int]) -> list[Statement]:
        out = []
        for c in sent.ids():
            tok = doc[c]
            if c in quoted or c in used or tok.tag_ not in {"VVFIN", "VVPP", "VAFIN"}:
                continue
            verb_particle = particle(doc, c, sent) if tok.tag_.endswith("FIN") else None
            medium = cue_medium(tok, doc[verb_particle].text if verb_particle else "")
            if not medium:
                continue
            sent_ids = set(sent.ids())
            cue = token_ids([c] if verb_particle is None else [c, verb_particle])
            message = self._message_after(doc, max(cue), sent) or self._message_before(doc, c, sent)
            if not message or (tok.lemma_.lower() in WEAK_CUE_VERBS and not has_konjunktiv(doc, message)):
                continue
            stmt = Statement(cue=cue, message=message, form="Indirect", medium=medium, confidence=0.6)
            stmt.source = tuple(i for i in subject_of(doc, c, sent) if i not in message)
            stmt.addressee = addressee_after(doc, position_after_cue(stmt), sent.end)
            if tok.lemma_.lower() == "heißen":
                stmt.source = ()
            stmt.frame = frame_of(sent_ids, stmt, doc)
            out.append(stmt)
        return out

    def _message_after(self, doc: Doc, cue: int, sent: Sentence) -> tuple[int, ...]:
        """Er sagte, die Nato sei bereit. / Er sagte, dass … — the clause after the comma after the cue."""
        for j in range(cue + 1, sent.end):
            if doc[j].text == ",":
                message = clause_after(doc, j + 1, sent)
                if message and (
                    doc[j + 1].lower_ in COMPLEMENTIZERS
                    or has_konjunktiv(doc, message)
                    or any(doc[i].tag_ == "PTKZU" for i in message)
                ):
                    return message
                return ()
            if doc[j].text in {".", "!", "?", ":"} or doc[j].text in OPEN_TO_CLOSE:
                return ()
        return ()

    def _message_before(self, doc: Doc, cue: int, sent: Sentence) -> tuple[int, ...]:
        """Die Nato sei bereit, sagte er. — a Konjunktiv clause ending in a comma right before the cue."""
        if cue - 1 <= sent.start or doc[cue - 1].text != ",":
            return ()
        message = tuple(range(sent.start, cue - 1))
        return message if has_konjunktiv(doc, message) else ()

    def according_to(self, doc: Doc, sent: Sentence, quoted: set[int]) -> list[Statement]:
        """laut X / X zufolge / nach Angaben X / demnach: the rest of the sentence is the message."""
        out = []
        for c in sent.ids():
            lower = doc[c].lower_
            if c in quoted:
                continue
            if lower in SOURCE_PREPOSITIONS - {"zufolge"}:
                source = noun_phrase_after(doc, c + 1, sent.end)
            elif lower == "zufolge":
                source = noun_phrase_before(doc, c - 1, sent.start)
            elif lower == "nach" and c + 1 < sent.end and doc[c + 1].lower_ in ANGABEN_NOUNS:
                k = c + 2 + (c + 2 < sent.end and doc[c + 2].lower_ in {"aus", "von"})
                source = noun_phrase_after(doc, k, sent.end)
                source = tuple(range(c + 2, k)) + source if source else ()
            elif lower in SOURCE_ADVERBS:
                source = ()
            else:
                continue
            attribution = set(range(min((c, *source)), max((c + (lower == "nach"), *source)) + 1))
            rest = [
                i for i in clause_after(doc, sent.start, sent) if i not in attribution and doc[i].text != ","
            ]
            if len(rest) < 3:
                continue
            stmt = Statement(
                cue=(c,),
                message=token_ids(rest),
                source=source,
                form="Indirect",
                medium=SPEECH_WRITING,
                confidence=0.6,
            )
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
        """Sentences in Konjunktiv I after an indirect statement continue it (IndirectFreeIndirect)."""
        by_last_sentence = {}
        for stmt in statements:
            if stmt.form in {"Indirect", "Direct"} and stmt.message and stmt.cue:
                by_last_sentence[sent_of[max(stmt.message)]] = stmt
        taken = {sent_of[i] for s in statements for i in (*s.cue, *s.message)}
        out = []
        for k, owner in sorted(by_last_sentence.items()):
            message: list[int] = []
            n = k + 1
            while n < len(sents) and n not in taken and self._is_reported_sentence(doc, sents[n], quoted):
                message += clause_after(doc, sents[n].start, sents[n])
                message.append(sents[n].end - 1) if doc[sents[n].end - 1].is_punct else None
                n += 1
            if message:
                out.append(
                    Statement(
                        message=token_ids(i for i in message if not doc[i].is_space),
                        source=owner.source,
                        form="IndirectFreeIndirect",
                        medium=owner.medium,
                        confidence=0.5,
                    )
                )
        return out

    def _is_reported_sentence(self, doc: Doc, sent: Sentence, quoted: set[int]) -> bool:
        finite = [doc[i] for i in sent.ids() if doc[i].tag_.endswith("FIN") and i not in quoted]
        return bool(finite) and is_konjunktiv_i(finite[0])

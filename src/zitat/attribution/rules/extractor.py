"""The rule baseline's extractor: direct, indirect, „laut X“, reported and continued statements."""

from __future__ import annotations

import itertools

from spacy.tokens import Doc

from zitat.attribution.lexicon import COMPLEMENTIZERS, CUE_VERBS, SPEECH, SPEECH_WRITING, WEAK_CUE_VERBS
from zitat.attribution.rules.clauses import (
    Sentence,
    as_clause_start,
    clause_after,
    cue_medium,
    cue_tokens,
    frame_of,
    has_perfect_infinitive,
    is_anaphoric_report,
    is_main_clause,
    main_clause_verb,
    particle,
    particle_text,
    reporting_form,
    reports_by_object,
    sentence_tokens,
    sentences,
)
from zitat.attribution.rules.phrases import (
    addressee_of,
    attribution_medium,
    attribution_phrase,
    inverted_subject,
    noun_phrase_after,
    source_of,
    subject_of,
    written_by_source,
)
from zitat.attribution.rules.quotes import CLOSERS, find_quotes, is_quoted_statement
from zitat.document import Statement, token_ids
from zitat.text.grammar import CONTINUATION_REACH, EVIDENTIAL_WORDS, RULE_QUOTE_PAIRS, has_konjunktiv

CUE_TAGS = frozenset({"VVFIN", "VVPP", "VAFIN"})
ATTRIBUTION_WORDS = frozenset(EVIDENTIAL_WORDS) | {"so"}


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
                if 0 < gap <= CONTINUATION_REACH:
                    stmt.source = previous.source

    def _cue_after_quote(self, doc: Doc, end: int, sent: Sentence) -> int | None:
        """„…“, sagte X. — a cue within a few tokens after the closing mark."""
        for j in range(end + 1, min(end + 5, sent.end)):
            if cue_medium(doc[j]):
                return j
            if doc[j].text in {".", "!", "?"} or doc[j].text in RULE_QUOTE_PAIRS:
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
            if doc[j].text in {".", "!", "?", ":"} or doc[j].text in RULE_QUOTE_PAIRS:
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

"""Reported statements: a speech act named with its content, without a reported clause.

„Italiens Außenminister verurteilte am Dienstag den Vorfall scharf.“, „Blinken warnte vor einer
Eskalation.“, „Macron hat seine Teilnahme zugesagt.“, „Die Gemeinde räumt Versäumnisse ein.“ What was
said is the verb's object (or the object of its preposition): that is the message, the verb the cue,
its subject the source. Real pages hold many of these (a fifth of the statements of the wild set);
the model, trained on news that marks few of them, finds few.

SpkAtt-2023 marks the whole clause as a reported statement's message („Müntefering sprach von einem
Riesenerfolg.“); ``Statement.clause`` keeps that clause for SpkAtt output, so the model's own reported
statements get the same content message here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from zitat.attribution.lexicon import (
    CUE_VERBS,
    REPORTED_OBJECT_VERBS,
    REPORTED_PREPOSITION_VERBS,
    SPEECH,
    SPEECH_THOUGHT,
    THOUGHT,
)
from zitat.document import Statement, token_ids
from zitat.speakers.frames import Subjects
from zitat.speakers.resolution import frame_subjects
from zitat.text.grammar import FINITE_TAGS, NOUN_TAGS

VERB_TAGS = frozenset({"VVFIN", "VVPP", "VVINF", "VVIZU"})
# what ends the verb's clause
BOUNDARIES = frozenset({",", ";", ":", "–", "—", "(", ")", ".", "!", "?"})
# words between the verb and its object that are not the object: adverbs, negation, time and manner
ADVERBIAL_TAGS = frozenset({"ADV", "ADJD", "PTKNEG", "PROAV", "PRF"})
NOUN_PHRASE_START = frozenset({"ART", "PPOSAT", "PIAT", "PDAT", "ADJA", "NN", "NE", "CARD", "FM", "PIDAT"})
PASSIVE_AUXILIARIES = frozenset({"werden", "wurde", "wurden", "wird", "worden", "werde", "würde", "würden"})
SEPARATED_PARTICLES = frozenset(
    {"ein", "an", "auf", "aus", "ab", "vor", "zurück", "fest", "hin", "her", "zu"}
)
NEGATIONS = frozenset({"kein", "keine", "keinen", "keinem", "keiner", "keines", "weder"})
CONFIDENCE = 0.4
# verbs whose passive names, ranks or sentences rather than reports („wird als Partei eingestuft“, „wurde
# im Amt bestätigt“, „zu Haft verurteilt“)
NAMING_VERBS = frozenset(
    {"bezeichnen", "nennen", "benennen", "einstufen", "bestätigen", "bewerten", "darstellen", "verurteilen"}
)


def reported_statements(doc: Doc, statements: Sequence[Statement]) -> list[Statement]:
    """``statements`` with the model's reported ones given their content as message, plus reported
    statements of content verbs in clauses no statement touches."""
    subjects = frame_subjects(doc)
    result = [_with_content(doc, s, subjects) if s.form == "Reported" else s for s in statements]
    # a cue may also name a reported act: „Reynard dankte den Rettungskräften: „…““ is two statements
    held = {i for s in result for i in s.message}
    cues = {i for s in result for i in s.cue} | held
    for tok in doc:
        if tok.i in held or tok.tag_ not in VERB_TAGS:
            continue
        found = _statement(doc, tok.i, subjects)
        if found is None or cues.intersection(found.message) or held.intersection(found.cue):
            continue
        result.append(found)
        held.update(found.message, found.cue)
        cues.update(found.message, found.cue)
    return result


def _with_content(doc: Doc, stmt: Statement, subjects: Subjects) -> Statement:
    """A reported statement of the model (its message the whole clause) with the content verb's
    object as message, where one of its words is a content verb."""
    for i in stmt.message:
        found = _statement(doc, i, subjects, require_subject=False) if doc[i].tag_ in VERB_TAGS else None
        if found is not None and set(found.message) <= set(stmt.message):
            return replace(
                stmt,
                message=found.message,
                cue=stmt.cue or found.cue,
                source=found.source or stmt.source,
                clause=stmt.clause or stmt.message,
            )
    return stmt


def _statement(doc: Doc, verb: int, subjects: Subjects, require_subject: bool = True) -> Statement | None:
    """The reported act of a content verb, or None: not such a verb, no object, negated, a complement
    clause after it, or (``require_subject``) no subject that can speak; a passive act names no one."""
    end = _clause_end(doc, verb)
    particle = next((j for j in range(verb + 1, end) if _particle(doc, j, end)), None)
    auxiliary = _auxiliary(doc, verb)
    # a participle the tagger took for a finite verb stands after its auxiliary („haben … verlangt“)
    finite = doc[verb].tag_ == "VVFIN" and auxiliary is None
    lemma = doc[verb].lemma_.lower()
    if particle is not None and finite:
        lemma = doc[particle].lower_ + lemma
    prepositions = REPORTED_PREPOSITION_VERBS.get(lemma)
    if lemma not in REPORTED_OBJECT_VERBS and prepositions is None:
        return None
    start = _clause_start(doc, verb)
    # a passive of thinking („Als Drahtzieher wird die ETA vermutet“) is a suspicion, no act of anyone's
    acts = lemma not in NAMING_VERBS and CUE_VERBS.get(lemma) not in (SPEECH_THOUGHT, THOUGHT)
    passive = _passive(doc, verb, start, end) if acts else None
    if passive is not None:
        # „Seither werden Konsequenzen diskutiert“, „…, in denen die Asylpolitik kritisiert wurde“: an act
        # whose agent the text leaves out; what was said is the clause's subject
        if passive > verb:
            # a verb-final passive: its clause from the conjunction or relative pronoun that opens it
            opener = _clause_opener(doc, verb)
            start = opener if opener is not None else start
            if opener is not None and doc[opener].tag_ == "PRELS":
                return None  # „Der Plan, der … gefordert wird“: what was said is the antecedent, outside
        head, region = passive, range(passive + 1 if passive < verb else start, verb)
        if any(doc[j].lower_ in ("von", "vom") for j in region):
            return None  # „von der Stadt gefordert“: the agent's act, its content elsewhere in the clause
    elif finite and verb + 1 == end and doc[start].tag_ in ("PRELS", "KOUS"):
        # a verb at the end of a relative or subordinate clause („…, der ihre Amtsführung verteidigte“)
        head, region = verb, range(start + 1, verb)
    elif finite:
        head, region = verb, range(verb + 1, particle if particle is not None else end)
    elif auxiliary is not None:
        head, region = auxiliary, range(auxiliary + 1, verb)
    else:
        return None
    if _negated(doc, region) or _complement_follows(doc, end):
        return None
    cue = token_ids([verb, particle] if particle is not None and finite else [verb])
    # the subject of the finite verb: before it, or right after it („Gestern kritisierte die Opposition …“)
    subject = None if passive is not None else subjects.of_cue(Statement(cue=(head,), form="Reported"))
    if require_subject and not subject and passive is None:
        return None
    taken = set(subject or ())
    words = [j for j in region if j not in taken]
    message = _content(doc, words, prepositions)
    if not message and passive is not None and prepositions is not None:
        message = _content(doc, words, None)  # „werden Konsequenzen diskutiert“: what was discussed
    if not message:
        return None
    return Statement(
        cue=cue,
        message=message,
        source=token_ids(subject or ()),
        form="Reported",
        medium=CUE_VERBS.get(lemma, SPEECH),
        confidence=CONFIDENCE,
        clause=token_ids(range(start, end)),
    )


def _clause_end(doc: Doc, verb: int) -> int:
    """Where the verb's clause ends: at a boundary, or at a conjunction before another finite verb
    („warnte vor einer Eskalation und rief zu einer Lösung auf“)."""
    end = doc[verb].sent.end
    stop = next((j for j in range(verb + 1, end) if doc[j].text in BOUNDARIES), end)
    for j in range(verb + 1, stop):
        if doc[j].tag_ == "KON" and any(doc[k].tag_ in FINITE_TAGS for k in range(j + 1, stop)):
            return j
    return stop


def _negated(doc: Doc, region: range) -> bool:
    """„ruft nicht zu Gewalt auf“, „nennt weder X noch Y“: no act took place."""
    return any(doc[j].tag_ == "PTKNEG" or doc[j].lower_ in NEGATIONS for j in region)


def _complement_follows(doc: Doc, end: int) -> bool:
    """A „dass“ or „zu“-infinitive clause after the verb's clause says what was said („warf der Spitze
    vor, die Öffentlichkeit getäuscht zu haben“); the object before it is whom it was said to."""
    if end >= len(doc) or doc[end].text != ",":
        return False
    stop = next(
        (j for j in range(end + 1, doc[end].sent.end) if doc[j].text in BOUNDARIES), doc[end].sent.end
    )
    words = doc[end + 1 : stop]
    if words and words[0].tag_ == "KOUI":
        return False  # „um … zu“: a purpose, not what was said
    return any(t.lower_ in ("dass", "daß") for t in words[:1]) or any(
        t.tag_ in ("PTKZU", "VVIZU") for t in words
    )


def _clause_start(doc: Doc, verb: int) -> int:
    """Where the verb's clause starts: after a boundary, or after a conjunction that follows another
    finite verb („… und rief zu einer Lösung auf“)."""
    sent = doc[verb].sent
    start = next(
        (j + 1 for j in range(verb - 1, sent.start - 1, -1) if doc[j].text in BOUNDARIES), sent.start
    )
    for j in range(verb - 1, start - 1, -1):
        if doc[j].tag_ == "KON" and any(doc[k].tag_ in FINITE_TAGS for k in range(start, j)):
            return j + 1
    return start


def _particle(doc: Doc, i: int, end: int) -> bool:
    """A separated verb particle; also one the tagger took for an article at a headline's end („räumt
    Versäumnisse ein“)."""
    last = i + 1 >= end or doc[i + 1].is_space
    return doc[i].tag_ == "PTKVZ" or (doc[i].lower_ in SEPARATED_PARTICLES and last)


def _clause_opener(doc: Doc, verb: int) -> int | None:
    """The conjunction or relative pronoun that opens a verb-final clause (commas inside it allowed:
    „der von X, Y und Z gefordert wird“), or None when another finite verb comes first."""
    for j in range(verb - 1, doc[verb].sent.start - 1, -1):
        if doc[j].tag_ in ("KOUS", "PRELS"):
            return j
        if doc[j].tag_ in FINITE_TAGS:
            return None
    return None


def _passive(doc: Doc, verb: int, start: int, end: int) -> int | None:
    """The finite „werden“ of a passive participle in its clause („wurde … verkündet“, „… gefordert
    wird“), or None. Only present and past passives of the clause the participle ends."""
    if doc[verb].tag_ != "VVPP":
        return None
    after = verb + 1
    if after < end and doc[after].lower_ in PASSIVE_AUXILIARIES and doc[after].tag_ in FINITE_TAGS:
        return after if after + 1 >= end or doc[after + 1].text in BOUNDARIES else None
    if after < end and doc[after].text not in BOUNDARIES and not doc[after].is_punct:
        return None  # the participle does not end its clause
    return next(
        (
            j
            for j in range(verb - 1, start - 1, -1)
            if doc[j].tag_ in FINITE_TAGS and doc[j].lower_ in PASSIVE_AUXILIARIES
        ),
        None,
    )


def _auxiliary(doc: Doc, verb: int) -> int | None:
    """The finite auxiliary or modal of a participle or infinitive at its clause's end („hat … zugesagt“,
    „will … kritisieren“); None for passives („wurde … kritisiert“) and verbs not at the end."""
    sent = doc[verb].sent
    if (
        verb + 1 < sent.end
        and doc[verb + 1].tag_ not in ("$.", "$,", "$(")
        and doc[verb + 1].text not in BOUNDARIES
    ):
        return None
    for j in range(verb - 1, sent.start - 1, -1):
        if doc[j].text in BOUNDARIES:
            return None
        if doc[j].tag_ in FINITE_TAGS:
            passive = doc[j].lower_ in PASSIVE_AUXILIARIES and doc[verb].tag_ in ("VVPP", "VVFIN")
            return None if passive else j
    return None


def _content(doc: Doc, region: list[int], prepositions: frozenset[str] | None) -> tuple[int, ...]:
    """The object in ``region``: from the first noun phrase (or, for verbs like „warnen vor“, the
    first of their prepositions) to the end, without adverbs at either end; () without a noun."""
    start, in_phrase = None, False
    for k, j in enumerate(region):
        tag, word = doc[j].tag_, doc[j].lower_
        if tag in ("APPR", "APPRART", "PTKA"):  # „rief zu mehr Respekt auf“: „zu“ tagged as a particle
            if prepositions is not None and word in prepositions:
                start = k
                break
            in_phrase = True  # a prepositional phrase before the object („am Dienstag“) is not it
        elif in_phrase:
            in_phrase = tag not in NOUN_TAGS
        elif prepositions is None and tag in NOUN_PHRASE_START:
            start = k
            break
    if start is None:
        return ()
    content = region[start:]
    while content and (doc[content[-1]].tag_ in ADVERBIAL_TAGS or doc[content[-1]].is_punct):
        content = content[:-1]
    if not any(doc[j].tag_ in NOUN_TAGS for j in content) or content != list(
        range(content[0], content[-1] + 1)
    ):
        return ()
    return tuple(content)

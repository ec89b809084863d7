"""Indirect statements for „dass“/„ob“ clauses of speech and thought verbs that the model left out,
and free indirect ones for Konjunktiv I sentences that go on reporting.

Real pages use many more reporting verbs than the news the model learned from: „Das Land Tirol
informierte, dass …“, „Leavitt schloss nicht aus, dass …“, „Der Verfassungsschutz warnte davor,
dass …“, „Ein Rechercheverbund will herausgefunden haben, dass …“. A complement clause right after
such a verb (its particle and a pronominal adverb may stand between) is what was said or thought.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from zitat.attribution.lexicon import CUE_VERBS, SPEECH, SPEECH_THOUGHT, THOUGHT
from zitat.document import Statement, token_ids
from zitat.text.grammar import FINITE_TAGS, QUOTE_MARKS, is_subjunctive

# verbs of finding, showing and expecting that news uses for claims, beyond the rule lexicon's cues
MORE_CUE_VERBS = frozenset(
    {
        *("ausschließen", "herausfinden", "zeigen", "beobachten", "kritisieren", "bemängeln", "andeuten"),
        *("signalisieren", "befürworten", "beanstanden", "monieren", "klarstellen", "klarmachen"),
        *("unterstellen", "bezweifeln", "überzeugt", "darlegen", "erläutern", "bedauern", "begrüßen"),
    }
)
VERB_TAGS = frozenset({"VVFIN", "VVPP", "VVINF", "VVIZU", "ADJD"})
COMPLEMENTIZERS = frozenset({"dass", "daß", "ob"})
# words that may stand between the verb and the comma before „dass“
BETWEEN = frozenset({"PTKVZ", "PROAV", "ADV", "PTKNEG", "PRF", "VAINF", "VAFIN", "VMINF", "VAPP"})


def complement_statements(doc: Doc, statements: Sequence[Statement]) -> list[Statement]:
    """Indirect statements for the complement clauses of cue verbs that no statement holds."""
    held = {i for s in statements for i in (*s.message, *s.cue)}
    found = []
    for tok in doc:
        if tok.lower_ not in COMPLEMENTIZERS or tok.i < 2 or doc[tok.i - 1].text != "," or tok.i in held:
            continue
        cue = _cue(doc, tok.i - 2)
        if cue is None:
            continue
        end = _clause_end(doc, tok.i)
        message = token_ids(range(tok.i, end))
        if held.intersection(message) or held.intersection(cue):
            continue
        found.append(Statement(cue=cue, message=message, form="Indirect", medium=SPEECH, confidence=0.5))
        held.update(message)
    return found


def _cue(doc: Doc, i: int) -> tuple[int, ...] | None:
    """The cue verb (with its separated particle) ending at ``i``, the last word before the comma."""
    start = doc[i].sent.start
    particle: int | None = None
    while i >= start and doc[i].tag_ in BETWEEN and doc[i].tag_ not in VERB_TAGS:
        if doc[i].tag_ == "PTKVZ" and particle is None:
            particle = i
        i -= 1
    # a finite verb may stand further left, its particle at the clause end („schloss nicht aus“)
    verb = next(
        (
            k
            for k in range(i, max(start, i - 12) - 1, -1)
            if doc[k].tag_ in VERB_TAGS and _cue_lemma(doc, k, particle)
        ),
        None,
    )
    if verb is None or any(doc[k].text in (",", ";", ":") for k in range(verb, i + 1)):
        return None
    return token_ids([verb] if particle is None else [verb, particle])


def _cue_lemma(doc: Doc, verb: int, particle: int | None) -> bool:
    lemma = _verb_lemma(doc, verb, particle)
    return lemma in CUE_VERBS or lemma in MORE_CUE_VERBS


def _verb_lemma(doc: Doc, verb: int, particle: int | None) -> str:
    """A verb's lemma with its separated particle („teilte … mit“ → „mitteilen“)."""
    lemma = doc[verb].lemma_.lower()
    return doc[particle].lower_ + lemma if particle is not None else lemma


def _clause_end(doc: Doc, start: int) -> int:
    """The end of a complement clause: the sentence's last word, before its closing punctuation."""
    end = doc[start].sent.end
    while (
        end > start + 1
        and (doc[end - 1].is_punct or doc[end - 1].is_space)
        and doc[end - 1].text not in '“"»«'
    ):
        end -= 1
    return end


# verbs of a postposed frame beyond the cue verbs: „…, findet Lybke.“, „…, resümiert die Studie.“
POSTPOSED_VERBS = frozenset({"finden", "resümieren", "bilanzieren", "urteilen", "analysieren", "heißen"})
# words that may open a frame's subject after its verb („betont Lybke“, „sagte der Minister“)
SUBJECT_START_TAGS = frozenset({"NE", "NN", "ART", "PPER", "PPOSAT", "ADJA", "PIAT", "PDAT", "FM"})
FRAME_LENGTH = 12  # words of a postposed frame at most
FRAME_VERB_TAGS = frozenset({"VVFIN", "VVPP", "VVINF"})
# marks a sentence may end in before its frame is read („…, betont Lybke.“); a question is no statement
TRAILING_MARKS = frozenset({".", "!", ":", "…"})


def postposed_statements(doc: Doc, statements: Sequence[Statement]) -> list[Statement]:
    """Indirect statements of sentences that end in a frame and hold no statement yet: „Indem man keine
    Arbeit bekam, wurde man kriminalisiert, betont Lybke.“, „Weitere neun Personen wurden getötet, wie
    Mitarbeiter des Spitals sagten.“, „Die Form der Politik spalte die Gesellschaft, so Lang.“ The model
    learned such frames mostly after quotes and Konjunktiv; real pages use them after plain clauses."""
    held = {i for s in statements for i in (*s.message, *s.cue)}
    found = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        while words and words[-1].text in TRAILING_MARKS:
            words.pop()
        if len(words) < 5 or words[-1].text == "?" or held.intersection(t.i for t in words):
            continue
        commas = [k for k, t in enumerate(words) if t.text == ","]
        if not commas:
            continue
        comma = commas[-1]
        cue = _postposed_cue(words[comma + 1 :])
        colon = max((k for k, t in enumerate(words[:comma]) if t.text == ":"), default=-1)
        message = words[colon + 1 : comma]
        if cue is None or len(message) < 3 or not any(t.tag_ in FINITE_TAGS for t in message):
            continue
        if message[0].tag_ in ("PWAV", "PWS"):
            continue  # an indirect question as the frame's object („Wie das gehen kann, zeigt …“)
        if _subject_with_relative_clause(message):
            continue  # „Ulla Jelpke, die … gesorgt hatte, kritisierte …“: the verb's subject, not a message
        lemma = _frame_lemma(doc, cue)
        medium = CUE_VERBS.get(lemma, THOUGHT if lemma == "finden" else SPEECH)
        message_ids = token_ids(t.i for t in message)
        found.append(Statement(cue=cue, message=message_ids, form="Indirect", medium=medium, confidence=0.5))
    return found


def _subject_with_relative_clause(message: Sequence[Token]) -> bool:
    """A relative clause comes before the first finite verb: the words are a noun phrase, no clause."""
    for k, tok in enumerate(message):
        if tok.tag_ in FINITE_TAGS:
            return False
        if tok.tag_ == "PRELS" and k and message[k - 1].text == ",":
            return True
    return False


def _postposed_cue(frame: Sequence[Token]) -> tuple[int, ...] | None:
    """The cue of a sentence-final frame: a finite speech verb first and its subject after it („betont
    Lybke“, „teilte die Polizei mit“, „hatte der Minister gesagt“), „wie“ and the verb last („wie die BBC
    berichtete“), or „so“ and a subject („so Lang“)."""
    if not frame or len(frame) > FRAME_LENGTH or any(t.text in (",", ";", "(", "„", "“", '"') for t in frame):
        return None
    first = frame[0]
    finite = [t for t in frame if t.tag_ in FINITE_TAGS]
    if first.lower_ == "so" and not finite and len(frame) <= 6:
        # „so Lang“: a surname the tagger calls an adjective is still capitalized
        return (first.i,) if any(t.tag_ in ("NE", "NN", "PPER") or t.is_title for t in frame[1:]) else None
    if first.lower_ == "wie" and len(finite) == 1:
        verbs = [t for t in frame[1:] if t.tag_ in FRAME_VERB_TAGS]
        return token_ids(t.i for t in verbs) if verbs and _is_frame_verb(verbs, frame) else None
    if len(finite) != 1 or finite[0] is not first or len(frame) < 2:
        return None
    subject = next((t for t in frame[1:] if t.tag_ not in ("ADV", "ADJD", "PTKVZ")), None)
    if subject is None:
        return None
    impersonal = subject.lower_ == "es" and first.lemma_ == "heißen"  # „…, heißt es in dem Bericht.“
    if not impersonal and (subject.tag_ not in SUBJECT_START_TAGS or subject.lower_ in ("es", "das", "dies")):
        return None
    verbs = [first, *(t for t in frame[1:] if t.tag_ in ("VVPP", "PTKVZ"))]
    return token_ids(t.i for t in verbs) if _is_frame_verb(verbs, frame) else None


def _is_frame_verb(verbs: Sequence[Token], frame: Sequence[Token]) -> bool:
    lemma = _frame_lemma(frame[0].doc, token_ids(t.i for t in verbs))
    return lemma in CUE_VERBS or lemma in MORE_CUE_VERBS or lemma in POSTPOSED_VERBS


def _frame_lemma(doc: Doc, cue: Sequence[int]) -> str:
    """The lemma of a frame's main verb (its participle after an auxiliary) with its particle."""
    verbs = [i for i in cue if doc[i].tag_ in FRAME_VERB_TAGS]
    if not verbs:
        return ""
    main = next((i for i in verbs if doc[i].tag_ == "VVPP"), verbs[0])
    return _verb_lemma(doc, main, next((i for i in cue if doc[i].tag_ == "PTKVZ"), None))


# nouns for what someone holds or found, that introduce it after a colon („Seine Erfahrung: …“)
STANCE_NOUNS = frozenset(
    {
        *("erfahrung", "hypothese", "meinung", "fazit", "einschätzung", "forderung", "vermutung"),
        *("verdacht", "vorwurf", "urteil", "botschaft", "appell", "bilanz", "prognose", "antwort"),
        *("begründung", "credo", "devise", "ansicht", "überzeugung", "these", "rat", "warnung"),
        *("diagnose", "erklärung", "kritik", "sorge", "befürchtung", "hoffnung", "empfehlung"),
    }
)
# predicates that introduce what someone thinks after a colon („… ist überzeugt: …“)
STANCE_PREDICATES = frozenset({"überzeugt", "sicher", "gewiss", "einig", "optimistisch", "skeptisch"})


def colon_statements(doc: Doc, statements: Sequence[Statement]) -> list[Statement]:
    """Indirect statements of a clause after a colon whose frame is someone's stance: „Seine Erfahrung:
    Der Verkehr wird zum Nadelöhr.“, „Das Fazit der Forscher: …“, „Annika Poestges ist überzeugt: Auch
    öffentliche Schulen könnten …“. The source is the stance's owner (a possessive, a genitive, the
    subject), found by speaker resolution from the frame."""
    held = {i for s in statements for i in (*s.message, *s.cue)}
    found = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        colons = [k for k, t in enumerate(words) if t.text == ":"]
        if len(colons) != 1:
            continue
        frame, message = words[: colons[0]], words[colons[0] + 1 :]
        while message and message[-1].is_punct:
            message = message[:-1]
        if len(message) < 3 or message[0].text in QUOTE_MARKS or held.intersection(t.i for t in message):
            continue
        cue = _stance(frame)
        if cue is None or held.intersection(cue):
            continue
        owner = any(t.i not in cue and t.tag_ in ("PPOSAT", "NE", "NN", "PPER") for t in frame)
        found.append(
            Statement(
                cue=cue,
                message=token_ids(t.i for t in message),
                source=_frame_source(frame, cue) if owner else (),
                form="Indirect",
                medium=SPEECH_THOUGHT,
                confidence=0.4,
            )
        )
    return found


def _stance(frame: Sequence[Token]) -> tuple[int, ...] | None:
    """The cue of a stance frame before a colon: its noun („Seine Erfahrung“, „Das Fazit der Forscher“)
    or predicate („ist überzeugt“); None for anything else (a time, a place, a title)."""
    if not frame or any(t.like_num for t in frame):
        return None
    nouns = [t for t in frame if t.tag_ == "NN"]
    stance_noun = bool(nouns) and (nouns[0].lemma_ or nouns[0].text).lower() in STANCE_NOUNS
    if stance_noun and len(frame) <= 8 and frame[0].tag_ in ("PPOSAT", "ART"):
        return (nouns[0].i,)
    last = frame[-1]
    if last.lower_ in STANCE_PREDICATES and any(t.tag_ in FINITE_TAGS for t in frame[:-1]):
        return (last.i,)
    return None


def _frame_source(frame: Sequence[Token], cue: tuple[int, ...]) -> tuple[int, ...]:
    """Who holds the stance: a possessive („Seine“), the genitive after the noun („der Forscher“), or the
    subject before the predicate, up to a comma or verb („Annika Poestges, die …, ist überzeugt“)."""
    if frame[0].tag_ == "PPOSAT":
        return (frame[0].i,)
    after = [t.i for t in frame if t.i > cue[0]]
    if after:
        return tuple(after)
    subject: list[int] = []
    for t in frame:
        if t.text == "," or t.tag_ in FINITE_TAGS:
            break
        subject.append(t.i)
    return tuple(subject)


# forms of a statement whose next sentence in Konjunktiv I goes on reporting it
REPORTING_FORMS = frozenset({"Direct", "Indirect", "IndirectFreeIndirect", "FreeIndirect"})


def continued_statements(doc: Doc, statements: Sequence[Statement]) -> list[Statement]:
    """Free indirect statements for sentences no statement holds whose verb is in Konjunktiv I, right
    after a sentence that reports someone („„Es war die einhellige Meinung aller Juristen.“ Das
    Grundgesetz gestehe Meinungsfreiheit auch Feinden der Freiheit zu.“): the same source goes on.
    The model finds most such sentences; real pages run on longer than the news it learned from."""
    held = {i for s in statements for i in (*s.message, *s.cue)}
    reporting: dict[int, Statement] = {}  # sentence start → the last statement whose message ends there
    for stmt in sorted(statements, key=lambda s: max(s.message, default=-1)):
        if stmt.form in REPORTING_FORMS and stmt.message:
            reporting[doc[max(stmt.message)].sent.start] = stmt
    found: list[Statement] = []
    previous: Span | None = None
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        before = reporting.get(previous.start) if previous is not None else None
        previous = sent
        if before is None or held.intersection(t.i for t in words) or not _konjunktiv_i(words):
            continue
        if any("\n" in doc[i].text for i in range(max(before.message) + 1, words[0].i)):
            continue  # a new paragraph reports anew
        stmt = Statement(
            source=before.source,
            message=token_ids(t.i for t in words),
            form="IndirectFreeIndirect",
            medium=before.medium,
            confidence=0.4,
        )
        found.append(stmt)
        reporting[sent.start] = stmt
    return found


def _konjunktiv_i(words: Sequence[Token]) -> bool:
    """A finite verb in the subjunctive (Konjunktiv I, or II where it stands in for I: „hätten“), and
    no question."""
    return words[-1].text != "?" and any(t.tag_ in FINITE_TAGS and is_subjunctive(t) for t in words)

"""Statements that the page layout makes, whatever the model: interview and transcript turns, posts,
and quoted sentences.

Real pages carry statements in their layout rather than in sentences a model trained on news prose
reads: an interview or podcast transcript is a run of paragraphs „Name: what they said“ („SPIEGEL:
Herr Müller, …“ / „Müller: Das sehe ich anders.“), and an embedded post ends with a byline line
„— Name (@handle) date“ under its text. Each such turn or post is one Direct statement whose source is
the name; model statements inside it that name no source of their own give way to it. A quoted
sentence that no statement holds is someone's words too: journalists put whole clauses in quotation
marks only when quoting („… dankte den Rettungskräften: „Ohne ihren Einsatz …““).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc

from zitat.document import Form, Statement, line_breaks, token_ids
from zitat.speakers import lexicon
from zitat.text.grammar import FINITE_TAGS, colon_frame
from zitat.text.quotes import find_quotations

# „Name:“ at the start of a paragraph: one to four capitalized words (initials and hyphens allowed)
TURN = re.compile(r"(?P<name>[A-ZÄÖÜ][\w.’'\-]*(?: [A-ZÄÖÜ][\w.’'\-]*){0,3}):[ \t]+(?=\S)")
# the byline under an embedded post: „— Jane Doe (@janedoe) March 3, 2024“
POST_BYLINE = re.compile(r"[—–-]+\s*(?P<name>[^\n(@]{2,60}?)\s*\(@\w{1,30}\)")
# labels that open a paragraph with a colon but introduce no speaker
NOT_SPEAKERS = frozenset(
    {
        *("Update", "Hinweis", "Foto", "Fotos", "Quelle", "Quellen", "Anmerkung", "Korrektur", "Mehr"),
        *("Fazit", "Achtung", "Info", "Tipp", "Hintergrund", "Video", "Audio", "Transparenzhinweis"),
        *("Lesen Sie auch", "Zum Hintergrund", "Aktualisierung", "Wichtig", "Beispiel", "Titelbild"),
        *("Mitarbeit", "Text", "Redaktion", "Grafik", "Bild", "Bilder", "Stand", "Ort", "Datum", "Zeit"),
        *("Termin", "Tickets", "Eintritt", "Preis", "Kontakt", "Anzeige", "Werbung", "Lesetipp"),
    }
)
QUOTE_OPENERS = frozenset('„"»«“')
QUOTE_CLOSERS = frozenset('“"«»”')
# interview labels: the outlet's question and the interviewee's answer („Frage: …“ / „Antwort: …“)
QUESTION_LABELS = frozenset({"Frage", "F"})
ANSWER_LABELS = frozenset({"Antwort", "A"})
# forms whose messages are one sentence each, and what a further sentence of them is
SENTENCE_FORMS = frozenset({"Indirect", "IndirectFreeIndirect", "FreeIndirect"})
CONTINUED_FORM: dict[Form | None, Form] = {"Indirect": "IndirectFreeIndirect"}
# the line that ends an interview: who conducted it
CREDIT_LINE = re.compile(r"(Das|Dieses) (Gespräch|Interview) (führte|führten)|Interview:|Mitarbeit:")
# a transcript has at least this many turns (a lone „Berlin: …“ is a dateline, not a dialogue)
MIN_TURNS = 2


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-empty line."""
    start = 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped.strip():
            yield start, start + len(stripped)
        start += len(line) + 1


def layout_statements(doc: Doc, token_at: Sequence[int]) -> list[Statement]:
    """The turns of a transcript or interview and the embedded posts of a document (``token_at``: the
    token of every character, ``zitat.document.token_at_chars``)."""
    text = doc.text
    turns = []
    for start, end in paragraphs(text):
        match = TURN.match(text, start, end)
        if match and match["name"] not in NOT_SPEAKERS and not any(c.isdigit() for c in match["name"]):
            label_tokens = _tokens(token_at, match.span("name"))
            if not any(doc[i].tag_ in ("NE", "NN", "FM") for i in label_tokens):
                continue  # „Kurzum: …“, „Dennoch: …“: a discourse adverb, not a speaker
            turns.append((match.start("name"), match.end("name"), match.end(), end))
    dialogue = len(turns) >= MIN_TURNS and len({text[a:b] for a, b, _, _ in turns}) >= MIN_TURNS
    interviewee = _interviewee(doc, turns[0][0]) if turns else None
    found = []
    for name_start, name_end, said, end in turns:
        # a lone „Trump: „Es geht um viele Dinge““ (a subheading) is a turn when all it says is quoted
        if not dialogue and not (text[said] in QUOTE_OPENERS and text[end - 1] in QUOTE_CLOSERS):
            continue
        turn = _statement(token_at, (name_start, name_end), (said, end), "Speech")
        label = text[name_start:name_end]
        if label in QUESTION_LABELS:
            turn.source, turn.addressee = (), interviewee or ()  # the outlet asks the interviewee
        elif label in ANSWER_LABELS:
            turn.source = interviewee or ()  # „Antwort:“ is the person the interview introduced
        found.append(turn)
    lines = list(paragraphs(text))
    if dialogue:
        found += _unlabelled_turns(doc, token_at, lines, turns)
    else:
        found += _quoted_answers(doc, token_at, lines, turns)
    for k, (start, end) in enumerate(lines):
        byline = POST_BYLINE.match(text, start, end)
        if byline and k > 0:
            found.append(_statement(token_at, byline.span("name"), lines[k - 1], "Writing"))
    return [s for s in found if s.message and (s.source or s.medium == "Speech")]


def _unlabelled_turns(
    doc: Doc,
    token_at: Sequence[int],
    lines: Sequence[tuple[int, int]],
    turns: Sequence[tuple[int, int, int, int]],
) -> list[Statement]:
    """An interview labels its first turns only („SRF News: …?“ / „Thomas Jäger: …“), then goes on in
    plain paragraphs: one that ends in a question is the interviewer's, the ones after it the answer,
    until a credit line („Das Gespräch führte …“) ends the interview."""
    text = doc.text
    labels = {text[a:b] for a, b, _, _ in turns}
    asking = {text[a:b] for a, b, _, end in turns if text[:end].rstrip().endswith("?")}
    if len(labels) != 2 or len(asking) != 1:
        return []  # a transcript of several voices, or no clear interviewer: every turn carries its name
    asker = next(iter(asking))
    label_span = {text[a:b]: (a, b) for a, b, _, _ in turns}
    answerer = next(iter(labels - asking))
    # an interview: a question turn answered in the next paragraph by a full name („Thomas Jäger:“)
    answered = any(
        text[a:b] == asker and text[c:d] == answerer and text[end:c].strip() == ""
        for (a, b, _, end), (c, d, _, _) in pairwise(turns)
    )
    if not answered or (len(answerer.split()) < 2 and answerer not in ANSWER_LABELS):
        return []
    labelled = {start for start, _, _, _ in turns}
    first = turns[0][0]
    found = []
    for start, end in lines:
        if start < first or any(start <= a < end for a in labelled):
            continue
        if CREDIT_LINE.match(text, start, end):
            break
        speaker = asker if text[start:end].rstrip().endswith("?") else answerer
        turn = _statement(token_at, label_span[speaker], (start, end), "Speech")
        if speaker == asker:
            turn.addressee = _tokens(token_at, label_span[answerer])
        found.append(turn)
    return found


def _quoted_answers(
    doc: Doc,
    token_at: Sequence[int],
    lines: Sequence[tuple[int, int]],
    turns: Sequence[tuple[int, int, int, int]],
) -> list[Statement]:
    """An interview woven into a report: bare question paragraphs („Haben sie dir Angst gemacht?“),
    each answered by a paragraph that opens with a quotation („„Nicht besonders. …““, or „Liat: „…““).
    The questions are the outlet's to the interviewee, the answers the interviewee's: the name that
    labels an answer, else the first full name of the text."""
    text = doc.text
    pairs = []
    for question, (start, end) in pairwise(lines):
        said = _words_start((start, end), turns)
        if _bare_question(text[question[0] : question[1]]) and text[said] in QUOTE_OPENERS:
            pairs.append((question, (said, end)))
    if len(pairs) < MIN_TURNS:
        return []
    labels = [(a, b) for a, b, _, _ in turns if any(line[0] <= a < said for line, (said, _) in pairs)]
    interviewee = _tokens(token_at, labels[0]) if labels else _interviewee(doc, pairs[0][0][0]) or ()
    found = []
    for question, answer in pairs:
        answer_words = _tokens(token_at, answer)
        answered = Statement(
            message=answer_words, source=interviewee, form="Direct", medium="Speech", confidence=0.9
        )
        asked = replace(answered, message=_tokens(token_at, question), source=(), addressee=interviewee)
        found += [asked, answered]
    return found


def _words_start(line: tuple[int, int], turns: Sequence[tuple[int, int, int, int]]) -> int:
    """Where a paragraph's words start: after its „Name:“ label, if it has one."""
    start, end = line
    return next((said for label, _, said, _ in turns if start <= label < end), start)


def _bare_question(paragraph: str) -> bool:
    """A paragraph that asks and quotes nobody: at most three sentences, the last ending in „?“."""
    return (
        paragraph.endswith("?")
        and not QUOTE_OPENERS.intersection(paragraph)
        and sum(paragraph.count(c) for c in ".!?") <= 3
    )


def _interviewee(doc: Doc, first_turn: int) -> tuple[int, ...] | None:
    """The first full name (two or more name words) of the introduction before an interview's turns."""
    run: list[int] = []
    for tok in doc:
        if tok.idx >= first_turn:
            break
        if tok.tag_ == "NE" and tok.is_title:
            run.append(tok.i)
            continue
        if len(run) >= 2:
            return tuple(run)
        run = []
    return None


def merge_layout(doc: Doc, statements: Sequence[Statement], layout: Sequence[Statement]) -> list[Statement]:
    """The model's statements plus the layout's, without model statements that lie inside a turn or
    post and name no source of their own there (a quote inside an answer keeps its speaker)."""
    regions = [(set(range(min(t.source + t.message), max(t.source + t.message) + 1)), t) for t in layout]
    kept = []
    for stmt in statements:
        words = {i for i in stmt.message if not doc[i].is_space}
        covered = any(
            words <= region and not (set(stmt.source) and set(stmt.source) <= set(turn.message))
            for region, turn in regions
        )
        if not covered:
            kept.append(stmt)
    return [*kept, *layout]


def _tokens(token_at: Sequence[int], span: tuple[int, int]) -> tuple[int, ...]:
    start, end = span
    return token_ids(range(token_at[start], token_at[max(start, end - 1)] + 1))


def _statement(
    token_at: Sequence[int], source: tuple[int, int], message: tuple[int, int], medium: str
) -> Statement:
    return Statement(
        message=_tokens(token_at, message),
        source=_tokens(token_at, source),
        form="Direct",
        medium=medium,
        confidence=0.9,
    )


# a quoted clause in the first person is someone's words: the pronouns and their possessives
FIRST_PERSON = lexicon.FIRST_PERSON | {"mein", "meine", "unser", "unsere"}


def unframed_quotes(doc: Doc, statements: Sequence[Statement], token_at: Sequence[int]) -> list[Statement]:
    """Direct statements for the quoted clauses that no statement's message touches.

    A clause is a quotation with a finite verb and either four words or more, closing punctuation or
    a first-person word (titles and scare quotes have none of these: „Wer wird Millionär“). After a
    colon, the frame's last finite verb is the cue („Reynard dankte den Helfern: „…““)."""
    text = doc.text
    held = {i for s in statements for i in s.message}
    found = []
    for quotation in find_quotations(text):
        if quotation.depth or quotation.close is None:
            continue
        ids = range(token_at[quotation.open], token_at[quotation.close] + 1)
        words = [doc[i] for i in ids if doc[i].is_alpha]
        if held.intersection(ids) or not any(w.tag_ in FINITE_TAGS for w in words):
            continue
        closing = text[quotation.close - 1] in ".!?…"
        if len(words) < 4 and not closing and not any(w.lower_ in FIRST_PERSON for w in words):
            continue
        found.append(
            Statement(
                message=token_ids(ids),
                cue=_colon_frame_verb(doc, ids.start),
                form="Direct",
                medium="Speech",
                confidence=0.6,
            )
        )
    return found


def _colon_frame_verb(doc: Doc, opening: int) -> tuple[int, ...]:
    """The last finite verb of the sentence part before a colon right in front of the quotation."""
    frame = colon_frame(doc, opening) or range(0)
    return next(((i,) for i in reversed(frame) if doc[i].tag_ in FINITE_TAGS), ())


def one_per_sentence(doc: Doc, statements: Sequence[Statement]) -> list[Statement]:
    """Indirect and free indirect messages of one paragraph and one sentence each.

    A message ends at its paragraph's end: the part in the paragraph of its cue (else its first part)
    stays. Models read sentences, not pages, and run a message on into the next paragraph or a headline
    („… gekannt habe.“ / „Indes soll eine Reporterin …“); a quotation still open at the line break,
    reopened below, goes on. Each further sentence of reported speech („Er sagte, die Lage sei ernst.
    Die Armee habe reagiert.“) is a statement of its own with the same source, as readers and the
    real-news annotations count them (SpkAtt-2023 joins them again: ``zitat.spkatt.format``).
    """
    breaks = line_breaks(doc) or [len(doc)]
    # quotations left open at a line break, by the offset of their opening mark
    open_marks = sorted(q.open for q in find_quotations(doc.text) if q.close is None)
    result = []
    for stmt in statements:
        if not stmt.message:
            result.append(stmt)
            continue
        parts: dict[int, list[int]] = {}
        for i in stmt.message:
            parts.setdefault(bisect_right(breaks, i), []).append(i)
        first = parts[min(parts)]
        start, end = doc[first[0]].idx, doc[first[-1]].idx + len(doc[first[-1]])
        reopened = bisect_right(open_marks, end - 1) > bisect_right(open_marks, start - 1)
        if len(parts) > 1 and not (stmt.form == "Direct" and reopened):
            cue_part = bisect_right(breaks, min(stmt.cue)) if stmt.cue else None
            stmt = replace(stmt, message=tuple(parts[cue_part if cue_part in parts else min(parts)]))
        result += _sentences(doc, stmt) if stmt.form in SENTENCE_FORMS else [stmt]
    return result


def _sentences(doc: Doc, stmt: Statement) -> list[Statement]:
    """The statement's first sentence (and its part in the cue's sentence), then each further sentence as
    a statement of free indirect speech."""
    by_sentence: dict[int, list[int]] = {}
    for i in stmt.message:
        by_sentence.setdefault(doc[i].sent.start, []).append(i)
    cue_sentences = {doc[i].sent.start for i in stmt.cue}
    first, *later = sorted(by_sentence)
    # the part in the cue's sentence stays („Im Hafen brach ein Feuer aus. Das berichtet die Zeitung.“)
    kept = [
        i for start in (first, *later) if start == first or start in cue_sentences for i in by_sentence[start]
    ]
    form = CONTINUED_FORM.get(stmt.form, stmt.form)
    rest = [
        replace(stmt, message=tuple(by_sentence[start]), cue=(), form=form)
        for start in later
        if start not in cue_sentences
    ]
    return [replace(stmt, message=tuple(kept)), *rest]

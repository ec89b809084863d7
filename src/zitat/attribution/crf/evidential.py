"""Evidential cues („laut X“, „X zufolge“, „nach Angaben X“, „demnach“): their phrase, clause and source."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from zitat.attribution.crf.drafts import CUED_FORMS, Draft, has_content, without_final_mark
from zitat.attribution.crf.phrases import attached_noun_phrase
from zitat.attribution.features import TokenView
from zitat.text.grammar import CLAUSE_BOUNDARIES, EVIDENTIAL_WORDS, FINITE_TAGS, SUBORDINATING_TAGS


def evidential_message(art: TokenView, cue: Sequence[int], taken: set[int]) -> list[int]:
    """For „laut“, „nach“, „zufolge“ and the like: the cue's sentence without the cue and its noun phrase.

    („Laut Polizei wurden zwei Menschen verletzt.“ / „Das Team kam der Meldung zufolge zu dem
    Schluss, …“); only where no other message touches the sentence.
    """
    word = art.words[cue[0]].lower()
    if word not in EVIDENTIAL_WORDS:
        return []
    sent = art.sentences[art.sentence_of[cue[0]]]
    stop = without_final_mark(art, sent).stop
    if taken.intersection(range(sent.start, stop)):
        return []
    skip = evidential_phrase(art, cue)
    return [j for j in evidential_clause(art, cue, skip, range(sent.start, stop)) if j not in skip]


def evidential_clause(art: TokenView, cue: Sequence[int], phrase: Collection[int], sentence: range) -> range:
    """The clause of the sentence an evidential cue speaks for.

    After a comma with no finite verb between it and the cue, the clause starts there („…, nach
    neuesten Erkenntnissen habe ein Unbekannter …“); a relative or subordinate clause („…, der laut
    einer Meldung einsteigen will“, „…, wonach Zeugen eine Explosion gehört haben wollen“) ends at
    its finite verb. Otherwise the whole sentence („Laut Polizei wurden zwei Menschen verletzt.“).
    """
    c = cue[0]
    start, subordinate = sentence.start, art.words[c].lower() == "wonach"
    commas = [j for j in range(sentence.start, c) if art.words[j] == ","]
    if subordinate:
        start = c + 1
    elif commas and not any(art.tags[j] in FINITE_TAGS for j in range(commas[-1] + 1, c)):
        start = commas[-1] + 1
        subordinate = any(art.tags[j] in SUBORDINATING_TAGS for j in range(start, c))
    if not subordinate:
        return range(start, sentence.stop)
    for j in range(c + 1, sentence.stop):
        ends_clause = j + 1 >= sentence.stop or art.words[j + 1] in CLAUSE_BOUNDARIES
        if ends_clause and j not in phrase and art.tags[j] in FINITE_TAGS:
            return range(start, j + 1)
    return range(start, sentence.stop)


def within_evidential_clause(art: TokenView, draft: Draft) -> list[int]:
    """An indirect message of one evidential cue in the cue's sentence, cut to the cue's clause.

    A message that stops right at the cue's phrase, on either side, is the whole clause without the
    phrase: „Die Baustelle würde | laut einem Sprecher | bis Montag ruhen“, where the tagger ended
    the message at „laut“; SpkAtt-2023 marks the clause's words on both sides. (A quote in the
    clause stays in it, as a nested statement would.)
    """
    cue = draft.cue
    if draft.form != "Indirect" or len(cue) != 1 or art.words[cue[0]].lower() not in EVIDENTIAL_WORDS:
        return draft.message
    sentence = art.sentences[art.sentence_of[cue[0]]]
    if not all(i in sentence for i in draft.message):
        return draft.message
    phrase = evidential_phrase(art, cue)
    clause = evidential_clause(art, cue, phrase, sentence)
    message = [i for i in draft.message if i in clause]
    if not has_content(art, message):
        return draft.message
    if message[-1] + 1 == min(phrase) or message[0] - 1 == max(phrase):
        message = sorted({*message, *(j for j in without_final_mark(art, clause) if j not in phrase)})
    return message


def evidential_phrase(art: TokenView, cue: Sequence[int]) -> set[int]:
    """An evidential cue with its noun phrase: „nach Angaben der Polizei“, „der Meldung zufolge“."""
    sent = art.sentences[art.sentence_of[cue[0]]]
    step = EVIDENTIAL_WORDS.get(art.words[cue[0]].lower(), 0)
    if step > 0:
        return {*cue, *attached_noun_phrase(art, range(cue[-1] + 1, sent.stop))}
    phrase = set(cue)
    if step < 0:  # „der Meldung zufolge“: back to the verb or comma before it
        j = cue[0] - 1
        while sent.start <= j and not art.tags[j].startswith("V") and art.words[j] != ",":
            phrase.add(j)
            j -= 1
    return phrase


def evidential_source(art: TokenView, cue: Sequence[int]) -> tuple[int, ...]:
    """The noun phrase of an evidential cue („laut [der Polizei]“, „nach [Angaben des Ministeriums]“,
    „[der Zeitung] zufolge“): the gold source of 327 of 458 such statements in the training articles
    (benchmarks/spkatt_conventions.py); () for other cues and for „demnach“."""
    if len(cue) != 1 or not EVIDENTIAL_WORDS.get(art.words[cue[0]].lower()):
        return ()
    return tuple(sorted(evidential_phrase(art, cue) - set(cue)))


def claim_evidential(art: TokenView, cues: Sequence[tuple[int, ...]], drafts: list[Draft]) -> None:
    """An evidential cue in the sentence of a message without a cue makes that sentence an indirect
    statement of its own; the message's other sentences stay what they were.

    „Anschließend sei laut el-Baradei die Bearbeitung erfolgt.“ is „laut“'s statement in SpkAtt-2023,
    not free indirect speech; its message is the sentence without „laut el-Baradei“.
    """
    used = {d.cue for d in drafts}
    inside_messages = {i for d in drafts for i in d.message}
    split_off = []
    for draft in drafts:
        if draft.cue or draft.form in CUED_FORMS:
            continue
        sentences = {art.sentence_of[i] for i in draft.message}
        mine = set(draft.message)
        cue = next(
            (
                c
                for c in cues
                if c not in used
                and art.words[c[0]].lower() in EVIDENTIAL_WORDS
                and art.sentence_of[c[0]] in sentences
                and (mine.issuperset(c) or not inside_messages.intersection(c))
            ),
            None,
        )
        if cue is None:
            continue
        phrase = evidential_phrase(art, cue)
        sentence = art.sentences[art.sentence_of[cue[0]]]
        message = [i for i in draft.message if i in sentence and i not in phrase]
        if not has_content(art, message):
            continue
        rest = [i for i in draft.message if i not in sentence]
        if has_content(art, rest):
            draft.message = rest
            split_off.append(Draft(message, "Indirect", cue))
        else:
            draft.message, draft.cue, draft.form = message, cue, "Indirect"
        used.add(cue)
    drafts += split_off

"""Sources and addressees beyond the roles tagger: rules for the cases it leaves empty or gets wrong."""

from __future__ import annotations

from dataclasses import replace

import pycrfsuite

from zitat.attribution.crf.cues import with_auxiliary
from zitat.attribution.crf.drafts import Draft
from zitat.attribution.crf.phrases import attached_noun_phrase, names_someone, sentence_subject
from zitat.attribution.crf.sequences import verb_readings
from zitat.attribution.features import TokenView
from zitat.attribution.labels import contiguous_runs
from zitat.text.grammar import CLAUSE_BOUNDARIES, CONTINUING_FORMS, PERSON_PHRASE_TAGS

# cue verbs whose object is the addressee: „forderte [die Regierung] auf“, „warf [Obama] vor“
ADDRESSEE_VERBS = frozenset(
    {"auffordern", "vorwerfen", "bitten", "aufrufen", "beschuldigen", "appellieren", "angreifen", "drängen"}
)
# tags that start the noun phrase of such an object
OBJECT_START_TAGS = frozenset({"ART", "NN", "NE", "PPER", "PDS", "PPOSAT", "ADJA", "PIAT"})
# „Der Kreml zitierte Präsident Putin mit den Worten, …“: the quoting side is one source, the quoted
# person (the verb's object) another, of the same message (two statements in SpkAtt-2023)
QUOTING_LEMMA = "zitieren"
# a subject noun phrase before the cue: a name, a noun with its article and adjectives, or a pronoun
SUBJECT_TAGS = PERSON_PHRASE_TAGS | {"PPER"}
# „wurde vom Ministerium mitgeteilt“: the words that introduce a passive's agent
PASSIVE_AGENT_WORDS = frozenset({"von", "vom"})
MAX_SUBJECT_LENGTH = 6
# words that join a cue verb to an earlier verb of the same subject: „… bezeichnete … und erklärte, …“
COORDINATING_WORDS = frozenset({"und", "sowie", "oder"})


def agentless_passive(art: TokenView, draft: Draft) -> bool:
    """Whether the cue is a passive with no „von“ agent in its sentence („Ihm wird vorgeworfen, …“,
    „Es wurde beschlossen, …“): SpkAtt-2023 then mostly marks no source (benchmarks/
    spkatt_conventions.py); the subject there is the one spoken about. A passive „zitieren“ is left
    out: its subject is the quoted person (`quoted_person_draft`).
    """
    cue = with_auxiliary(art, draft.cue)
    lemmas = {art.lemmas[i].lower() for i in cue}
    if "werden" not in lemmas or QUOTING_LEMMA in lemmas or all(art.tags[i] != "VVPP" for i in cue):
        return False
    sentence = art.sentences[art.sentence_of[cue[0]]]
    message = set(draft.message)
    return not any(art.words[j].lower() in PASSIVE_AGENT_WORDS for j in sentence if j not in message)


def speaks_on(art: TokenView, draft: Draft, previous: Draft, reach: int) -> bool:
    """Whether free indirect speech goes on with the previous statement's speaker: unless the roles
    tagger found a speaker in the sentence right before it, or the previous statement ended more
    than ``reach`` sentences earlier (kept because 5-fold cross-validation improved with it).
    """
    gap = art.sentence_of[draft.message[0]] - art.sentence_of[previous.message[-1]]
    return (
        draft.form in CONTINUING_FORMS
        and bool(previous.source)
        and not introduced_just_before(art, draft)
        and gap <= reach
    )


def introduced_just_before(art: TokenView, draft: Draft) -> bool:
    """Whether the source the roles tagger found lies in the sentence right before the message.

    „Die Grünen-Politikerin Anja Hajduk kritisierte den Plan. Die Mittel seien zu knapp.“: there the
    free indirect speech has its own speaker, who need not be the previous statement's source.
    """
    first = art.sentence_of[draft.message[0]]
    return bool(draft.source) and all(art.sentence_of[i] == first - 1 for i in draft.source)


def facing_addressee(art: TokenView, draft: Draft) -> tuple[int, ...]:
    """„sagte er gegenüber der BBC“: the noun phrase after „gegenüber“ in the cue's sentence.

    Such a phrase is the gold addressee in 32 of 38 cases in the training articles
    (benchmarks/spkatt_conventions.py); the roles tagger misses many of them (addressees are rare).
    """
    if not draft.cue:
        return ()
    sent = art.sentences[art.sentence_of[draft.cue[0]]]
    taken = {*draft.message, *draft.source, *draft.cue}
    for j in sent:
        if art.words[j].lower() == "gegenüber" and art.tags[j] == "APPR" and j not in taken:
            phrase = attached_noun_phrase(art, range(j + 1, sent.stop))
            if phrase and not taken.intersection(phrase):
                return tuple(phrase)
    return ()


def rule_source(art: TokenView, draft: Draft) -> tuple[int, ...]:
    """The rule baseline's source nearest to the cue in its sentence, outside the message.

    The roles tagger reads it as a feature, yet on some clear cases („Das erklärte gestern ein Sprecher
    des Ministeriums.“) leaves every token below the fallback marginal; the rules' reading is better
    than none there.
    """
    if not draft.cue:
        return ()
    anchor = draft.cue[0]
    sentence = art.sentences[art.sentence_of[anchor]]
    outside = set(draft.message) | set(draft.cue)
    runs = contiguous_runs(j for j in sentence if "r:src" in art.hints[j] and j not in outside)
    nearest = min(runs, key=lambda run: min(abs(run[0] - anchor), abs(run[-1] - anchor)), default=[])
    return tuple(nearest)


def subject_before_cue(art: TokenView, draft: Draft) -> tuple[int, ...]:
    """The noun phrase that fills the clause before the cue's first word (its auxiliary's, for a
    participle), when nothing else does („Müller hatte in einem Interview gesagt, …“): the subject of a
    verb-second clause.

    The roles tagger rarely starts a source at a lone name before an auxiliary („Müller hatte …“,
    fewer than ten such sources in the training articles), though it does before a full verb.
    A cue verb coordinated with an earlier verb has the sentence's subject: „[Gillard] bezeichnete
    das Unglück als Tragödie und erklärte, …“.
    """
    if not draft.cue:
        return ()
    first = with_auxiliary(art, draft.cue)[0]  # „Das Kabinett hat am Montag entschieden“
    sentence = art.sentences[art.sentence_of[first]]
    if first > sentence.start and art.words[first - 1].lower() in COORDINATING_WORDS:
        return sentence_subject(art, range(sentence.start, first), draft.message)
    start = next(
        (j + 1 for j in range(first - 1, sentence.start - 1, -1) if art.words[j] in CLAUSE_BOUNDARIES),
        sentence.start,
    )
    phrase = range(start, first)
    if not phrase or len(phrase) > MAX_SUBJECT_LENGTH or set(draft.message).intersection(phrase):
        return ()
    if all(art.tags[j] in SUBJECT_TAGS for j in phrase) and names_someone(art, phrase):
        return tuple(phrase)
    return ()


def object_addressee(art: TokenView, draft: Draft) -> tuple[int, ...]:
    """„forderte die Regierung [die Bürger] auf“: the first free noun phrase after a cue verb whose
    object is the one addressed (ADDRESSEE_VERBS), in the cue's clause.

    For these verbs it is the gold addressee in 39 of 50 cases in the training articles
    (benchmarks/spkatt_conventions.py); the roles tagger misses many.
    """
    particles = [art.lemmas[i].lower() for i in draft.cue if art.tags[i] == "PTKVZ"]
    readings = {r for i in draft.cue for r in verb_readings(art.lemmas[i].lower(), particles)}
    if not ADDRESSEE_VERBS.intersection(readings):
        return ()
    sent = art.sentences[art.sentence_of[draft.cue[0]]]
    taken = {*draft.message, *draft.source, *draft.cue}
    for j in range(draft.cue[0] + 1, sent.stop):
        if art.words[j] in CLAUSE_BOUNDARIES:
            break
        if j not in taken and art.tags[j] in OBJECT_START_TAGS:
            return tuple(attached_noun_phrase(art, range(j, sent.stop), taken))
    return ()


def likeliest_source(tagger: pycrfsuite.Tagger, length: int, least: float) -> list[int]:
    """The source span starting at the likeliest ``B-S`` token of the last tagged sequence, if likely enough.

    Viterbi decoding is too shy with sources; a plausible one scores better than none (threshold chosen
    by 5-fold cross-validation; the same fallback for addressees did not help and was dropped).
    """
    labels = set(tagger.labels())
    if "B-S" not in labels or "I-S" not in labels:
        return []
    begin = [tagger.marginal("B-S", t) for t in range(length)]
    start = max(range(length), key=begin.__getitem__)
    if begin[start] < least:
        return []
    span = [start]
    while span[-1] + 1 < length and tagger.marginal("I-S", span[-1] + 1) >= least:
        span.append(span[-1] + 1)
    return span


def quoted_person_draft(art: TokenView, draft: Draft) -> Draft | None:
    """The second source of a „zitieren“ statement, beside the one the roles tagger found.

    Active: the quoted person is the noun phrase right after the finite verb, past the source where
    that stands there too („Der Kreml zitierte [Präsident Putin] mit den Worten, …“, „…, zitiert ndr.de
    [Polizeisprecher Ralf Meyer].“). Passive: one source is the „von“ agent, the other the quoted
    subject („wie [Hoyzer] von [Spiegel-Online] zitiert wird“); the one the tagger did not take is added.
    Where the tagger took both as one source in two parts, ``draft`` keeps the first and the new
    statement gets the second.
    """
    verb = next((i for i in draft.cue if art.lemmas[i].lower() == QUOTING_LEMMA), None)
    if verb is None:
        return None
    parts = contiguous_runs(draft.source)
    if len(parts) == 2:
        draft.source = tuple(parts[0])
        return replace(draft, source=tuple(parts[1]), addressee=())
    taken = set(draft.message) | set(draft.cue)
    sentence = art.sentences[art.sentence_of[verb]]
    # the tagger often reads „zitiert“ as finite: a „werden“ outside the message marks the passive
    if not any(art.lemmas[j] == "werden" and j not in draft.message for j in sentence):
        start = verb + 1
        while start < sentence.stop and start in draft.source:
            start += 1
        other = attached_noun_phrase(art, range(start, sentence.stop), taken)
    else:
        von = [j for j in sentence if art.words[j].lower() == "von" and j not in taken]
        agent = attached_noun_phrase(art, range(von[0] + 1, sentence.stop), taken) if von else []
        outside = taken | set(agent) | set(von)
        phrases = [
            attached_noun_phrase(art, range(j, sentence.stop), outside) for j in sentence if j not in outside
        ]
        subject = max(phrases, key=len, default=[])
        other = subject if set(draft.source) & set(agent) else agent
    if set(other) & set(draft.source) or not any(art.tags[i] in ("NN", "NE") for i in other):
        return None
    return replace(draft, source=tuple(other), addressee=())

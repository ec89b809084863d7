"""The trained attribution model: six crfsuite models over plain token features.

1. messages: one sequence per article, labels ``B-/C-/I-<form>`` (``C`` continues the previous
   message after a gap, e.g. a direct quote interrupted by „sagte er“) — gives messages and form;
2. cues: one sequence per sentence, labels ``B``/``C``/``I`` (``C`` = second part of „teilte … mit“);
3. roles: one sequence per statement over the sentences around its cue and message, labels
   ``B-/I-`` source and addressee, with features relative to cue and message;
4. medium: a maxent classifier (a one-item crfsuite sequence) over cue, form and source;
5. nested: a maxent classifier deciding which quotation inside a message is a nested direct
   statement (it shares the outer statement's source, and its cue when the outer one is indirect);
6. reported: a maxent classifier over sentences no message covers: is the whole sentence a
   reported speech act („Die Opposition kritisierte den Plan.“) or free indirect speech („Er soll
   geholfen haben.“), or neither?

Direct and indirect messages get the nearest cue of their sentences (detected cues no message
claims get the clause next to them as message); the other forms have none in SpkAtt-2023, and
free indirect ones take the previous statement's source. The frame is derived: the cue's sentence
outside the message, without the final punctuation mark.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pycrfsuite
from spacy.tokens import Doc

from zitat.attribution.features import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    SENTENCE_END,
    Article,
    Features,
    sentence_context,
    speaker_nouns,
    token_features,
    window_features,
)
from zitat.attribution.lexicon import CUE_VERBS, REPORTING_VERBS
from zitat.document import Statement, token_ids
from zitat.speakers.lexicon import first_names, role_of

MODELS_DIR = Path(__file__).parent / "models"
CUED_FORMS = frozenset({"Direct", "Indirect"})
# Free indirect speech mostly goes on with the previous statement's source (2 in 3 in SpkAtt-2023).
CONTINUING_FORMS = frozenset({"IndirectFreeIndirect", "FreeIndirect"})
# forms whose messages with a shared cue are joined (joining Direct quotes too scored lower by
# cross-validation: a quote around its cue is often two gold statements)
JOIN_FORMS = frozenset({"Indirect"})
# how many sentences after a statement a sentence in Konjunktiv I still continues it, and free indirect
# speech may still take its source
CONTINUATION_REACH = 3
STAGES = ("messages", "cues", "roles", "medium", "nested", "reported")
MAX_ROLE_SENTENCES = 8
REPORTED_MIN_PROBABILITY = 0.5
# forms the "reported" stage gives whole sentences (SpkAtt-2023 gives neither of them a cue)
SENTENCE_FORMS = ("Reported", "FreeIndirect")
HEARSAY_MODALS = frozenset({"sollen", "wollen"})
SOURCE_FALLBACK_MARGINAL = 0.1
# a message of a cued form without a detected cue takes the likeliest one from this marginal on
# (chosen by 5-fold cross-validation: a guessed cue is right often enough, and it guides the roles)
CUE_FALLBACK_MARGINAL = 0.02
# evidential cue words and where their noun phrase (the source) lies: after (1) or before (-1) them;
# „demnach“ has none of its own
EVIDENTIAL_CUES = {"laut": 1, "nach": 1, "gemäß": 1, "zufolge": -1, "demnach": 0, "wonach": 0}
FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})
# words that open a verb-final clause: relative pronouns, subordinating conjunctions, „wo(r)-“ adverbs
SUBORDINATING_TAGS = frozenset({"PRELS", "PRELAT", "KOUS", "PWAV"})
RELATIVE_TAGS = frozenset({"PRELS", "PRELAT"})
COMPLEMENT_CONJUNCTIONS = frozenset({"dass", "ob"})  # the subordinate clauses that can be what was said
MODAL_POSSIBILITY = frozenset({"könnte", "müsste", "dürfte", "möchte"})  # singular Konjunktiv II of modals
CLAUSE_BOUNDARIES = OPENING_QUOTES | CLOSING_QUOTES | SENTENCE_END | {","}
ATTRIBUTION_PREPOSITIONS = frozenset({"laut", "nach", "gemäß", "zufolge"})
# words that attach an attribute to a source noun: „Angaben der Polizei“, „Angaben von Experten“
ATTRIBUTE_LINKS = frozenset({"der", "des", "eines", "einer", "von", "vom"})
# „…, wie die Polizei mitteilte.“ / „…, so der Sprecher.“: a cue clause after the message
POSTPOSED_CLAUSE_STARTS = frozenset({"wie", "so"})
# cue verbs whose object is the addressee: „forderte [die Regierung] auf“, „warf [Obama] vor“
ADDRESSEE_VERBS = frozenset(
    {"auffordern", "vorwerfen", "bitten", "aufrufen", "beschuldigen", "appellieren", "angreifen", "drängen"}
)
# tags that start the noun phrase of such an object
OBJECT_START_TAGS = frozenset({"ART", "NN", "NE", "PPER", "PDS", "PPOSAT", "ADJA", "PIAT"})
# further cue tokens („äußerte sich“, „warf … vor“) need half the best one's marginal
CUE_FALLBACK_SHARE = 0.5
# „Der Kreml zitierte Präsident Putin mit den Worten, …“: the quoting side is one source, the quoted
# person (the verb's object) another, of the same message (two statements in SpkAtt-2023)
QUOTING_LEMMA = "zitieren"
PERSON_PHRASE_TAGS = frozenset({"ART", "ADJA", "NN", "NE", "CARD", "PPOSAT", "PIAT", "TRUNC"})
# after a noun phrase's head these start the next phrase: „laut BBC | britische Staatsbürger“ (less often
# a genitive without article: „nach Angaben Moskauer Behörden“)
PHRASE_START_TAGS = frozenset({"ADJA", "PPOSAT", "PIAT"})
# a subject noun phrase before the cue: a name, a noun with its article and adjectives, or a pronoun
SUBJECT_TAGS = PERSON_PHRASE_TAGS | {"PPER"}
# „wurde vom Ministerium mitgeteilt“: the words that introduce a passive's agent
PASSIVE_AGENT_WORDS = frozenset({"von", "vom"})
MAX_SUBJECT_LENGTH = 6
# words that join a cue verb to an earlier verb of the same subject: „… bezeichnete … und erklärte, …“
COORDINATING_WORDS = frozenset({"und", "sowie", "oder"})


@dataclass
class Draft:
    """A statement while it is being assembled (token ids are article-absolute)."""

    message: list[int]
    form: str
    cue: tuple[int, ...] = ()
    source: tuple[int, ...] = ()
    addressee: tuple[int, ...] = ()
    medium: str | None = None
    # the probability of the stage that found it; None until `rule_confidence` fills it in
    confidence: float | None = None


@dataclass(frozen=True)
class CueReading:
    """The cue tagger's reading of an article: its cues, and per token the probability that the token
    is part of a cue (1 − P(O), from the same tagging pass)."""

    cues: list[tuple[int, ...]]
    probability: list[float]

    def likeliest(
        self, art: Article, message: Sequence[int], least: float = CUE_FALLBACK_MARGINAL
    ) -> tuple[int, ...]:
        """The likeliest cue tokens outside the message where its cue may stand, if likely enough.

        The cue tagger's best path misses about a quarter of the cues of messages it found (its
        recall is low where precision is high); given a message, a less likely cue beats none.
        """
        msg = set(message)
        scored = [
            (self.probability[i], i)
            for sent in sorted(cue_sentences(art, message))
            for i in art.sentences[sent]
            if i not in msg
        ]
        if not scored:
            return ()
        best, anchor = max(scored)
        if best < least:
            return ()
        sentence = art.sentence_of[anchor]
        floor = max(least, CUE_FALLBACK_SHARE * best)
        return tuple(sorted(i for p, i in scored if p >= floor and art.sentence_of[i] == sentence))


# ---- sequences (shared by training and inference) ----


def message_sequence(
    art: Article, lexicon: Collection[str], cues: Sequence[tuple[int, ...]]
) -> list[Features]:
    context = sentence_context(art, lexicon)
    relative = cue_context(art, cues)
    local = art.local_features
    return [local[i] + context[i] + relative[i] for i in range(len(art))]


def cue_context(art: Article, cues: Sequence[tuple[int, ...]]) -> list[Features]:
    """Per token, where the nearest detected cue of its sentence (or the neighbouring ones) lies."""
    by_sentence: dict[int, list[int]] = {}
    for cue in cues:
        by_sentence.setdefault(art.sentence_of[cue[0]], []).append(cue[0])
    feats: list[Features] = []
    for i in range(len(art)):
        sent = art.sentence_of[i]
        here = by_sentence.get(sent, [])
        tok = [f"pc:prev={sent - 1 in by_sentence}", f"pc:next={sent + 1 in by_sentence}"]
        if here:
            anchor = min(here, key=lambda c: abs(c - i))
            d = i - anchor
            lemma = art.lemmas[anchor].lower()
            tok += [f"pc:d={_bucket(d)}", f"pc:lem={lemma}|{d > 0}", f"pc:n={min(len(here), 2)}"]
            between = range(min(i, anchor) + 1, max(i, anchor))
            tok.append(f"pc:comma={any(art.words[j] == ',' for j in between)}|{d > 0}")
        else:
            tok.append("pc:none")
        feats.append(tok)
    return feats


def cue_sequences(art: Article, lexicon: Collection[str]) -> list[list[Features]]:
    return [cue_sequence(art, rng, lexicon) for rng in art.sentences]


def cue_sequence(art: Article, sentence: range, lexicon: Collection[str]) -> list[Features]:
    seq = []
    for i in sentence:
        feats = list(art.local_features[i])
        if art.lemmas[i].lower() in lexicon:
            feats.append("lexicon")
        seq.append(feats)
    return seq


def role_window(art: Article, cue: Sequence[int], message: Sequence[int]) -> range:
    """The tokens of the sentences spanned by cue and message; one sentence more before a cue-less one."""
    anchors = [*cue, message[0], message[-1]]
    first = min(art.sentence_of[i] for i in anchors) - (0 if cue else 1)
    last = max(art.sentence_of[i] for i in anchors)
    first = max(first, 0, last - MAX_ROLE_SENTENCES)
    return range(art.sentences[first].start, art.sentences[last].stop)


def _bucket(distance: int) -> str:
    size = abs(distance)
    label = str(size) if size <= 3 else "4-6" if size <= 6 else "7-12" if size <= 12 else "far"
    return ("-" if distance < 0 else "+") + label


def role_sequence(
    art: Article, window: range, cue: Sequence[int], message: Sequence[int], form: str
) -> list[Features]:
    msg = set(message)
    cue_set = set(cue)
    cue_lemma = "_".join(art.lemmas[i].lower() for i in cue) or "NONE"
    cue_sents = {art.sentence_of[i] for i in cue}
    msg_lo, msg_hi = message[0], message[-1]
    seq = []
    for j in window:
        feats = token_features(art, j) + window_features(art, j, width=1)
        where = "cue" if j in cue_set else "msg" if j in msg else "out"
        feats += [f"where={where}", f"form={form}", f"cue={cue_lemma}"]
        if cue:
            d = min((j - c for c in cue), key=abs)
            side = "L" if d < 0 else "R"
            feats += [f"cued={_bucket(d)}", f"cueside={side}|{where}", f"cue={cue_lemma}|{side}"]
            feats.append(f"cuesent={art.sentence_of[j] in cue_sents}")
            feats.append(f"cueside={side}|tag={art.tags[j]}")
        msg_side = "in" if msg_lo <= j <= msg_hi else "before" if j < msg_lo else "after"
        feats += [f"msgside={msg_side}", f"msgside={msg_side}|tag={art.tags[j]}"]
        feats += speaker_word_features(art, j)
        feats.append(f"msgsent={art.sentence_of[j] - art.sentence_of[msg_lo]}")
        seq.append(feats)
    return seq


def speaker_word_features(art: Article, j: int) -> Features:
    """What the speaker word lists know of a token: a role noun („Sprecherin“), an institution
    („Ministerium“), a first name; they name speakers the training articles never mention."""
    feats = ["spk=" + kind for kind in speaker_nouns(art, j)]
    if art.tags[j] == "NE" and art.words[j].lower() in first_names():
        feats.append("spk=firstname")
    return feats


def medium_features(art: Article, draft: Draft) -> Features:
    cue = [art.lemmas[i].lower() for i in draft.cue]
    feats = [f"form={draft.form}", "cue=" + ("_".join(cue) or "NONE")]
    feats += ["cuelem=" + c for c in cue]
    feats += ["src=" + art.lemmas[i].lower() for i in draft.source] or ["nosource"]
    if draft.source:
        feats.append("srctag=" + art.tags[draft.source[-1]])
    if draft.cue:
        sent = art.sentences[art.sentence_of[draft.cue[0]]]
        message = set(draft.message)
        feats += ["frame=" + art.lemmas[j].lower() for j in sent if j not in message]
    feats += ["msg=" + art.lemmas[j].lower() for j in draft.message[:3]]
    return feats


def quoted_spans(art: Article, message: Sequence[int]) -> list[list[int]]:
    """Quotations (marks included) inside a message, outermost first; not the whole message itself."""
    spans = []
    opened: list[int] = []
    for pos, i in enumerate(message):
        if art.words[i] in OPENING_QUOTES:
            opened.append(pos)
        elif art.words[i] in CLOSING_QUOTES and opened:
            start = opened.pop()
            if not opened and (start, pos) != (0, len(message) - 1):
                spans.append(list(message[start : pos + 1]))
    return spans


def nested_features(art: Article, outer: Draft, span: Sequence[int]) -> Features:
    inner = span[1:-1]
    feats = [
        f"form={outer.form}",
        f"len={_bucket(len(inner))}",
        f"share={round(4 * len(span) / len(outer.message))}",
        "cue=" + ("_".join(art.lemmas[i].lower() for i in outer.cue) or "NONE"),
        "mark=" + art.words[span[0]],
        "before=" + (art.words[span[0] - 1] if span[0] else "^"),
        "last=" + art.words[span[-2]] if len(span) > 2 else "last=none",
    ]
    feats += [f"tag={art.tags[i]}" for i in inner if art.tags[i].endswith("FIN")]
    if inner and art.words[inner[0]][:1].isupper():
        feats.append("title")
    return feats


def verb_readings(lemma: str, particles: Sequence[str]) -> tuple[str, ...]:
    """A verb's lemma and its particle-verb lemmas with the clause's separated particles: „teilte … mit“
    is „teilen“ and „mitteilen“."""
    return (lemma, *(particle + lemma for particle in particles))


def reported_features(art: Article, sentence: range, lexicon: Collection[str]) -> Features:
    feats = [f"len={_bucket(len(sentence))}", "first=" + art.words[sentence.start].lower()]
    particles = [art.lemmas[j].lower() for j in sentence if art.tags[j] == "PTKVZ"]
    for j in sentence:
        lemma = art.lemmas[j].lower()
        if art.tags[j].startswith("VV") or art.tags[j] == "PTKVZ":
            feats.append("verb=" + lemma)
        if art.tags[j] == "VVFIN":
            # „gab … bekannt“, „warf … vor“: the particle verb's lemma, and what the hand-written
            # lexicon says of it (it knows verbs the training data may lack)
            for verb in verb_readings(lemma, particles):
                if verb in CUE_VERBS:
                    feats.append("lex=" + CUE_VERBS[verb])
                if verb in REPORTING_VERBS:
                    feats.append("reporting")
            feats += ["pverb=" + particle + lemma for particle in particles]
        if art.tags[j] == "NN" and role_of(lemma):
            feats.append("rolenoun")
        if art.tags[j] == "NE":
            feats.append("name")
        if art.tags[j] == "VMFIN" and lemma in HEARSAY_MODALS:
            # „soll … geholfen haben“: with a perfect infinitive the modal reports what others say
            perfect = any(
                art.tags[k] == "VAINF" and art.tags[k - 1] == "VVPP" for k in range(j + 2, sentence.stop)
            )
            feats.append(f"modal={art.words[j].lower()}|perfect={perfect}")
        if lemma in lexicon:
            feats.append("cue=" + lemma)
    feats.append(f"quoted={any(art.in_quote[j] for j in sentence)}")
    feats += sorted({hint for j in sentence for hint in art.hints[j] if hint.startswith("r:msg=")})
    feats.append(f"mood={sorted({art.moods[j] for j in sentence})}")
    return feats


# ---- decoding ----


def decode_runs(labels: Sequence[str], offset: int = 0) -> list[tuple[str, list[int]]]:
    """Groups of ``B``/``C``/``I`` labels as ``(kind, token ids)``; ``C`` continues the previous group."""
    groups: list[tuple[str, list[int]]] = []
    prev = "O"
    for i, label in enumerate(labels):
        tag, _, kind = label.partition("-")
        if tag == "O":
            prev = label
            continue
        continues = tag == "C" or (tag == "I" and prev != "O")
        if continues and groups:
            groups[-1][1].append(offset + i)
        else:
            groups.append((kind, [offset + i]))
        prev = label
    return groups


def is_quotation(art: Article, message: Sequence[int]) -> bool:
    """A message from an opening to a closing quotation mark, or ending in a closing mark it never
    opened (a quote with only its end marked): direct speech (592 of 594 such gold messages)."""
    words = [art.words[i] for i in message]
    opened = words[0] in OPENING_QUOTES or not OPENING_QUOTES.intersection(words)
    return words[-1] in CLOSING_QUOTES and opened


def orphan_drafts(art: Article, cues: Sequence[tuple[int, ...]], drafts: Sequence[Draft]) -> list[Draft]:
    """Statements for detected cues that no message claimed, their message taken from the clause.

    The message tagger leans on subjunctives and quotes; „Das Werk wird geschlossen, sagte ein
    Sprecher.“ has neither, but its cue is plain.
    """
    taken = {i for d in drafts for i in d.message}
    used = {d.cue for d in drafts}
    orphans = []
    for cue in cues:
        if cue in used or taken.intersection(cue):
            continue
        if art.words[cue[0]].lower() in EVIDENTIAL_CUES:
            message = evidential_message(art, cue, taken) or clause_message(art, cue, taken)
        else:
            message = clause_message(art, cue, taken) or evidential_message(art, cue, taken)
        if message and _has_content(art, message):
            quoted = art.in_quote[message[0]] and art.in_quote[message[-1]]
            orphans.append(Draft(message, "Direct" if quoted else "Indirect", cue))
            taken.update(message)
    return orphans


def unfounded_indirect(art: Article, draft: Draft) -> bool:
    """An indirect message (IndirectFreeIndirect too) with neither a cue (not even an unlikely one) nor
    a subjunctive that marks reported speech: nothing marks it as reported speech, and such messages
    were more often wrong than right in 5-fold cross-validation. (It still keeps its tokens from the
    cues' orphan messages.)

    A singular modal in Konjunktiv II („könnte“, „müsste“, „möchte“) does not mark it: reported speech
    takes Konjunktiv II where Konjunktiv I looks like the indicative (plural: „sie hätten“), while
    the singular has its own Konjunktiv I („er könne“), so „könnte“ speaks of a possibility."""
    indirect = draft.form in {"Indirect", "IndirectFreeIndirect"}
    marked = any(art.moods[i] and art.words[i].lower() not in MODAL_POSSIBILITY for i in draft.message)
    return indirect and not draft.cue and not marked


def clause_message(art: Article, cue: Sequence[int], taken: Collection[int]) -> list[int]:
    """The clause before a postposed cue („…, sagte er“, „…, wie die Polizei mitteilte“), or after
    the comma or colon following it.

    What stands before the cue is no message if it has neither a verb nor a quote (the speaker with an
    apposition: „Ein Sprecher der Polizei, Lars Beringer, sagte, …“), if its verbs are all in a
    relative clause („In einem Essay, das … erschien, kritisierte er …“), if it is an adverbial clause
    („Selbst wenn …, droht ihr …“), or if its only verbs are the auxiliary of a participle cue („Erst
    vor zwei Tagen hatte der Investor, Larry Silverstein, zugesagt, …“). What follows the cue needs a
    verb or a quote too („Dies teilte die Vorsitzende, Magdalena Chu, mit.“), is no adverbial or
    purpose clause („…, nachdem …“, „…, um … zu …“) and not the main clause after a cue that is itself
    in a relative or adverbial clause; a relative clause right after the cue is skipped („beschloss
    der Pilot, der …, notzulanden“, „…, mit der …“).
    """
    sent = art.sentences[art.sentence_of[cue[0]]]
    stop = without_final_mark(art, sent).stop
    commas = [j for j in range(sent.start + 1, cue[0]) if art.words[j] == ","]
    if commas and (commas[-1] == cue[0] - 1 or art.words[commas[-1] + 1].lower() in POSTPOSED_CLAUSE_STARTS):
        before = range(sent.start, commas[-1])
        if _may_be_message_before(art, cue, before):
            return [j for j in before if j not in taken]
    marks = [j for j in range(cue[-1] + 1, stop) if art.words[j] in {",", ":"}]
    if marks and marks[0] + 1 < stop and _opens_relative_clause(art, marks[0] + 1):
        marks = marks[1:]  # a relative clause on the subject: „beschloss der Pilot, der … fliegt, …“
    if not marks or not _has_verb_or_quote(art, after := range(marks[0] + 1, stop)):
        return []
    main_clause = _subordinate_cue(art, cue, sent) and art.tags[after.start] in FINITE_TAGS
    if main_clause or _adverbial_clause(art, after):
        return []
    return [j for j in after if j not in taken]


def _subordinate_cue(art: Article, cue: Sequence[int], sentence: range) -> bool:
    """A cue in a relative or adverbial clause: what follows that clause with a finite verb is the main
    clause, not its message („…, der früher X hieß, gilt als …“, „Nachdem sie die Polizei informiert
    hatte, wurde …“), unlike a complement („…, nachdem er erklärt hatte, dass …“)."""
    start = max((j + 1 for j in range(sentence.start, cue[0]) if art.words[j] == ","), default=sentence.start)
    clause = range(start, cue[0] + 1)
    return art.tags[start] in RELATIVE_TAGS or _adverbial_clause(art, clause)


def _has_verb_or_quote(art: Article, span: range) -> bool:
    return any(art.tags[j].startswith("V") or art.in_quote[j] for j in span)


def _in_relative_clause(art: Article, j: int, span: range) -> bool:
    """Token ``j`` lies between a comma followed by a relative pronoun and the next comma („In einem
    Essay, das … veröffentlicht wurde, kritisierte er …“: no message before the cue)."""
    for k in range(j, span.start, -1):
        if art.words[k - 1] == ",":
            return art.tags[k] in RELATIVE_TAGS
    return False


def _adverbial_clause(art: Article, span: range) -> bool:
    """A clause opened by „wenn“, „nachdem“, „weil“ … (after leading adverbs: „selbst wenn“), or an
    infinitive clause of purpose („um … zu“, „ohne … zu“)."""
    first = next((j for j in span if art.tags[j] != "ADV"), span.start)
    if art.tags[first] == "KOUI":
        return True
    return art.tags[first] == "KOUS" and art.words[first].lower() not in COMPLEMENT_CONJUNCTIONS


def _opens_relative_clause(art: Article, j: int) -> bool:
    """„der …“, „deren …“, or with a preposition: „mit der …“, „nach denen …“."""
    if art.tags[j] in {"APPR", "APPRART"} and j + 1 < len(art):
        j += 1
    return art.tags[j] in RELATIVE_TAGS


def _may_be_message_before(art: Article, cue: Sequence[int], span: range) -> bool:
    if any(art.in_quote[j] for j in span):
        return True
    verbs = [j for j in span if art.tags[j].startswith("V") and not _in_relative_clause(art, j, span)]
    if not verbs or _adverbial_clause(art, span):
        return False
    return not (bare_participle(art, cue) and all(art.tags[j] in {"VAFIN", "VMFIN"} for j in verbs))


def evidential_message(art: Article, cue: Sequence[int], taken: Collection[int]) -> list[int]:
    """For „laut“, „nach“, „zufolge“ and the like: the cue's sentence without the cue and its noun phrase.

    („Laut Polizei wurden zwei Menschen verletzt.“ / „Das Team kam der Meldung zufolge zu dem
    Schluss, …“); only where no other message touches the sentence.
    """
    word = art.words[cue[0]].lower()
    if word not in EVIDENTIAL_CUES:
        return []
    sent = art.sentences[art.sentence_of[cue[0]]]
    stop = without_final_mark(art, sent).stop
    if taken.intersection(range(sent.start, stop)):
        return []
    skip = evidential_phrase(art, cue)
    return [j for j in evidential_clause(art, cue, skip, range(sent.start, stop)) if j not in skip]


def evidential_clause(art: Article, cue: Sequence[int], phrase: Collection[int], sentence: range) -> range:
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


def within_evidential_clause(art: Article, draft: Draft) -> list[int]:
    """An indirect message of one evidential cue in the cue's sentence, cut to the cue's clause.

    A message that stops right at the cue's phrase, on either side, is the whole clause without the
    phrase: „Die Baustelle würde | laut einem Sprecher | bis Montag ruhen“, where the tagger ended
    the message at „laut“; SpkAtt-2023 marks the clause's words on both sides. (A quote in the
    clause stays in it, as a nested statement would.)
    """
    cue = draft.cue
    if draft.form != "Indirect" or len(cue) != 1 or art.words[cue[0]].lower() not in EVIDENTIAL_CUES:
        return draft.message
    sentence = art.sentences[art.sentence_of[cue[0]]]
    if not all(i in sentence for i in draft.message):
        return draft.message
    phrase = evidential_phrase(art, cue)
    clause = evidential_clause(art, cue, phrase, sentence)
    message = [i for i in draft.message if i in clause]
    if not _has_content(art, message):
        return draft.message
    if message[-1] + 1 == min(phrase) or message[0] - 1 == max(phrase):
        message = sorted({*message, *(j for j in without_final_mark(art, clause) if j not in phrase)})
    return message


def evidential_phrase(art: Article, cue: Sequence[int]) -> set[int]:
    """An evidential cue with its noun phrase: „nach Angaben der Polizei“, „der Meldung zufolge“."""
    sent = art.sentences[art.sentence_of[cue[0]]]
    step = EVIDENTIAL_CUES.get(art.words[cue[0]].lower(), 0)
    if step > 0:
        return {*cue, *attached_noun_phrase(art, range(cue[-1] + 1, sent.stop))}
    phrase = set(cue)
    if step < 0:  # „der Meldung zufolge“: back to the verb or comma before it
        j = cue[0] - 1
        while sent.start <= j and not art.tags[j].startswith("V") and art.words[j] != ",":
            phrase.add(j)
            j -= 1
    return phrase


def evidential_source(art: Article, cue: Sequence[int]) -> tuple[int, ...]:
    """The noun phrase of an evidential cue („laut [der Polizei]“, „nach [Angaben des Ministeriums]“,
    „[der Zeitung] zufolge“): the gold source of 327 of 458 such statements in the training articles
    (benchmarks/spkatt_conventions.py); () for other cues and for „demnach“."""
    if len(cue) != 1 or not EVIDENTIAL_CUES.get(art.words[cue[0]].lower()):
        return ()
    return tuple(sorted(evidential_phrase(art, cue) - set(cue)))


def attached_noun_phrase(art: Article, tokens: range, taken: Collection[int] = ()) -> list[int]:
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
        quote = word in OPENING_QUOTES or word in CLOSING_QUOTES
        if after_head and not quote and tag in {"ART", "APPR", "APPRART"}:
            if word.lower() not in ATTRIBUTE_LINKS:
                break
        elif (after_head and tag in PHRASE_START_TAGS) or (
            tag not in PERSON_PHRASE_TAGS | {"FM", "XY"} and not quote
        ):
            break
        phrase.append(j)
        after_head = tag in {"NN", "NE", "FM", "XY"} or word in CLOSING_QUOTES
    return phrase


def claim_evidential(art: Article, cues: Sequence[tuple[int, ...]], drafts: list[Draft]) -> None:
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
                and art.words[c[0]].lower() in EVIDENTIAL_CUES
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
        if not _has_content(art, message):
            continue
        rest = [i for i in draft.message if i not in sentence]
        if _has_content(art, rest):
            draft.message = rest
            split_off.append(Draft(message, "Indirect", cue))
        else:
            draft.message, draft.cue, draft.form = message, cue, "Indirect"
        used.add(cue)
    drafts += split_off


def join_split_messages(drafts: Sequence[Draft]) -> list[Draft]:
    """Messages of the same form that took the same cue are one discontinuous message.

    („Das Gesetz, das … dienen soll, verstößt nach Ansicht des Generalanwalts gegen EU-Recht“: the
    tagger broke the message at the relative clause and the cue.)
    """
    joined: list[Draft] = []
    by_cue: dict[tuple[tuple[int, ...], str], Draft] = {}
    for draft in drafts:
        first = by_cue.get((draft.cue, draft.form))
        if draft.cue and draft.form in JOIN_FORMS and first is not None:
            first.message = sorted({*first.message, *draft.message})
            continue
        by_cue[(draft.cue, draft.form)] = draft
        joined.append(draft)
    return joined


def bare_participle(art: Article, cue: Sequence[int]) -> bool:
    """A participle cue without its finite auxiliary („hatte … betont“ tagged as „betont“ alone)."""
    return any(art.tags[i] == "VVPP" for i in cue) and not any(art.tags[i] == "VAFIN" for i in cue)


def with_auxiliary(art: Article, cue: Sequence[int]) -> tuple[int, ...]:
    """A participle cue with its clause's finite auxiliary: „hatte … betont“, „wie berichtet wurde“.

    SpkAtt-2023 counts the auxiliary as part of the cue (205 of 209 times in the training articles:
    benchmarks/spkatt_conventions.py); the cue tagger often leaves it out when words stand between.
    """
    if not bare_participle(art, cue):
        return tuple(cue)
    sent = art.sentences[art.sentence_of[cue[0]]]
    before = range(cue[0] - 1, sent.start - 1, -1)
    after = range(cue[-1] + 1, sent.stop)
    for side in (before, after):
        for j in side:
            if art.words[j] in CLAUSE_BOUNDARIES or j in cue:
                break
            if art.tags[j] == "VAFIN":
                return tuple(sorted((*cue, j)))
    return tuple(cue)


def with_reflexive(art: Article, cue: Sequence[int], message: Collection[int]) -> tuple[int, ...]:
    """„äußerte sich“, „zeigte sich … zufrieden“: a reflexive „sich“ within three words of the cue verb,
    with no comma or quotation mark between, is part of the cue (46 of 47 times in the training
    articles: benchmarks/spkatt_conventions.py)."""
    verbs = [i for i in cue if art.tags[i].startswith("VV")]
    if not verbs or any(art.tags[i] == "PRF" for i in cue):
        return tuple(cue)
    verb = verbs[0]
    sent = art.sentences[art.sentence_of[verb]]
    for j in range(max(sent.start, verb - 3), min(sent.stop, verb + 4)):
        if art.tags[j] != "PRF" or art.words[j].lower() != "sich" or j in message:
            continue
        if not any(art.words[k] in CLAUSE_BOUNDARIES for k in range(min(j, verb) + 1, max(j, verb))):
            return tuple(sorted((*cue, j)))
    return tuple(cue)


def messages_beside(draft: Draft, drafts: Sequence[Draft]) -> set[int]:
    """A statement's message with the other statements' messages: none of them is part of its frame.

    („Die Lage sei ernst, sagte er, und man müsse handeln, fügte er hinzu.“: each cue's frame leaves
    out both messages; 1,938 of 2,001 such tokens lie outside the gold frames of the training articles:
    benchmarks/spkatt_conventions.py.) A statement with the same message (a „zitieren“ twin) is no
    other one.
    """
    tokens = set(draft.message)
    for other in drafts:
        if other.message != draft.message:
            tokens.update(other.message)
    return tokens


def derive_frame(art: Article, cue: Sequence[int], message: Collection[int]) -> tuple[int, ...]:
    if not cue:
        return ()
    tokens: list[int] = []
    for sent in sorted({art.sentence_of[i] for i in cue}):
        # raw text has whitespace tokens (a paragraph break after the full stop): never part of a frame
        words = [j for j in art.sentences[sent] if not art.words[j].isspace()]
        if words and art.words[words[-1]] in SENTENCE_END:
            words.pop()
        tokens += [j for j in words if j not in message]
    return token_ids(tokens)


def cue_sentences(art: Article, message: Sequence[int]) -> set[int]:
    """The sentences where a message's cue may stand: its own, and a sentence ending in a colon right
    before it („Er äußerte sich wie folgt:“ as a sentence of its own, the quote in the next one)."""
    sentences = {art.sentence_of[i] for i in message}
    before = art.sentence_of[message[0]] - 1
    if before >= 0 and art.words[art.sentences[before].stop - 1] == ":":
        sentences.add(before)
    return sentences


def nearest_cue(art: Article, message: Sequence[int], cues: Sequence[tuple[int, ...]]) -> tuple[int, ...]:
    """The cue nearest to the message's ends among those in its sentences and outside it.

    Cues of neighbouring sentences are left out (in cross-validation they were wrong more often than
    right: multi-sentence quotes already include the cue's sentence), except a sentence ending in a
    colon right before the message.
    """
    msg = set(message)
    msg_sents = cue_sentences(art, message)
    candidates = [c for c in cues if not msg.issuperset(c) and art.sentence_of[c[0]] in msg_sents]
    if not candidates:
        return ()
    return min(candidates, key=lambda c: min(abs(i - m) for i in c for m in (message[0], message[-1])))


def claimed_tokens(drafts: Sequence[Draft]) -> set[int]:
    """The message and cue tokens of the statements found so far: later stages leave them alone."""
    return {i for d in drafts for i in (*d.message, *d.cue)}


def rule_reported_drafts(art: Article, drafts: Sequence[Draft]) -> list[Draft]:
    """Reported speech acts of the rule baseline in sentences the model left untouched.

    The rule baseline's verdicts are features of every tagger, which learn to outvote them; where
    nothing else claims a sentence, its reported acts („Er forderte den Rücktritt des Ministers.“)
    improved 5-fold cross-validation (its quotes and free indirect speech there did not).
    """
    taken = claimed_tokens(drafts)
    reported = []
    for sentence in art.sentences:
        message = [j for j in sentence if "r:msg=Reported" in art.hints[j]]
        if message and not taken.intersection(sentence):
            reported.append(Draft(message, "Reported"))
    return reported


def subjunctive_continuations(art: Article, drafts: Sequence[Draft]) -> list[Draft]:
    """Untouched sentences in Konjunktiv I shortly after a statement: it goes on in indirect speech.

    („Die Armee sprach von einem Absturz. Der Hubschrauber sei abgestürzt, …“) A continuation is
    as likely right as the statement it continues, whose confidence it takes.
    """
    owner = {art.sentence_of[i]: d for d in drafts for i in (*d.message, *d.cue)}
    found = []
    for n, sentence in enumerate(art.sentences):
        before = [k for k in range(n - CONTINUATION_REACH, n) if k in owner]
        if n in owner or not before:
            continue
        finite = [j for j in sentence if art.tags[j] in FINITE_TAGS and not art.in_quote[j]]
        if any(art.moods[j] == "SubPres" for j in finite):
            continued = owner[before[-1]]
            found.append(Draft(list(sentence), "IndirectFreeIndirect", confidence=continued.confidence))
    return found


def cue_clause_tail(art: Article, draft: Draft) -> list[int]:
    """The part after the first clause of a cue-less sentence-wide draft whose first clause reads as a
    cue clause: indicative, with a verb, followed by a Konjunktiv I clause or „dass“/„ob“.

    („Die Kanadier hingegen sagen, der Pilot trage die Verantwortung.“ read whole as free indirect
    speech: the cue tagger passed over „sagen“; SpkAtt-2023 annotates the part after the comma as the
    indirect message of the verb before it.)
    """
    if draft.cue or draft.form == "Direct":
        return []
    sentence = art.sentences[art.sentence_of[draft.message[0]]]
    if draft.message[0] != sentence.start:
        return []
    comma = next((j for j in draft.message if art.words[j] in {",", ":"} and not art.in_quote[j]), None)
    if comma is None or art.sentence_of[comma] != art.sentence_of[sentence.start]:
        return []
    head = range(sentence.start, comma)
    tail = [j for j in draft.message if j > comma]
    has_verb = any(art.tags[j] in FINITE_TAGS or art.tags[j] == "VVPP" for j in head)
    if not tail or not has_verb or any(art.moods[j] == "SubPres" for j in head):
        return []
    reported = any(art.moods[j] == "SubPres" and art.tags[j] in FINITE_TAGS for j in tail)
    return tail if reported or art.words[tail[0]].lower() in COMPLEMENT_CONJUNCTIONS else []


def previous_sentence_cue(
    art: Article, message: Sequence[int], cues: Sequence[tuple[int, ...]]
) -> tuple[int, ...]:
    """The last cue of the sentence before a quote that has none of its own.

    „„Der Bär ist ein Problembär“, so Schnappauf. „Er ist außer Rand und Band.““: the second quote
    goes on with the first one's cue (kept because 5-fold cross-validation improved with it).
    """
    before = art.sentence_of[message[0]] - 1
    return max((c for c in cues if art.sentence_of[c[0]] == before), default=())


def quoted_person_draft(art: Article, draft: Draft) -> Draft | None:
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


# ---- the model ----


class CrfExtractor:
    """Loads the taggers of all stages from one model directory; callable on a ``Doc`` with morphology."""

    def __init__(self, model_dir: Path, name: str = "crf") -> None:
        self.name = name
        self.taggers = {}
        for stage in STAGES:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model_dir / f"{stage}.crfsuite"))
            self.taggers[stage] = tagger
        self.lexicon = frozenset(json.loads((model_dir / "lexicon.json").read_text(encoding="utf-8")))

    def __call__(self, doc: Doc) -> list[Statement]:
        if len(doc) == 0:
            return []
        return self.predict(Article.from_doc(doc))

    def predict(self, art: Article) -> list[Statement]:
        reading = self.read_cues(art)
        cues = reading.cues
        drafts, in_message = self.find_messages(art, cues)
        for draft in drafts:
            if is_quotation(art, draft.message):
                draft.form = "Direct"
            if draft.form in CUED_FORMS:
                draft.cue = nearest_cue(art, draft.message, cues) or reading.likeliest(art, draft.message)
            if draft.form == "Direct" and not draft.cue:
                draft.cue = previous_sentence_cue(art, draft.message, cues)
        drafts = join_split_messages(drafts)
        claim_evidential(art, cues, drafts)
        for draft in drafts:
            draft.message = within_evidential_clause(art, draft)
        orphans = orphan_drafts(art, cues, drafts)
        drafts = [d for d in drafts if not unfounded_indirect(art, d)] + orphans
        drafts += self.find_reported(art, drafts)
        drafts += rule_reported_drafts(art, drafts)
        drafts += subjunctive_continuations(art, drafts)
        for draft in drafts:
            if tail := cue_clause_tail(art, draft):
                draft.message, draft.form = tail, "Indirect"
                draft.cue = reading.likeliest(art, tail, least=0.0)
        drafts.sort(key=lambda d: d.message[0])
        previous: Draft | None = None
        for draft in drafts:
            self.tag_roles(art, draft, reading)
            if previous is not None and speaks_on(art, draft, previous):
                draft.source = previous.source
            previous = draft
            draft.medium = self.taggers["medium"].tag([medium_features(art, draft)])[0]
            if draft.confidence is None:
                draft.confidence = rule_confidence(art, draft, in_message, reading.probability)
        drafts += [quoted for draft in drafts if (quoted := quoted_person_draft(art, draft))]
        top_level = len(drafts)
        drafts += self.find_nested(art, drafts, reading)
        return [
            Statement(
                cue=token_ids(with_reflexive(art, with_auxiliary(art, d.cue), d.message)),
                message=token_ids(d.message),
                source=d.source,
                addressee=d.addressee,
                # a nested statement's frame is measured against its own message only
                frame=derive_frame(
                    art, d.cue, messages_beside(d, drafts[:top_level]) if k < top_level else set(d.message)
                ),
                form=d.form,
                medium=d.medium,
                confidence=d.confidence or 0.0,  # every draft has one by now
            )
            for k, d in enumerate(drafts)
        ]

    def find_messages(self, art: Article, cues: Sequence[tuple[int, ...]]) -> tuple[list[Draft], list[float]]:
        """The message tagger's messages, each with the mean marginal probability of its labels, and
        per token the probability that it lies in some message."""
        tagger = self.taggers["messages"]
        labels = tagger.tag(message_sequence(art, self.lexicon, cues))
        drafts = [
            Draft(message=ids, form=form, confidence=_mean([tagger.marginal(labels[i], i) for i in ids]))
            for form, ids in decode_runs(labels)
            if _has_content(art, ids)
        ]
        return drafts, [1 - tagger.marginal("O", i) for i in range(len(art))]

    def read_cues(self, art: Article) -> CueReading:
        return read_cues(self.taggers["cues"], art, self.lexicon)

    def find_reported(self, art: Article, drafts: Sequence[Draft]) -> list[Draft]:
        """Whole sentences that report a speech act, or go on in free indirect speech, without a cue.

        The classifier's own decision (p ≥ 0.5): lower thresholds found as many wrong ones as right ones.
        """
        taken = claimed_tokens(drafts)
        tagger = self.taggers["reported"]
        forms = [form for form in SENTENCE_FORMS if form in tagger.labels()]  # a small model may lack some
        if not forms:
            return []
        found = []
        for sentence in art.sentences:
            if taken.intersection(sentence) or not _has_content(art, sentence):
                continue
            tagger.set([reported_features(art, sentence, self.lexicon)])
            form = max(forms, key=lambda f: tagger.probability([f]))
            if (probability := tagger.probability([form])) >= REPORTED_MIN_PROBABILITY:
                found.append(Draft(list(sentence), form, confidence=probability))
        return found

    def find_nested(self, art: Article, outers: Sequence[Draft], reading: CueReading) -> list[Draft]:
        nested = []
        tagger = self.taggers["nested"]
        for outer in outers:
            for span in quoted_spans(art, outer.message):
                if tagger.tag([nested_features(art, outer, span)])[0] != "yes":
                    continue
                draft = Draft(span, "Direct", outer.cue, outer.source, confidence=tagger.marginal("yes", 0))
                if outer.form != "Indirect":  # an indirect statement lends its cue to its quotes
                    draft.cue = nearest_cue(art, span, reading.cues)
                    if draft.cue:
                        draft.source = ()
                        self.tag_roles(art, draft, reading)
                draft.medium = self.taggers["medium"].tag([medium_features(art, draft)])[0]
                nested.append(draft)
        return nested

    def tag_roles(self, art: Article, draft: Draft, reading: CueReading) -> None:
        cue = draft.cue
        if not cue and draft.form in CUED_FORMS:
            # too unlikely to be shown as the cue, but a better anchor for the roles than none
            cue = reading.likeliest(art, draft.message, least=0.0)
        window = role_window(art, cue, draft.message)
        seq = role_sequence(art, window, cue, draft.message, draft.form)
        tagger = self.taggers["roles"]
        labels = tagger.tag(seq)
        for kind, ids in decode_runs(labels, window.start):
            if kind == "S":
                draft.source = token_ids([*draft.source, *ids])
            elif kind == "A":
                draft.addressee = token_ids([*draft.addressee, *ids])
        if draft.form != "Reported":  # only a reported act's message holds its source (spkatt_conventions.py)
            message = set(draft.message)
            draft.source = tuple(i for i in draft.source if i not in message)
        if agentless_passive(art, draft):
            draft.source = ()
        elif not draft.source:
            draft.source = (
                evidential_source(art, draft.cue)
                or rule_source(art, draft)
                or subject_before_cue(art, draft)
                or tuple(window.start + i for i in likeliest_source(tagger, len(seq)))
            )
        if not draft.addressee:
            draft.addressee = facing_addressee(art, draft) or object_addressee(art, draft)


def agentless_passive(art: Article, draft: Draft) -> bool:
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


def speaks_on(art: Article, draft: Draft, previous: Draft) -> bool:
    """Whether free indirect speech goes on with the previous statement's speaker: unless the roles
    tagger found a speaker in the sentence right before it, or the previous statement ended more
    than CONTINUATION_REACH sentences earlier (kept because 5-fold cross-validation improved with it).
    """
    gap = art.sentence_of[draft.message[0]] - art.sentence_of[previous.message[-1]]
    return (
        draft.form in CONTINUING_FORMS
        and bool(previous.source)
        and not introduced_just_before(art, draft)
        and gap <= CONTINUATION_REACH
    )


def introduced_just_before(art: Article, draft: Draft) -> bool:
    """Whether the source the roles tagger found lies in the sentence right before the message.

    „Die Grünen-Politikerin Anja Hajduk kritisierte den Plan. Die Mittel seien zu knapp.“: there the
    free indirect speech has its own speaker, who need not be the previous statement's source.
    """
    first = art.sentence_of[draft.message[0]]
    return bool(draft.source) and all(art.sentence_of[i] == first - 1 for i in draft.source)


def facing_addressee(art: Article, draft: Draft) -> tuple[int, ...]:
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


def rule_source(art: Article, draft: Draft) -> tuple[int, ...]:
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


def subject_before_cue(art: Article, draft: Draft) -> tuple[int, ...]:
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
    if all(art.tags[j] in SUBJECT_TAGS for j in phrase) and _names_someone(art, phrase):
        return tuple(phrase)
    return ()


def sentence_subject(art: Article, tokens: range, message: Collection[int]) -> tuple[int, ...]:
    """The noun phrase (or personal pronoun) that starts ``tokens`` right before a finite verb, outside
    the message: the subject of a verb-second main clause."""
    if art.tags[tokens.start] == "PPER":
        phrase = [tokens.start]
    else:
        phrase = attached_noun_phrase(art, tokens, message)
    if not phrase or phrase[-1] + 1 not in tokens or art.tags[phrase[-1] + 1] not in FINITE_TAGS:
        return ()
    return tuple(phrase) if _names_someone(art, phrase) else ()


def _names_someone(art: Article, phrase: Iterable[int]) -> bool:
    """A subject phrase with a noun, a name or a personal pronoun, not only articles and adjectives."""
    return any(art.tags[j] in {"NE", "NN", "PPER"} for j in phrase)


def contiguous_runs(ids: Iterable[int]) -> list[list[int]]:
    """Token ids grouped into runs of neighbours: [3, 4, 7] → [[3, 4], [7]]."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def object_addressee(art: Article, draft: Draft) -> tuple[int, ...]:
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


def likeliest_source(tagger: pycrfsuite.Tagger, length: int) -> list[int]:
    """The source span starting at the likeliest ``B-S`` token of the last tagged sequence, if likely enough.

    Viterbi decoding is too shy with sources; a plausible one scores better than none (threshold chosen
    by 5-fold cross-validation; the same fallback for addressees did not help and was dropped).
    """
    labels = set(tagger.labels())
    if "B-S" not in labels or "I-S" not in labels:
        return []
    begin = [tagger.marginal("B-S", t) for t in range(length)]
    start = max(range(length), key=begin.__getitem__)
    if begin[start] < SOURCE_FALLBACK_MARGINAL:
        return []
    span = [start]
    while span[-1] + 1 < length and tagger.marginal("I-S", span[-1] + 1) >= SOURCE_FALLBACK_MARGINAL:
        span.append(span[-1] + 1)
    return span


def read_cues(tagger: pycrfsuite.Tagger, art: Article, lexicon: Collection[str]) -> CueReading:
    """The cue tagger's cues, plus attribution prepositions the rule baseline vouches for, and its
    per-token cue probabilities.

    „laut X“, „nach Angaben X“, „X zufolge“ are cues in nearly all of their uses in SpkAtt-2023 (390
    of 408 where the rule baseline finds them: benchmarks/spkatt_conventions.py), yet the tagger
    passes over some of them.
    """
    cues: list[tuple[int, ...]] = []
    probability = [0.0] * len(art)
    for rng, seq in zip(art.sentences, cue_sequences(art, lexicon), strict=True):
        tagger.set(seq)
        cues += sentence_cues(art, rng, tagger.tag())
        for k, i in enumerate(rng):
            probability[i] = 1 - tagger.marginal("O", k)
    return CueReading(cues, probability)


def rule_confidence(
    art: Article, draft: Draft, in_message: Sequence[float], cue_probability: Sequence[float]
) -> float:
    """The confidence of a statement that a rule made: the better of the message tagger's mean
    probability that its tokens are a message and the cue tagger's for its cue (in the cue's sentence)."""
    message = _mean([in_message[i] for i in draft.message])
    if not draft.cue:
        return message
    sentence = art.sentences[art.sentence_of[draft.cue[0]]]
    return max(message, _mean([cue_probability[i] for i in draft.cue if i in sentence]))


def sentence_cues(art: Article, sentence: range, labels: Sequence[str]) -> list[tuple[int, ...]]:
    """The cues of one sentence's cue labels, plus the attribution prepositions of ``read_cues``."""
    found = [tuple(ids) for _, ids in decode_runs(labels, sentence.start)]
    marked = {i for cue in found for i in cue}
    vouched = [i for i in sentence if "r:cue" in art.hints[i] and i not in marked]
    found += [(i,) for i in vouched if art.words[i].lower() in ATTRIBUTION_PREPOSITIONS]
    return sorted(found)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def without_final_mark(art: Article, span: range) -> range:
    """The tokens of ``span`` without a sentence-final punctuation mark at its end."""
    return range(span.start, span.stop - 1) if span and art.words[span.stop - 1] in SENTENCE_END else span


def _has_content(art: Article, ids: Iterable[int]) -> bool:
    """Messages made only of punctuation are tagging noise."""
    return any(art.tags[i][:1] != "$" for i in ids)


def load_crf(name: str = "crf") -> CrfExtractor:
    return CrfExtractor(MODELS_DIR / name, name)

"""Messages: their form and cue, and the rules that add, cut, join or drop them after the taggers."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence
from itertools import islice

from zitat.attribution.crf.cues import bare_participle
from zitat.attribution.crf.drafts import (
    Draft,
    claimed_tokens,
    cue_sentences,
    has_content,
    without_final_mark,
)
from zitat.attribution.crf.evidential import evidential_message
from zitat.attribution.features import TokenView
from zitat.text.grammar import (
    COMPLEMENT_CONJUNCTIONS,
    CRF_CLOSING_QUOTES,
    CRF_OPENING_QUOTES,
    EVIDENTIAL_WORDS,
    FINITE_TAGS,
    RELATIVE_TAGS,
)

# forms whose messages with a shared cue are joined (joining Direct quotes too scored lower by
# cross-validation: a quote around its cue is often two gold statements)
JOIN_FORMS = frozenset({"Indirect"})
MODAL_POSSIBILITY = frozenset({"könnte", "müsste", "dürfte", "möchte"})  # singular Konjunktiv II of modals
# „…, wie die Polizei mitteilte.“ / „…, so der Sprecher.“: a cue clause after the message
POSTPOSED_CLAUSE_STARTS = frozenset({"wie", "so"})


def is_quotation(art: TokenView, message: Sequence[int]) -> bool:
    """A message from an opening to a closing quotation mark, or ending in a closing mark it never
    opened (a quote with only its end marked): direct speech (592 of 594 such gold messages)."""
    words = [art.words[i] for i in message]
    opened = words[0] in CRF_OPENING_QUOTES or not CRF_OPENING_QUOTES.intersection(words)
    return words[-1] in CRF_CLOSING_QUOTES and opened


def nearest_cue(art: TokenView, message: Sequence[int], cues: Sequence[tuple[int, ...]]) -> tuple[int, ...]:
    """The cue nearest to the message's ends among those in its sentences and outside it.

    Cues of neighbouring sentences are left out (in cross-validation they were wrong more often than
    right: multi-sentence quotes already include the cue's sentence), except a sentence ending in a
    colon right before the message.
    """
    msg = set(message)
    msg_sents = cue_sentences(art, message)
    # cues come in sentence order: look only at those of the message's sentences (long articles)
    lo, hi = art.sentences[min(msg_sents)].start, art.sentences[max(msg_sents)].stop
    candidates = []
    for c in islice(cues, bisect_left(cues, lo, key=lambda c: c[0]), None):
        if c[0] >= hi:
            break
        if art.sentence_of[c[0]] in msg_sents and not msg.issuperset(c):
            candidates.append(c)
    if not candidates:
        return ()
    return min(candidates, key=lambda c: min(abs(i - m) for i in c for m in (message[0], message[-1])))


def previous_sentence_cue(
    art: TokenView, message: Sequence[int], cues: Sequence[tuple[int, ...]]
) -> tuple[int, ...]:
    """The last cue of the sentence before a quote that has none of its own.

    „„Der Bär ist ein Problembär“, so Schnappauf. „Er ist außer Rand und Band.““: the second quote
    goes on with the first one's cue (kept because 5-fold cross-validation improved with it).
    """
    before = art.sentence_of[message[0]] - 1
    return max((c for c in cues if art.sentence_of[c[0]] == before), default=())


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


def orphan_drafts(art: TokenView, cues: Sequence[tuple[int, ...]], drafts: Sequence[Draft]) -> list[Draft]:
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
        if art.words[cue[0]].lower() in EVIDENTIAL_WORDS:
            message = evidential_message(art, cue, taken) or clause_message(art, cue, taken)
        else:
            message = clause_message(art, cue, taken) or evidential_message(art, cue, taken)
        if message and has_content(art, message):
            quoted = art.in_quote[message[0]] and art.in_quote[message[-1]]
            orphans.append(Draft(message, "Direct" if quoted else "Indirect", cue))
            taken.update(message)
    return orphans


def unfounded_indirect(art: TokenView, draft: Draft) -> bool:
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


def clause_message(art: TokenView, cue: Sequence[int], taken: Collection[int]) -> list[int]:
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


def _subordinate_cue(art: TokenView, cue: Sequence[int], sentence: range) -> bool:
    """A cue in a relative or adverbial clause: what follows that clause with a finite verb is the main
    clause, not its message („…, der früher X hieß, gilt als …“, „Nachdem sie die Polizei informiert
    hatte, wurde …“), unlike a complement („…, nachdem er erklärt hatte, dass …“)."""
    start = max((j + 1 for j in range(sentence.start, cue[0]) if art.words[j] == ","), default=sentence.start)
    clause = range(start, cue[0] + 1)
    return art.tags[start] in RELATIVE_TAGS or _adverbial_clause(art, clause)


def _has_verb_or_quote(art: TokenView, span: range) -> bool:
    return any(art.tags[j].startswith("V") or art.in_quote[j] for j in span)


def _in_relative_clause(art: TokenView, j: int, span: range) -> bool:
    """Token ``j`` lies between a comma followed by a relative pronoun and the next comma („In einem
    Essay, das … veröffentlicht wurde, kritisierte er …“: no message before the cue)."""
    for k in range(j, span.start, -1):
        if art.words[k - 1] == ",":
            return art.tags[k] in RELATIVE_TAGS
    return False


def _adverbial_clause(art: TokenView, span: range) -> bool:
    """A clause opened by „wenn“, „nachdem“, „weil“ … (after leading adverbs: „selbst wenn“), or an
    infinitive clause of purpose („um … zu“, „ohne … zu“)."""
    first = next((j for j in span if art.tags[j] != "ADV"), span.start)
    if art.tags[first] == "KOUI":
        return True
    return art.tags[first] == "KOUS" and art.words[first].lower() not in COMPLEMENT_CONJUNCTIONS


def _opens_relative_clause(art: TokenView, j: int) -> bool:
    """„der …“, „deren …“, or with a preposition: „mit der …“, „nach denen …“."""
    if art.tags[j] in {"APPR", "APPRART"} and j + 1 < len(art):
        j += 1
    return art.tags[j] in RELATIVE_TAGS


def _may_be_message_before(art: TokenView, cue: Sequence[int], span: range) -> bool:
    if any(art.in_quote[j] for j in span):
        return True
    verbs = [j for j in span if art.tags[j].startswith("V") and not _in_relative_clause(art, j, span)]
    if not verbs or _adverbial_clause(art, span):
        return False
    return not (bare_participle(art, cue) and all(art.tags[j] in {"VAFIN", "VMFIN"} for j in verbs))


def rule_reported_drafts(art: TokenView, drafts: Sequence[Draft]) -> list[Draft]:
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


def subjunctive_continuations(
    art: TokenView, drafts: Sequence[Draft], reach: int, runs: bool = True
) -> list[Draft]:
    """Untouched sentences in Konjunktiv I shortly after a statement: it goes on in indirect speech.

    („Die Armee sprach von einem Absturz. Der Hubschrauber sei abgestürzt, …“), and with ``runs`` so
    on through a run of such sentences. A continuation is as likely right as the statement it continues, whose
    confidence it takes.
    """
    owner = {art.sentence_of[i]: d for d in drafts for i in (*d.message, *d.cue)}
    found = []
    for n, sentence in enumerate(art.sentences):
        before = [k for k in range(n - reach, n) if k in owner]
        if n in owner or not before:
            continue
        finite = [j for j in sentence if art.tags[j] in FINITE_TAGS and not art.in_quote[j]]
        if any(art.moods[j] == "SubPres" for j in finite):
            continued = owner[before[-1]]
            draft = Draft(list(sentence), "IndirectFreeIndirect", confidence=continued.confidence)
            found.append(draft)
            if runs:
                owner[n] = draft  # a run of Konjunktiv sentences goes on as far as it runs
    return found


def cue_clause_tail(art: TokenView, draft: Draft) -> list[int]:
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

"""The rule baseline's clauses and verbs: sentences, cue verbs with particle and auxiliary, moods, frames."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from zitat.attribution.lexicon import CUE_VERBS, REPORTING_VERB_PREPOSITIONS, REPORTING_VERBS, SPEECH_WRITING
from zitat.document import Form, Statement, token_ids
from zitat.text.grammar import CLAUSE_BREAKS, is_subjunctive


@dataclass
class Sentence:
    start: int
    end: int  # exclusive

    def ids(self) -> range:
        return range(self.start, self.end)


def sentences(doc: Doc) -> list[Sentence]:
    return [Sentence(s.start, s.end) for s in doc.sents]


def main_clause_verb(doc: Doc, sent: Sentence) -> int | None:
    """The finite full verb of a sentence's main clause: the first VVFIN before any comma."""
    for i in sent.ids():
        if doc[i].text in CLAUSE_BREAKS:
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


def cue_medium(tok: Token, prefix: str = "") -> str | None:
    """Medium of a cue verb (with its separated particle as ``prefix``: „warf … vor“), or None."""
    if not tok.tag_.startswith(("VV", "VA")):
        return None
    lemma = prefix.lower() + tok.lemma_.lower()
    if lemma == "heißen":
        return SPEECH_WRITING
    return CUE_VERBS.get(lemma)


def cue_tokens(doc: Doc, verb: int, verb_particle: int | None, sent: Sentence) -> tuple[int, ...]:
    """A cue verb with its separated particle and, for a participle, its auxiliary."""
    ids = [verb] if verb_particle is None else [verb, verb_particle]
    if doc[verb].tag_ == "VVPP":
        ids += auxiliary(doc, verb, sent)
    return token_ids(ids)


def auxiliary(doc: Doc, participle: int, sent: Sentence) -> tuple[int, ...]:
    """The finite auxiliary of a participle in its clause („hat … angekündigt“, „angekündigt hatte“)."""
    j = participle - 1
    while j >= sent.start and doc[j].text not in CLAUSE_BREAKS:
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


def as_clause_start(doc: Doc, cue: int, sent: Sentence) -> int | None:
    """The „wie“ of „(Denn) wie die WHO mitteilte, …“ when the cue ends that clause, else None."""
    for j in range(sent.start, min(sent.start + 2, cue)):
        if doc[j].lower_ == "wie":
            return j if all(doc[k].text != "," for k in range(j, cue)) else None
    return None


def reporting_form(doc: Doc, sent: Sentence, quoted: set[int]) -> Form | None:
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


def clause_after(doc: Doc, i: int, sent: Sentence) -> tuple[int, ...]:
    """Tokens from i to the sentence end, without the final punctuation."""
    end = sent.end
    while end > i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return tuple(range(i, end))


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
    return j == len(doc) or bool(doc[j].is_sent_start)

"""The CRF model: its taggers, its settings, and prediction as a named list of decoding steps.

After the taggers, ``predict`` runs the steps of ``DECODING_STEPS`` in order. The docstring of
each step's function gives its evidence (5-fold cross-validation, or counts of the convention in the
training articles); a benchmark measures one by switching it off:
``CrfExtractor(folder, skip={"rule_source"})``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import pycrfsuite
from spacy.tokens import Doc

from zitat.attribution.crf.cues import (
    derive_frame,
    messages_beside,
    messages_by_sentence,
    read_cues,
    rule_confidence,
    with_auxiliary,
    with_reflexive,
)
from zitat.attribution.crf.drafts import CUED_FORMS, CueReading, Draft, claimed_tokens, has_content, mean
from zitat.attribution.crf.evidential import claim_evidential, evidential_source, within_evidential_clause
from zitat.attribution.crf.messages import (
    cue_clause_tail,
    is_quotation,
    join_split_messages,
    nearest_cue,
    orphan_drafts,
    previous_sentence_cue,
    rule_reported_drafts,
    subjunctive_continuations,
    unfounded_indirect,
)
from zitat.attribution.crf.roles import (
    agentless_passive,
    facing_addressee,
    likeliest_source,
    object_addressee,
    quoted_person_draft,
    rule_source,
    speaks_on,
    subject_before_cue,
)
from zitat.attribution.crf.sequences import (
    STAGES,
    medium_features,
    message_sequence,
    nested_features,
    quoted_spans,
    reported_features,
    role_sequence,
    role_window,
)
from zitat.attribution.features import TokenView
from zitat.attribution.labels import decode_runs
from zitat.document import Form, Statement, as_form, token_ids
from zitat.errors import ZitatError

# forms the "reported" stage gives whole sentences (SpkAtt-2023 gives neither of them a cue)
SENTENCE_FORMS: tuple[Form, ...] = ("Reported", "FreeIndirect")

# The decoding steps after the taggers, in the order ``predict`` runs them.
DECODING_STEPS: dict[str, str] = {
    "quotation_form": "a message from an opening to a closing quotation mark is Direct (is_quotation)",
    "nearest_cue": "a Direct or Indirect message takes the nearest detected cue of its sentences",
    "likeliest_cue": "… else the likeliest cue tokens by the cue tagger's marginals (CueReading.likeliest)",
    "previous_sentence_cue": "a Direct message still without a cue takes the last cue of the sentence before",
    "join_split_messages": "Indirect messages that took the same cue are one message",
    "claim_evidential": "an evidential cue in a cue-less message's sentence makes it Indirect",
    "evidential_clause": "an evidential cue's message is cut to (or grown to) the cue's clause",
    "orphan_messages": "detected cues no message claimed get the clause next to them as message",
    "drop_unfounded_indirect": "indirect messages with neither a cue nor a subjunctive are dropped",
    "reported_sentences": "the reported classifier's whole-sentence Reported and FreeIndirect statements",
    "rule_reported": "the rule baseline's Reported statements in sentences nothing else claimed",
    "subjunctive_continuations": "Konjunktiv I sentences shortly after a statement continue it",
    "continuation_runs": "… and a run of them goes on as far as it runs",
    "cue_clause_tail": "a cue-less sentence-wide message is cut to the part after its cue clause",
    "agentless_passive": "a passive cue without a „von“ agent has no source",
    "evidential_source": "a source-less statement of „laut X“ and the like takes X",
    "rule_source": "… else the rule baseline's source nearest to the cue",
    "subject_before_cue": "… else the subject noun phrase before the cue",
    "likeliest_source": "… else the span at the likeliest B-S marginal of the roles tagger",
    "facing_addressee": "„gegenüber X“ in the cue's sentence is the addressee",
    "object_addressee": "… else the object of „auffordern“, „vorwerfen“ and the like",
    "speaker_continuation": "free indirect speech goes on with the previous statement's source",
    "quoted_person": "„zitierte X mit den Worten“: X is a second source of the same message",
    "nested_quotes": "the nested classifier's direct quotes inside messages",
    "cue_auxiliary": "a participle cue takes its finite auxiliary",
    "cue_reflexive": "a cue verb takes its reflexive „sich“",
}


@dataclass(frozen=True)
class CrfSettings:
    """The decoding thresholds, tuned by 5-fold cross-validation; saved in the model folder's model.json."""

    # the reported classifier's own decision: lower thresholds found as many wrong sentences as right ones
    reported_min_probability: float = 0.5
    # Viterbi decoding is too shy with sources: a plausible one from this marginal on beats none
    source_fallback_marginal: float = 0.1
    # a cued message without a detected cue takes the likeliest one from this marginal on
    cue_fallback_marginal: float = 0.02
    # further cue tokens („äußerte sich“, „warf … vor“) need this share of the best one's marginal
    cue_fallback_share: float = 0.5
    # sentences after a statement within which Konjunktiv I continues it and free indirect speech
    # may still take its source
    continuation_reach: int = 3

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CrfSettings:
        known = {f.name for f in fields(cls)}
        if unknown := set(data) - known:
            raise ZitatError(f"unknown CRF settings: {', '.join(sorted(unknown))}")
        return cls(**data)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


CueReader = Callable[[TokenView], CueReading]


class CrfExtractor:
    """Loads the taggers of all stages from one model folder; callable on a ``Doc`` with morphology.

    ``skip`` names decoding steps to leave out (``DECODING_STEPS``); ``cue_reader`` replaces the cue
    tagger's reading (a benchmark's oracle or another cue model).
    """

    def __init__(
        self,
        model_dir: Path,
        name: str = "fast",
        settings: CrfSettings | None = None,
        skip: Collection[str] = (),
        cue_reader: CueReader | None = None,
    ) -> None:
        if unknown := set(skip) - set(DECODING_STEPS):
            raise ValueError(f"unknown decoding steps: {', '.join(sorted(unknown))}")
        self.name = name
        self.settings = settings or CrfSettings()
        self.skip = frozenset(skip)
        self.taggers: dict[str, pycrfsuite.Tagger] = {}
        for stage in STAGES:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model_dir / f"{stage}.crfsuite"))
            self.taggers[stage] = tagger
        self.lexicon = frozenset(json.loads((model_dir / "lexicon.json").read_text(encoding="utf-8")))
        self.cue_reader = cue_reader or self.read_cues

    def uses(self, step: str) -> bool:
        return step not in self.skip

    def __call__(self, doc: Doc) -> list[Statement]:
        if len(doc) == 0:
            return []
        return self.predict(TokenView.from_doc(doc))

    def predict(self, art: TokenView) -> list[Statement]:
        reading = self.cue_reader(art)
        drafts, in_message = self.find_messages(art, reading.cues)
        drafts = self.decode_messages(art, drafts, reading)
        drafts.sort(key=lambda d: d.message[0])
        previous: Draft | None = None
        for draft in drafts:
            self.tag_roles(art, draft, reading)
            if previous is not None and self.continues_speaker(art, draft, previous):
                draft.source = previous.source
            previous = draft
            draft.medium = self.taggers["medium"].tag([medium_features(art, draft)])[0]
            if draft.confidence is None:
                draft.confidence = rule_confidence(art, draft, in_message, reading.probability)
        if self.uses("quoted_person"):
            drafts += [quoted for draft in drafts if (quoted := quoted_person_draft(art, draft))]
        top_level = len(drafts)
        if self.uses("nested_quotes"):
            drafts += self.find_nested(art, drafts, reading)
        by_sentence = messages_by_sentence(art.sentence_of, drafts[:top_level])
        return [self.statement(art, d, by_sentence if k < top_level else None) for k, d in enumerate(drafts)]

    def decode_messages(self, art: TokenView, drafts: list[Draft], reading: CueReading) -> list[Draft]:
        """The message steps of ``DECODING_STEPS``: forms and cues of the tagged messages, then the
        messages that rules add, cut, join or drop."""
        cues = reading.cues
        for draft in drafts:
            if self.uses("quotation_form") and is_quotation(art, draft.message):
                draft.form = "Direct"
            if draft.form in CUED_FORMS:
                draft.cue = (nearest_cue(art, draft.message, cues) if self.uses("nearest_cue") else ()) or (
                    self.likeliest_cue(art, draft.message, reading) if self.uses("likeliest_cue") else ()
                )
            if draft.form == "Direct" and not draft.cue and self.uses("previous_sentence_cue"):
                draft.cue = previous_sentence_cue(art, draft.message, cues)
        if self.uses("join_split_messages"):
            drafts = join_split_messages(drafts)
        if self.uses("claim_evidential"):
            claim_evidential(art, cues, drafts)
        if self.uses("evidential_clause"):
            for draft in drafts:
                draft.message = within_evidential_clause(art, draft)
        orphans = orphan_drafts(art, cues, drafts) if self.uses("orphan_messages") else []
        if self.uses("drop_unfounded_indirect"):
            drafts = [d for d in drafts if not unfounded_indirect(art, d)]
        drafts += orphans
        if self.uses("reported_sentences"):
            drafts += self.find_reported(art, drafts)
        if self.uses("rule_reported"):
            drafts += rule_reported_drafts(art, drafts)
        if self.uses("subjunctive_continuations"):
            reach, runs = self.settings.continuation_reach, self.uses("continuation_runs")
            drafts += subjunctive_continuations(art, drafts, reach, runs)
        if self.uses("cue_clause_tail"):
            for draft in drafts:
                if tail := cue_clause_tail(art, draft):
                    draft.message, draft.form = tail, "Indirect"
                    draft.cue = reading.likeliest(
                        art, tail, least=0.0, share=self.settings.cue_fallback_share
                    )
        return drafts

    def continues_speaker(self, art: TokenView, draft: Draft, previous: Draft) -> bool:
        reach = self.settings.continuation_reach
        return self.uses("speaker_continuation") and speaks_on(art, draft, previous, reach)

    def likeliest_cue(self, art: TokenView, message: Sequence[int], reading: CueReading) -> tuple[int, ...]:
        settings = self.settings
        return reading.likeliest(art, message, settings.cue_fallback_marginal, settings.cue_fallback_share)

    def statement(
        self, art: TokenView, draft: Draft, top_level: Mapping[int, Sequence[Draft]] | None
    ) -> Statement:
        """The finished statement of a draft; ``top_level``: the top-level drafts by the sentences their
        messages touch, None for a nested one."""
        cue = with_auxiliary(art, draft.cue) if self.uses("cue_auxiliary") else draft.cue
        if self.uses("cue_reflexive"):
            cue = with_reflexive(art, cue, draft.message)
        # a nested statement's frame is measured against its own message only
        beside = (
            messages_beside(draft, top_level, art.sentence_of)
            if top_level is not None
            else set(draft.message)
        )
        return Statement(
            cue=token_ids(cue),
            message=token_ids(draft.message),
            source=draft.source,
            addressee=draft.addressee,
            frame=derive_frame(art, draft.cue, beside),
            form=draft.form,
            medium=draft.medium,
            confidence=draft.confidence or 0.0,  # every draft has one by now
        )

    def find_messages(
        self, art: TokenView, cues: Sequence[tuple[int, ...]]
    ) -> tuple[list[Draft], list[float]]:
        """The message tagger's messages, each with the mean marginal probability of its labels, and
        per token the probability that it lies in some message."""
        tagger = self.taggers["messages"]
        labels = tagger.tag(message_sequence(art, self.lexicon, cues))
        drafts = [
            Draft(
                message=ids, form=as_form(form), confidence=mean([tagger.marginal(labels[i], i) for i in ids])
            )
            for form, ids in decode_runs(labels)
            if has_content(art, ids)
        ]
        return drafts, [1 - tagger.marginal("O", i) for i in range(len(art))]

    def read_cues(self, art: TokenView) -> CueReading:
        return read_cues(self.taggers["cues"], art, self.lexicon)

    def find_reported(self, art: TokenView, drafts: Sequence[Draft]) -> list[Draft]:
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
            if taken.intersection(sentence) or not has_content(art, sentence):
                continue
            tagger.set([reported_features(art, sentence, self.lexicon)])
            form = max(forms, key=lambda f: tagger.probability([f]))
            if (probability := tagger.probability([form])) >= self.settings.reported_min_probability:
                found.append(Draft(list(sentence), form, confidence=probability))
        return found

    def find_nested(self, art: TokenView, outers: Sequence[Draft], reading: CueReading) -> list[Draft]:
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

    def tag_roles(self, art: TokenView, draft: Draft, reading: CueReading) -> None:
        cue = draft.cue
        if not cue and draft.form in CUED_FORMS:
            # too unlikely to be shown as the cue, but a better anchor for the roles than none
            cue = reading.likeliest(art, draft.message, least=0.0, share=self.settings.cue_fallback_share)
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
        if self.uses("agentless_passive") and agentless_passive(art, draft):
            draft.source = ()
        elif not draft.source:
            draft.source = self.fallback_source(art, draft, window, len(seq))
        if not draft.addressee:
            draft.addressee = (facing_addressee(art, draft) if self.uses("facing_addressee") else ()) or (
                object_addressee(art, draft) if self.uses("object_addressee") else ()
            )

    def fallback_source(self, art: TokenView, draft: Draft, window: range, length: int) -> tuple[int, ...]:
        """The first source of the source steps that finds one, for a statement the roles tagger gave none."""
        if self.uses("evidential_source") and (found := evidential_source(art, draft.cue)):
            return found
        if self.uses("rule_source") and (found := rule_source(art, draft)):
            return found
        if self.uses("subject_before_cue") and (found := subject_before_cue(art, draft)):
            return found
        if self.uses("likeliest_source"):
            tagger = self.taggers["roles"]  # its marginals are still those of this draft's sequence
            return tuple(
                window.start + i
                for i in likeliest_source(tagger, length, self.settings.source_fallback_marginal)
            )
        return ()

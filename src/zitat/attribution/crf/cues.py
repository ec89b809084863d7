"""Cues: reading them off the cue tagger, completing them (auxiliary, reflexive), and their frames."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import pycrfsuite

from zitat.attribution.crf.drafts import CueReading, Draft, mean
from zitat.attribution.crf.sequences import cue_sequences
from zitat.attribution.features import TokenView
from zitat.attribution.labels import decode_runs
from zitat.document import token_ids
from zitat.text.grammar import (
    ATTRIBUTION_PREPOSITIONS,
    CLAUSE_BOUNDARIES,
    SENTENCE_END,
)


def read_cues(tagger: pycrfsuite.Tagger, art: TokenView, lexicon: Collection[str]) -> CueReading:
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


def sentence_cues(art: TokenView, sentence: range, labels: Sequence[str]) -> list[tuple[int, ...]]:
    """The cues of one sentence's cue labels, plus the attribution prepositions of ``read_cues``."""
    found = [tuple(ids) for _, ids in decode_runs(labels, sentence.start)]
    marked = {i for cue in found for i in cue}
    vouched = [i for i in sentence if "r:cue" in art.hints[i] and i not in marked]
    found += [(i,) for i in vouched if art.words[i].lower() in ATTRIBUTION_PREPOSITIONS]
    return sorted(found)


def bare_participle(art: TokenView, cue: Sequence[int]) -> bool:
    """A participle cue without its finite auxiliary („hatte … betont“ tagged as „betont“ alone)."""
    return any(art.tags[i] == "VVPP" for i in cue) and not any(art.tags[i] == "VAFIN" for i in cue)


def with_auxiliary(art: TokenView, cue: Sequence[int]) -> tuple[int, ...]:
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


def with_reflexive(art: TokenView, cue: Sequence[int], message: Collection[int]) -> tuple[int, ...]:
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


def messages_by_sentence(sentence_of: Sequence[int], drafts: Sequence[Draft]) -> dict[int, list[Draft]]:
    """The drafts whose message touches each sentence: what ``messages_beside`` looks up, built once
    per article so that a long article costs linear time."""
    index: dict[int, list[Draft]] = {}
    for draft in drafts:
        for sentence in {sentence_of[i] for i in draft.message}:
            index.setdefault(sentence, []).append(draft)
    return index


def messages_beside(
    draft: Draft, by_sentence: Mapping[int, Sequence[Draft]], sentence_of: Sequence[int]
) -> set[int]:
    """A statement's message with the other statements' messages in its cue's sentences: none of them
    is part of its frame.

    („Die Lage sei ernst, sagte er, und man müsse handeln, fügte er hinzu.“: each cue's frame leaves
    out both messages; 1,938 of 2,001 such tokens lie outside the gold frames of the training articles:
    benchmarks/spkatt_conventions.py.) A statement with the same message (a „zitieren“ twin) is no
    other one.
    """
    tokens = set(draft.message)
    for sentence in {sentence_of[i] for i in draft.cue}:
        for other in by_sentence.get(sentence, ()):
            if other.message != draft.message:
                tokens.update(i for i in other.message if sentence_of[i] == sentence)
    return tokens


def derive_frame(art: TokenView, cue: Sequence[int], message: Collection[int]) -> tuple[int, ...]:
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


def rule_confidence(
    art: TokenView, draft: Draft, in_message: Sequence[float], cue_probability: Sequence[float]
) -> float:
    """The confidence of a statement that a rule made: the better of the message tagger's mean
    probability that its tokens are a message and the cue tagger's for its cue (in the cue's sentence)."""
    message = mean([in_message[i] for i in draft.message])
    if not draft.cue:
        return message
    sentence = art.sentences[art.sentence_of[draft.cue[0]]]
    return max(message, mean([cue_probability[i] for i in draft.cue if i in sentence]))

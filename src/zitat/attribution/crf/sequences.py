"""The feature sequences of the six stages, shared by training and prediction."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from zitat.attribution.crf.drafts import Draft
from zitat.attribution.features import (
    Features,
    TokenView,
    sentence_context,
    speaker_nouns,
    token_features,
    window_features,
)
from zitat.attribution.lexicon import CUE_VERBS, REPORTING_VERBS
from zitat.document import Form
from zitat.speakers.lexicon import first_names, role_of
from zitat.text.grammar import CRF_CLOSING_QUOTES, CRF_OPENING_QUOTES

STAGES = ("messages", "cues", "roles", "medium", "nested", "reported")
MAX_ROLE_SENTENCES = 8
HEARSAY_MODALS = frozenset({"sollen", "wollen"})


def message_sequence(
    art: TokenView, lexicon: Collection[str], cues: Sequence[tuple[int, ...]]
) -> list[Features]:
    context = sentence_context(art, lexicon)
    relative = cue_context(art, cues)
    local = art.local_features
    return [local[i] + context[i] + relative[i] for i in range(len(art))]


def cue_context(art: TokenView, cues: Sequence[tuple[int, ...]]) -> list[Features]:
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
            tok += [f"pc:d={distance_bucket(d)}", f"pc:lem={lemma}|{d > 0}", f"pc:n={min(len(here), 2)}"]
            between = range(min(i, anchor) + 1, max(i, anchor))
            tok.append(f"pc:comma={any(art.words[j] == ',' for j in between)}|{d > 0}")
        else:
            tok.append("pc:none")
        feats.append(tok)
    return feats


def cue_sequences(art: TokenView, lexicon: Collection[str]) -> list[list[Features]]:
    return [cue_sequence(art, rng, lexicon) for rng in art.sentences]


def cue_sequence(art: TokenView, sentence: range, lexicon: Collection[str]) -> list[Features]:
    seq = []
    for i in sentence:
        feats = list(art.local_features[i])
        if art.lemmas[i].lower() in lexicon:
            feats.append("lexicon")
        seq.append(feats)
    return seq


def role_window(art: TokenView, cue: Sequence[int], message: Sequence[int]) -> range:
    """The tokens of the sentences spanned by cue and message; one sentence more before a cue-less one."""
    anchors = [*cue, message[0], message[-1]]
    first = min(art.sentence_of[i] for i in anchors) - (0 if cue else 1)
    last = max(art.sentence_of[i] for i in anchors)
    first = max(first, 0, last - MAX_ROLE_SENTENCES)
    return range(art.sentences[first].start, art.sentences[last].stop)


def distance_bucket(distance: int) -> str:
    size = abs(distance)
    label = str(size) if size <= 3 else "4-6" if size <= 6 else "7-12" if size <= 12 else "far"
    return ("-" if distance < 0 else "+") + label


def role_sequence(
    art: TokenView, window: range, cue: Sequence[int], message: Sequence[int], form: Form
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
            feats += [f"cued={distance_bucket(d)}", f"cueside={side}|{where}", f"cue={cue_lemma}|{side}"]
            feats.append(f"cuesent={art.sentence_of[j] in cue_sents}")
            feats.append(f"cueside={side}|tag={art.tags[j]}")
        msg_side = "in" if msg_lo <= j <= msg_hi else "before" if j < msg_lo else "after"
        feats += [f"msgside={msg_side}", f"msgside={msg_side}|tag={art.tags[j]}"]
        feats += speaker_word_features(art, j)
        feats.append(f"msgsent={art.sentence_of[j] - art.sentence_of[msg_lo]}")
        seq.append(feats)
    return seq


def speaker_word_features(art: TokenView, j: int) -> Features:
    """What the speaker word lists know of a token: a role noun („Sprecherin“), an institution
    („Ministerium“), a first name; they name speakers the training articles never mention."""
    feats = ["spk=" + kind for kind in speaker_nouns(art, j)]
    if art.tags[j] == "NE" and art.words[j].lower() in first_names():
        feats.append("spk=firstname")
    return feats


def medium_features(art: TokenView, draft: Draft) -> Features:
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


def quoted_spans(art: TokenView, message: Sequence[int]) -> list[list[int]]:
    """Quotations (marks included) inside a message, outermost first; not the whole message itself."""
    spans = []
    opened: list[int] = []
    for pos, i in enumerate(message):
        if art.words[i] in CRF_OPENING_QUOTES:
            opened.append(pos)
        elif art.words[i] in CRF_CLOSING_QUOTES and opened:
            start = opened.pop()
            if not opened and (start, pos) != (0, len(message) - 1):
                spans.append(list(message[start : pos + 1]))
    return spans


def nested_features(art: TokenView, outer: Draft, span: Sequence[int]) -> Features:
    inner = span[1:-1]
    feats = [
        f"form={outer.form}",
        f"len={distance_bucket(len(inner))}",
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


def reported_features(art: TokenView, sentence: range, lexicon: Collection[str]) -> Features:
    feats = [f"len={distance_bucket(len(sentence))}", "first=" + art.words[sentence.start].lower()]
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

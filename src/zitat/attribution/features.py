"""Token features for the trained attribution model.

A ``TokenView`` is the model's plain view of a document: words, lemmas, STTS tags, moods and sentence
ids, built from a ``Doc`` with morphology (see ``zitat.text``). All features are strings for crfsuite.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc

from zitat.document import sentence_index
from zitat.speakers.lexicon import institution_type, role_of
from zitat.text.grammar import AMBIGUOUS_QUOTES, CRF_CLOSING_QUOTES, CRF_OPENING_QUOTES, GUILLEMET_PARTNERS
from zitat.text.quotes import normalize_quotes

Features = list[str]


@dataclass
class TokenView:
    """Words, lemmas, STTS tags, moods and sentence ids of one document, plus derived token facts.

    ``moods`` holds ``SubPres`` (Konjunktiv I), ``SubPast`` (Konjunktiv II) or ``""`` per token.
    """

    words: list[str]
    lemmas: list[str]
    tags: list[str]
    moods: list[str]
    sentence_of: list[int]
    # per token, what the rule baseline found there (stacked: the taggers learn when to trust it)
    hints: list[Features] = field(default_factory=list)
    in_quote: list[bool] = field(init=False)
    sentences: list[range] = field(init=False)

    def __post_init__(self) -> None:
        self.in_quote = quote_state(self.words)
        self.sentences = sentence_ranges(self.sentence_of)
        if not self.hints:
            self.hints = [[] for _ in self.words]

    def __len__(self) -> int:
        return len(self.words)

    @cached_property
    def local_features(self) -> list[Features]:
        """Token and ±2 window features of every token, shared by the cue and message taggers."""
        return [token_features(self, i) + window_features(self, i) for i in range(len(self.words))]

    @classmethod
    def from_doc(cls, doc: Doc) -> TokenView:
        # every outlet's quotation marks read as German „…“ and ‚…‘ (same length, so offsets hold)
        text = normalize_quotes(doc.text)
        return cls(
            words=[text[t.idx : t.idx + len(t.text)] for t in doc],
            lemmas=[t.lemma_ or t.text for t in doc],
            tags=[t.tag_ for t in doc],
            moods=[subjunctive_mood(t.morph.get("Mood", None), t.morph.get("Tense", None)) for t in doc],
            sentence_of=sentence_index(doc),
            hints=rule_hints(doc),
        )


def rule_hints(doc: Doc) -> list[Features]:
    """Per token: inside which part of a rule-baseline statement it lies (message with form, cue, …)."""
    from zitat.attribution.rules import RuleExtractor

    hints: list[Features] = [[] for _ in range(len(doc))]
    for statement in RuleExtractor()(doc):
        for k, i in enumerate(statement.message):
            hints[i].append(f"r:msg={statement.form}")
            if k == 0 or statement.message[k - 1] != i - 1:
                hints[i].append("r:msgB")
        for part, ids in (("cue", statement.cue), ("src", statement.source), ("addr", statement.addressee)):
            for i in ids:
                hints[i].append(f"r:{part}")
    return hints


def subjunctive_mood(mood: Sequence[str], tense: Sequence[str]) -> str:
    """``SubPres``/``SubPast`` for Konjunktiv I/II from UD features, else ``""``."""
    if "Sub" not in mood:
        return ""
    return "SubPres" if "Pres" in tense else "SubPast"


def sentence_ranges(sentence_of: Sequence[int]) -> list[range]:
    ranges: list[range] = []
    start = 0
    for i in range(1, len(sentence_of) + 1):
        if i == len(sentence_of) or sentence_of[i] != sentence_of[i - 1]:
            ranges.append(range(start, i))
            start = i
    return ranges


def quote_state(words: Sequence[str]) -> list[bool]:
    """For every token, whether it lies inside quotation marks (the marks themselves count as inside).

    A guillemet closes the quote its partner opened (»…«, «…», ›…‹, ‹…›) and opens one otherwise.
    Quotes with only a closing mark are left to the ``closeahead``/``noopenbefore`` sentence features.
    """
    inside = [False] * len(words)
    opened: list[str] = []  # the opening marks of the quotes around the current token, innermost last
    for i, word in enumerate(words):
        if opened and GUILLEMET_PARTNERS.get(word) == opened[-1]:
            inside[i] = True
            opened.pop()
        elif (
            word in CRF_OPENING_QUOTES
            or word in GUILLEMET_PARTNERS
            or (word in AMBIGUOUS_QUOTES and not opened)
        ):
            opened.append(word)
            inside[i] = True
        elif word in CRF_CLOSING_QUOTES or (word in AMBIGUOUS_QUOTES and opened):
            inside[i] = True
            if opened:
                opened.pop()
        else:
            inside[i] = bool(opened)
        if len(opened) > 2:  # runaway: an unbalanced mark; reset rather than quote the rest of the article
            opened.clear()
    return inside


def token_features(art: TokenView, i: int) -> Features:
    """Features of token ``i`` itself."""
    word, lemma, tag = art.words[i], art.lemmas[i], art.tags[i]
    low = word.lower()
    feats = [
        "w=" + low,
        "lem=" + lemma.lower(),
        "tag=" + tag,
        "tag2=" + tag[:2],
        "suf3=" + low[-3:],
        "pre3=" + low[:3],
        "q=" + str(art.in_quote[i]),
    ]
    if word[:1].isupper():
        feats.append("title")
    if word in CRF_OPENING_QUOTES or word in CRF_CLOSING_QUOTES or word in AMBIGUOUS_QUOTES:
        feats.append("qmark")
    if art.moods[i]:
        feats.append("mood=" + art.moods[i])
    return feats + art.hints[i]


def window_features(art: TokenView, i: int, width: int = 2) -> Features:
    """Words and tags of the neighbours, within the article."""
    feats: Features = []
    for d in range(-width, width + 1):
        if d == 0:
            continue
        j = i + d
        if 0 <= j < len(art):
            feats += [f"{d}:w={art.words[j].lower()}", f"{d}:tag={art.tags[j]}"]
            if art.sentence_of[j] != art.sentence_of[i]:
                feats.append(f"{d}:othersent")
        else:
            feats.append(f"{d}:edge")
    if i + 1 < len(art):
        feats.append(f"bigram={art.words[i].lower()}|{art.words[i + 1].lower()}")
    return feats


def sentence_context(art: TokenView, lexicon: Collection[str]) -> list[Features]:
    """Per token, facts about its sentence: cue words, subjunctives, quotes, position."""
    feats: list[Features] = [[] for _ in range(len(art))]
    facts = [_sentence_facts(art, rng, lexicon) for rng in art.sentences]
    for n, rng in enumerate(art.sentences):
        # first and last positions suffice for "is there one before/after token j"
        last_close = max((j for j in rng if art.words[j] in CRF_CLOSING_QUOTES), default=-1)
        first_open = min((j for j in rng if art.words[j] in CRF_OPENING_QUOTES), default=len(art))
        cue_words = [j for j in rng if art.lemmas[j].lower() in lexicon]
        first_cue, last_cue = (cue_words[0], cue_words[-1]) if cue_words else (len(art), -1)
        sent_facts = ["s:" + f for f in facts[n]]
        sent_facts += ["p:" + f for f in (facts[n - 1] if n else ["none"])]
        sent_facts += ["n:" + f for f in (facts[n + 1] if n + 1 < len(facts) else ["none"])]
        for j in rng:
            pos = j - rng.start
            tok = [*sent_facts, f"pos={min(pos, 5)}", f"rpos={min(rng.stop - 1 - j, 5)}"]
            tok.append("closeahead" if last_close > j else "nocloseahead")
            tok.append("openbefore" if first_open < j else "noopenbefore")
            tok.append(f"cueL={first_cue < j}|cueR={last_cue > j}")
            feats[j] = tok
    return feats


def _sentence_facts(art: TokenView, rng: range, lexicon: Collection[str]) -> Features:
    cue_lemmas = sorted({art.lemmas[j].lower() for j in rng if art.lemmas[j].lower() in lexicon})
    quoted = sum(art.in_quote[j] for j in rng) / max(len(rng), 1)
    facts = [
        f"konj1={any(art.moods[j] == 'SubPres' for j in rng)}",
        f"konj2={any(art.moods[j] == 'SubPast' for j in rng)}",
        f"quoted={round(quoted * 4)}",
        f"ncue={min(len(cue_lemmas), 2)}",
        f"first={art.words[rng.start].lower()}",
        f"speaker={any(_names_a_speaker(art, j) for j in rng)}",
    ]
    return facts + ["cue=" + c for c in cue_lemmas[:3]]


def _names_a_speaker(art: TokenView, j: int) -> bool:
    """A role noun („Sprecherin“) or an institution („Ministerium“) outside quotes: someone who speaks."""
    return not art.in_quote[j] and bool(speaker_nouns(art, j))


def speaker_nouns(art: TokenView, j: int) -> list[str]:
    """What zitat's speaker word lists make of a common noun: "role" („Sprecherin“) and the type of
    institution („Ministerium“: "government"), either, both or neither."""
    if art.tags[j] != "NN":
        return []
    lemma = art.lemmas[j].lower()
    kinds = ["role"] if role_of(lemma) else []
    if kind := institution_type(lemma):
        kinds.append(kind)
    return kinds

"""Part of speech (STTS), lemma and verb mood for German tokens.

POS and lemma come from HanTa (its model ships in the wheel). HanTa does not give mood, so mood is
derived from form and lemma: Konjunktiv I (er sei, habe, sage, teile … mit) is THE signal of indirect
speech in German, Konjunktiv II (wäre, hätte, würde, gäbe) often stands in for it.

Moods are written in UD style on finite verbs: ``Mood=Sub|Tense=Pres`` (Konjunktiv I),
``Mood=Sub|Tense=Past`` (Konjunktiv II), ``Mood=Ind``. Forms that are identical in indicative and
subjunctive (sie sagen, er sagte) count as indicative: only unambiguous forms are marked.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.tokens import Doc

FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})

KONJUNKTIV_I = frozenset(
    [
        "sei",
        "seiest",
        "seist",
        "seien",
        "seiet",
        "habe",
        "habest",
        "habet",
        "werde",
        "werdest",
        "werdet",
        "könne",
        "könnest",
        "müsse",
        "müssest",
        "solle",
        "sollest",
        "wolle",
        "wollest",
        "dürfe",
        "dürfest",
        "möge",
        "mögest",
        "wisse",
        "wissest",
    ]
)
KONJUNKTIV_II = frozenset(
    [
        "wäre",
        "wärest",
        "wärst",
        "wären",
        "wäret",
        "hätte",
        "hättest",
        "hätten",
        "hättet",
        "würde",
        "würdest",
        "würden",
        "würdet",
        "könnte",
        "könntest",
        "könnten",
        "müsste",
        "müsstest",
        "müssten",
        "dürfte",
        "dürften",
        "möchte",
        "möchtest",
        "möchten",
        "gäbe",
        "gäben",
        "käme",
        "kämen",
        "ginge",
        "gingen",
        "bliebe",
        "blieben",
        "stünde",
        "stünden",
        "stände",
        "ließe",
        "ließen",
        "wüsste",
        "wüssten",
        "täte",
        "täten",
        "sähe",
        "sähen",
        "fände",
        "fänden",
        "hielte",
        "hielten",
        "läge",
        "lägen",
        "zöge",
        "zögen",
        "bräuchte",
        "bräuchten",
    ]
)
UMLAUTS = str.maketrans("äöü", "aou")
# subjects that make "-e" forms indicative (ich sage, ich habe)
FIRST_PERSON = frozenset({"ich"})


@cache
def _tagger() -> Any:
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def normalize_tag(tag: str) -> str:
    """HanTa writes 'VV(FIN)' for STTS 'VVFIN', and 'NNA' (nominalized adjective) for a plain 'NN'."""
    tag = tag.replace("(", "").replace(")", "")
    return "NN" if tag.startswith("NN") else tag


def verb_mood(word: str, lemma: str, previous: str = "") -> str:
    """'Sub|Tense=Pres', 'Sub|Tense=Past' or 'Ind' for a finite verb form."""
    lower, lemma = word.lower(), lemma.lower()
    if lower in KONJUNKTIV_II:
        return "Sub|Tense=Past"
    if lower in KONJUNKTIV_I:
        return "Ind" if previous.lower() in FIRST_PERSON and lower in {"habe", "werde"} else "Sub|Tense=Pres"
    # umlauted stem of a lemma without umlaut, ending like a subjunctive: gäbe (geben), stürbe (sterben)
    if (
        lower.translate(UMLAUTS) != lower
        and lemma.translate(UMLAUTS) == lemma
        and lower.endswith(("e", "en"))
    ):
        return "Sub|Tense=Past"
    # 3rd person singular Konjunktiv I = stem + e, also in separable verbs: sage (sagen), teile (mitteilen)
    if lower.endswith("e") and lemma.endswith(lower + "n") and previous.lower() not in FIRST_PERSON:
        return "Sub|Tense=Pres"
    if lower.endswith("est") and lemma.endswith(lower[:-2] + "en") and not lower.endswith("test"):
        return "Sub|Tense=Pres"
    return "Ind"


def has_morphology(doc: Doc) -> bool:
    return len(doc) == 0 or doc.has_annotation("TAG")


def annotate_morphology(doc: Doc) -> None:
    """Set ``tag_``, ``lemma_`` and ``morph`` (mood of finite verbs) on every token, sentence by sentence."""
    tagger = _tagger()
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        for tok, (_, lemma, tag) in zip(
            tokens, tagger.tag_sent([t.text for t in tokens], taglevel=1), strict=True
        ):
            tag = normalize_tag(tag)
            tok.tag_ = tag
            tok.lemma_ = lemma
            if tag in FINITE_TAGS:
                previous = doc[tok.i - 1].text if tok.i > 0 else ""
                tok.set_morph(f"VerbForm=Fin|Mood={verb_mood(tok.text, lemma, previous)}")
    for tok in doc:
        if tok.is_space:
            tok.tag_ = "_SP"

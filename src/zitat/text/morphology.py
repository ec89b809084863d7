"""Part of speech (STTS), lemma and verb mood for German tokens.

POS and lemma come from a fast perceptron tagger distilled from HanTa (``zitat.text.tagger``), or from
HanTa itself (its model ships in the wheel) when asked or when the distilled weights are missing.
Neither gives mood, so mood is derived from form and lemma: Konjunktiv I (er sei, habe, sage,
teile … mit) is THE signal of indirect speech in German, Konjunktiv II (wäre, hätte, würde, gäbe)
often stands in for it.

Moods are written in UD style on finite verbs: ``Mood=Sub|Tense=Pres`` (Konjunktiv I),
``Mood=Sub|Tense=Past`` (Konjunktiv II), ``Mood=Ind``. Forms that are identical in indicative and
subjunctive (sie sagen, er sagte) count as indicative: only unambiguous forms are marked.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
from spacy.attrs import IS_SPACE, LEMMA, MORPH, ORTH, SENT_START, TAG
from spacy.tokens import Doc

from zitat.errors import ZitatError
from zitat.text.grammar import FINITE_TAGS
from zitat.text.tagger import DEFAULT_MODEL_PATH, default_tagger

BACKENDS = ("auto", "fast", "hanta")

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
SENTENCE_PUNCTUATION = frozenset({".", "!", "?", ";", ":", "…", "...", "?!", "!?"})
UMLAUTS = str.maketrans("äöü", "aou")
# subjects that make "-e" forms indicative (ich sage, ich habe)
FIRST_PERSON = frozenset({"ich"})


@cache
def _hanta() -> Any:
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


def normalize_tag(tag: str) -> str:
    """HanTa writes 'VV(FIN)' for STTS 'VVFIN', and 'NNA' (nominalized adjective) for a plain 'NN'."""
    tag = tag.replace("(", "").replace(")", "")
    return "NN" if tag.startswith("NN") else tag


def punctuation_tag(word: str) -> str | None:
    """The STTS tag of a punctuation token (HanTa tags quotes as XY or FM), None for words."""
    if any(c.isalnum() for c in word):
        return None
    if word == ",":
        return "$,"
    return "$." if word in SENTENCE_PUNCTUATION else "$("


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
    if (
        lower.endswith("e")
        and previous.lower() not in FIRST_PERSON
        and (lemma.endswith(lower + "n") or _el_er_konjunktiv(lower, lemma))
    ):
        return "Sub|Tense=Pres"
    if lower.endswith("est") and lemma.endswith(lower[:-2] + "en") and not lower.endswith("test"):
        return "Sub|Tense=Pres"
    return "Ind"


def _el_er_konjunktiv(lower: str, lemma: str) -> bool:
    """Konjunktiv I of verbs in -eln/-ern, whose infinitive drops the stem's e: handele or handle
    (handeln), ändere (ändern), fordere … auf (auffordern)."""
    if not lemma.endswith(("eln", "ern")):
        return False
    return lemma.endswith(lower[:-1] + "n") or (
        lower.endswith(("le", "re")) and lemma.endswith(lower[:-2] + "e" + lower[-2] + "n")
    )


def has_morphology(doc: Doc) -> bool:
    return len(doc) == 0 or doc.has_annotation("TAG")


def annotate_morphology(doc: Doc, backend: str = "auto") -> None:
    """Set ``tag_``, ``lemma_`` and ``morph`` (mood of finite verbs) on every token, sentence by sentence.

    ``backend``: "fast" (the distilled tagger, ~25x faster), "hanta" (the teacher), or "auto" (fast when
    its weights are installed, else HanTa). Whitespace tokens get the tag "_SP".
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    words = _token_texts(doc)
    sentences = _sentence_word_ids(doc)
    analyses = _analyse([[words[i] for i in ids] for ids in sentences], backend)
    strings, morphology = doc.vocab.strings, doc.vocab.morphology
    values = np.zeros((len(doc), 3), dtype=np.uint64)
    values[:, 0] = strings.add("_SP")
    for ids, tagged in zip(sentences, analyses, strict=True):
        values[ids, 0] = [strings.add(tag) for tag, _ in tagged]
        values[ids, 1] = [strings.add(lemma) for _, lemma in tagged]
        for j, (tag, lemma) in enumerate(tagged):
            if tag in FINITE_TAGS:
                previous = words[ids[j - 1]] if j else ""
                mood = verb_mood(words[ids[j]], lemma, previous)
                values[ids[j], 2] = morphology.add(f"VerbForm=Fin|Mood={mood}")
    # one array write: setting tag_, lemma_ and morph token by token costs more than the tagging
    doc.from_array([TAG, LEMMA, MORPH], values)  # type: ignore[arg-type]  # the stubs want thinc's Ints2d


def _token_texts(doc: Doc) -> list[str]:
    """Token texts from the string store: faster than creating a Token object for each."""
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array([ORTH]).tolist()]


def _sentence_word_ids(doc: Doc) -> list[list[int]]:
    """Indices of the non-whitespace tokens of each sentence (the whole doc if it has no sentences)."""
    starts = doc.to_array([SENT_START]) == 1 if doc.has_annotation("SENT_START") else np.zeros(len(doc), bool)
    spaces = doc.to_array([IS_SPACE]).astype(bool)
    sentences: list[list[int]] = [[]]
    for i, (start, space) in enumerate(zip(starts.tolist(), spaces.tolist(), strict=True)):
        if start and sentences[-1]:
            sentences.append([])
        if not space:
            sentences[-1].append(i)
    return [ids for ids in sentences if ids]


def _analyse(sentences: list[list[str]], backend: str) -> list[list[tuple[str, str]]]:
    """(STTS tag, lemma) for every word."""
    fast = default_tagger() if backend in {"auto", "fast"} else None
    if fast is not None:
        return fast.tag_sentences(sentences)
    if backend == "fast":
        raise ZitatError(f"the fast tagger's weights are missing ({DEFAULT_MODEL_PATH}); use backend='hanta'")
    hanta = _hanta()
    return [
        [
            (punctuation_tag(word) or normalize_tag(tag), lemma)
            for word, lemma, tag in hanta.tag_sent(words, taglevel=1)
        ]
        for words in sentences
    ]

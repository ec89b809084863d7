"""Part of speech, lemma and verb mood: Konjunktiv I is the key signal of indirect speech."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zitat.errors import ZitatError
from zitat.text.morphology import annotate_morphology, has_morphology, punctuation_tag, verb_mood
from zitat.text.sentences import split_sentences
from zitat.text.tagger import default_tagger

# the shipped fast tagger and its teacher must both get the moods right
BACKENDS = [
    "hanta",
    pytest.param(
        "fast", marks=pytest.mark.skipif(default_tagger() is None, reason="fast tagger weights not built")
    ),
]


def analysed(nlp: Language, text: str, backend: str = "auto"):
    doc = nlp(text)
    split_sentences(doc)
    annotate_morphology(doc, backend=backend)
    return doc


@pytest.mark.parametrize(
    ("sentence", "verb", "mood"),
    [
        ("Er sagte, die Nato sei bereit.", "sei", "Mood=Sub|Tense=Pres"),
        ("Sie erklärte, die Regierung habe keine Wahl.", "habe", "Mood=Sub|Tense=Pres"),
        ("Der Sprecher sagte, man werde das prüfen.", "werde", "Mood=Sub|Tense=Pres"),
        ("Der Minister betonte, das Land brauche Hilfe.", "brauche", "Mood=Sub|Tense=Pres"),
        ("Sie sagte, er könne nicht kommen.", "könne", "Mood=Sub|Tense=Pres"),
        ("Die Polizei teilte mit, der Täter sei geflohen.", "sei", "Mood=Sub|Tense=Pres"),
        ("Er sagte, das wäre ein Fehler.", "wäre", "Mood=Sub|Tense=Past"),
        ("Sie meinte, sie hätte das gewusst.", "hätte", "Mood=Sub|Tense=Past"),
        ("Er sagte, man würde verhandeln.", "würde", "Mood=Sub|Tense=Past"),
        ("Er sagte, es gäbe keine Alternative.", "gäbe", "Mood=Sub|Tense=Past"),
        ("Er sagte das gestern.", "sagte", "Mood=Ind"),
        ("Die Lage ist ernst.", "ist", "Mood=Ind"),
        ("Die Regierung hat entschieden.", "hat", "Mood=Ind"),
        ("Ich habe das nicht gewusst.", "habe", "Mood=Ind"),
        ("Die Sprecherin sagte, die Gespräche seien gescheitert.", "seien", "Mood=Sub|Tense=Pres"),
        ("Laut Polizei habe der Fahrer zu schnell fahren wollen.", "habe", "Mood=Sub|Tense=Pres"),
        ("Der Konzern teilte mit, man müsse sparen.", "müsse", "Mood=Sub|Tense=Pres"),
        ("Der Trainer sagte, er sage dazu nichts.", "sage", "Mood=Sub|Tense=Pres"),
        ("Ohne Hilfe könnte die Firma schließen, warnte der Betriebsrat.", "könnte", "Mood=Sub|Tense=Past"),
        ("Die Opposition meint, die Regierung müsste zurücktreten.", "müsste", "Mood=Sub|Tense=Past"),
        ("Sie sagen, das Projekt kommt zu spät.", "sagen", "Mood=Ind"),
        ("Der Minister ist am Dienstag nach Kiew gereist.", "ist", "Mood=Ind"),
        ("Die Gewerkschaft hat zum Streik aufgerufen.", "hat", "Mood=Ind"),
    ],
)
@pytest.mark.parametrize("backend", BACKENDS)
def test_finite_verb_mood(nlp: Language, sentence: str, verb: str, mood: str, backend: str) -> None:
    doc = analysed(nlp, sentence, backend)
    tok = next(t for t in doc if t.text == verb)
    assert tok.tag_.endswith("FIN")
    assert str(tok.morph) == f"{mood}|VerbForm=Fin"


@pytest.mark.parametrize("backend", BACKENDS)
def test_tags_and_lemmas_are_stts(nlp: Language, backend: str) -> None:
    doc = analysed(nlp, "Der Beamte der Regierung sagte, die Minister seien informiert.", backend)
    assert has_morphology(doc)
    tags = {t.text: t.tag_ for t in doc}
    assert tags["Beamte"] == "NN" and tags["sagte"] == "VVFIN" and tags[","] == "$,"
    assert {t.text: t.lemma_ for t in doc}["seien"] == "sein"


def test_separable_verb_konjunktiv_from_lemma() -> None:
    assert verb_mood("teile", "mitteilen") == "Sub|Tense=Pres"
    assert verb_mood("teilte", "mitteilen") == "Ind"
    assert verb_mood("sage", "sagen", previous="ich") == "Ind"


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("handele", "handeln"), ("handle", "handeln"), ("ändere", "ändern"), ("fordere", "auffordern")],
)
def test_konjunktiv_of_el_and_er_verbs(word: str, lemma: str) -> None:
    # „Es handele sich um einen Racheakt“: the infinitive drops the e that the subjunctive keeps
    assert verb_mood(word, lemma) == "Sub|Tense=Pres"
    assert verb_mood(word[:-1] + "te", lemma) == "Ind"
    assert verb_mood(word, lemma, previous="ich") == "Ind"


@pytest.mark.parametrize("backend", BACKENDS)
def test_quotes_are_punctuation_and_whitespace_is_space(nlp: Language, backend: str) -> None:
    doc = analysed(nlp, "„Wir kommen“, sagte sie.\n\nDann ging sie.", backend)
    assert [t.tag_ for t in doc if t.text in {"„", "“", "\n\n"}] == ["$(", "$(", "_SP"]
    assert not doc[0].morph


def test_punctuation_tags() -> None:
    assert [punctuation_tag(w) for w in [",", ".", "?", "„", "(", "–", "Nato", "21."]] == [
        "$,", "$.", "$.", "$(", "$(", "$(", None, None,
    ]  # fmt: skip


def test_document_without_sentences_is_tagged_as_one(nlp: Language) -> None:
    doc = nlp("Sie sagte, er sei krank.")
    annotate_morphology(doc, backend="hanta")
    assert has_morphology(doc) and doc[4].morph.get("Mood") == ["Sub"]


def test_missing_fast_weights_fall_back_to_hanta_or_fail_clearly(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("zitat.text.morphology.default_tagger", lambda: None)
    assert analysed(nlp, "Er sagte, sie sei krank.")[4].morph.get("Mood") == ["Sub"]
    with pytest.raises(ZitatError, match="weights are missing"):
        analysed(nlp, "Er sagte, sie sei krank.", backend="fast")
    with pytest.raises(ValueError, match="backend"):
        analysed(nlp, "Er kam.", backend="spacy")


def test_pre_tokenized_sentences_keep_their_tokens(nlp: Language) -> None:
    from zitat.document import DocumentMeta, doc_from_tokens

    sentences = [["Er", "sagte", ",", "sie", "sei", "krank", "."], ["Das", "stimmt", "nicht", "."]]
    doc = doc_from_tokens(nlp.vocab, sentences, DocumentMeta(id="t"))
    annotate_morphology(doc)
    assert [t.text for t in doc] == [w for s in sentences for w in s]
    assert [t.tag_ for t in doc][4:] == ["VAFIN", "ADJD", "$.", "PDS", "VVFIN", "PTKNEG", "$."]
    assert [len(list(s)) for s in doc.sents] == [7, 4]

"""Part of speech, lemma and verb mood: Konjunktiv I is the key signal of indirect speech."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zitat.text.morphology import annotate_morphology, has_morphology, verb_mood
from zitat.text.sentences import split_sentences


def analysed(nlp: Language, text: str):
    doc = nlp(text)
    split_sentences(doc)
    annotate_morphology(doc)
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
    ],
)
def test_finite_verb_mood(nlp: Language, sentence: str, verb: str, mood: str) -> None:
    doc = analysed(nlp, sentence)
    tok = next(t for t in doc if t.text == verb)
    assert tok.tag_.endswith("FIN")
    assert str(tok.morph) == f"{mood}|VerbForm=Fin"


def test_tags_and_lemmas_are_stts(nlp: Language) -> None:
    doc = analysed(nlp, "Der Beamte der Regierung sagte, die Minister seien informiert.")
    assert has_morphology(doc)
    tags = {t.text: t.tag_ for t in doc}
    assert tags["Beamte"] == "NN" and tags["sagte"] == "VVFIN" and tags[","] == "$,"
    assert {t.text: t.lemma_ for t in doc}["seien"] == "sein"


def test_separable_verb_konjunktiv_from_lemma() -> None:
    assert verb_mood("teile", "mitteilen") == "Sub|Tense=Pres"
    assert verb_mood("teilte", "mitteilen") == "Ind"
    assert verb_mood("sage", "sagen", previous="ich") == "Ind"

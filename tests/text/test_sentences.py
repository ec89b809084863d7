"""Sentence and paragraph splitting of German news."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zitat.text.sentences import split_sentences


def sentences(nlp: Language, text: str) -> list[str]:
    doc = nlp(text)
    split_sentences(doc)
    return [s.text.strip() for s in doc.sents]


CASES = [
    (
        "Die Regierung trat zurück. Neuwahlen sind geplant.",
        ["Die Regierung trat zurück.", "Neuwahlen sind geplant."],
    ),
    (
        "Wer zahlt? Niemand weiß es! Die Debatte geht weiter.",
        ["Wer zahlt?", "Niemand weiß es!", "Die Debatte geht weiter."],
    ),
    # abbreviations and ordinals do not end sentences
    (
        "Dr. Müller und Prof. Meier kamen z. B. zur Sitzung. Sie blieben lange.",
        ["Dr. Müller und Prof. Meier kamen z. B. zur Sitzung.", "Sie blieben lange."],
    ),
    (
        "Am 21. Januar beginnt die Sitzung. Sie dauert bis zum 3. März.",
        ["Am 21. Januar beginnt die Sitzung.", "Sie dauert bis zum 3. März."],
    ),
    ("Der Astronaut wird heute 75. Er lebt in Ohio.", ["Der Astronaut wird heute 75.", "Er lebt in Ohio."]),
    (
        "Die Preise stiegen um 3,5 Prozent auf 100.000 Euro. Das meldete das Amt.",
        ["Die Preise stiegen um 3,5 Prozent auf 100.000 Euro.", "Das meldete das Amt."],
    ),
    # quotes: a closing mark stays with its sentence; a comma or lower-case word continues it
    ("„Wir sind bereit.“ Das sagte der Minister.", ["„Wir sind bereit.“", "Das sagte der Minister."]),
    (
        "„Wir sind bereit!“, rief der Minister. Dann ging er.",
        ["„Wir sind bereit!“, rief der Minister.", "Dann ging er."],
    ),
    ("„Reicht das?“ fragte sie. Niemand antwortete.", ["„Reicht das?“ fragte sie.", "Niemand antwortete."]),
    (
        "Er sagte: „Wir kommen. Wir bleiben.“ Dann ging er.",
        ["Er sagte: „Wir kommen.", "Wir bleiben.“", "Dann ging er."],
    ),
    ("»Nein«, sagte sie. »Niemals.«", ["»Nein«, sagte sie.", "»Niemals.«"]),
    ("„Nein.“ Mehr sagte der Sprecher nicht.", ["„Nein.“", "Mehr sagte der Sprecher nicht."]),
    (
        "„Das ist ein guter Tag für Europa …“, sagte die Präsidentin. Dann reiste sie ab.",
        ["„Das ist ein guter Tag für Europa …“, sagte die Präsidentin.", "Dann reiste sie ab."],
    ),
    (
        "Die Waffenruhe sei „brüchig“, hieß es in Kiew. Gespräche sind geplant.",
        ["Die Waffenruhe sei „brüchig“, hieß es in Kiew.", "Gespräche sind geplant."],
    ),
    # an unbalanced quote (the article quotes across paragraphs) does not stop the splitter
    (
        "„Wir werden nicht aufgeben. Die Stadt hält zusammen, sagte der Bürgermeister.",
        ["„Wir werden nicht aufgeben.", "Die Stadt hält zusammen, sagte der Bürgermeister."],
    ),
    (
        "Er sagte: »Ich trete zurück.« Dann verließ er den Saal.",
        ["Er sagte: »Ich trete zurück.«", "Dann verließ er den Saal."],
    ),
    (
        "Der Club belegt Platz 3. Die Saison endet am 30. Mai.",
        ["Der Club belegt Platz 3.", "Die Saison endet am 30. Mai."],
    ),
    (
        "Frau Dr. med. Weber kommt u. a. aus St. Gallen. Es geht um 2,3 Mrd. Euro.",
        ["Frau Dr. med. Weber kommt u. a. aus St. Gallen.", "Es geht um 2,3 Mrd. Euro."],
    ),
    # an agency name at the end of a sentence is no abbreviation
    (
        "Es fehle an Personal, sagte sie der dpa. Dann ging sie.",
        ["Es fehle an Personal, sagte sie der dpa.", "Dann ging sie."],
    ),
    # URLs with a final period
    (
        "Mehr steht unter https://example.org/a.html. Die Seite ist neu.",
        ["Mehr steht unter https://example.org/a.html.", "Die Seite ist neu."],
    ),
    # headlines without punctuation and paragraph breaks
    (
        "Nato sichert Hilfe zu\n\nBrüssel (dpa) – Die Nato hilft. Das ist neu.",
        ["Nato sichert Hilfe zu", "Brüssel (dpa) – Die Nato hilft.", "Das ist neu."],
    ),
    ("Erster Absatz ohne Punkt\nZweiter Absatz.", ["Erster Absatz ohne Punkt", "Zweiter Absatz."]),
    (
        "Kanzler warnt vor Eskalation\nBerlin (AFP) – Kanzler Scholz hat gewarnt.",
        ["Kanzler warnt vor Eskalation", "Berlin (AFP) – Kanzler Scholz hat gewarnt."],
    ),
    # parentheses and colons stay inside
    (
        "Der Verein (gegründet 1899) feierte. (Mehr dazu im Sportteil.) Die Fans jubelten.",
        ["Der Verein (gegründet 1899) feierte.", "(Mehr dazu im Sportteil.)", "Die Fans jubelten."],
    ),
    (
        "Er fragte: Wer bezahlt das? Niemand antwortete.",
        ["Er fragte: Wer bezahlt das?", "Niemand antwortete."],
    ),
    (
        "Der Minister (FDP) sagte: Das reicht nicht. Die Opposition (Union) widersprach.",
        ["Der Minister (FDP) sagte: Das reicht nicht.", "Die Opposition (Union) widersprach."],
    ),
    (
        "Die Lage (so die Polizei: ruhig) entspannte sich. Alle gingen heim.",
        ["Die Lage (so die Polizei: ruhig) entspannte sich.", "Alle gingen heim."],
    ),
    ("Es kam anders … Niemand hatte das erwartet.", ["Es kam anders …", "Niemand hatte das erwartet."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentence_splitting(nlp: Language, text: str, expected: list[str]) -> None:
    assert sentences(nlp, text) == expected


def test_paragraphs_are_character_ranges_between_line_breaks(nlp: Language) -> None:
    text = "Titel der Meldung\n\nErster Absatz. Noch ein Satz.\n\nZweiter Absatz."
    doc = nlp(text)
    split_sentences(doc)
    assert [text[s:e] for s, e in doc._.paragraphs] == [
        "Titel der Meldung",
        "Erster Absatz. Noch ein Satz.",
        "Zweiter Absatz.",
    ]


def test_whitespace_never_forms_a_sentence_of_its_own(nlp: Language) -> None:
    doc = nlp("\n\nTitel der Meldung\n\nWien – Der Text.  Zweiter Satz.\n\n\n„Dritter.“\n")
    split_sentences(doc)
    sents = list(doc.sents)
    assert [s.text.strip() for s in sents] == [
        "Titel der Meldung",
        "Wien – Der Text.",
        "Zweiter Satz.",
        "„Dritter.“",
    ]
    assert all(not s[0].is_space for s in sents[1:])


def test_sentences_never_cross_a_paragraph(nlp: Language) -> None:
    doc = nlp("Erster Absatz ohne Punkt\nZweiter Absatz, der endet. Dritter Satz\n\nVierter.")
    split_sentences(doc)
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        inside = [(s, e) for s, e in doc._.paragraphs if s <= words[0].idx and words[-1].idx < e]
        assert len(inside) == 1, sent.text


def test_empty_document(nlp: Language) -> None:
    doc = nlp("")
    split_sentences(doc)
    assert doc._.paragraphs == []

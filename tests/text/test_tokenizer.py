"""Tokenization of German news: quotes, abbreviations, ordinals, numbers, URLs, compounds, brackets."""

from __future__ import annotations

import pytest
from spacy.language import Language

CASES = [
    # quotes of every kind are split off
    ("„Wir brauchen diese Panik nicht“, sagte Selenskyj.",
     ["„", "Wir", "brauchen", "diese", "Panik", "nicht", "“", ",", "sagte", "Selenskyj", "."]),
    ("Er sprach von einem ‚historischen‘ Tag.", ["Er", "sprach", "von", "einem", "‚", "historischen", "‘", "Tag", "."]),
    ("»Das ist inakzeptabel«, erklärte die Ministerin.",
     ["»", "Das", "ist", "inakzeptabel", "«", ",", "erklärte", "die", "Ministerin", "."]),
    ('Der Sprecher sagte: "Wir prüfen das."', ["Der", "Sprecher", "sagte", ":", '"', "Wir", "prüfen", "das", ".", '"']),
    ("Wir werden nicht nachgeben“, sagte er.", ["Wir", "werden", "nicht", "nachgeben", "“", ",", "sagte", "er", "."]),
    ("„Wir werden nicht aufgeben, sagte der Bürgermeister.",
     ["„", "Wir", "werden", "nicht", "aufgeben", ",", "sagte", "der", "Bürgermeister", "."]),
    ("Die Waffenruhe sei „brüchig“, hieß es.", ["Die", "Waffenruhe", "sei", "„", "brüchig", "“", ",", "hieß", "es", "."]),
    # abbreviations keep their period
    ("Dr. Angela Müller kam mit Prof. Schmidt.", ["Dr.", "Angela", "Müller", "kam", "mit", "Prof.", "Schmidt", "."]),
    ("Es gibt z. B. Äpfel, Birnen usw.", ["Es", "gibt", "z.", "B.", "Äpfel", ",", "Birnen", "usw."]),
    ("Die Kosten liegen bei ca. 5 Mio. Euro bzw. 6 Mrd. Dollar.",
     ["Die", "Kosten", "liegen", "bei", "ca.", "5", "Mio.", "Euro", "bzw.", "6", "Mrd.", "Dollar", "."]),
    ("Er wohnt in St. Pauli, u. a. mit Freunden.", ["Er", "wohnt", "in", "St.", "Pauli", ",", "u.", "a.", "mit", "Freunden", "."]),
    ("Gesetz Nr. 12 tritt in Kraft.", ["Gesetz", "Nr.", "12", "tritt", "in", "Kraft", "."]),
    ("Frau Dr. med. Ruth Weber leitet die Klinik.", ["Frau", "Dr.", "med.", "Ruth", "Weber", "leitet", "die", "Klinik", "."]),
    ("Das ist z.B. gut.", ["Das", "ist", "z.B.", "gut", "."]),
    # ordinal dates
    ("Am 21. Januar 2024 trat er zurück.", ["Am", "21.", "Januar", "2024", "trat", "er", "zurück", "."]),
    ("Im 19. Jahrhundert war das anders.", ["Im", "19.", "Jahrhundert", "war", "das", "anders", "."]),
    # numbers
    ("Rund 100.000 Menschen demonstrierten.", ["Rund", "100.000", "Menschen", "demonstrierten", "."]),
    ("Der Kurs stieg auf 71,70 Euro.", ["Der", "Kurs", "stieg", "auf", "71,70", "Euro", "."]),
    ("Die Inflation lag bei 3,5 Prozent.", ["Die", "Inflation", "lag", "bei", "3,5", "Prozent", "."]),
    ("Die 3,5-prozentige Anleihe kostet 1.234,56 Euro.", ["Die", "3,5-prozentige", "Anleihe", "kostet", "1.234,56", "Euro", "."]),
    ("Die Sitzung beginnt um 10.30 Uhr.", ["Die", "Sitzung", "beginnt", "um", "10.30", "Uhr", "."]),
    # URLs and e-mail addresses without the sentence's final period
    ("Mehr unter https://www.example.org/artikel?id=5.",
     ["Mehr", "unter", "https://www.example.org/artikel?id=5", "."]),
    ("Infos gibt es auf www.bundestag.de, sagte sie.",
     ["Infos", "gibt", "es", "auf", "www.bundestag.de", ",", "sagte", "sie", "."]),
    ("Schreiben Sie an presse@example.de.", ["Schreiben", "Sie", "an", "presse@example.de", "."]),
    ("Hinweise an hinweise@polizei.example.de!", ["Hinweise", "an", "hinweise@polizei.example.de", "!"]),
    ("Siehe https://example.org/bericht.html).", ["Siehe", "https://example.org/bericht.html", ")", "."]),
    ("Siehe https://de.wikipedia.org/wiki/Nato_(Begriff).", ["Siehe", "https://de.wikipedia.org/wiki/Nato_(Begriff)", "."]),
    ("(Quelle: https://example.org/a_(b)).", ["(", "Quelle", ":", "https://example.org/a_(b)", ")", "."]),
    # hyphenated compounds stay whole
    ("US-Verteidigungsminister Lloyd Austin reiste zum Nato-Gipfel.",
     ["US-Verteidigungsminister", "Lloyd", "Austin", "reiste", "zum", "Nato-Gipfel", "."]),
    ("Die CDU/CSU-Fraktion lehnte den Antrag ab.", ["Die", "CDU/CSU-Fraktion", "lehnte", "den", "Antrag", "ab", "."]),
    ("Die EU-Kommission kritisierte 20-Jährige und Ex-Präsidenten.",
     ["Die", "EU-Kommission", "kritisierte", "20-Jährige", "und", "Ex-Präsidenten", "."]),
    # brackets and dashes
    ("Das sagte sie der dpa. Dann ging sie.", ["Das", "sagte", "sie", "der", "dpa", ".", "Dann", "ging", "sie", "."]),
    # a sentence ending in a mixed-case acronym gives up its period
    ("Er ist Mitglied der AfD. Er schweigt.", ["Er", "ist", "Mitglied", "der", "AfD", ".", "Er", "schweigt", "."]),
    ("Sie leitet die Autobahn GmbH.", ["Sie", "leitet", "die", "Autobahn", "GmbH", "."]),
    ("Berlin (dpa) – Die Regierung (SPD, Grüne, FDP) einigte sich.",
     ["Berlin", "(", "dpa", ")", "–", "Die", "Regierung", "(", "SPD", ",", "Grüne", ",", "FDP", ")", "einigte", "sich", "."]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "tokens"), CASES)
def test_news_tokenization(nlp: Language, text: str, tokens: list[str]) -> None:
    assert [t.text for t in nlp(text) if not t.is_space] == tokens

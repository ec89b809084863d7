"""The language check accepts German news and rejects other languages."""

from __future__ import annotations

import pytest

from zitat.text.language import detect_language, is_german


@pytest.mark.parametrize(
    "text",
    [
        "Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, das den Ausbau der Windkraft beschleunigen soll.",
        "„Wir werden die Ukraine unterstützen“, sagte der Generalsekretär vor Journalisten in Brüssel.",
        "Der Vorstand des Vereins trat nach der Niederlage geschlossen zurück, teilte ein Sprecher mit.",
        "Wien – Die Regierung will die Mindestsicherung neu regeln, kündigte der Kanzler an.",
        "Der Konzern-Chef sagte, „the deal is done“, und die Aktie stieg um drei Prozent.",
    ],
)
def test_german_news_is_german(text: str) -> None:
    assert is_german(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The government said on Wednesday that it would not change its policy on the war.", "en"),
        (
            "Le gouvernement a annoncé mercredi une nouvelle loi pour les énergies renouvelables dans le pays.",
            "fr",
        ),
        ("El gobierno anunció el miércoles una nueva ley para las energías renovables en el país.", "es"),
        ("De regering heeft woensdag een nieuwe wet aangekondigd voor de energie van het land.", "nl"),
        ("Die Linke and the AfD said they will not support the coalition in the state of Thuringia.", "en"),
        ("Der Spiegel reported that the minister had known about the deal since March.", "en"),
        ("Il governo ha annunciato mercoledì una nuova legge per le energie rinnovabili nel paese.", "it"),
    ],
)
def test_other_languages_are_recognized(text: str, language: str) -> None:
    assert detect_language(text) == language
    assert not is_german(text)


def test_text_without_words_is_unknown() -> None:
    assert detect_language("12345 678 90") == "unknown"

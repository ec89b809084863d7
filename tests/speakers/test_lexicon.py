"""The word lists' suffix matching: compounds, feminine forms, and which listed ending wins."""

from __future__ import annotations

import pytest

from zitat.speakers.lexicon import Endings, institution_type, is_group_noun, role_of


@pytest.mark.parametrize(
    ("lemma", "role"),
    [
        ("Außenminister", "minister"),
        ("US-Verteidigungsministerin", "minister"),
        ("Regierungssprecherinnen", "sprecher"),
        ("Ministerpräsident", "präsident"),
        ("Haus", None),
    ],
)
def test_role_of_matches_compounds_and_feminine_forms(lemma: str, role: str | None) -> None:
    assert role_of(lemma) == role


def test_the_first_listed_ending_wins_not_the_longest() -> None:
    endings = Endings([("sprecher", "first"), ("pressesprecher", "second"), ("sprecher", "ignored")])
    assert endings.first("regierungspressesprecher") == "first"
    assert endings.first("pressesprecher") == "first"
    assert endings.first("sprech") is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Bundesregierung", "government"),
        ("Amt", "government"),  # listed itself, though too short to end compounds
        ("insgesamt", None),
        ("Nato", "organization"),
        ("Landespolizei", "government"),
        ("Automobilkonzern", "organization"),
        ("Frankreich", "government"),
    ],
)
def test_institution_type(name: str, kind: str | None) -> None:
    assert institution_type(name) == kind


def test_group_nouns_with_feminine_plural() -> None:
    assert is_group_noun("Klimaforscherinnen")
    assert is_group_noun("Augenzeugen") is False  # plural -n is not listed: the lemma is singular
    assert is_group_noun("Augenzeuge")

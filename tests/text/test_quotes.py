"""Quotation marks of every outlet: paired, nested, reopened, and apostrophes left alone."""

from __future__ import annotations

import pytest

from zitat.text.quotes import find_quotations, normalize_quotes

CASES = [
    # (text, the text with its paired marks in the German convention)
    ("„Wir kommen“, sagte er.", "„Wir kommen“, sagte er."),
    ("»Das ist ›gut‹«, sagte sie.", "„Das ist ‚gut‘“, sagte sie."),
    ("«Es kommen zu viele», sagte Chiesa.", "„Es kommen zu viele“, sagte Chiesa."),
    ('"Wir kommen", sagte er. "Wir bleiben."', "„Wir kommen“, sagte er. „Wir bleiben.“"),
    ("Er sprach von einem “Wunder”.", "Er sprach von einem „Wunder“."),
    ("„Das ist gut”, sagte er.", "„Das ist gut“, sagte er."),
    ('Er sagte "ich habe "nein" gesagt" und ging', "Er sagte „ich habe ‚nein‘ gesagt“ und ging"),
    ("„Er sagte „nein“ dazu“, so X.", "„Er sagte ‚nein‘ dazu“, so X."),
    ("Trump’s Plan geht’s an, sagt's.", "Trump’s Plan geht’s an, sagt's."),
    ("Ein „Pro Rata Modell und „Wir gehen“, sagte er.", "Ein „Pro Rata Modell und „Wir gehen“, sagte er."),
    ("»Erster Absatz\n\n»Zweiter Absatz.« sagte er", "„Erster Absatz\n\n„Zweiter Absatz.“ sagte er"),
    ("Die 80er Jahre\" waren 5' lang", "Die 80er Jahre\" waren 5' lang"),
]


@pytest.mark.parametrize(("text", "german"), CASES)
def test_every_convention_reads_as_german(text: str, german: str) -> None:
    assert normalize_quotes(text) == german
    assert len(normalize_quotes(text)) == len(text)


def test_a_stray_mark_before_a_real_quote_stays_unclosed() -> None:
    text = "Ein „Pro Rata Modell und „Wir gehen“, sagte er."
    [stray, quote] = find_quotations(text)
    assert stray.close is None and (quote.open, quote.close, quote.depth) == (25, 35, 0)


def test_a_quotation_does_not_cross_a_paragraph() -> None:
    [quote] = find_quotations("„Erster Absatz\nund dann“")
    assert quote.close is None

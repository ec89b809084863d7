"""Statements made by the page layout: transcript and interview turns, embedded posts."""

from __future__ import annotations

import zitat

TRANSCRIPT = """Der Virologe Christian Drosten spricht im Podcast über die Lage.

Korinna Hennig: Herr Drosten, wie schätzen Sie die Lage ein?

Christian Drosten: Wir haben zu lange gewartet. Das muss man so deutlich sagen.

Hennig: Was heißt das für den Winter?

Drosten: Es wird schwierig, aber wir schaffen das."""

POST = """Die Aktivistin meldete sich am Abend zu Wort.

Bitte rettet die Bienen! Sie sind wichtiger als ihr denkt.

— Greta Thunberg (@GretaThunberg) 3. März 2024"""


def said(text: str) -> list[tuple[str | None, str, str | None]]:
    doc = zitat.extract(text)
    return [
        (s.speaker.name if s.speaker else None, doc[s.message[0] : s.message[-1] + 1].text, s.medium)
        for s in doc._.statements
    ]


def test_every_turn_of_a_transcript_is_a_statement_of_its_speaker() -> None:
    turns = [(name, message) for name, message, _ in said(TRANSCRIPT)]
    assert turns == [
        ("Korinna Hennig", "Herr Drosten, wie schätzen Sie die Lage ein?"),
        ("Christian Drosten", "Wir haben zu lange gewartet. Das muss man so deutlich sagen."),
        ("Korinna Hennig", "Was heißt das für den Winter?"),
        ("Christian Drosten", "Es wird schwierig, aber wir schaffen das."),
    ]


def test_an_embedded_post_is_written_by_the_name_in_its_byline() -> None:
    assert (
        "Greta Thunberg",
        "Bitte rettet die Bienen! Sie sind wichtiger als ihr denkt.",
        "Writing",
    ) in said(POST)


def test_a_lone_label_or_dateline_makes_no_turn() -> None:
    text = (
        "Berlin: Die Regierung hat den Haushalt beschlossen.\n\nUpdate: Der Bundestag stimmt am Freitag ab."
    )
    assert said(text) == []

"""Statements made by the page layout: transcript and interview turns, embedded posts."""

from __future__ import annotations

import zitat
from zitat.attribution.layout import one_per_sentence
from zitat.document import Statement
from zitat.speakers.evaluation import text_pipeline

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
        ("Christian Drosten", "über die Lage"),  # the introduction: „spricht … über die Lage“ (Reported)
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


def test_a_quoted_clause_after_a_colon_is_a_statement_of_the_frame_s_subject() -> None:
    text = (
        "Der Walliser Staatsrat Matthias Reynard dankte den Rettungskräften für ihr Engagement: "
        "„Ohne ihren Einsatz hätte das Feuer noch mehr Todesopfer gefordert.“"
    )
    assert said(text) == [
        # the cue also names an act of its own (zitat.attribution.reported)
        ("Matthias Reynard", "den Rettungskräften für ihr Engagement", "Speech"),
        (
            "Matthias Reynard",
            "„Ohne ihren Einsatz hätte das Feuer noch mehr Todesopfer gefordert.“",
            "Speech",
        ),
    ]


def test_titles_and_scare_quotes_are_no_statements() -> None:
    text = "Am Abend lief „Wer wird Millionär“. Die Show gilt als „Quotenbringer“ des Senders."
    assert said(text) == []


INTERVIEW = """Der Virologe Christian Drosten spricht mit uns über die Lage im Winter.

Frage: Herr Drosten, wie schätzen Sie die Lage ein?

Antwort: Wir haben zu lange gewartet. Das muss man so deutlich sagen.

Frage: Was heißt das für den Winter?

Antwort: Es wird schwierig, aber wir schaffen das."""


def test_interview_answers_are_the_introduced_person_s_and_questions_are_addressed_to_them() -> None:
    doc = zitat.extract(INTERVIEW)
    turns = [
        (
            s.speaker.name if s.speaker else None,
            doc[s.addressee[0] : s.addressee[-1] + 1].text if s.addressee else None,
        )
        for s in doc._.statements
        if s.form == "Direct"  # not the introduction's „spricht mit uns über die Lage“
    ]
    assert turns == [
        (None, "Christian Drosten"),
        ("Christian Drosten", None),
        (None, "Christian Drosten"),
        ("Christian Drosten", None),
    ]


def test_a_message_ends_at_its_paragraph() -> None:
    doc = text_pipeline()(
        "Es handle sich um ein Ereignis ohne Beispiel.\n\nIndes soll eine Reporterin angegriffen worden sein."
    )
    everything = Statement(message=tuple(t.i for t in doc if not t.is_space), form="IndirectFreeIndirect")
    (kept,) = one_per_sentence(doc, [everything])
    assert doc[kept.message[0] : kept.message[-1] + 1].text == "Es handle sich um ein Ereignis ohne Beispiel."


def test_a_quotation_reopened_in_the_next_paragraph_goes_on() -> None:
    doc = text_pipeline()("„Wir haben viel erreicht.\n\n„Und wir machen weiter.“")
    quote = Statement(message=tuple(t.i for t in doc if not t.is_space), form="Direct")
    assert one_per_sentence(doc, [quote]) == [quote]


def test_each_further_sentence_of_reported_speech_is_a_statement_with_the_same_speaker() -> None:
    doc = zitat.extract(
        "Die Polizeisprecherin Anna Berg sagte, die Lage sei ernst. Die Armee habe reagiert. "
        "Verletzte gebe es nicht."
    )
    found = [(s.form, doc[s.message[0] : s.message[-1] + 1].text, s.speaker.name) for s in doc._.statements]
    assert found == [
        ("Indirect", "die Lage sei ernst", "Anna Berg"),
        ("IndirectFreeIndirect", "Die Armee habe reagiert.", "Anna Berg"),
        ("IndirectFreeIndirect", "Verletzte gebe es nicht.", "Anna Berg"),
    ]


UNLABELLED_INTERVIEW = """Iran hat Israel angegriffen. Der Politologe Thomas Jäger ordnet ein.

SRF News: Mehrere Staaten haben Israel unterstützt. Wie wichtig war die Unterstützung der USA?

Thomas Jäger: Diese war ausschlaggebend. Man wusste, dass ein solcher Angriff bevorsteht.

Die Demokraten sind gespalten. Das hat Gewicht.

Israel hat noch nicht reagiert. Wie viel hat diese Zurückhaltung mit den USA zu tun?

Sehr viel. Die religiöse Rechte macht Druck.

Das Gespräch führte Peter Hanselmann."""


def test_an_interview_goes_on_in_unlabelled_questions_and_answers_until_its_credit_line() -> None:
    turns = [(name, message[:20]) for name, message, _ in said(UNLABELLED_INTERVIEW)]
    assert turns == [
        ("SRF News", "Mehrere Staaten habe"),
        ("Thomas Jäger", "Diese war ausschlagg"),
        ("Thomas Jäger", "Die Demokraten sind "),
        ("SRF News", "Israel hat noch nich"),
        ("Thomas Jäger", "Sehr viel. Die relig"),
    ]


WOVEN_INTERVIEW = """Die Bäckerin Anna Kowalski hat ihren Laden nach dem Hochwasser wieder geöffnet.

Hatten Sie Angst um den Laden?

„Natürlich. Das Wasser stand einen Meter hoch in der Backstube.“

Kurz überlegt sie, dann zeigt sie auf die neuen Öfen.

Wer hat Ihnen geholfen?

„Die Nachbarn. Ohne sie hätte ich aufgegeben.“"""


def test_bare_questions_answered_by_quoted_paragraphs_are_an_interview() -> None:
    statements = {text: name for name, text, _ in said(WOVEN_INTERVIEW)}
    assert statements["Hatten Sie Angst um den Laden?"] is None  # the outlet asks
    assert statements["Wer hat Ihnen geholfen?"] is None
    assert statements["„Natürlich. Das Wasser stand einen Meter hoch in der Backstube.“"] == "Anna Kowalski"
    assert statements["„Die Nachbarn. Ohne sie hätte ich aufgegeben.“"] == "Anna Kowalski"


def test_one_question_before_a_quote_is_no_interview() -> None:
    text = "Wie geht es weiter?\n\n„Wir bauen wieder auf“, sagte der Bürgermeister Jan Berg."
    statements = said(text)
    assert [name for name, _, _ in statements] == ["Jan Berg"]
    assert all(message != "Wie geht es weiter?" for _, message, _ in statements)

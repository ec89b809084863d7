"""Indirect statements for complement clauses of cue verbs the model leaves out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

import zitat
from zitat.attribution.complements import (
    colon_statements,
    complement_statements,
    continued_statements,
    postposed_statements,
)
from zitat.document import Statement
from zitat.speakers.evaluation import text_pipeline

Step = Callable[[Doc, Sequence[Statement]], list[Statement]]


def added(text: str, step: Step = complement_statements) -> list[tuple[str, str]]:
    """(cue, message) of each statement ``step`` adds to a text without statements."""
    doc = text_pipeline()(text)
    return [
        (" ".join(doc[i].text for i in s.cue), doc[s.message[0] : s.message[-1] + 1].text)
        for s in step(doc, [])
    ]


def test_a_dass_clause_after_a_separable_or_pronominal_cue_is_indirect_speech() -> None:
    assert added("Leavitt schloss nicht aus, dass es weitere Aktionen gibt.") == [
        ("schloss aus", "dass es weitere Aktionen gibt")
    ]
    assert added("Der Verfassungsschutz warnte davor, dass Islamisten mehr Menschen erreichen.") == [
        ("warnte", "dass Islamisten mehr Menschen erreichen")
    ]
    assert added("Ein Verbund will herausgefunden haben, dass Agenten dahinter stecken.") == [
        ("herausgefunden", "dass Agenten dahinter stecken")
    ]


def test_a_dass_clause_without_a_cue_verb_is_no_statement() -> None:
    assert added("Es ist wichtig, dass wir helfen.") == []
    assert added("Er kam so spät, dass der Zug weg war.") == []


def test_the_pipeline_names_the_speaker_of_an_added_clause() -> None:
    doc = zitat.extract("Die Sprecherin Karoline Leavitt schloss nicht aus, dass es weitere Aktionen gibt.")
    assert [(s.form, s.speaker.name) for s in doc._.statements] == [("Indirect", "Karoline Leavitt")]


def test_a_subjunctive_sentence_after_a_statement_goes_on_reporting_its_source() -> None:
    doc = text_pipeline()(
        "Der Sprecher sagte, die Lage sei ernst. Alle Personen hätten das Haus verlassen können."
    )
    said = Statement(cue=(2,), source=(0, 1), message=(4, 5, 6, 7), form="Indirect")
    (continued,) = continued_statements(doc, [said])
    assert continued.form == "IndirectFreeIndirect" and continued.source == (0, 1)
    assert doc[continued.message[0] : continued.message[-1] + 1].text.startswith("Alle Personen hätten")


def test_an_indicative_sentence_or_a_new_paragraph_reports_nothing() -> None:
    doc = text_pipeline()("Der Sprecher sagte, die Lage sei ernst. Die Feuerwehr war vor Ort.")
    said = Statement(cue=(2,), source=(0, 1), message=(4, 5, 6, 7), form="Indirect")
    assert continued_statements(doc, [said]) == []
    doc = text_pipeline()("Der Sprecher sagte, die Lage sei ernst.\n\nAlle hätten das Haus verlassen können.")
    assert continued_statements(doc, [said]) == []


def postposed(text: str) -> list[tuple[str, str]]:
    return added(text, postposed_statements)


def test_a_plain_clause_before_a_sentence_final_frame_is_indirect_speech() -> None:
    assert postposed("Indem man keine Arbeit bekam, wurde man kriminalisiert, betont Lybke.") == [
        ("betont", "Indem man keine Arbeit bekam, wurde man kriminalisiert")
    ]
    assert postposed(
        "Dies ging aus geheimen Dokumenten hervor, wie der britische Sender BBC berichtete."
    ) == [("berichtete", "Dies ging aus geheimen Dokumenten hervor")]
    assert postposed("Das Feuer ist gelöscht, teilte die Polizei am Abend mit.") == [
        ("teilte mit", "Das Feuer ist gelöscht")
    ]


def test_a_frame_without_subject_or_an_indirect_question_is_no_statement() -> None:
    assert postposed("Er ging nach Hause, sagte aber nichts.") == []
    assert postposed("Wie das funktionieren kann, zeigt das Beispiel aus Hamburg.") == []
    assert postposed("Der Zug kam spät, weil die Strecke gesperrt war.") == []
    # a subject with its relative clause before the verb is no message
    assert postposed("Ulla Jelpke, die für Schlagzeilen gesorgt hatte, kritisierte die Entscheidung.") == []


def test_the_pipeline_names_the_speaker_of_a_postposed_frame() -> None:
    doc = zitat.extract("Weitere neun Personen wurden getötet, wie Mitarbeiter des Al-Ahli-Spitals sagten.")
    assert [(s.form, s.speaker.type) for s in doc._.statements] == [("Indirect", "anonymous")]
    doc = zitat.extract("Als Galerist gehe man mit der Entwicklung mit, findet Gerd Harry Lybke.")
    assert [s.speaker.name for s in doc._.statements] == ["Gerd Harry Lybke"]


def test_a_clause_after_a_stance_and_a_colon_is_indirect_speech() -> None:
    assert added("Seine Erfahrung: Der Verkehr wird zum Nadelöhr.", colon_statements) == [
        ("Erfahrung", "Der Verkehr wird zum Nadelöhr")
    ]
    assert added(
        "Annika Poestges, die dort arbeitet, ist überzeugt: Auch Schulen profitieren.", colon_statements
    ) == [("überzeugt", "Auch Schulen profitieren")]
    # a time, a headline's topic or a title before the colon is no stance
    assert added("13.28 Uhr: Die Lage ist ernst.", colon_statements) == []
    assert added("Der Streik: Busse und Bahnen stehen still.", colon_statements) == []


def test_the_stance_belongs_to_the_possessive_s_person() -> None:
    doc = zitat.extract(
        "Christian Dawidowski forscht in Osnabrück. Seine Hypothese: Das Ablenkungspotenzial ist groß."
    )
    assert [(s.form, s.speaker.name) for s in doc._.statements] == [("Indirect", "Christian Dawidowski")]

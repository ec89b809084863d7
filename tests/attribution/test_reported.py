"""Reported statements: speech acts named with their content („verurteilte den Vorfall“)."""

from __future__ import annotations

import zitat
from zitat.attribution.reported import reported_statements
from zitat.document import Statement
from zitat.speakers.evaluation import text_pipeline
from zitat.spkatt.format import annotations_from_statements


def added(text: str) -> list[tuple[str, str, str]]:
    doc = text_pipeline()(text)
    return [
        (
            " ".join(doc[i].text for i in s.cue),
            doc[s.message[0] : s.message[-1] + 1].text,
            " ".join(doc[i].text for i in s.source),
        )
        for s in reported_statements(doc, [])
    ]


def test_the_object_of_a_speech_act_verb_is_the_message_and_its_subject_the_source() -> None:
    assert added("Italiens Außenminister Antonio Tajani verurteilte am Dienstag den Vorfall scharf.") == [
        ("verurteilte", "den Vorfall", "Italiens Außenminister Antonio Tajani")
    ]
    assert added("Gestern kritisierte die Opposition den Plan der Regierung.") == [
        ("kritisierte", "den Plan der Regierung", "die Opposition")
    ]
    # a name before the verb is its subject, the name after it the object
    assert added("Ricarda Lang kritisiert Julia Klöckner.") == [
        ("kritisiert", "Julia Klöckner", "Ricarda Lang")
    ]


def test_relative_clauses_particles_tagged_oddly_and_more_verbs() -> None:
    assert added("Rückendeckung erhält sie von Carsten Linnemann, der ihre Amtsführung verteidigte.") == [
        ("verteidigte", "ihre Amtsführung", "der")
    ]
    assert added("Die Ministerin rief stattdessen zu mehr Respekt in politischen Debatten auf.") == [
        ("rief auf", "zu mehr Respekt in politischen Debatten", "Die Ministerin")
    ]
    assert added("Der Minister sprach am Montag in Berlin über die Lage der Bahn.") == [
        ("sprach", "über die Lage der Bahn", "Der Minister")
    ]


def test_verbs_with_a_preposition_take_its_phrase() -> None:
    assert added("Der Außenminister Antony Blinken warnte vor einer Eskalation des Konflikts.") == [
        ("warnte", "vor einer Eskalation des Konflikts", "Der Außenminister Antony Blinken")
    ]


def test_participles_particles_and_coordinated_verbs() -> None:
    assert added("Der französische Präsident Emmanuel Macron hat seine Teilnahme zugesagt.") == [
        ("zugesagt", "seine Teilnahme", "Der französische Präsident Emmanuel Macron")
    ]
    # a headline without a full stop: the tagger reads the particle as an article
    assert added("Gemeinde räumt Versäumnisse nach Feuer in Crans-Montana ein\n\nDer Text.") == [
        ("räumt ein", "Versäumnisse nach Feuer in Crans-Montana", "Gemeinde")
    ]
    assert added("Die Ministerin Anna Berg warnte vor Panik und rief zu Besonnenheit auf.") == [
        ("warnte", "vor Panik", "Die Ministerin Anna Berg"),
        ("rief auf", "zu Besonnenheit", "Die Ministerin Anna Berg"),
    ]


def test_no_act_without_a_speaker_with_negation_or_a_following_complement() -> None:
    assert added("Das Unglück forderte vierzig Todesopfer.") == []
    assert added("Der Prediger Raheem Boateng ruft nicht zu Gewalt auf.") == []
    assert added("Der Plan wurde von vielen kritisiert.") == []  # no content but the agent
    # the object is whom it was said to; the infinitive clause is what was said (Indirect, not Reported)
    assert (
        added("Generalsekretär Matthias Miersch warf der Spitze vor, die Öffentlichkeit getäuscht zu haben.")
        == []
    )


def test_a_cue_that_frames_a_quote_also_names_its_act() -> None:
    doc = zitat.extract('Staatsrat Mathias Reynard dankte den Rettungskräften: "Ohne sie wäre es schlimmer."')
    forms = [(s.form, doc[s.message[0] : s.message[-1] + 1].text, s.speaker.name) for s in doc._.statements]
    assert ("Reported", "den Rettungskräften", "Mathias Reynard") in forms
    assert any(form == "Direct" for form, _, _ in forms)


def test_spkatt_output_gives_a_reported_act_its_whole_clause_as_message_and_no_cue() -> None:
    doc = text_pipeline()("Die Opposition kritisierte den Plan.")
    (stmt,) = reported_statements(doc, [])
    (annotation,) = annotations_from_statements(doc, [stmt])
    assert annotation["Cue"] == []
    assert annotation["Message"] == ["0:0", "0:1", "0:2", "0:3", "0:4"]


def test_the_models_reported_clause_gets_its_content_as_message() -> None:
    doc = text_pipeline()("Müntefering sprach von einem Riesenerfolg für die SPD.")
    clause = tuple(range(len(doc)))
    (stmt,) = reported_statements(doc, [Statement(message=clause, form="Reported")])
    assert doc[stmt.message[0] : stmt.message[-1] + 1].text == "von einem Riesenerfolg für die SPD"
    assert stmt.clause == clause


def test_a_passive_act_reports_its_subject_without_a_source() -> None:
    assert added("Seither werden Konsequenzen diskutiert.") == [("diskutiert", "Konsequenzen", "")]
    assert added("Über Warnapps wird offiziell vor giftigen Rauchgasen gewarnt.") == [
        ("gewarnt", "vor giftigen Rauchgasen", "")
    ]
    assert added("Dass offen die Abschaffung der Demokratie gefordert wird, hat viele entsetzt.") == [
        ("gefordert", "die Abschaffung der Demokratie", "")
    ]
    # a passive that names, ranks, sentences or suspects reports nothing, nor one whose agent is named
    assert added("Die Gruppe wird vom Verfassungsschutz als extremistisch eingestuft.") == []
    assert added("Nach fünf Jahren wurde er im Amt bestätigt.") == []
    assert added("Er wurde zu drei Jahren Haft verurteilt.") == []
    assert added("Als Drahtzieher wird die Terrororganisation ETA vermutet.") == []
    assert added("Der Plan, der von der Stadt und dem Land seit Jahren gefordert wird, scheiterte.") == []


def test_a_purpose_clause_after_the_object_is_no_complement() -> None:
    assert added("Einige Nutzer vermuteten eine Verschwörung, um Angst zu schüren.") == [
        ("vermuteten", "eine Verschwörung", "Einige Nutzer")
    ]

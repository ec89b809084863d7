"""The rule baseline, one hand-written German sentence per rule."""

from __future__ import annotations

import pytest

from zitat.document import DocumentMeta, Statement
from zitat.pipeline import process_text


def statements(text: str) -> tuple[list[Statement], object]:
    doc = process_text(text, DocumentMeta(id="t"), "rules")
    return doc._.statements, doc


def words(doc, ids: tuple[int, ...]) -> str:
    return " ".join(doc[i].text for i in ids)


def only(text: str) -> tuple[Statement, object]:
    found, doc = statements(text)
    assert len(found) == 1, [words(doc, s.message) for s in found]
    return found[0], doc


def test_quote_with_postposed_cue() -> None:
    stmt, doc = only("„Wir brauchen diese Panik nicht“, sagte Selenskyj vor Reportern.")
    assert stmt.form == "Direct" and stmt.medium == "Speech"
    assert words(doc, stmt.message) == "„ Wir brauchen diese Panik nicht “"
    assert words(doc, stmt.cue) == "sagte"
    assert words(doc, stmt.source) == "Selenskyj"
    assert "vor Reportern" in words(doc, stmt.frame)


def test_colon_quote_with_cue_before() -> None:
    stmt, doc = only("Der Minister sagte am Abend: „Das ist ein schwarzer Tag für das Land.“")
    assert stmt.form == "Direct"
    assert words(doc, stmt.source) == "Der Minister"
    assert words(doc, stmt.cue) == "sagte"
    assert words(doc, stmt.message).startswith("„ Das ist")


def test_multi_sentence_quote_is_one_message() -> None:
    stmt, doc = only("„Wir kommen. Wir bleiben. Wir gehen nicht weg“, sagte die Sprecherin der Initiative.")
    assert words(doc, stmt.message) == "„ Wir kommen . Wir bleiben . Wir gehen nicht weg “"
    assert words(doc, stmt.source) == "die Sprecherin der Initiative"


def test_quote_with_only_a_closing_mark() -> None:
    stmt, doc = only("Wir werden das nicht hinnehmen“, sagte der Gewerkschaftschef.")
    assert stmt.form == "Direct"
    assert words(doc, stmt.message) == "Wir werden das nicht hinnehmen “"


def test_indirect_speech_in_konjunktiv_after_cue() -> None:
    stmt, doc = only("Er sagte, die Nato sei bereit und werde ihre Mitglieder verteidigen.")
    assert stmt.form == "Indirect"
    assert words(doc, stmt.source) == "Er"
    assert words(doc, stmt.message) == "die Nato sei bereit und werde ihre Mitglieder verteidigen"
    assert words(doc, stmt.frame) == "Er sagte ,"


def test_postposed_indirect_speech() -> None:
    stmt, doc = only("Die Lage sei ernst, betonte die Ministerin.")
    assert stmt.form == "Indirect"
    assert words(doc, stmt.message) == "Die Lage sei ernst"
    assert words(doc, stmt.source) == "die Ministerin"


def test_dass_clause_and_separable_cue_with_addressee() -> None:
    stmt, doc = only("Der Sprecher teilte der Zeitung mit, dass die Gespräche abgebrochen wurden.")
    assert words(doc, stmt.cue) == "teilte mit"
    assert stmt.medium == "Speech"
    assert words(doc, stmt.source) == "Der Sprecher"
    assert words(doc, stmt.addressee) == "der Zeitung"
    assert words(doc, stmt.message) == "dass die Gespräche abgebrochen wurden"


@pytest.mark.parametrize(
    ("text", "cue", "source", "message"),
    [
        ("Laut Polizei wurden drei Menschen verletzt.", "Laut", "Polizei", "wurden drei Menschen verletzt"),
        (
            "Dem Bericht zufolge stiegen die Preise deutlich.",
            "zufolge",
            "Dem Bericht",
            "stiegen die Preise deutlich",
        ),
        (
            "Nach Angaben der Behörden gab es keine Toten.",
            "Nach",
            "Angaben der Behörden",
            "gab es keine Toten",
        ),
        (
            "An Bord waren nach eigenen Angaben 62 Personen.",
            "nach",
            "eigenen Angaben",
            "An Bord waren 62 Personen",
        ),
        ("Die Lage sei ernst, so der Sprecher im Radio.", "so", "der Sprecher", "Die Lage sei ernst"),
    ],
)
def test_according_to(text: str, cue: str, source: str, message: str) -> None:
    stmt, doc = only(text)
    assert (words(doc, stmt.cue), words(doc, stmt.source), words(doc, stmt.message)) == (cue, source, message)
    assert stmt.form == "Indirect"


def test_hiess_es_has_the_place_as_source() -> None:
    stmt, doc = only("Aus dem Ministerium hieß es, man prüfe die Vorwürfe.")
    assert words(doc, stmt.cue) == "hieß"
    assert words(doc, stmt.source) == "dem Ministerium"
    assert words(doc, stmt.message) == "man prüfe die Vorwürfe"


def test_indirect_speech_continues_over_konjunktiv_sentences() -> None:
    found, doc = statements(
        "Der Minister sagte, die Regierung habe keine Wahl. Die Kosten seien zu hoch. Man müsse sparen. "
        "Die Opposition lehnt das ab."
    )
    # one statement per sentence, each with the minister as source
    assert [s.form for s in found] == ["Indirect", "IndirectFreeIndirect", "IndirectFreeIndirect"]
    assert [words(doc, s.message) for s in found[1:]] == ["Die Kosten seien zu hoch .", "Man müsse sparen ."]
    assert all(words(doc, s.source) == "Der Minister" and s.cue == () for s in found[1:])


def test_scare_quotes_and_names_are_not_statements() -> None:
    found, _ = statements("Die Raumfähre „Eagle“ landete im Meer der Ruhe. Der Film „Der Pate“ läuft heute.")
    assert found == []


def test_verb_of_saying_without_a_clause_is_a_reported_statement_of_its_topic() -> None:
    found, doc = statements("Der Minister sprach am Montag in Berlin über die Lage.")
    assert [(s.form, words(doc, s.message)) for s in found] == [("Reported", "über die Lage")]


def test_time_phrase_after_nach_is_no_attribution() -> None:
    found, _ = statements("Nach dem Spiel feierten die Fans bis in die Nacht.")
    assert found == []


def test_as_clause_takes_the_main_clause_in_any_mood() -> None:
    stmt, doc = only("Wie die Polizei mitteilte, wurde niemand verletzt.")
    assert words(doc, stmt.cue) == "Wie mitteilte"
    assert words(doc, stmt.source) == "die Polizei"
    assert words(doc, stmt.message) == "wurde niemand verletzt"


def test_das_berichtet_takes_up_the_sentence_before() -> None:
    found, doc = statements(
        "Im Hafen brach ein Feuer aus. Das berichtet die Zeitung unter Berufung auf Zeugen."
    )
    assert len(found) == 1
    assert words(doc, found[0].message) == "Im Hafen brach ein Feuer aus Das"
    assert words(doc, found[0].source) == "die Zeitung"
    assert found[0].medium == "Writing"


def test_quote_inside_an_attributing_sentence_is_direct_speech() -> None:
    found, doc = statements("Der Verband bezeichnete die Pläne als „Kapitulation“.")
    assert [(s.form, words(doc, s.message), words(doc, s.source)) for s in found] == [
        ("Direct", "„ Kapitulation “", "Der Verband")
    ]


def test_inverted_subject_with_apposition() -> None:
    stmt, doc = only("„Wir sind bereit“, sagte Klaus Stöhr, der Leiter des Programms.")
    assert words(doc, stmt.source) == "Klaus Stöhr , der Leiter des Programms"


def test_verb_with_an_object_reports_a_statement() -> None:
    stmt, doc = only("Der Bürgermeister forderte die Unterstützung der Nationalgarde.")
    assert stmt.form == "Reported"
    assert words(doc, stmt.cue) == "forderte" and stmt.frame == ()
    assert words(doc, stmt.message) == "die Unterstützung der Nationalgarde"
    # the rules' message, the whole clause, is what SpkAtt-2023 marks
    assert words(doc, stmt.clause) == "Der Bürgermeister forderte die Unterstützung der Nationalgarde ."
    assert words(doc, stmt.source) == "Der Bürgermeister"


def test_evidential_sollen_after_a_statement_is_free_indirect() -> None:
    found, doc = statements(
        "Laut Polizei wurden zwei Menschen verletzt. Es soll sich um einen Unfall gehandelt haben."
    )
    assert [s.form for s in found] == ["Indirect", "FreeIndirect"]
    assert words(doc, found[1].message) == "Es soll sich um einen Unfall gehandelt haben ."
    assert words(doc, found[1].source) == "Polizei"


def test_evidential_sollen_alone_is_free_indirect_without_source() -> None:
    stmt, _ = only("Der Täter soll die Kasse geplündert haben.")
    assert stmt.form == "FreeIndirect" and stmt.source == ()


def test_participle_cue_takes_its_auxiliary() -> None:
    stmt, doc = only("Die Regierung hat angekündigt, sie werde die Steuern senken.")
    assert words(doc, stmt.cue) == "hat angekündigt"
    assert words(doc, stmt.source) == "Die Regierung"


def test_postposed_cue_with_inverted_subject_takes_an_indicative_clause() -> None:
    stmt, doc = only("Der Umsatz wird steigen, teilte das Unternehmen heute mit.")
    assert words(doc, stmt.cue) == "teilte mit"
    assert words(doc, stmt.message) == "Der Umsatz wird steigen"
    assert words(doc, stmt.source) == "das Unternehmen"


def test_subject_with_apposition_before_the_cue() -> None:
    stmt, doc = only("Der Leiter des Programms, Klaus Stöhr, sagte, die Gefahr sei real.")
    assert words(doc, stmt.source) == "Der Leiter des Programms , Klaus Stöhr"


def test_addressee_after_gegenueber() -> None:
    stmt, doc = only("Die Ministerin erklärte am Montag gegenüber dem Sender, sie werde nicht zurücktreten.")
    assert words(doc, stmt.addressee) == "dem Sender"
    assert words(doc, stmt.source) == "Die Ministerin"

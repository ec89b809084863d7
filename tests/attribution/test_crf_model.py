"""The shipped CRF model on hand-written German sentences, through the full pipeline."""

from dataclasses import dataclass

import pytest

from zitat.attribution.crf import STAGES
from zitat.attribution.registry import MODELS_DIR, load_model
from zitat.document import DocumentMeta
from zitat.pipeline import process_text


@dataclass
class Found:
    form: str | None
    cue: str
    source: str
    message: str
    message_ids: set[int]
    nested_in: int | None


def extract(text: str) -> list[Found]:
    doc = process_text(text, DocumentMeta(id="test"), model="crf")

    def words(ids: tuple[int, ...]) -> str:
        return " ".join(doc[i].text for i in ids)

    return [
        Found(s.form, words(s.cue), words(s.source), words(s.message), set(s.message), s.nested_in)
        for s in doc._.statements
    ]


def only(text: str) -> Found:
    found = extract(text)
    assert len(found) == 1, found
    return found[0]


def test_model_files_ship_inside_the_package() -> None:
    assert all((MODELS_DIR / "fast" / f"{stage}.crfsuite").is_file() for stage in STAGES)
    assert load_model("crf") is load_model("fast")  # the old name is an alias
    assert load_model("fast").name == "fast"


def test_direct_quote_with_postposed_cue() -> None:
    found = only("„Wir sind bereit“, sagte Stoltenberg.")
    assert (found.form, found.cue, found.source) == ("Direct", "sagte", "Stoltenberg")
    assert found.message == "„ Wir sind bereit “"


def test_indirect_speech_in_the_subjunctive() -> None:
    found = only("Der Minister sagte, die Regierung werde die Steuern senken.")
    assert (found.form, found.cue, found.source) == ("Indirect", "sagte", "Der Minister")
    assert found.message == "die Regierung werde die Steuern senken"


def test_a_lone_name_before_an_auxiliary_cue_is_the_source() -> None:
    found = only(
        "Der Streit geht weiter. Müller hatte in einem Interview gesagt, die Fraktionen müssten warten."
    )
    assert (found.form, found.cue, found.source) == ("Indirect", "hatte gesagt", "Müller")


def test_indirect_speech_continued_without_cue() -> None:
    first, second = extract(
        "Der Sprecher erklärte, das Unternehmen habe keine Fehler gemacht. "
        "Man werde die Vorwürfe sorgfältig prüfen."
    )
    assert (first.form, first.cue, first.source) == ("Indirect", "erklärte", "Der Sprecher")
    assert (second.form, second.cue, second.source) == ("IndirectFreeIndirect", "", "Der Sprecher")
    assert second.message.startswith("Man werde die Vorwürfe sorgfältig prüfen")


def test_a_reported_speech_act_says_what_with_its_content() -> None:
    # the model marks the whole sentence (SpkAtt-2023); the pipeline keeps it as the clause
    found = only("Der Verband warnte vor steigenden Preisen.")
    assert (found.form, found.cue, found.source) == ("Reported", "warnte", "Der Verband")
    assert found.message == "vor steigenden Preisen"


def test_free_indirect_reportive_modal_continues_the_source() -> None:
    first, second = extract("Laut Polizei wurden drei Menschen verletzt. Der Täter soll aus Berlin stammen.")
    assert (first.form, first.cue, first.source) == ("Indirect", "Laut", "Polizei")
    assert (second.form, second.cue, second.source) == ("FreeIndirect", "", "Polizei")
    assert second.message.startswith("Der Täter soll aus Berlin stammen")


def test_hearsay_modal_alone_is_free_indirect_speech_without_a_source() -> None:
    found = only("Der Mann soll die Kasse geplündert haben.")
    assert (found.form, found.cue, found.source) == ("FreeIndirect", "", "")
    assert found.message == "Der Mann soll die Kasse geplündert haben ."


def test_free_indirect_speech_takes_a_speaker_named_in_the_sentence_before() -> None:
    (found,) = [
        f for f in extract("Die Ministerin kritisierte den Plan. Die Mittel seien zu knapp.") if not f.cue
    ]
    assert (found.form, found.source) == ("IndirectFreeIndirect", "Die Ministerin")


def test_discontinuous_cue_is_one_cue() -> None:
    found = only("Die Polizei teilte am Montag mit, drei Menschen seien verletzt worden.")
    assert (found.form, found.cue, found.source) == ("Indirect", "teilte mit", "Die Polizei")
    assert found.message == "drei Menschen seien verletzt worden"


def test_multi_sentence_direct_quote_is_one_statement() -> None:
    found = only("„Wir sind bereit. Wir haben lange gewartet. Jetzt handeln wir“, sagte die Ministerin.")
    assert (found.form, found.cue, found.source) == ("Direct", "sagte", "die Ministerin")
    assert found.message == "„ Wir sind bereit . Wir haben lange gewartet . Jetzt handeln wir “"


def test_quote_with_a_postposed_so_is_direct() -> None:
    found = only("„Das ist ein großer Erfolg“, so der Bürgermeister.")
    assert (found.form, found.cue, found.source) == ("Direct", "so", "der Bürgermeister")


def test_quote_with_only_a_closing_mark_is_direct() -> None:
    found = only("Wir werden das Spiel gewinnen“, sagte der Trainer.")
    assert (found.form, found.cue, found.source) == ("Direct", "sagte", "der Trainer")
    assert found.message.startswith("Wir werden das Spiel gewinnen")


def test_quote_nested_in_indirect_speech_shares_cue_and_source() -> None:
    doc = process_text("Der Minister sagte, er habe „keine andere Wahl gehabt“.", DocumentMeta(id="t"), "crf")
    (outer,) = doc._.statements  # the minister's own words inside his statement are part of it
    (inner,) = outer.quotes
    assert (outer.form, inner.form) == ("Indirect", "Direct")
    assert " ".join(doc[i].text for i in inner.message) == "„ keine andere Wahl gehabt “"
    assert set(inner.message) < set(outer.message)
    assert (inner.cue, inner.source) == (outer.cue, outer.source)
    assert " ".join(doc[i].text for i in outer.cue + outer.source) == "sagte Der Minister"


def test_hiess_es_is_one_cue() -> None:
    found = only("Die Lage sei stabil, hieß es aus dem Ministerium.")
    assert (found.form, found.cue) == ("Indirect", "hieß es")
    assert found.message == "Die Lage sei stabil"
    assert "Ministerium" in found.source


@pytest.mark.parametrize("verb", ["wird", "werde"])
def test_postposed_cue_in_either_mood(verb: str) -> None:
    found = only(f"Die Produktion {verb} im Herbst wieder aufgenommen, sagte ein Sprecher.")
    assert (found.form, found.cue, found.source) == ("Indirect", "sagte", "ein Sprecher")
    assert found.message == f"Die Produktion {verb} im Herbst wieder aufgenommen"


@pytest.mark.parametrize(
    ("text", "quoting", "quoted"),
    [
        (
            "Der Kreml zitierte Präsident Wladimir Putin mit den Worten, er werde die Antworten prüfen.",
            "Der Kreml",
            "Präsident Wladimir Putin",
        ),
        ("„Wir prüfen das“, zitiert die Zeitung den Minister.", "die Zeitung", "den Minister"),
        (
            "Das Problem sei gelöst, wie Hoyzer von Spiegel-Online zitiert wird.",
            "von Spiegel-Online",
            "Hoyzer",
        ),
        (
            "Von der Zeitung wurde der Minister mit den Worten zitiert, er sei zufrieden.",
            "der Minister",
            "der Zeitung",
        ),
    ],
)
def test_quoting_and_quoted_person_each_get_the_message(text: str, quoting: str, quoted: str) -> None:
    first, second = extract(text)
    assert (first.source, second.source) == (quoting, quoted)
    assert "zitier" in first.cue and second.cue == first.cue
    assert second.message_ids == first.message_ids
    assert (first.nested_in, second.nested_in) == (None, None)


def test_passive_quoting_without_agent_names_one_source() -> None:
    found = only("Der Minister wurde mit den Worten zitiert, er sei zufrieden.")
    assert found.source == "Der Minister"


def test_predictions_are_deterministic() -> None:
    text = "„Das ist ein schwarzer Tag“, sagte Müller. Die Regierung habe versagt."
    assert extract(text) == extract(text)


@pytest.mark.parametrize("model", ["crf", "rules"])
def test_frame_stops_before_the_full_stop_at_a_paragraph_break(model: str) -> None:
    text = "Er sagte, das Bündnis sei geschlossen.\n\nDer Sprecher erklärte, man warte ab.\n"
    doc = process_text(text, DocumentMeta(id="test"), model=model)
    frames = [doc[min(s.frame) : max(s.frame) + 1].text for s in doc._.statements]
    assert frames == ["Er sagte,", "Der Sprecher erklärte,"]


def test_confidence_is_the_finding_stages_probability() -> None:
    doc = process_text(
        "„Wir sind bereit“, sagte Stoltenberg. Der Verband warnte vor steigenden Preisen. "
        "Der Sprecher erklärte, das Unternehmen habe keine Fehler gemacht. Man werde die Vorwürfe prüfen.",
        DocumentMeta(id="test"),
        model="crf",
    )
    confidence = {s.form: s.confidence for s in doc._.statements}
    assert set(confidence) == {"Direct", "Reported", "Indirect", "IndirectFreeIndirect"}
    assert all(0.0 <= value <= 1.0 for value in confidence.values())
    # the message tagger is sure of a plain quote; whole-sentence speech acts are a closer call
    assert confidence["Direct"] > 0.9
    assert confidence["Reported"] < confidence["Direct"]

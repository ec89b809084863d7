"""The CRF model's building blocks: quote state, moods, label decoding, quotations, frames."""

from zitat.attribution.crf import (
    clause_message,
    decode_runs,
    derive_frame,
    evidential_message,
    nearest_cue,
    quoted_spans,
)
from zitat.attribution.features import Article, quote_state, rule_hints, subjunctive_mood
from zitat.document import DocumentMeta
from zitat.pipeline import process_text


def article(*sentences: str) -> Article:
    """An article whose lemma is the word itself and whose tags are all nouns (enough for these tests)."""
    words, sentence_of = [], []
    for n, sent in enumerate(sentences):
        for word in sent.split():
            words.append(word)
            sentence_of.append(n)
    return Article(words, list(words), ["NN"] * len(words), [""] * len(words), sentence_of)


def test_quote_state_marks_tokens_between_german_quotes() -> None:
    words = ["Er", "sagte", ":", "„", "Wir", "kommen", "“", "."]
    assert quote_state(words) == [False, False, False, True, True, True, True, False]


def test_quote_state_recovers_from_unbalanced_marks() -> None:
    words = ["„", "a", "„", "b", "„", "c", "d"]
    assert quote_state(words)[-1] is False


def test_subjunctive_mood_from_ud_features() -> None:
    assert subjunctive_mood(["Sub"], ["Pres"]) == "SubPres"
    assert subjunctive_mood(["Sub"], ["Past"]) == "SubPast"
    assert subjunctive_mood(["Ind"], ["Pres"]) == ""
    assert subjunctive_mood([], []) == ""


def test_decode_runs_joins_continuations_and_offsets() -> None:
    labels = ["B-Direct", "I-Direct", "O", "C-Direct", "O", "B-Indirect", "I-Indirect"]
    assert decode_runs(labels, offset=10) == [("Direct", [10, 11, 13]), ("Indirect", [15, 16])]


def test_decode_runs_starts_a_group_at_a_stray_inside_label() -> None:
    assert decode_runs(["O", "I-S", "I-S"]) == [("S", [1, 2])]


def test_quoted_spans_inside_a_message_but_not_the_whole_message() -> None:
    art = article("er werde „ nie aufgeben “ , sagte er .")
    message = list(range(0, 6))
    assert quoted_spans(art, message) == [[2, 3, 4, 5]]
    assert quoted_spans(art, [2, 3, 4, 5]) == []


def test_derived_frame_is_the_cue_sentence_outside_the_message() -> None:
    art = article("„ Wir kommen “ , sagte Müller .")
    assert derive_frame(art, (5,), {0, 1, 2, 3}) == (4, 5, 6)
    assert derive_frame(art, (), {0, 1, 2, 3}) == ()


def test_nearest_cue_only_from_the_message_sentences() -> None:
    art = article("Er sagte das .", "„ Wir kommen “ , betonte sie und sagte es .")
    assert nearest_cue(art, [4, 5, 6, 7], [(1,), (9,), (13,)]) == (9,)
    assert nearest_cue(art, [4, 5, 6, 7], [(1,)]) == ()
    assert nearest_cue(art, [4, 5, 6, 7], [(5,)]) == ()


def test_nearest_cue_from_a_colon_sentence_right_before_the_quote() -> None:
    art = article("Der Minister sagte :", "„ Wir kommen . “", "Sie fragte :", "Er nickte .", "„ Ja . “")
    assert nearest_cue(art, [4, 5, 6, 7, 8], [(2,)]) == (2,)
    assert nearest_cue(art, [15, 16, 17, 18], [(10,)]) == ()  # the colon sentence is not the one before


def test_rule_hints_mark_the_rule_baselines_message_cue_and_source() -> None:
    doc = process_text("„Wir kommen morgen“, sagte der Sprecher.", DocumentMeta(id="t"), model="rules")
    hints = rule_hints(doc)
    by_word = {token.text: hints[token.i] for token in doc}
    assert "r:msg=Direct" in by_word["Wir"] and "r:msgB" in by_word["„"]
    assert "r:msgB" not in by_word["Wir"]
    assert by_word["sagte"] == ["r:cue"]
    assert "r:src" in by_word["Sprecher"]
    assert by_word["."] == []


def test_article_without_hints_gets_empty_ones() -> None:
    art = article("er sagte das .")
    assert art.hints == [[], [], [], []]


def test_clause_message_before_a_postposed_cue_clause() -> None:
    art = article("Das Werk schließt , sagte ein Sprecher .")
    assert clause_message(art, (4,), set()) == [0, 1, 2]
    art = article("Er hatte gestanden , wie sein Anwalt am Montag mitteilte .")
    assert clause_message(art, (9,), set()) == [0, 1, 2]
    art = article("Er sagte am Montag , das Werk schließe .")
    assert clause_message(art, (1,), set()) == [5, 6, 7]


def tagged(words: str, tags: str) -> Article:
    art = article(words)
    art.tags = tags.split()
    return art


def test_evidential_message_leaves_out_cue_and_source_phrase() -> None:
    art = tagged("Laut Polizei wurden zwei Menschen verletzt .", "APPR NN VAFIN CARD NN VVPP $.")
    assert evidential_message(art, (0,), set()) == [2, 3, 4, 5]
    art = tagged(
        "Der Meldung zufolge kam das Team zu dem Schluss .", "ART NN APPO VVFIN ART NN APPR ART NN $."
    )
    assert evidential_message(art, (2,), set()) == [3, 4, 5, 6, 7, 8]
    art = tagged("Demnach sei er schuldig .", "PAV VAFIN PPER ADJD $.")
    assert evidential_message(art, (0,), set()) == [1, 2, 3]
    assert evidential_message(art, (0,), {2}) == []  # another message is in the sentence
    assert evidential_message(tagged("Er sagte das .", "PPER VVFIN PDS $."), (1,), set()) == []

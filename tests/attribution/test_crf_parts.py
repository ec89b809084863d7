"""The CRF model's building blocks: quote state, moods, label decoding, quotations, frames."""

import pytest

from zitat.attribution.crf.cues import derive_frame, with_auxiliary, with_reflexive
from zitat.attribution.crf.drafts import Draft
from zitat.attribution.crf.evidential import (
    claim_evidential,
    evidential_clause,
    evidential_message,
    evidential_source,
    within_evidential_clause,
)
from zitat.attribution.crf.messages import (
    clause_message,
    cue_clause_tail,
    is_quotation,
    join_split_messages,
    nearest_cue,
    previous_sentence_cue,
    rule_reported_drafts,
    subjunctive_continuations,
    unfounded_indirect,
)
from zitat.attribution.crf.phrases import attached_noun_phrase
from zitat.attribution.crf.roles import (
    agentless_passive,
    facing_addressee,
    introduced_just_before,
    object_addressee,
    quoted_person_draft,
    rule_source,
    speaks_on,
    subject_before_cue,
)
from zitat.attribution.crf.sequences import quoted_spans
from zitat.attribution.features import TokenView, quote_state, rule_hints, subjunctive_mood
from zitat.attribution.labels import decode_runs
from zitat.document import DocumentMeta
from zitat.pipeline import process_text


def article(*sentences: str) -> TokenView:
    """An article whose lemma is the word itself and whose tags are all nouns (enough for these tests)."""
    words, sentence_of = [], []
    for n, sent in enumerate(sentences):
        for word in sent.split():
            words.append(word)
            sentence_of.append(n)
    return TokenView(words, list(words), ["NN"] * len(words), [""] * len(words), sentence_of)


def test_quote_state_marks_tokens_between_german_quotes() -> None:
    words = ["Er", "sagte", ":", "„", "Wir", "kommen", "“", "."]
    assert quote_state(words) == [False, False, False, True, True, True, True, False]


@pytest.mark.parametrize("opening, closing", [("»", "«"), ("«", "»"), ("›", "‹"), ("‹", "›")])
def test_quote_state_pairs_guillemets_of_either_convention(opening: str, closing: str) -> None:
    words = ["Er", "sagte", ":", opening, "Wir", "kommen", closing, ".", "Dann", "ging", "er", "."]
    assert quote_state(words) == [False] * 3 + [True] * 4 + [False] * 5  # nothing after the quote


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


CLAUSE_MESSAGES = [
    # (words, STTS tags, cue, message), one clause message per line
    ("Das Werk schließt , sagte ein Sprecher .", "ART NN VVFIN $, VVFIN ART NN $.", (4,), [0, 1, 2]),
    (
        "Er hatte gestanden , wie sein Anwalt am Montag mitteilte .",
        "PPER VAFIN VVPP $, PWAV PPOSAT NN APPRART NN VVFIN $.",
        (9,),
        [0, 1, 2],
    ),
    ("Er sagte am Montag , das Werk schließe .", "PPER VVFIN APPRART NN $, ART NN VVFIN $.", (1,), [5, 6, 7]),
    ("„ Nein “ , sagte er .", "$( ADV $( $, VVFIN PPER $.", (4,), [0, 1, 2]),  # a quote needs no verb
    ("Dass er geht , bestätigte sein Anwalt .", "KOUS PPER VVFIN $, VVFIN PPOSAT NN $.", (4,), [0, 1, 2]),
    (
        "Das Werk , das alt ist , schließt , sagte er .",
        "ART NN $, PRELS ADJD VAFIN $, VVFIN $, VVFIN PPER $.",
        (9,),
        [0, 1, 2, 3, 4, 5, 6, 7],
    ),
    # the speaker and an apposition before the cue: the message follows it, or there is none
    (
        "Ein Sprecher , Lars Beringer , sagte , die Lage sei ruhig .",
        "ART NN $, NE NE $, VVFIN $, ART NN VAFIN ADJD $.",
        (6,),
        [8, 9, 10, 11],
    ),
    (
        "Die Bank , die größte Privatbank , meldete Verluste .",
        "ART NN $, ART ADJA NN $, VVFIN NN $.",
        (7,),
        [],
    ),
    # a noun with a relative clause, an adverbial clause, a participle cue's own auxiliary before it
    (
        "In einem Essay , das gestern erschien , kritisierte er den Plan .",
        "APPR ART NN $, PRELS ADV VVFIN $, VVFIN PPER ART NN $.",
        (8,),
        [],
    ),
    (
        "Selbst wenn sie verurteilt wird , droht ihr Haft .",
        "ADV KOUS PPER VVPP VAFIN $, VVFIN PPER NN $.",
        (6,),
        [],
    ),
    (
        "Zuvor hatte der Investor , Larry Silverstein , zugesagt , nicht zu bauen .",
        "ADV VAFIN ART NN $, NE NE $, VVPP $, PTKNEG PTKZU VVINF $.",
        (8,),
        [10, 11, 12],
    ),
    # after the cue: no verb, an adverbial clause, a relative clause on the subject (skipped)
    (
        "Dies teilte der Vorsitzende , Magdalena Chu , mit .",
        "PDS VVFIN ART NN $, NE NE $, PTKVZ $.",
        (1,),
        [],
    ),
    (
        "Das beschloss die Kommission , nachdem die Abstimmung ausfiel .",
        "PDS VVFIN ART NN $, KOUS ART NN VVFIN $.",
        (1,),
        [],
    ),
    (
        "Darauf beschloss der Pilot , der lange fliegt , notzulanden .",
        "PAV VVFIN ART NN $, PRELS ADV VVFIN $, VVIZU $.",
        (1,),
        [9],
    ),
    ("Er rief an , um abzusagen .", "PPER VVFIN PTKVZ $, KOUI VVIZU $.", (1,), []),
    (
        "Er fügte eine Klausel ein , mit der alles gilt .",
        "PPER VVFIN ART NN PTKVZ $, APPR PRELS PIS VVFIN $.",
        (1,),
        [],
    ),
    # a cue inside a relative or adverbial clause: what follows is the main clause, unless a complement
    (
        "Der Hafen , der früher Nord hieß , gilt als wichtig .",
        "ART NN $, PRELS ADV NE VVFIN $, VVFIN APPR ADJD $.",
        (6,),
        [],
    ),
    (
        "Nachdem sie die Polizei informiert hatte , wurde gesucht .",
        "KOUS PPER ART NN VVPP VAFIN $, VAFIN VVPP $.",
        (4, 5),
        [],
    ),
    (
        "Er ging , nachdem er erklärt hatte , dass er gehe .",
        "PPER VVFIN $, KOUS PPER VVPP VAFIN $, KOUS PPER VVFIN $.",
        (5, 6),
        [8, 9, 10],
    ),
]


@pytest.mark.parametrize(("words", "tags", "cue", "message"), CLAUSE_MESSAGES)
def test_clause_message_of_an_unclaimed_cue(
    words: str, tags: str, cue: tuple[int, ...], message: list[int]
) -> None:
    assert clause_message(tagged(words, tags), cue, set()) == message


def tagged(words: str, tags: str) -> TokenView:
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


def test_evidential_cue_speaks_for_its_clause() -> None:
    art = tagged(
        "Es kommt Katar , der laut dpa einsteigen will , und andere .",
        "PPER VVFIN NE $, PRELS APPR NE VVINF VMFIN $, KON PIS $.",
    )
    assert evidential_message(art, (5,), set()) == [4, 7, 8]  # the relative clause, up to its verb
    art = tagged(
        "Er sagte , nach neuen Erkenntnissen habe er gelogen .",
        "PPER VVFIN $, APPR ADJA NN VAFIN PPER VVPP $.",
    )
    assert evidential_message(art, (3,), set()) == [6, 7, 8]  # the clause after the comma
    art = tagged(
        "Ein Sprengsatz , vermutlich eine Bombe , ist laut Polizei explodiert .",
        "ART NN $, ADV ART NN $, VAFIN APPR NN VVPP $.",
    )
    assert evidential_clause(art, (8,), {8, 9}, range(11)) == range(11)  # a finite verb after the comma
    art = tagged("Ein Bericht , wonach Zeugen logen , kursiert .", "ART NN $, PWAV NN VVFIN $, VVFIN $.")
    assert evidential_message(art, (3,), set()) == [4, 5]


def test_message_that_stops_at_an_evidential_phrase_takes_the_rest_of_its_clause() -> None:
    art = tagged("Die Garde hatte laut Polizei wieder Zulauf .", "ART NN VAFIN APPR NN ADV NN $.")
    ended_at_cue = Draft([0, 1, 2], "Indirect", cue=(3,))
    assert within_evidential_clause(art, ended_at_cue) == [0, 1, 2, 5, 6]
    started_after = Draft([5, 6], "Indirect", cue=(3,))
    assert within_evidential_clause(art, started_after) == [0, 1, 2, 5, 6]
    apart = Draft([6], "Indirect", cue=(3,))  # not next to the phrase: the tagger's span is kept
    assert within_evidential_clause(art, apart) == [6]
    verb_cue = Draft([0, 1, 2], "Indirect", cue=(2,))
    assert within_evidential_clause(art, verb_cue) == [0, 1, 2]
    art = tagged(
        "Er sagte , nach neuen Erkenntnissen habe er gelogen .",
        "PPER VVFIN $, APPR ADJA NN VAFIN PPER VVPP $.",
    )
    cut = Draft([0, 1, 2, 6, 7, 8], "Indirect", cue=(3,))
    assert within_evidential_clause(art, cut) == [6, 7, 8]  # cut to the clause after the comma


def test_evidential_cue_inside_a_cueless_message_claims_it() -> None:
    art = tagged(
        "Anschließend sei laut el-Baradei die Bearbeitung erfolgt .", "ADV VAFIN APPR NE ART NN VVPP $."
    )
    draft = Draft(list(range(8)), "IndirectFreeIndirect")
    claim_evidential(art, [(2,)], [draft])
    assert (draft.cue, draft.form, draft.message) == ((2,), "Indirect", [0, 1, 4, 5, 6, 7])


def test_evidential_cue_splits_its_sentence_off_a_longer_cueless_message() -> None:
    art = article("Sie sei gesprungen .", "Laut Zeugen habe sie geschnorchelt .")
    art.tags = ["PPER", "VAFIN", "VVPP", "$.", "APPR", "NN", "VAFIN", "PPER", "VVPP", "$."]
    # the tagger's message skipped „Laut Zeugen“: the cue lies in its sentence, not inside it
    draft = Draft([0, 1, 2, 3, 6, 7, 8, 9], "IndirectFreeIndirect")
    drafts = [draft]
    claim_evidential(art, [(4,)], drafts)
    assert (draft.message, draft.form) == ([0, 1, 2, 3], "IndirectFreeIndirect")
    assert [(d.message, d.cue, d.form) for d in drafts[1:]] == [([6, 7, 8, 9], (4,), "Indirect")]


def test_evidential_cue_already_used_or_inside_a_cued_message_is_left_alone() -> None:
    art = tagged("Laut Polizei sei er geflohen .", "APPR NN VAFIN PPER VVPP $.")
    free = Draft([2, 3, 4], "FreeIndirect")
    cued = Draft([0, 1, 2, 3, 4], "Indirect", cue=(0,))
    claim_evidential(art, [(0,)], [free, cued])
    assert (free.cue, free.form) == ((), "FreeIndirect")
    reported = Draft([0, 1, 2, 3, 4], "Reported")
    claim_evidential(art, [(5,)], [reported])  # no evidential word among the cues
    assert reported.form == "Reported"


def test_free_indirect_keeps_a_source_found_in_the_sentence_before() -> None:
    art = article("Die Ministerin kritisierte den Plan .", "Die Mittel seien zu knapp .")
    draft = Draft(list(range(6, 11)), "IndirectFreeIndirect", source=(0, 1))
    assert introduced_just_before(art, draft)
    draft.source = (6,)  # in the message's own sentence
    assert not introduced_just_before(art, draft)
    draft.source = ()
    assert not introduced_just_before(art, draft)


def test_free_indirect_speech_goes_on_with_a_recent_speaker_only() -> None:
    art = article(
        "Er sagte , es gehe .", "Das Wetter war gut .", "Es sei zu spät .", "Ja .", "Ja .", "Nein ."
    )
    previous = Draft([3, 4], "Indirect", cue=(1,), source=(0,))
    assert speaks_on(
        art, Draft([11, 12, 13, 14], "IndirectFreeIndirect"), previous, reach=3
    )  # two sentences on
    assert not speaks_on(art, Draft([11, 12, 13, 14], "Indirect"), previous, reach=3)  # not a continuing form
    far = Draft([len(art) - 2, len(art) - 1], "FreeIndirect")  # five sentences on
    assert not speaks_on(art, far, previous, reach=3)
    previous.source = ()
    assert not speaks_on(
        art, Draft([11, 12, 13, 14], "IndirectFreeIndirect"), previous, reach=3
    )  # nothing to take


def test_attached_noun_phrase_takes_genitive_and_von_attributes_only() -> None:
    art = tagged("laut el-Baradei die Bearbeitung", "APPR NE ART NN")
    assert attached_noun_phrase(art, range(1, 4)) == [1]
    art = tagged("nach Angaben der Polizei in Bonn habe", "APPR NN ART NN APPR NE VAFIN")
    assert attached_noun_phrase(art, range(1, 7)) == [1, 2, 3]
    art = tagged("laut Angaben von Amnesty International wurden", "APPR NN APPR NE NE VAFIN")
    assert attached_noun_phrase(art, range(1, 6)) == [1, 2, 3, 4]
    art = tagged("laut BBC britische Staatsbürger", "APPR NE ADJA NN")  # the next phrase begins
    assert attached_noun_phrase(art, range(1, 4)) == [1]
    art = tagged("laut ihrem Anführer ihre Kollegen", "APPR PPOSAT NN PPOSAT NN")
    assert attached_noun_phrase(art, range(1, 5)) == [1, 2]
    art = tagged("laut „ tagesschau.de “ kritisiert", "APPR $( XY $( VVPP")
    assert attached_noun_phrase(art, range(1, 5)) == [1, 2, 3]
    # not into tokens another part holds: „zitierte man Yolanda Alvarez vom Sender RTVE“
    art = tagged("Yolanda Alvarez vom Sender RTVE .", "NE NE APPRART NN NE $.")
    assert attached_noun_phrase(art, range(0, 5)) == [0, 1, 2, 3, 4]
    assert attached_noun_phrase(art, range(0, 5), taken={2}) == [0, 1]


def test_participle_cue_takes_its_auxiliary() -> None:
    art = tagged(
        "Er hatte am Montag betont , es sei vorbei .", "PPER VAFIN APPR NN VVPP $, PPER VAFIN ADJD $."
    )
    assert with_auxiliary(art, (4,)) == (1, 4)
    art = tagged("Es sei vorbei , wie berichtet wurde .", "PPER VAFIN ADJD $, PWAV VVPP VAFIN $.")
    assert with_auxiliary(art, (5,)) == (5, 6)
    assert with_auxiliary(art, (1,)) == (1,)  # not a participle
    art = tagged("Er sei , so betont , fertig .", "PPER VAFIN $, ADV VVPP $, ADJD $.")
    assert with_auxiliary(art, (4,)) == (4,)  # the auxiliary is in another clause


def test_addressee_after_gegenueber_in_the_cue_sentence() -> None:
    art = tagged(
        "Es sei ernst , sagte er gegenüber der BBC .", "PPER VAFIN ADJD $, VVFIN PPER APPR ART NE $."
    )
    draft = Draft([0, 1, 2], "Indirect", cue=(4,), source=(5,))
    assert facing_addressee(art, draft) == (7, 8)
    assert facing_addressee(art, Draft([0, 1, 2], "IndirectFreeIndirect")) == ()  # no cue, no sentence
    inside = Draft([0, 1, 2, 3, 4, 5, 6, 7, 8], "Indirect", cue=(4,))  # „gegenüber“ inside the message
    assert facing_addressee(art, inside) == ()


def test_object_of_an_addressee_verb_is_the_addressee() -> None:
    art = tagged(
        "Die Regierung forderte die Bürger auf , Ruhe zu bewahren .",
        "ART NN VVFIN ART NN PTKVZ $, NN PTKZU VVINF $.",
    )
    art.lemmas = ["die", "Regierung", "fordern", "die", "Bürger", "auf", ",", "Ruhe", "zu", "bewahren", "."]
    draft = Draft([7, 8, 9], "Indirect", cue=(2, 5), source=(0, 1))
    assert object_addressee(art, draft) == (3, 4)
    art = tagged("McCain warf Obama vor , er lüge .", "NE VVFIN NE PTKVZ $, PPER VVFIN $.")
    art.lemmas = ["McCain", "werfen", "Obama", "vor", ",", "er", "lügen", "."]
    assert object_addressee(art, Draft([5, 6], "Indirect", cue=(1, 3), source=(0,))) == (2,)
    # „sagen“ takes no object addressee; the source is never the addressee
    art.lemmas[1], art.lemmas[3] = "sagen", ""
    assert object_addressee(art, Draft([5, 6], "Indirect", cue=(1,), source=(0,))) == ()
    art.lemmas[1], art.lemmas[3] = "werfen", "vor"
    assert object_addressee(art, Draft([5, 6], "Indirect", cue=(1, 3), source=(0, 2))) == ()


def test_konjunktiv_sentences_after_a_statement_continue_it() -> None:
    art = article(
        "Die Armee sprach von einem Absturz .", "Der Hubschrauber sei abgestürzt .", "„ Es sei schlimm “ ."
    )
    tags = "ART NN VVFIN APPR ART NN $. ART NN VAFIN VVPP $. $( PPER VAFIN ADJD $( $."
    art.tags = tags.split()
    art.moods[9] = art.moods[15] = "SubPres"
    statement = Draft([0, 1, 2, 3, 4, 5, 6], "Reported", confidence=0.8)
    assert [
        (d.message, d.form, d.confidence) for d in subjunctive_continuations(art, [statement], reach=3)
    ] == [
        ([7, 8, 9, 10, 11], "IndirectFreeIndirect", 0.8)
    ]  # not the quoted Konjunktiv of the last sentence; as sure as the statement it continues
    assert subjunctive_continuations(art, [], reach=3) == []  # no statement before it


def test_indirect_messages_sharing_a_cue_are_one_discontinuous_message() -> None:
    # „Das Gesetz , das … soll , verstößt nach Ansicht des Anwalts gegen EU-Recht“, broken in two
    first = Draft([0, 1], "Indirect", cue=(5,))
    second = Draft([3, 4], "Indirect", cue=(5,))
    other = Draft([9, 10], "Indirect", cue=(8,))
    quote, same_cue_quote = Draft([12, 13], "Direct", cue=(11,)), Draft([15, 16], "Direct", cue=(11,))
    joined = join_split_messages([first, second, other, quote, same_cue_quote])
    assert [d.message for d in joined] == [[0, 1, 3, 4], [9, 10], [12, 13], [15, 16]]
    assert len(join_split_messages([Draft([0], "Indirect"), Draft([2], "Indirect")])) == 2  # no cue


def test_an_indirect_message_needs_a_cue_or_a_subjunctive() -> None:
    art = article("Vor allem in Italien ist sie gefragt .", "Sie sei gefragt .")
    art.moods[8] = "SubPres"
    assert unfounded_indirect(art, Draft([0, 1, 2, 3, 4, 5], "Indirect"))
    assert not unfounded_indirect(art, Draft([7, 8, 9], "Indirect"))  # Konjunktiv I
    assert not unfounded_indirect(art, Draft([0, 1, 2, 3, 4, 5], "Indirect", cue=(9,)))
    assert unfounded_indirect(art, Draft([0, 1, 2, 3, 4, 5], "IndirectFreeIndirect"))
    assert not unfounded_indirect(art, Draft([0, 1, 2, 3, 4, 5], "Reported"))
    art = article("Sie hätten gewonnen .", "Das könnte helfen .")
    art.moods[1] = art.moods[5] = "SubPast"
    assert not unfounded_indirect(art, Draft([0, 1, 2], "Indirect"))  # Konjunktiv II for „sie haben“
    assert unfounded_indirect(art, Draft([4, 5, 6], "Indirect"))  # a possibility, not reported speech


def test_rule_baseline_source_nearest_the_cue_outside_the_message() -> None:
    art = article("Das erklärte gestern ein Sprecher , sagte die Zeitung .")
    for j in (3, 4, 7, 8):
        art.hints[j].append("r:src")
    draft = Draft([0], "Indirect", cue=(1,))
    assert rule_source(art, draft) == (3, 4)
    assert rule_source(art, Draft([3, 4], "Indirect", cue=(1,))) == (7, 8)  # not inside the message
    assert rule_source(art, Draft([0], "IndirectFreeIndirect")) == ()  # no cue, no sentence


def test_reflexive_next_to_the_cue_verb_joins_the_cue() -> None:
    art = tagged("Er äußerte sich zufrieden , es sei gut .", "PPER VVFIN PRF ADJD $, PPER VAFIN ADJD $.")
    assert with_reflexive(art, (1,), {5, 6, 7}) == (1, 2)
    assert with_reflexive(art, (1, 2), {5, 6, 7}) == (1, 2)  # already there
    art = tagged("Er sagte , sich zu freuen .", "PPER VVFIN $, PRF PTKZU VVINF $.")
    assert with_reflexive(art, (1,), {3, 4, 5}) == (1,)  # in the message, behind a comma


def test_evidential_cue_names_its_source() -> None:
    art = tagged("Laut der Polizei wurden zwei Menschen verletzt .", "APPR ART NN VAFIN CARD NN VVPP $.")
    assert evidential_source(art, (0,)) == (1, 2)
    art = tagged("Der Meldung zufolge kam das Team .", "ART NN APPO VVFIN ART NN $.")
    assert evidential_source(art, (2,)) == (0, 1)
    art = tagged("Demnach sei er schuldig .", "PAV VAFIN PPER ADJD $.")
    assert evidential_source(art, (0,)) == ()  # „demnach“ names nobody
    assert evidential_source(tagged("Er sagte das .", "PPER VVFIN PDS $."), (1,)) == ()


def test_a_quote_without_a_cue_takes_the_last_cue_of_the_sentence_before() -> None:
    art = article("„ Es ist ernst “ , so Schnappauf .", "„ Er ist außer Rand und Band . “")
    assert previous_sentence_cue(art, list(range(9, 18)), [(6,)]) == (6,)
    assert previous_sentence_cue(art, list(range(9, 18)), [(10,)]) == ()  # a cue in its own sentence only
    assert previous_sentence_cue(art, list(range(0, 5)), [(6,)]) == ()  # the first sentence


def test_rule_baseline_reported_acts_fill_untouched_sentences_only() -> None:
    art = article("Er forderte den Rücktritt .", "Sie lehnte ab .")
    for j in range(4):
        art.hints[j].append("r:msg=Reported")
    for j in range(5, 8):
        art.hints[j].append("r:msg=Direct")  # the rule baseline's quotes are not taken
    (draft,) = rule_reported_drafts(art, [])
    assert (draft.message, draft.form, draft.cue) == ([0, 1, 2, 3], "Reported", ())
    assert rule_reported_drafts(art, [Draft([2, 3], "Indirect")]) == []  # the sentence is taken


def test_a_cue_clause_before_a_subjunctive_clause_is_split_off() -> None:
    art = tagged(
        "Die Kanadier sagen , der Pilot trage die Verantwortung .", "ART NN VVFIN $, ART NN VVFIN ART NN $."
    )
    art.moods[6] = "SubPres"
    whole = list(range(10))
    assert cue_clause_tail(art, Draft(whole, "IndirectFreeIndirect")) == [4, 5, 6, 7, 8, 9]
    assert cue_clause_tail(art, Draft(whole, "Reported")) == [4, 5, 6, 7, 8, 9]
    assert cue_clause_tail(art, Draft(whole, "Indirect", cue=(2,))) == []  # it has its cue
    assert cue_clause_tail(art, Draft(whole[4:], "IndirectFreeIndirect")) == []  # not the whole sentence
    art.moods[6] = ""
    assert cue_clause_tail(art, Draft(whole, "Reported")) == []  # an indicative clause: nothing reported
    art = tagged("Er bestätigte , dass es brennt .", "PPER VVFIN $, KOUS PPER VVFIN $.")
    assert cue_clause_tail(art, Draft(list(range(7)), "Reported")) == [3, 4, 5, 6]
    art = tagged("Die Lage sei ernst , der Pilot trage Schuld .", "ART NN VAFIN ADJD $, ART NN VVFIN NN $.")
    art.moods[2] = art.moods[7] = "SubPres"
    assert cue_clause_tail(art, Draft(list(range(10)), "IndirectFreeIndirect")) == []  # subjunctive before


def test_the_noun_phrase_before_the_cue_is_its_subject() -> None:
    art = tagged(
        "Müller hatte in einem Interview gesagt , sie müssten warten .",
        "NE VAFIN APPR ART NN VVPP $, PPER VMFIN VVINF $.",
    )
    assert subject_before_cue(art, Draft([7, 8, 9], "Indirect", cue=(1, 5))) == (0,)
    art = tagged("Der neue Minister sagte , es gehe .", "ART ADJA NN VVFIN $, PPER VVFIN $.")
    assert subject_before_cue(art, Draft([5, 6], "Indirect", cue=(3,))) == (0, 1, 2)
    art = tagged("Gestern sagte Müller , es gehe .", "ADV VVFIN NE $, PPER VVFIN $.")
    assert subject_before_cue(art, Draft([4, 5], "Indirect", cue=(1,))) == ()  # an adverb, no subject
    art = tagged("Es gehe , sagte Müller .", "PPER VVFIN $, VVFIN NE $.")
    assert subject_before_cue(art, Draft([0, 1], "Indirect", cue=(3,))) == ()  # nothing before the cue
    assert subject_before_cue(art, Draft([0, 1], "IndirectFreeIndirect")) == ()  # no cue
    art = tagged(
        "Das Kabinett hat am Montag entschieden , zu klagen .",
        "ART NN VAFIN APPRART NN VVPP $, PTKZU VVINF $.",
    )
    assert subject_before_cue(art, Draft([7, 8], "Indirect", cue=(5,))) == (0, 1)  # before its auxiliary


def test_a_cue_verb_coordinated_with_an_earlier_one_has_the_sentence_subject() -> None:
    art = tagged(
        "Die Ministerin lobte den Plan und erklärte , er sei gut .",
        "ART NN VVFIN ART NN KON VVFIN $, PPER VAFIN ADJD $.",
    )
    assert subject_before_cue(art, Draft([8, 9, 10], "Indirect", cue=(6,))) == (0, 1)
    art = tagged("Er kam und sagte , es gehe .", "PPER VVFIN KON VVFIN $, PPER VVFIN $.")
    assert subject_before_cue(art, Draft([5, 6], "Indirect", cue=(3,))) == (0,)
    art = tagged("Gestern kam er und sagte , es gehe .", "ADV VVFIN PPER KON VVFIN $, PPER VVFIN $.")
    assert subject_before_cue(art, Draft([6, 7], "Indirect", cue=(4,))) == ()  # no subject first


def test_an_agentless_passive_cue_has_no_source() -> None:
    def passive(words: str, tags: str, cue: tuple[int, ...], message: list[int]) -> bool:
        art = tagged(words, tags)
        lemmas = {"wird": "werden", "wurde": "werden", "zitiert": "zitieren"}
        art.lemmas = [lemmas.get(w, w.lower()) for w in art.words]
        return agentless_passive(art, Draft(message, "Indirect", cue=cue))

    # the auxiliary counts even where the cue tagger left it out: „Ihm wird vorgeworfen, …“
    assert passive(
        "Ihm wird vorgeworfen , gelogen zu haben .", "PPER VAFIN VVPP $, VVPP PTKZU VAINF $.", (2,), [4, 5, 6]
    )
    # an agent: „Vom Ministerium wurde mitgeteilt, …“
    assert not passive(
        "Vom Ministerium wurde mitgeteilt , es gehe .", "APPRART NN VAFIN VVPP $, PPER VVFIN $.", (3,), [5, 6]
    )
    # the quoted person of a passive „zitieren“ is a source
    assert not passive(
        "Er wird so zitiert : „ Gut “ .", "PPER VAFIN ADV VVPP $. $( ADJD $( $.", (1, 3), [5, 6, 7]
    )
    assert not passive("Er sagte , es gehe .", "PPER VVFIN $, PPER VVFIN $.", (1,), [3, 4])  # active


def test_a_quotation_from_mark_to_mark_or_with_only_its_end_marked() -> None:
    art = article("„ Das ist gut “ , so er .", "Sie sei „ gut “ .", "Das ist gut “ , sagte sie .")
    assert is_quotation(art, [0, 1, 2, 3, 4])
    assert not is_quotation(art, [9, 10, 11, 12, 13])  # a quoted word inside indirect speech
    assert is_quotation(art, [15, 16, 17, 18])  # only the closing mark
    assert not is_quotation(art, [0, 1, 2, 3])


def test_quoting_cue_splits_a_two_part_source_between_quoting_side_and_quoted_person() -> None:
    art = tagged(
        "Die Zeitung zitierte den Minister mit den Worten , er sei müde .",
        "ART NN VVFIN ART NN APPR ART NN $, PPER VAFIN ADJD $.",
    )
    art.lemmas[2] = "zitieren"
    draft = Draft([9, 10, 11], "Indirect", cue=(2, 5, 6, 7), source=(0, 1, 3, 4))
    quoted = quoted_person_draft(art, draft)
    assert quoted is not None and (draft.source, quoted.source) == ((0, 1), (3, 4))
    assert quoted.message == draft.message and quoted.cue == draft.cue

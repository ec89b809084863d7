"""The altered-quote test and word diffs on German quotes."""

from __future__ import annotations

from zitat.tracking import altered_quote, word_diff
from zitat.tracking.wording import Overlap, names, quoted, shingles, words

ORIGINAL = "Wir werden alles tun, um die Pandemie einzudämmen, und wir werden es schaffen."


def test_punctuation_quotes_case_umlauts_and_ellipses_are_no_alteration() -> None:
    assert not altered_quote(
        ORIGINAL, "„wir werden ALLES tun, um die Pandemie einzudaemmen und wir werden es schaffen“"
    )
    assert not altered_quote(ORIGINAL, "Wir werden alles tun […] und wir werden es schaffen")
    assert not altered_quote(ORIGINAL, "Wir werden alles tun … um die Pandemie einzudämmen")


def test_changed_added_or_reordered_words_are_an_alteration() -> None:
    assert altered_quote(ORIGINAL, "Wir werden nichts tun, um die Pandemie einzudämmen")
    assert altered_quote(ORIGINAL, "Wir werden alles tun, um die Pandemie endlich einzudämmen")
    assert altered_quote(ORIGINAL, "Wir werden es schaffen, wir werden alles tun")


def test_words_fold_and_shingles_are_word_trigrams() -> None:
    assert words("„Das ist FALSCH…“") == ("das", "ist", "falsch")
    assert words("Rechts-Brecher") == words("Rechtsbrecher") and not altered_quote(
        "Rechtsbrecher", "Rechts-Brecher"
    )
    assert len(shingles(words("eins zwei drei vier"))) == 2
    assert len(shingles(words("nur zwei"))) == 1 and shingles(()) == frozenset()
    shortened = Overlap.of(
        shingles(words("eins zwei drei vier")), shingles(words("null eins zwei drei vier fünf"))
    )
    assert shortened.containment == 1.0 and shortened.jaccard == 0.5


def test_shingles_of_function_words_alone_are_no_evidence() -> None:
    # „dass es sich um eine … handelt“: the shared words of many unrelated statements
    disease = shingles(words("dass es sich um eine Lungenentzündung handelt"))
    donation = shingles(words("dass es sich um eine Spende gehandelt hatte"))
    assert len(disease) == 2 and not disease & donation
    assert len(shingles(words("und das ist es"))) == 2  # nothing but function words: all of them


def test_word_diff_marks_removed_and_added_words_as_written() -> None:
    diff = word_diff(
        "Wir werden die Impfstoffe gerecht verteilen", "Wir werden die Impfstoffe niemals verteilen"
    )
    assert diff == [
        ("same", "Wir werden die Impfstoffe"),
        ("removed", "gerecht"),
        ("added", "niemals"),
        ("same", "verteilen"),
    ]


def test_a_longer_cut_grouped_digits_and_bracketed_insertions_are_no_alteration() -> None:
    earlier = "„Schon bald kann es zu einem Kollaps in vielen der 1900 Krankenhäuser kommen“"
    assert not altered_quote(
        earlier,
        "„Die Lage ist ernst: Schon bald kann es zu einem Kollaps in vielen der 1900 Krankenhäuser kommen“",
    )
    assert not altered_quote(
        earlier, "„schon bald kann es zu einem Kollaps in vielen der 1.900 Krankenhäuser kommen“"
    )
    assert not altered_quote("„weil sie (die Kinder) vergessen haben“", "„weil sie vergessen haben“")
    # a message that runs on into its frame quotes only the part in the marks
    assert not altered_quote(
        "„Heben Sie den Lockdown auf!“, heißt es in dem Brief", "„Heben Sie den Lockdown auf!“"
    )
    # a word inserted between shared words is one
    assert altered_quote("„Wir schaffen das“", "„Wir schaffen das niemals nicht“") is False
    assert altered_quote("„Wir schaffen das bis Ostern“", "„Wir schaffen das niemals bis Ostern“")


def test_a_direct_quote_is_the_words_in_its_quotation_marks() -> None:
    assert quoted("„Wir schaffen das“, sagte sie, „und zwar bald“") == "„Wir schaffen das“ „und zwar bald“"
    # a span that ran on into the narration, quotation marks in it included
    assert quoted("„Fürchtet euch nicht!“ um die „ehrlich Besorgten“ zu beruhigen") == (
        "„Fürchtet euch nicht!“ „ehrlich Besorgten“"
    )
    assert quoted("»Ein ‚kleiner‘ Schritt« für alle") == "»Ein ‚kleiner‘ Schritt«"
    assert quoted("Er sagte, es sei gut") == "Er sagte, es sei gut"  # no quotation mark first: as it is


def test_soft_hyphens_and_an_editors_square_brackets_are_no_words() -> None:
    assert words("Verlaufs\u00adfor\u00admen") == ("verlaufsformen",)
    promotion = (
        "[Wenn Sie aktuelle Nachrichten live auf Ihr Handy haben wollen, empfehlen wir Ihnen unsere App.]"
    )
    assert words(f"Die Lage ist ernst. {promotion} Wir handeln") == (
        "die",
        "lage",
        "ist",
        "ernst",
        "wir",
        "handeln",
    )
    assert words("Die Lage ist ernst [Wenn Sie aktuelle Nachrichten") == ("die", "lage", "ist", "ernst")


def test_other_quote_boundaries_with_a_word_left_out_are_no_alteration() -> None:
    earlier = "„Anlass zum Optimismus, dass es noch in diesem Jahr eine Zulassung in Europa geben wird.“"
    later = "„Es gibt Anlass zum Optimismus, dass es noch in diesem Jahr eine Zulassung geben wird. Dann legen wir los.“"
    assert not altered_quote(earlier, later)
    # the earlier span ran on past its quote into narration: that is not compared
    assert not altered_quote(
        "„Fürchtet euch nicht!“ sagte er und ging",
        "„Fürchtet euch nicht! Siehe, ich verkündige euch große Freude“",
    )
    # compound spelling, soft hyphens
    assert not altered_quote(
        "„nicht genug Luft kriegen ist eine Urangst“", "„Nicht-genug-Luft-kriegen ist eine Urangst“"
    )
    assert not altered_quote("„mit schweren Verläufen“", "„mit schweren Ver\u00adläufen“")
    # no stretch in common: other parts of a long statement, nothing to compare
    assert not altered_quote("„Die Stellungnahme war ein Missbrauch“", "„alle Standards über Bord geworfen“")


def test_a_changed_word_at_the_edge_and_a_moved_passage_are_alterations() -> None:
    assert altered_quote("„Wir schaffen das bis Ostern“", "„Wir schaffen das bis Pfingsten“")
    assert altered_quote(
        "„wichtigen Schritt, um Krankenhäuser zu entlasten“",
        "„Das ist ein wichtiger Schritt, um Krankenhäuser zu entlasten“",
    )
    assert altered_quote(
        "„Wir öffnen die Schulen und wir schließen die Bars“",
        "„Wir schließen die Bars und wir öffnen die Schulen“",
    )


def test_the_names_of_a_text_are_its_capitalized_words_folded() -> None:
    found = names("Der Generalsekretär Hans-Iko Huppertz warnte am Montag, sagte Söders Sprecher.")
    assert {"huppertz", "hansiko", "soeders", "generalsekretaer", "montag", "der"} <= found
    assert "warnte" not in found and "sagte" not in found
    assert names(None) == frozenset()

"""The linking rules of clustering on hand-written German statements: shared shingles counted exactly,
figures, short messages, speakers, paraphrases, the author's own voice, quotes nested in their
statement, and no chaining."""

from __future__ import annotations

import numpy as np

from zitat.tracking.clustering import Statement, assign, authors_voice, postings, shared_shingles
from zitat.tracking.wording import names, words

NUMBERS = iter(range(1, 1000))


def said(message: str, speaker: str | None = None, *, person: bool = True, document: str = "") -> Statement:
    """A statement with the next id, in its own document unless one is given."""
    number = next(NUMBERS)
    return Statement(
        number, document or f"doc-{number}", words(message), speaker, person and speaker is not None
    )


def clusters(*statements: Statement, texts: dict[str, str] | None = None) -> list[int]:
    """Each statement's cluster, numbered from 0 in order of first appearance (ids vary per test);
    ``texts``: the article text of documents, for the names they mention."""
    articles = texts or {}
    found = assign(statements, names_of=lambda document: names(articles.get(document))).clusters
    numbering: dict[int, int] = {}
    return [numbering.setdefault(found[s.id], len(numbering)) for s in statements]


def test_shared_shingles_are_counted_exactly_and_pairs_of_stored_sets_are_left_out() -> None:
    sets = [frozenset({1, 2, 3}), frozenset({2, 3, 4}), frozenset({3, 9}), frozenset({7})]
    owners, values = postings(sets)
    pairs, counts = shared_shingles(owners, values, new=4)
    assert dict(zip(map(tuple, pairs.tolist()), counts.tolist(), strict=True)) == {
        (0, 1): 2,
        (0, 2): 1,
        (1, 2): 1,
    }
    # sets 2 and 3 stored: their pair was compared in an earlier run
    pairs, _ = shared_shingles(owners, values, new=2)
    assert {tuple(p) for p in pairs.tolist()} == {(0, 1), (0, 2), (1, 2)}
    empty_pairs, empty_counts = shared_shingles(np.zeros(0, np.int64), np.zeros(0, np.int64), new=0)
    assert empty_pairs.shape == (0, 2) and not len(empty_counts)


def test_a_short_quote_inside_a_long_statement_is_found_whatever_its_jaccard_similarity() -> None:
    long = (
        "Die Lage in den Kliniken ist angespannt, und wir brauchen jetzt eine ausreichende Durchdringung "
        "der App von 60 Prozent, sonst setzen wir stattdessen auf Appelle an die Bevölkerung, die in den "
        "letzten Wochen immer wieder gezeigt hat, dass sie Verantwortung übernimmt"
    )
    assert clusters(
        said(long, "lauterbach"), said("ausreichende Durchdringung der App von 60 Prozent", "lauterbach")
    ) == [
        0,
        0,
    ]


def test_the_same_report_with_other_figures_is_another_days_report() -> None:
    monday = said("Seit Beginn der Pandemie haben sich in Hamburg 5174 Menschen mit dem Virus angesteckt")
    wednesday = said("Seit Beginn der Pandemie haben sich in Hamburg 5231 Menschen mit dem Virus angesteckt")
    copied = said("Seit Beginn der Pandemie haben sich in Hamburg 5.174 Menschen mit dem Virus angesteckt")
    assert clusters(monday, wednesday, copied) == [0, 1, 0]


def test_a_short_message_links_only_as_a_whole_and_only_to_the_same_named_speaker() -> None:
    assert clusters(
        said("Die Lage ist sehr ernst und verändert sich täglich", "soeder"),
        said("Die Lage ist sehr unsicher", "soeder"),  # two of its three shingles: another remark
        said("Die Lage ist sehr ernst", "soeder"),
        said("Die Lage ist sehr ernst"),  # nobody named: a short phrase recurs in unrelated statements
    ) == [0, 1, 0, 2]


def test_different_persons_share_only_long_near_verbatim_words() -> None:
    idiom = "Wir sehen jetzt endlich wieder Licht am Ende des Tunnels"
    assert clusters(said(idiom, "linnemann"), said(idiom + " für die Gastronomie", "weber")) == [0, 1]
    quote = (
        "Wir werden die Impfstoffe gerecht verteilen, und zwar nach klaren Regeln für alle Länder der Union"
    )
    # credited to another person by one outlet: one utterance, with a possible misattribution
    assert clusters(said(quote, "spahn"), said(quote, "lauterbach")) == [0, 0]
    # a ministry and its minister are no conflict of persons
    assert clusters(said(idiom, "gesundheitsministerium", person=False), said(idiom, "spahn")) == [0, 0]


def test_a_paraphrase_keeps_nearly_all_content_words() -> None:
    earlier = "Deutschland sei bisher gut durch die Krise gekommen, auch dank des Verantwortungsbewusstseins vieler Bürger"
    later = "Deutschland sei verhältnismäßig gut durch die Krise gekommen, auch dank Verantwortungsbewusstseins der Bürger"
    other = (
        "Deutschland sei schlecht durch die Krise gekommen, trotz des Verantwortungsbewusstseins vieler Ärzte"
    )
    assert clusters(said(earlier, "merkel"), said(later, "merkel"), said(other, "merkel")) == [0, 0, 1]


def test_a_quote_joins_the_statement_of_its_article_it_is_nested_in() -> None:
    indirect = said(
        "Der Mundschutz sei „eine kleine Einschränkung für mehr Freiheit“", "schwesig", document="a"
    )
    nested = said("„eine kleine Einschränkung für mehr Freiheit“", "schwesig", document="a")
    # another outlet quotes the whole sentence: it links to the nested quote, so to the first version
    whole = said("Der Mundschutz ist eine kleine Einschränkung für mehr Freiheit", "schwesig")
    assert clusters(indirect, nested, whole) == [0, 0, 0]


def test_a_passage_joins_the_clusters_of_its_parts_but_clusters_do_not_chain() -> None:
    masks = "Die Maskenpflicht in Bussen und Bahnen bleibt bis Ostern bestehen"
    schools = "Die Grundschulen öffnen nach den Ferien wieder für alle Kinder"
    # one outlet quotes the first sentence, another the whole passage, a third the second sentence
    assert clusters(
        said(masks, "schwesig"), said(f"{masks}, und {schools}", "schwesig"), said(schools, "schwesig")
    ) == [0, 0, 0]
    # three windows of one text: the middle one holds neither of the others, the last is unlike the first
    text = [
        "Schwerin",
        "Rostock",
        "Wismar",
        "Stralsund",
        "Greifswald",
        "Neubrandenburg",
        "Güstrow",
        "Parchim",
        "Ludwigslust",
        "Waren",
        "Demmin",
        "Anklam",
        "Pasewalk",
        "Ueckermünde",
        "Bergen",
        "Barth",
        "Ribnitz",
        "Teterow",
    ]
    first, middle, last = (" ".join(text[start : start + 12]) for start in (0, 3, 6))
    assert clusters(said(first, "schwesig"), said(middle, "schwesig"), said(last, "schwesig")) == [0, 0, 1]


def test_a_short_message_credited_to_nobody_links_to_the_speaker_its_article_names() -> None:
    quote = "Wir werden sieben Milliarden Menschen impfen, sagte Gates"
    fragment = "sieben Milliarden Menschen impfen"
    texts = {"b": "Der Microsoft-Gründer Bill Gates sprach von „sieben Milliarden Menschen impfen“."}
    assert clusters(said(quote, "gates"), said(fragment, document="b"), texts=texts) == [0, 0]
    # an article that does not name him: the phrase may be anyone's
    assert clusters(said(quote, "gates"), said(fragment, document="c"), texts=texts) == [0, 1]
    # in one article a quote and the statement it is nested in are one utterance, named or not
    reported = said(
        "Es sei eine gnadenlose Kampagne zur Auslöschung unserer Geschichte im Gange", document="d"
    )
    nested = said("„gnadenlose Kampagne zur Auslöschung unserer Geschichte“", document="d")
    assert clusters(reported, nested) == [0, 0]


def test_a_message_of_eight_or_nine_words_needs_one_speaker() -> None:
    proverb = "Wes Brot ich ess, des Lied ich sing"
    glyphosate = f"Wenn Gefahren von Glyphosat verharmlost werden, ist das Motto „{proverb}“ ein Problem"
    assert clusters(said(glyphosate), said(proverb)) == [0, 1]  # credited to nobody: a proverb
    assert clusters(said(glyphosate, "weber"), said(proverb, "weber")) == [0, 0]


def test_a_long_statement_joins_the_quote_it_shares_most_words_with() -> None:
    short = said("Die Lage ist ernst, sagte Streeck", "streeck", document="a")
    long_part = (
        "In Heinsberg ist ein alter Mann mit Vorerkrankungen an Herzversagen gestorben, ohne eine "
        "Lungenbeteiligung, und taucht natürlich in der Statistik auf"
    )
    long = said(long_part, "streeck", document="a")
    changed = long_part.replace("alter Mann", "älterer Mann")
    both = said(f"Die Lage ist ernst, sagte Streeck. {changed}", "streeck")
    # it holds the whole short quote and nearly all of the long one: most of its words are the long one's
    assert clusters(short, long, both) == [0, 1, 1]


def test_the_authors_own_voice_is_no_reported_utterance() -> None:
    assert authors_voice("Indirect", "wir", None)  # „[…] empfehlen wir Ihnen unsere App“
    assert authors_voice("Reported", "Jeden Morgen wir", None)  # „Jeden Morgen informieren wir Sie …“
    assert not authors_voice("Direct", "wir", None)  # „Wir schaffen das“, a quote of someone
    assert not authors_voice("Indirect", "ich", 12)  # nested in a quote: the quoted speaker's words
    assert not authors_voice("Indirect", "Die Ministerin", None)
    assert not authors_voice("Indirect", None, None)

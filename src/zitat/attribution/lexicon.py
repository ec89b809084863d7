"""Hand-written cue lexicon of the rule baseline: verbs of speech, thought and writing with their medium."""

from __future__ import annotations

SPEECH = "Speech"
THOUGHT = "Thought"
WRITING = "Writing"
SPEECH_WRITING = "SW"
SPEECH_THOUGHT = "ST"

# lemma → medium, as most uses in news are; "SW" where agencies blur spoken and written statements
CUE_VERBS: dict[str, str] = {
    **dict.fromkeys(
        [
            "sagen",
            "erklären",
            "betonen",
            "sprechen",
            "antworten",
            "rufen",
            "fordern",
            "warnen",
            "hinzufügen",
            "ergänzen",
            "unterstreichen",
            "bekräftigen",
            "verkünden",
            "einräumen",
            "zugeben",
            "appellieren",
            "drohen",
            "verlangen",
            "mahnen",
            "loben",
            "widersprechen",
            "bestreiten",
            "beklagen",
            "kommentieren",
            "nennen",
            "bezeichnen",
            "ankündigen",
            "begründen",
            "klagen",
            "fragen",
            "entgegnen",
            "erwidern",
            "bitten",
            "zitieren",
            "äußern",
            "ausführen",
            "verteidigen",
            "anmerken",
            "festhalten",
            "feststellen",
            "dementieren",
            "beteuern",
            "vorschlagen",
            "empfehlen",
            "raten",
            "hervorheben",
            "erinnern",
            "zusagen",
            "mitteilen",
            "bekanntgeben",
            "meinen",
            "skandieren",
            "lauten",
            "würdigen",
            "zurückweisen",
            "ablehnen",
            "aufrufen",
            "beschreiben",
            "schildern",
            "prophezeien",
            "vorhersagen",
            "verweisen",
            "abstreiten",
            "einwenden",
            "zugestehen",
            "aussagen",
        ],
        SPEECH,
    ),
    **dict.fromkeys(
        [
            "melden",
            "vorwerfen",
            "kritisieren",
            "bestätigen",
            "auffordern",
            "behaupten",
            "hinweisen",
            "versichern",
            "versprechen",
            "argumentieren",
            "angeben",
            "beschuldigen",
            "informieren",
            "bekanntmachen",
            "bekanntwerden",
            "verlauten",
            "verbreiten",
            "veröffentlichen",
        ],
        SPEECH_WRITING,
    ),
    **dict.fromkeys(
        ["schreiben", "berichten", "twittern", "posten", "formulieren", "notieren", "vermerken"], WRITING
    ),
    **dict.fromkeys(
        [
            "glauben",
            "denken",
            "hoffen",
            "befürchten",
            "fürchten",
            "vermuten",
            "annehmen",
            "schätzen",
            "bezweifeln",
            "überzeugen",
            "erwarten",
            "rechnen",
            "ausgehen",
            "sehen",
            "halten",
            "wissen",
        ],
        SPEECH_THOUGHT,
    ),
}

# verbs whose object alone reports a statement: „Er forderte den Rücktritt des Ministers.“ (Reported)
REPORTING_VERBS = frozenset(
    {
        "fordern",
        "warnen",
        "ankündigen",
        "aufrufen",
        "hinweisen",
        "raten",
        "empfehlen",
        "vorwerfen",
        "begründen",
        "schätzen",
        "ausgehen",
        "verweisen",
        "verkünden",
        "vorschlagen",
        "appellieren",
    }
)

# …and those that need a preposition for it: „sprach von einem Unfall“, not „sprach über die Lage“
REPORTING_VERB_PREPOSITIONS = {"sprechen": frozenset({"von", "vom"})}

# verbs whose object (or the object of one of their prepositions) is what was said, for reported
# statements without a reported clause (zitat.attribution.reported): „verurteilte den Vorfall“,
# „räumt Versäumnisse ein“, „warnte vor einer Eskalation“
REPORTED_OBJECT_VERBS = frozenset(
    {
        *("kritisieren", "verurteilen", "fordern", "verlangen", "ankündigen", "bestätigen", "dementieren"),
        *("einräumen", "zugeben", "eingestehen", "gestehen", "zurückweisen", "bestreiten", "abstreiten"),
        *("ablehnen", "begrüßen", "loben", "würdigen", "beklagen", "bemängeln", "bedauern", "anmahnen"),
        *("einmahnen", "zusagen", "absagen", "versprechen", "vorschlagen", "empfehlen", "befürworten"),
        *("anprangern", "monieren", "beanstanden", "bekanntgeben", "verkünden", "prognostizieren"),
        *("vorhersagen", "signalisieren", "beantragen", "androhen", "betonen", "unterstreichen"),
        *("bekräftigen", "anregen", "widerrufen", "leugnen", "danken", "vorwerfen"),
        *("beschwören", "anzweifeln", "bezweifeln", "infragestellen", "einfordern", "zurücknehmen"),
        *("melden", "nennen", "bezeichnen", "attackieren", "anpreisen"),
        *("befürchten", "fürchten", "vermuten", "verteidigen", "rechtfertigen", "anfechten"),
        *("darstellen", "hervorheben", "bewerten", "einstufen", "attestieren", "aufgreifen", "bejubeln"),
        *("benennen", "beziffern", "schildern", "beschreiben", "erläutern", "widersprechen"),
        *("äußern",),
    }
)
REPORTED_PREPOSITION_VERBS: dict[str, frozenset[str]] = {
    "warnen": frozenset({"vor", "vorm"}),
    "sprechen": frozenset({"von", "vom", "über"}),
    "ausgehen": frozenset({"von", "vom"}),
    "informieren": frozenset({"über"}),
    "diskutieren": frozenset({"über"}),
    "reden": frozenset({"über", "von", "vom"}),
    "zweifeln": frozenset({"an", "am"}),
    "berichten": frozenset({"von", "vom", "über"}),
    "aufrufen": frozenset({"zu", "zum", "zur"}),
    "appellieren": frozenset({"an", "ans"}),
    "drängen": frozenset({"auf"}),
    "pochen": frozenset({"auf"}),
    "plädieren": frozenset({"für"}),
    "werben": frozenset({"für"}),
    "hinweisen": frozenset({"auf"}),
    "verweisen": frozenset({"auf"}),
    "drohen": frozenset({"mit"}),
    "klagen": frozenset({"über"}),
    "protestieren": frozenset({"gegen"}),
    "bedanken": frozenset({"für", "bei"}),
    "entschuldigen": frozenset({"für"}),
    "beschweren": frozenset({"über"}),
    "äußern": frozenset({"zu", "zum", "zur", "über"}),
    "spekulieren": frozenset({"über"}),
    "erzählen": frozenset({"von", "vom"}),
    "schwärmen": frozenset({"von", "vom"}),
    "raten": frozenset({"zu", "zum", "zur"}),
    "rechnen": frozenset({"mit"}),
    "hoffen": frozenset({"auf"}),
    "stören": frozenset({"an", "am"}),
}

# verbs that are cues only with a dependent clause or quote: "er sieht, dass …" but not "er sieht das Haus"
WEAK_CUE_VERBS = frozenset(
    ["sehen", "halten", "wissen", "rechnen", "ausgehen", "erwarten", "nennen", "bezeichnen", "erinnern"]
)

# heads of „nach …“ phrases that name a source („nach Angaben der Polizei“, „nach Expertenmeinung“)
INFORMATION_NOUN_ENDINGS = (
    "angaben",
    "angabe",
    "meinung",
    "ansicht",
    "auffassung",
    "einschätzung",
    "schätzung",
    "schätzungen",
    "aussage",
    "aussagen",
    "informationen",
    "erkenntnissen",
    "bericht",
    "berichten",
    "darstellung",
    "darstellungen",
    "worten",
    "analyse",
    "ermittlungen",
    "studie",
    "umfrage",
    "prognose",
    "prognosen",
    "erfahrungen",
    "recherchen",
    "überzeugung",
    "vorstellung",
    "planungen",
    "ankündigung",
    "meldung",
    "meldungen",
    "nachricht",
    "sicht",
    "ergebnis",
    "ergebnissen",
    "veröffentlichung",
    "idee",
    "hochrechnung",
    "hochrechnungen",
    "statistik",
    "zählung",
)

COMPLEMENTIZERS = frozenset({"dass", "daß", "ob", "wie", "warum", "weshalb", "wer", "was", "wann", "wo"})

# medium of an attribution phrase („laut der Zeitung“, „nach Ansicht von Experten“) by the ending of a noun
# in its source; "SW" when none matches
SOURCE_NOUN_MEDIA: tuple[tuple[tuple[str, ...], str], ...] = (
    (("worten", "aussage", "aussagen", "interview"), SPEECH),
    (
        ("meinung", "ansicht", "auffassung", "einschätzung", "überzeugung", "vermutung", "erwartung"),
        SPEECH_THOUGHT,
    ),
    (
        (
            "zeitung",
            "bericht",
            "berichten",
            "studie",
            "magazin",
            "blatt",
            "mitteilung",
            "erklärung",
            "website",
            "homepage",
            "dokument",
            "dokumenten",
            "brief",
            "papier",
            "urteil",
        ),
        WRITING,
    ),
)

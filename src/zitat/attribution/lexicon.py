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
            "versprechen",
            "versichern",
            "fordern",
            "warnen",
            "kritisieren",
            "behaupten",
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
            "argumentieren",
            "widersprechen",
            "bestreiten",
            "beklagen",
            "kommentieren",
            "nennen",
            "bezeichnen",
            "ankündigen",
            "vorwerfen",
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
            "versprechen",
            "anmerken",
            "festhalten",
            "feststellen",
            "dementieren",
            "beteuern",
            "bestätigen",
            "vorschlagen",
            "empfehlen",
            "raten",
            "hervorheben",
            "erinnern",
            "zusagen",
            "beschreiben",
            "schildern",
            "prophezeien",
            "vorhersagen",
            "verweisen",
            "hinweisen",
            "auffordern",
            "abstreiten",
            "einwenden",
            "zugestehen",
            "aussagen",
        ],
        SPEECH,
    ),
    **dict.fromkeys(
        [
            "mitteilen",
            "berichten",
            "melden",
            "informieren",
            "bekanntgeben",
            "bekanntmachen",
            "angeben",
            "verlauten",
            "verbreiten",
            "veröffentlichen",
        ],
        SPEECH_WRITING,
    ),
    **dict.fromkeys(["schreiben", "twittern", "posten", "formulieren", "notieren", "vermerken"], WRITING),
    **dict.fromkeys(
        [
            "glauben",
            "meinen",
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

# verbs that are cues only with a dependent clause or quote: "er sieht, dass …" but not "er sieht das Haus"
WEAK_CUE_VERBS = frozenset(
    ["sehen", "halten", "wissen", "rechnen", "ausgehen", "erwarten", "nennen", "bezeichnen", "erinnern"]
)

# prepositions and particles that attribute a statement to a source: laut X, X zufolge, nach Angaben X
SOURCE_PREPOSITIONS = frozenset({"laut", "zufolge", "gemäß"})
SOURCE_ADVERBS = frozenset({"demnach", "danach", "wonach"})
ANGABEN_NOUNS = frozenset(
    {
        "angaben",
        "ansicht",
        "auffassung",
        "einschätzung",
        "informationen",
        "darstellung",
        "meinung",
        "worten",
        "aussage",
        "aussagen",
        "berichten",
        "schätzungen",
    }
)

COMPLEMENTIZERS = frozenset({"dass", "daß", "ob", "wie", "warum", "weshalb", "wer", "was", "wann", "wo"})

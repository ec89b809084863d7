"""German surface knowledge shared by the rule baseline, the CRF model and speaker resolution.

Quotation marks, STTS tag sets, clause boundaries, evidential words and how far a statement reaches
into the sentences after it: one definition each, so the extractors cannot drift apart. Where the
shipped CRF model was trained on a narrower reading than the full one here, that reading is named
for what it is (``CRF_OPENING_QUOTES``): changing it changes the model's features and needs a
retrained model (docs/benchmarks.md lists what such changes measured).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Opening mark → closing mark, for every convention in German-language news: German „…“ and ‚…‘,
# the book style »…« and ›…‹, Swiss «…» and ‹…›, English “…”, and the typewriter marks "…" and '…'.
# („““ closes „ and opens an English quote: ``find_quotes`` tells them apart by what comes first.)
QUOTE_PAIRS: dict[str, str] = {
    "„": "“",
    "‚": "‘",
    "»": "«",
    "›": "‹",
    "«": "»",
    "‹": "›",
    "“": "”",
    '"': '"',
    "'": "'",
}
OPENING_QUOTES = frozenset(QUOTE_PAIRS)
CLOSING_QUOTES = frozenset(QUOTE_PAIRS.values())
QUOTE_MARKS = OPENING_QUOTES | CLOSING_QUOTES

# The rule baseline's quotes: the German, book and Swiss pairs and English marks (its single
# guillemets and typewriter apostrophes are names and elisions more often than quotes).
RULE_QUOTE_PAIRS: dict[str, str] = {"„": "“", "»": "«", "«": "»", "‚": "‘", '"': '"', "“": "”"}
# Guillemets open a quote in one convention and close it in the other (»…« and «…», ›…‹ and ‹…›):
# one closes the quote its partner opened, and opens one otherwise.
GUILLEMET_PARTNERS: dict[str, str] = {"»": "«", "«": "»", "›": "‹", "‹": "›"}
# The CRF's token view: German and English marks by their side, guillemets by ``GUILLEMET_PARTNERS``
# (``features.quote_state``), and the typewriter marks ambiguous.
CRF_OPENING_QUOTES = frozenset({"„", "«", "‚", "‹", "»"})
CRF_CLOSING_QUOTES = frozenset({"“", "”", "‘", "’", "›"})
AMBIGUOUS_QUOTES = frozenset({'"', "''", "``", "'"})

# marks that end a clause-sized sentence part for the CRF's views (a colon and semicolon too)
SENTENCE_END = frozenset({".", "!", "?", ":", ";"})
# a full stop, question or exclamation mark: the end of a sentence proper
FULL_STOPS = frozenset({".", "!", "?"})
CLAUSE_BOUNDARIES = CRF_OPENING_QUOTES | CRF_CLOSING_QUOTES | SENTENCE_END | {","}
# what breaks a clause for the rule baseline's walks (dashes and brackets as well)
CLAUSE_BREAKS = frozenset({",", ";", ":", "–", "(", ")"})

# ---- STTS tag sets ----

FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN"})
# words that open a verb-final clause: relative pronouns, subordinating conjunctions, „wo(r)-“ adverbs
SUBORDINATING_TAGS = frozenset({"PRELS", "PRELAT", "KOUS", "PWAV"})
RELATIVE_TAGS = frozenset({"PRELS", "PRELAT"})
PREPOSITION_TAGS = frozenset({"APPR", "APPRART"})
NOUN_TAGS = frozenset({"NN", "NE", "FM"})
# A noun phrase naming a person or group: articles, adjectives, nouns, names, numbers, possessives.
PERSON_PHRASE_TAGS = frozenset({"ART", "ADJA", "NN", "NE", "CARD", "PPOSAT", "PIAT", "TRUNC"})
# the rule baseline's noun phrases also take demonstratives and foreign words („diese Financial Times“)
NOUN_PHRASE_TAGS = PERSON_PHRASE_TAGS | {"PDAT", "FM", "XY"}
# the noun phrases speaker resolution reads as mentions: without possessives and XY
MENTION_PHRASE_TAGS = NOUN_PHRASE_TAGS - {"PPOSAT", "XY"}
COMPLEMENT_CONJUNCTIONS = frozenset({"dass", "ob"})  # the subordinate clauses that can be what was said

# ---- evidential words ----

# Evidential cue words and where their noun phrase (the source) lies: after (1) or before (-1) them;
# „demnach“ and „wonach“ have none of their own.
EVIDENTIAL_WORDS: dict[str, int] = {
    "laut": 1,
    "nach": 1,
    "gemäß": 1,
    "zufolge": -1,
    "demnach": 0,
    "wonach": 0,
}
ATTRIBUTION_PREPOSITIONS = frozenset(w for w, side in EVIDENTIAL_WORDS.items() if side)
# adverbs that attribute a statement without naming the source: „Demnach sei …“, „ein Bericht, wonach …“
SOURCE_ADVERBS = frozenset(w for w, side in EVIDENTIAL_WORDS.items() if not side)

# ---- continuation ----

# How many sentences after a statement a cue-less one may still continue its speaker. The CRF model
# keeps its own, tuned value in its model folder (``CrfSettings.continuation_reach``); this is the
# reach of the rule baseline and of speaker resolution.
CONTINUATION_REACH = 2
# Free indirect speech mostly goes on with the previous statement's source (2 in 3 in SpkAtt-2023).
CONTINUING_FORMS = frozenset({"IndirectFreeIndirect", "FreeIndirect"})


def is_subjunctive(tok: Token) -> bool:
    """A finite verb the morphology marks as Konjunktiv I or II (``zitat.text.morphology``)."""
    return "Sub" in tok.morph.get("Mood", None)


def has_konjunktiv(doc: Doc, ids: tuple[int, ...]) -> bool:
    return any(is_subjunctive(doc[i]) for i in ids)


def is_participle_without_auxiliary(tags: list[str]) -> bool:
    """A participle cue without its finite auxiliary („hatte … betont“ tagged as „betont“ alone)."""
    return "VVPP" in tags and "VAFIN" not in tags


def colon_frame(doc: Doc, opening: int) -> range | None:
    """„Reynard dankte den Helfern: „…““: the tokens from the sentence start up to a colon that stands
    right before token ``opening`` (a quotation's first), or None when no colon stands there."""
    if opening < 1 or doc[opening - 1].text != ":":
        return None
    return range(doc[opening - 1].sent.start, opening - 1)

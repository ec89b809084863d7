"""spaCy's blank German tokenizer, adjusted for news text."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

# Abbreviations that keep their period. spaCy's German exceptions already cover many (Dr., z. B., bzw.);
# these are the ones news text needs in addition. Not agency names: „…, sagte sie der dpa.“ ends a sentence.
NEWS_ABBREVIATIONS = (
    "Abg.", "Abs.", "Az.", "bspw.", "ca.", "Chr.", "evtl.", "Fr.", "ggf.", "Hr.", "inkl.", "Jh.",
    "Kap.", "max.", "min.", "Mio.", "Mrd.", "Nr.", "Prof.", "rd.", "sog.", "St.", "Std.", "Str.", "Tel.",
    "usw.", "vgl.", "zit.", "zzgl.", "Verf.", "Jr.", "Sen.", "Gen.", "Lt.", "Bd.", "Hrsg.",
    "med.", "phil.", "rer.", "nat.", "jur.", "habil.",
)  # fmt: skip

_URL_START = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
# a sentence's final period after a mixed-case acronym („der AfD.“, „die Autobahn GmbH.“): spaCy splits it
# off only after two capitals
_ACRONYM_PERIOD = re.compile(r"(?<=[a-zäöüß][A-ZÄÖÜ])\.$")
_URL_TRAILING = re.compile(r"[.,;:!?)\]'\"“”»«‘’]$")


def _suffix_search(default: Callable[[str], re.Match[str] | None]) -> Callable[[str], re.Match[str] | None]:
    """spaCy's suffix rules, plus: a URL gives up its trailing punctuation (a sentence's final period), and
    so does a mixed-case acronym („AfD.“).

    Without this the URL rule fails on „https://example.com/a?b=1.“ and the infix rules cut the URL apart.
    """

    def search(text: str) -> re.Match[str] | None:
        if not _URL_START.match(text):
            return default(text) or _ACRONYM_PERIOD.search(text)
        trailing = _URL_TRAILING.search(text)
        # a closing bracket the URL opened is part of it: https://de.wikipedia.org/wiki/Nato_(Begriff)
        if trailing and trailing.group() == ")" and text.count("(") >= text.count(")"):
            return None
        return trailing

    return search


def customize_tokenizer(nlp: Language) -> None:
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.suffix_search = _suffix_search(tokenizer.suffix_search)
    # "CDU/CSU-Fraktion", "km/h", "und/oder" are one word in German news: drop the slash infix
    infixes = [p for p in nlp.Defaults.infixes or () if not (isinstance(p, str) and "\\/(?=" in p)]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for abbreviation in NEWS_ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])

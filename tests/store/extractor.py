"""A small, fast, deterministic extractor for archive tests (the real models are tested elsewhere).

Every „…“ quote followed by ``sagte``/``sagt`` and a name is a Direct statement by that name's
speaker: a person (female when the first name is in ``FEMALE``), or anonymous when the source is
lowercase ("ein Sprecher"), with confidence 1.0 and 0.6 respectively. ``ZITAT_TEST_EXTRACT_DELAY``
(seconds) slows it down for crash tests.
"""

from __future__ import annotations

import os
import time

from spacy.tokens import Doc

from zitat.attribution.registry import register_model
from zitat.document import Speaker, Statement

MODEL = "archive-test"
CUES = {"sagte", "sagt", "erklärte"}
FEMALE = {"Anna", "Maria", "Julia", "Annalena"}
PRONOUNS = {"er", "sie"}


def _source(doc: Doc, start: int) -> tuple[int, ...]:
    if start < len(doc) and doc[start].text in PRONOUNS:
        return (start,)
    if start < len(doc) and doc[start].text in {"ein", "eine"}:
        return (start, start + 1) if start + 1 < len(doc) else (start,)
    ids = []
    for token in doc[start:]:
        if not token.text[:1].isupper():
            break
        ids.append(token.i)
    return tuple(ids)


def _speaker(doc: Doc, source: tuple[int, ...]) -> Speaker:
    name = " ".join(doc[i].text for i in source)
    if name in PRONOUNS:
        return Speaker(name=None, type="unknown")  # what resolution leaves of an unresolved „er“
    if name[:1].islower():
        return Speaker(name=None, type="anonymous")
    gender = "female" if doc[source[0]].text in FEMALE else "male"
    span = (doc[source[0]].idx, doc[source[-1]].idx + len(doc[source[-1]].text))
    return Speaker(name=name, type="person", gender=gender, mentions=[span])


class QuoteExtractor:
    name = MODEL

    def __call__(self, doc: Doc) -> list[Statement]:
        time.sleep(float(os.environ.get("ZITAT_TEST_EXTRACT_DELAY", "0")))
        statements = []
        opening = None
        for token in doc:
            if token.text == "„":
                opening = token.i
            elif token.text == "“" and opening is not None:
                cue = token.i + 2 if token.i + 1 < len(doc) and doc[token.i + 1].text == "," else token.i + 1
                if cue < len(doc) and doc[cue].text in CUES:
                    source = _source(doc, cue + 1)
                    if source:
                        statements.append(
                            Statement(
                                cue=(cue,),
                                message=tuple(range(opening, token.i + 1)),
                                source=source,
                                form="Direct",
                                medium="Speech",
                                speaker=(speaker := _speaker(doc, source)),
                                confidence=0.6 if speaker.type == "anonymous" else 1.0,
                            )
                        )
                opening = None
        return statements


register_model(MODEL, QuoteExtractor)

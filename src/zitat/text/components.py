"""The text layer as spaCy components: ``zitat_sentences`` and ``zitat_morphology``, each a no-op on a
``Doc`` that already has what it adds."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from zitat.text.morphology import annotate_morphology, has_morphology
from zitat.text.sentences import split_sentences


@Language.component("zitat_sentences")
def sentences_component(doc: Doc) -> Doc:
    if not doc.has_annotation("SENT_START"):
        split_sentences(doc)
    return doc


@Language.component("zitat_morphology")
def morphology_component(doc: Doc) -> Doc:
    if not has_morphology(doc):
        annotate_morphology(doc)
    return doc

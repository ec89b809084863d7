"""zitat as a spaCy pipeline: German text layer components plus the ``zitat`` attribution component.

    >>> import zitat
    >>> nlp = zitat.load()                     # tokenizer, sentences, morphology, zitat
    >>> doc = nlp("„Wir sind bereit“, sagte Stoltenberg.")
    >>> doc._.statements[0].form
    'Direct'

or on a blank German pipeline: ``nlp = spacy.blank("de")``, ``nlp.add_pipe("zitat")``,
``nlp.add_pipe("zitat_speakers")``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from zitat.attribution.complements import (
    colon_statements,
    complement_statements,
    continued_statements,
    postposed_statements,
)
from zitat.attribution.layout import layout_statements, merge_layout, one_per_sentence, unframed_quotes
from zitat.attribution.registry import DEFAULT_MODEL, load_model, resolve_model
from zitat.attribution.reported import reported_statements
from zitat.document import DocumentMeta, doc_from_tokens, link_nesting, token_at_chars
from zitat.errors import InputError
from zitat.speakers.resolution import SpeakerResolver  # noqa: F401 - registers the "zitat_speakers" factory
from zitat.text import components  # noqa: F401 - registers "zitat_sentences" and "zitat_morphology"
from zitat.text.morphology import annotate_morphology, has_morphology
from zitat.text.sentences import split_sentences
from zitat.text.tokenizer import customize_tokenizer

# The longest text one document may have: about 2 GB of peak memory (docs/benchmarks.md)
MAX_TEXT_CHARS = 1_500_000


class ZitatComponent:
    """Sets ``doc._.statements``; adds sentences and morphology first where they are missing."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model
        self.extractor = load_model(model)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("SENT_START"):
            split_sentences(doc)
        if not has_morphology(doc):
            annotate_morphology(doc)
        statements = self.extractor(doc)
        token_at = token_at_chars(doc)
        if layout := layout_statements(doc, token_at):
            statements = merge_layout(doc, statements, layout)
        statements += unframed_quotes(doc, statements, token_at)
        statements += complement_statements(doc, statements)
        statements += continued_statements(doc, statements)
        statements = one_per_sentence(doc, reported_statements(doc, statements))
        # after messages were cut at their paragraph: a frame below a message the model ran on is free
        statements += postposed_statements(doc, statements)
        statements += colon_statements(doc, statements)
        doc._.statements = link_nesting(statements)
        return doc


@Language.factory("zitat", default_config={"model": DEFAULT_MODEL})
def make_zitat_component(nlp: Language, name: str, model: str) -> ZitatComponent:
    return ZitatComponent(model)


@cache
def load(model: str | Path = DEFAULT_MODEL) -> Language:
    """The full zitat pipeline with the given attribution model, by name or folder (cached per process;
    an alias and its name share one pipeline)."""
    return _pipeline(resolve_model(model))


@cache
def _pipeline(model: str) -> Language:
    import spacy

    nlp = spacy.blank("de")
    # spaCy's limit guards its parser and NER, which zitat does not use; zitat's own memory is linear
    # in the text (docs/benchmarks.md, „Long texts“)
    nlp.max_length = MAX_TEXT_CHARS
    customize_tokenizer(nlp)
    nlp.add_pipe("zitat_sentences")
    nlp.add_pipe("zitat_morphology")
    nlp.add_pipe("zitat", config={"model": model})
    nlp.add_pipe("zitat_speakers")
    return nlp


def process_text(text: str, meta: DocumentMeta, model: str | Path = DEFAULT_MODEL) -> Doc:
    """Run the pipeline on raw text and attach the metadata."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(meta.id, f"{len(text):,} characters is longer than the limit of {MAX_TEXT_CHARS:,}")
    doc = load(model)(text)
    doc._.meta = meta
    return doc


def process_tokens(sentences: list[list[str]], meta: DocumentMeta, model: str | Path = DEFAULT_MODEL) -> Doc:
    """Run the pipeline on pre-tokenized sentences, keeping tokens and sentences exactly as given."""
    nlp = load(model)
    doc = doc_from_tokens(nlp.vocab, sentences, meta)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc

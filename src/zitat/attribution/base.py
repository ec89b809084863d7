"""The extractor interface shared by the rule baseline and the trained models."""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Doc

from zitat.document import Statement


class Extractor(Protocol):
    """Finds the statements of one document.

    The ``Doc`` has sentences, and part of speech, lemma and mood on its tokens (see
    ``zitat.text``). Returned statements refer to token indices of this ``Doc``.
    """

    name: str

    def __call__(self, doc: Doc) -> list[Statement]: ...

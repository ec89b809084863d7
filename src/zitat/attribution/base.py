"""The extractor interface shared by the rule baseline and the trained models."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
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


def _rules() -> Extractor:
    from zitat.attribution.rules import RuleExtractor

    return RuleExtractor()


def _crf() -> Extractor:
    from zitat.attribution.crf import load_crf

    return load_crf("crf")


_FACTORIES: dict[str, Callable[[], Extractor]] = {"rules": _rules, "crf": _crf}
DEFAULT_MODEL = "crf"


def register_model(name: str, factory: Callable[[], Extractor]) -> None:
    _FACTORIES[name] = factory


def available_models() -> list[str]:
    return sorted(_FACTORIES)


@cache
def get_extractor(name: str = DEFAULT_MODEL) -> Extractor:
    """The extractor called ``name``, loaded once per process."""
    try:
        factory = _FACTORIES[name]
    except KeyError:
        raise ValueError(f"unknown model {name!r}; available: {', '.join(available_models())}") from None
    return factory()

"""Attribution: finding statements (cue, message, source, addressee, frame, form, medium) in a Doc."""

from zitat.attribution.base import Extractor
from zitat.attribution.registry import (
    DEFAULT_MODEL,
    UnknownModel,
    available_models,
    get_extractor,
    load_model,
    register_model,
    register_model_kind,
    resolve_model,
)

__all__ = [
    "DEFAULT_MODEL",
    "Extractor",
    "UnknownModel",
    "available_models",
    "get_extractor",
    "load_model",
    "register_model",
    "register_model_kind",
    "resolve_model",
]

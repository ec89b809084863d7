"""Attribution: finding statements (cue, message, source, addressee, frame, form, medium) in a Doc."""

from zitat.attribution.base import Extractor, available_models, get_extractor

__all__ = ["Extractor", "available_models", "get_extractor"]

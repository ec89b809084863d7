"""zitat's accurate attribution model: multilingual-e5-small fine-tuned on SpkAtt-2023.

See docs/model-card-accurate.md.

Run time needs onnxruntime only; training (``train``, ``export``) needs the ``accurate-train`` extra.
"""

from zitat.attribution.accurate.extractor import AccurateExtractor

__all__ = ["AccurateExtractor"]

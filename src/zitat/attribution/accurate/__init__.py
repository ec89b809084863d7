"""zitat's accurate attribution model: multilingual-e5-small fine-tuned on SpkAtt-2023.

See docs/model-card-accurate.md.

Run time needs onnxruntime only; training (``train``, ``export``) needs the ``accurate-train`` extra.
"""

from pathlib import Path

from zitat.attribution.accurate.extractor import AccurateExtractor
from zitat.attribution.registry import ModelConfig, register_model_kind


def _load(folder: Path, config: ModelConfig) -> AccurateExtractor:
    return AccurateExtractor(model_dir=folder)


# a folder whose model.json says kind "accurate" (written by ``export``) loads with --model FOLDER
register_model_kind("accurate", _load)

__all__ = ["AccurateExtractor"]

"""The accurate model at run time: ONNX Runtime int8, no torch.

from zitat.attribution.accurate import AccurateExtractor
statements = AccurateExtractor().predict(doc)   # list[zitat.document.Statement]
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from zitat.attribution.accurate.decode import ANCHOR_THRESHOLD, predict
from zitat.attribution.accurate.tokenizer import Tokenizer
from zitat.document import Statement

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "accurate"


class OnnxBackend:
    def __init__(self, model_dir: Path, threads: int | None = None) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        providers = ["CPUExecutionProvider"]
        self._lower = ort.InferenceSession(str(model_dir / "lower.onnx"), options, providers=providers)
        self._top = ort.InferenceSession(str(model_dir / "top.onnx"), options, providers=providers)

    def lower(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self._lower.run(None, {"ids": ids, "mask": mask})[0]

    def top(
        self, hidden: np.ndarray, marker: np.ndarray, mask: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        cues, roles, form, medium = self._top.run(None, {"hidden": hidden, "marker": marker, "mask": mask})
        return cues, roles, form, medium


class AccurateExtractor:
    """Fine-tuned multilingual-e5-small: cue tagging, then one role pass per cue (see the model card)."""

    name = "accurate"

    def __init__(
        self,
        model_dir: Path = MODEL_DIR,
        threads: int | None = None,
        anchor_threshold: float = ANCHOR_THRESHOLD,
    ) -> None:
        self.tokenizer = Tokenizer.load(model_dir / "vocab.json.gz")
        self.backend = OnnxBackend(model_dir, threads)
        self.anchor_threshold = anchor_threshold

    def predict_words(self, sentences: list[list[str]]) -> list[Statement]:
        """Statements of pre-tokenized sentences; token ids count words across sentences."""
        return predict(sentences, self.tokenizer, self.backend, self.anchor_threshold)

    def predict(self, doc: Doc) -> list[Statement]:
        """Statements of a ``Doc`` with sentences; whitespace tokens are skipped."""
        tokens = [[t.i for t in sent if not t.is_space] for sent in doc.sents]
        tokens = [s for s in tokens if s]
        index = [i for sent in tokens for i in sent]
        statements = self.predict_words([[doc[i].text for i in sent] for sent in tokens])
        for stmt in statements:
            for role in ("cue", "message", "source", "addressee", "frame"):
                setattr(stmt, role, tuple(index[w] for w in getattr(stmt, role)))
        return statements

    __call__ = predict

"""Export a trained checkpoint to the shipped ONNX files, int8 (training only: torch, onnx, onnxruntime).

    python -m zitat.attribution.accurate.export --run /work/runs/accurate/run1 \\
        --out src/zitat/attribution/models/accurate

Writes ``lower.onnx`` and ``top.onnx`` (dynamic int8 quantization, per output channel: per-tensor
scales lose more, see the model card), ``vocab.json.gz``, ``config.json`` (how it was trained) and
``model.json`` (so that ``--model FOLDER`` loads it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic

from zitat.attribution.accurate.network import Network
from zitat.attribution.registry import ModelConfig


def load_run(run: Path, checkpoint: str = "best.pt") -> Network:
    config = json.loads((run / "config.json").read_text())
    net = Network(config["vocab"], lower=config["lower"], top=config["top"])
    net.load_state_dict(torch.load(run / checkpoint, map_location="cpu"))
    return net.eval()


def export(net: Network, out: Path, quantize: bool = True) -> None:
    out.mkdir(parents=True, exist_ok=True)
    ids = torch.full((2, 12), 5, dtype=torch.long)
    mask = torch.ones(2, 12, dtype=torch.long)
    hidden = net.lower(ids, mask).detach()
    with tempfile.TemporaryDirectory() as tmp:
        plain = {"lower": Path(tmp) / "lower.onnx", "top": Path(tmp) / "top.onnx"}
        # the legacy (TorchScript) exporter: the dynamo exporter failed on this torch version
        torch.onnx.export(
            net.lower,
            (ids, mask),
            plain["lower"],
            input_names=["ids", "mask"],
            output_names=["hidden"],
            dynamic_axes={"ids": {0: "b", 1: "t"}, "mask": {0: "b", 1: "t"}, "hidden": {0: "b", 1: "t"}},
            opset_version=17,
            dynamo=False,
        )
        torch.onnx.export(
            net.top,
            (hidden, torch.zeros_like(ids), mask),
            plain["top"],
            input_names=["hidden", "marker", "mask"],
            output_names=["cues", "roles", "form", "medium"],
            dynamic_axes={
                "hidden": {0: "b", 1: "t"},
                "marker": {0: "b", 1: "t"},
                "mask": {0: "b", 1: "t"},
                "cues": {0: "b", 1: "t"},
                "roles": {0: "b", 1: "t"},
                "form": {0: "b"},
                "medium": {0: "b"},
            },
            opset_version=17,
            dynamo=False,
        )
        for name, path in plain.items():
            if quantize:
                quantize_dynamic(path, out / f"{name}.onnx", per_channel=True, weight_type=QuantType.QInt8)
            else:
                shutil.copy(path, out / f"{name}.onnx")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, required=True, help="training output folder")
    parser.add_argument("--checkpoint", default="best.pt")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--fp32", action="store_true", help="skip int8 quantization")
    args = parser.parse_args(argv)
    export_run(args.run, args.out, args.checkpoint, quantize=not args.fp32)


def export_run(run: Path, out: Path, checkpoint: str = "best.pt", quantize: bool = True) -> None:
    """A training run's checkpoint as a model folder that ``--model`` loads."""
    export(load_run(run, checkpoint), out, quantize=quantize)
    shutil.copy(run / "vocab.json.gz", out / "vocab.json.gz")
    config = json.loads((run / "config.json").read_text())
    keep = ("seed", "epochs", "lr", "batch", "lower", "top", "holdout", "vocab", "max_passes")
    shipped = {k: config[k] for k in keep if k in config} | {"checkpoint": checkpoint}
    (out / "config.json").write_text(json.dumps(shipped, indent=2) + "\n")
    ModelConfig(name="accurate", kind="accurate", settings={}).write(out)


if __name__ == "__main__":
    main()

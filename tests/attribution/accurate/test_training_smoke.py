"""A few seconds of fine-tuning a tiny random network, its ONNX export and decoding (needs torch)."""

import random

import pytest

torch = pytest.importorskip("torch", reason="torch is a training-only dependency (extra accurate-train)")
pytest.importorskip("onnx", reason="the ONNX export needs onnx (extra accurate-train)")

from zitat.attribution.accurate.decode import predict  # noqa: E402
from zitat.attribution.accurate.export import export  # noqa: E402
from zitat.attribution.accurate.extractor import OnnxBackend  # noqa: E402
from zitat.attribution.accurate.network import Network  # noqa: E402
from zitat.attribution.accurate.train import TorchBackend, examples, step_loss  # noqa: E402


def test_fine_tune_export_and_decode(tmp_path, tiny_tokenizer, article) -> None:
    torch.manual_seed(1)
    net = Network(len(tiny_tokenizer.pieces), hidden=32, heads=2, ffn=64, lower=1, top=1)
    data = examples(article, tiny_tokenizer)
    optimizer = torch.optim.AdamW(net.parameters(), lr=5e-3)
    rng = random.Random(1)
    losses = []
    for _ in range(80):
        loss = step_loss(net, data, rng)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0] / 2

    net.eval()
    found = predict(article.sentences, tiny_tokenizer, TorchBackend(net))
    assert any(s.cue == (1,) and set(s.message) == {3, 4, 5, 6} for s in found), found

    export(net, tmp_path, quantize=False)
    from_onnx = predict(article.sentences, tiny_tokenizer, OnnxBackend(tmp_path))
    assert [(s.cue, s.message, s.form) for s in from_onnx] == [(s.cue, s.message, s.form) for s in found]


def test_an_exported_folder_is_a_model_for_the_pipeline(tmp_path, tiny_tokenizer) -> None:
    from zitat.attribution.registry import ModelConfig, load_model
    from zitat.document import DocumentMeta
    from zitat.pipeline import process_text

    torch.manual_seed(1)
    export(Network(len(tiny_tokenizer.pieces), hidden=32, heads=2, ffn=64, lower=1, top=1), tmp_path)
    tiny_tokenizer.save(tmp_path / "vocab.json.gz")
    ModelConfig(name="accurate", kind="accurate", settings={}).write(tmp_path)

    assert load_model(tmp_path).name == "accurate"
    doc = process_text("Er sagte, die Nato sei bereit.", DocumentMeta(id="t"), tmp_path)
    assert isinstance(doc._.statements, list)  # an untrained network: any statements, but no failure

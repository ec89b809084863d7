"""The model registry: names, the old alias, model folders and their settings, one user error."""

import shutil
from pathlib import Path

import pytest

from zitat.attribution.crf import DECODING_STEPS, CrfExtractor, CrfSettings
from zitat.attribution.registry import (
    MODELS_DIR,
    ModelConfig,
    UnknownModel,
    available_models,
    load_model,
    model_name,
    resolve_model,
)
from zitat.errors import ZitatError


def test_names_and_the_old_alias() -> None:
    assert {"fast", "rules"} <= set(available_models())
    assert resolve_model("crf") == resolve_model("fast") == "fast"
    assert resolve_model(None) == "fast"


def test_an_unknown_model_is_a_user_error() -> None:
    with pytest.raises(UnknownModel, match="neither a model name") as caught:
        resolve_model("gibtsnicht")
    assert isinstance(caught.value, ZitatError) and isinstance(caught.value, ValueError)


def test_a_model_folder_loads_with_its_own_settings(tmp_path: Path) -> None:
    folder = tmp_path / "mein-modell"
    shutil.copytree(MODELS_DIR / "fast", folder)
    ModelConfig("mein-modell", "crf", {"continuation_reach": 1}).write(folder)
    model = load_model(folder)
    assert isinstance(model, CrfExtractor)
    assert model.settings == CrfSettings(continuation_reach=1)
    assert model_name(folder) == "mein-modell"
    assert resolve_model(str(folder)) == str(folder.resolve())


def test_the_shipped_model_carries_its_tuned_settings() -> None:
    config = ModelConfig.read(MODELS_DIR / "fast")
    assert (config.name, config.kind) == ("fast", "crf")
    assert CrfSettings.from_dict(config.settings) == CrfSettings()


def test_unknown_settings_and_steps_are_refused() -> None:
    with pytest.raises(ZitatError, match="unknown CRF settings"):
        CrfSettings.from_dict({"reach": 2})
    with pytest.raises(ValueError, match="unknown decoding steps"):
        CrfExtractor(MODELS_DIR / "fast", skip={"no-such-step"})


def test_a_decoding_step_can_be_switched_off_by_name() -> None:
    import zitat

    doc = zitat.extract("Der Kreml zitierte Präsident Putin mit den Worten, er werde die Antworten prüfen.")
    sources = sorted(" ".join(doc[i].text for i in s.source) for s in doc._.statements)
    assert sources == ["Der Kreml", "Präsident Putin"]  # the quoting side and the quoted person
    without = CrfExtractor(MODELS_DIR / "fast", skip={"quoted_person"})(doc)
    assert [" ".join(doc[i].text for i in s.source) for s in without] == ["Der Kreml"]
    assert set(DECODING_STEPS) >= {"quoted_person", "rule_source", "nested_quotes"}


def test_the_accurate_model_without_shipped_weights_says_how_to_get_one() -> None:
    pytest.importorskip("onnxruntime", reason="the accurate model runs on onnxruntime")
    if (MODELS_DIR / "accurate" / "model.json").is_file():
        pytest.skip("this checkout ships accurate weights")
    with pytest.raises(UnknownModel, match="zitat train --model accurate"):
        resolve_model("accurate")

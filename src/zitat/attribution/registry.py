"""The model registry: every attribution model by name or by folder, behind one resolver.

``--model`` (and ``model=`` in Python) takes a name (``fast``, ``rules``; ``crf`` is the old name of
``fast``) or the path of a model folder, such as one written by ``zitat train --out DIR``. A model
folder carries ``model.json``: its ``kind`` (which class loads it) and its ``settings`` (the
thresholds tuned by cross-validation), beside the kind's own files. A folder without ``model.json``
is read as a CRF folder with the default settings (folders trained before there was one).

Every folder in ``models/`` with a ``model.json`` is a model by its folder's name (``fast``); the
rule baseline is one by code (``rules``). Further models plug in without touching the resolver: a
package registers its class with ``register_model_kind(kind, loader)`` (and, for a model that is
code, its name with ``register_model(name, factory)``). Names and kinds in ``PLUGIN_MODULES`` are
imported on first use, so a model package that is not installed (or not yet written) costs nothing.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zitat.attribution.base import Extractor
from zitat.errors import ZitatError

MODELS_DIR = Path(__file__).parent / "models"
MODEL_FILE = "model.json"
DEFAULT_MODEL = "fast"
# old names that still work: the CRF was called „crf“ before there were several trained models
ALIASES = {"crf": "fast"}
# models whose package registers them when imported: loaded only when one of them is asked for
PLUGIN_MODULES = {"accurate": "zitat.attribution.accurate"}

ModelLoader = Callable[[Path, "ModelConfig"], Extractor]


class UnknownModel(ZitatError, ValueError):
    """No model by that name, and no model folder at that path (a ValueError too, as it used to be)."""


@dataclass(frozen=True)
class ModelConfig:
    """What a model folder's ``model.json`` says: its name, the class that loads it, its settings."""

    name: str
    kind: str
    settings: dict[str, Any]

    @classmethod
    def read(cls, folder: Path) -> ModelConfig:
        path = folder / MODEL_FILE
        if not path.is_file():
            return cls(name=folder.name, kind="crf", settings={})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                name=data.get("name") or folder.name, kind=data["kind"], settings=data.get("settings", {})
            )
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise UnknownModel(f"{path}: not a readable model description ({err})") from None

    def write(self, folder: Path) -> None:
        text = json.dumps({"name": self.name, "kind": self.kind, "settings": self.settings}, indent=2)
        (folder / MODEL_FILE).write_text(text + "\n", encoding="utf-8")


def _load_crf(folder: Path, config: ModelConfig) -> Extractor:
    from zitat.attribution.crf import CrfExtractor, CrfSettings

    return CrfExtractor(folder, config.name, CrfSettings.from_dict(config.settings))


def _rules() -> Extractor:
    from zitat.attribution.rules import RuleExtractor

    return RuleExtractor()


_KINDS: dict[str, ModelLoader] = {"crf": _load_crf}
# models that are code, not a folder; every folder in MODELS_DIR with a model.json is a named model too
_NAMED: dict[str, Callable[[], Extractor]] = {"rules": _rules}


def register_model(name: str, factory: Callable[[], Extractor]) -> None:
    """Make ``factory`` the model called ``name`` (for ``--model NAME``)."""
    _NAMED[name] = factory
    _load.cache_clear()


def register_model_kind(kind: str, loader: ModelLoader) -> None:
    """Let folders whose ``model.json`` says ``"kind": kind`` be loaded by ``loader(folder, config)``."""
    _KINDS[kind] = loader


def _packaged(name: str) -> bool:
    return (MODELS_DIR / name / MODEL_FILE).is_file()


def available_models() -> list[str]:
    """The model names, without the old aliases."""
    return sorted({*_NAMED, *(folder.parent.name for folder in MODELS_DIR.glob(f"*/{MODEL_FILE}"))})


def resolve_model(model: str | Path | None = None) -> str:
    """The canonical key of a model: its registered name, or the absolute path of its folder.

    Raises ``UnknownModel`` (a ``ZitatError``: one line at the command line) when it is neither.
    """
    if model is None:
        return DEFAULT_MODEL
    text = str(model)
    name = ALIASES.get(text, text)
    if name not in _NAMED and name in PLUGIN_MODULES:
        _import_plugin(name, PLUGIN_MODULES[name])
    if name in _NAMED or _packaged(name):
        return name
    folder = Path(text).expanduser()
    if folder.is_dir():
        return str(folder.resolve())
    if name in PLUGIN_MODULES:
        raise UnknownModel(
            f"model {name!r} has no weights in this installation: train and export one "
            f"(zitat train --model {name}) and pass its folder to --model"
        )
    raise UnknownModel(
        f"unknown model {text!r}: neither a model name ({', '.join(available_models())}) nor a model folder"
    )


def _import_plugin(name: str, module: str) -> None:
    """Import the package that registers model ``name``; one that is not there leaves it unknown."""
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name == module:
            return  # the package itself is not installed
        raise UnknownModel(f"model {name!r} needs {err.name}, which is not installed") from None


def model_name(model: str | Path | None = None) -> str:
    """The name a model goes by in outputs: its registered name, or the name in its folder's model.json
    (else the folder's name)."""
    return load_model(model).name


def load_model_folder(folder: Path) -> Extractor:
    """The model stored in ``folder``, loaded by the class its ``model.json`` names."""
    config = ModelConfig.read(folder)
    if config.kind not in _KINDS and config.kind in PLUGIN_MODULES:
        _import_plugin(config.kind, PLUGIN_MODULES[config.kind])
    try:
        loader = _KINDS[config.kind]
    except KeyError:
        raise UnknownModel(f"{folder}: unknown model kind {config.kind!r}") from None
    return loader(folder, config)


@cache
def _load(key: str) -> Extractor:
    if key in _NAMED:
        return _NAMED[key]()
    return load_model_folder(MODELS_DIR / key if _packaged(key) else Path(key))


def load_model(model: str | Path | None = None) -> Extractor:
    """The model called (or stored at) ``model``, loaded once per process."""
    return _load(resolve_model(model))


get_extractor = load_model  # the name callers used before the registry

"""Where the files zhnews ships are: the default model, the training corpus, word lists.

Installed, they are packages (`zhnews.default_model` is the repo's `model/`,
`zhnews.default_training` its `training/`); in a checkout that was never
installed, the folders beside the package.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def shipped_dir(package: str, checkout_folder: str) -> Path:
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError:
        return _CHECKOUT / checkout_folder


def default_model_dir() -> Path:
    """The shipped model: package `zhnews.default_model` (the repo's `model/`)."""
    return shipped_dir("zhnews.default_model", "model")


def default_training_dir() -> Path:
    """The shipped corpus: package `zhnews.default_training` (the repo's `training/`)."""
    return shipped_dir("zhnews.default_training", "training")


def data_path(name: str) -> Path:
    """A word list in `zhnews/data/` (stop words, the domain dictionary)."""
    return Path(str(resources.files("zhnews") / "data" / name))

"""Save and load theme models: JSON and `.npz`, never pickle.

A model folder holds three files:

* `meta.json`: format name and version, labels (with display names and
  colours), thresholds, parameters,
  library versions, training-data hash, date, cross-validated metrics, and
  the sha256 of the two other files;
* `vocabulary.json`: the terms of each feature block, in column order;
* `arrays.npz`: idf of each block, coefficients and intercepts (float64),
  read with `allow_pickle=False` so that loading can never run code.

Loading checks everything it reads and raises `ModelError` with a message
naming the file; writing goes through `atomic_directory`, so a failed or
interrupted save leaves the previous model in place.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile
from datetime import datetime, timezone
from itertools import repeat
from pathlib import Path

import numpy as np

from ..errors import ModelError, UsageError
from ..shipped import default_model_dir
from ..themes import parse_label_names, to_json

FORMAT_NAME = "zhnews-theme-model"
FORMAT_VERSION = 1
META = "meta.json"
VOCABULARY = "vocabulary.json"
ARRAYS = "arrays.npz"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Numeric parameters of a saved model, and what a model saved without one
# meant (models saved before the naive-Bayes scaling were plain regressions).
_SAVED_PARAMS = {
    "C": (float, 1.0),
    "cv": (int, 0),
    "min_threshold": (float, 0.0),
    "max_threshold": (float, 1.0),
    "threshold_slack": (float, 0.0),
    "threshold_beta": (float, 1.0),
    "nb_alpha": (float, 0.0),
    "random_state": (int, 0),
}


def _label_betas(value) -> dict | None:
    """Per-label F-beta of a saved model, checked: a label name and a finite positive number each."""
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ValueError("label_betas must map label names to numbers")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()):
        raise ValueError("label_betas must map label names to numbers")
    betas = {k: float(v) for k, v in value.items()}
    if not all(math.isfinite(b) and 0 < b <= 100 for b in betas.values()):
        raise ValueError("label_betas must be positive numbers")
    return betas


def save_model(model, path: Path | str, *, training: dict | None = None, extra: dict | None = None) -> Path:
    """Write `model` (a fitted ThemeClassifier) to the folder `path`, atomically.

    The files are byte-for-byte reproducible for the same model, except the
    `created` field of meta.json.
    """
    from ..atomic import atomic_directory

    path = Path(path)
    vocab = {b.name: b.terms for b in model.features_.blocks}
    vocab_bytes = (json.dumps(vocab, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    arrays = {f"idf_{b.name}": b.idf for b in model.features_.blocks}
    arrays["coef"] = model.coef_
    arrays["intercept"] = model.intercept_
    arrays_bytes = _npz_bytes(arrays)
    meta = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "labels": list(model.labels_),
        "thresholds": [float(t) for t in model.thresholds_],
        "blocks": [{"name": b.name, "size": len(b.terms), "weight": b.weight} for b in model.features_.blocks],
        "params": {**model.get_params(), "features": model.features_.params.to_dict()},
        "cv_metrics": {label: m.to_dict() for label, m in getattr(model, "cv_metrics_", {}).items()},
        "label_names": to_json(getattr(model, "label_names_", None) or {}),
        "training_data": training or {},
        "library_versions": _library_versions(),
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "files": {VOCABULARY: _sha256(vocab_bytes), ARRAYS: _sha256(arrays_bytes)},
    }
    if extra:
        meta.update(extra)
    meta_bytes = (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    with atomic_directory(path) as tmp:
        tmp.chmod(0o755)  # mkdtemp makes it private; a model is meant to be shared
        (tmp / VOCABULARY).write_bytes(vocab_bytes)
        (tmp / ARRAYS).write_bytes(arrays_bytes)
        (tmp / META).write_bytes(meta_bytes)
        if (path / "__init__.py").is_file():
            # The shipped model folder doubles as the package zhnews.default_model.
            (tmp / "__init__.py").write_bytes((path / "__init__.py").read_bytes())
    return path


# What a model folder holds, and nothing else (the shipped one is also a Python package).
MODEL_FILES = frozenset({"meta.json", "vocabulary.json", "arrays.npz", "__init__.py", "__pycache__"})


def unexpected_entries(path: Path) -> list[str]:
    """Entries of a model folder that zhnews did not write, or links (which may point anywhere)."""
    out = []
    for entry in sorted(path.iterdir()):
        if entry.name not in MODEL_FILES or entry.is_symlink():
            out.append(entry.name)
    return out


def read_meta(path: Path | str) -> dict:
    """meta.json of a model folder, checked for format and version."""
    path = Path(path)
    if not path.is_dir():
        raise ModelError(f"{path}: no model folder here (train one with `zhnews train DATA --out {path}`)")
    strangers = unexpected_entries(path)
    if strangers:
        raise ModelError(f"{path}: a model folder holds only zhnews's files; refusing one with {', '.join(strangers[:5])}")
    meta_path = path / META
    if not meta_path.is_file():
        raise ModelError(f"{meta_path}: missing; {path} is not a zhnews model")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{meta_path}: unreadable or corrupt ({exc})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        raise ModelError(f"{meta_path}: not a zhnews theme model")
    version = meta.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise ModelError(f"{meta_path}: invalid format_version {version!r}")
    if version > FORMAT_VERSION:
        raise ModelError(
            f"{meta_path}: model format {version} is newer than this zhnews understands "
            f"({FORMAT_VERSION}); upgrade zhnews or retrain the model"
        )
    return meta


def load_model(path: Path | str | None = None):
    """Load a model folder (default: the shipped model), validating every file."""
    from .classify import CVMetrics, ThemeClassifier
    from .features import Block, FeatureParams, FeatureSpace

    path = Path(path) if path is not None else default_model_dir()
    meta = read_meta(path)
    try:
        labels = _str_list(meta["labels"], "labels")
        thresholds = np.asarray(meta["thresholds"], dtype=np.float64)
        block_meta = meta["blocks"]
        params = meta["params"]
        feature_params = FeatureParams.from_dict(params["features"])
        files = meta["files"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{path / META}: missing or invalid field ({exc})") from None
    if len(set(labels)) != len(labels) or not labels:
        raise ModelError(f"{path / META}: labels must be a non-empty list of distinct names")
    if thresholds.shape != (len(labels),) or not np.all((thresholds >= 0) & (thresholds <= 1)):
        raise ModelError(f"{path / META}: need one threshold in [0, 1] per label")

    vocab_bytes = _read_checked(path, VOCABULARY, files)
    arrays_bytes = _read_checked(path, ARRAYS, files)
    try:
        vocab = json.loads(vocab_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path / VOCABULARY}: corrupt ({exc})") from None
    arrays = _load_npz(path / ARRAYS, arrays_bytes)

    if not isinstance(block_meta, list):
        raise ModelError(f"{path / META}: blocks must be a list")
    blocks = []
    for bm in block_meta:
        name = bm.get("name") if isinstance(bm, dict) else None
        if name not in ("words", "chars"):
            raise ModelError(f"{path / META}: unknown feature block {name!r}")
        terms = _str_list(vocab.get(name) if isinstance(vocab, dict) else None, f"{VOCABULARY}[{name}]", path)
        idf = arrays.get(f"idf_{name}")
        if idf is None or idf.shape != (len(terms),) or len(terms) != bm.get("size"):
            raise ModelError(f"{path / ARRAYS}: idf of block {name!r} does not match its vocabulary")
        if len(set(terms)) != len(terms):
            raise ModelError(f"{path / VOCABULARY}: block {name!r} repeats terms")
        try:
            weight = float(bm.get("weight", 1.0))
        except (TypeError, ValueError):
            weight = float("nan")
        if not np.isfinite(weight):
            raise ModelError(f"{path / META}: the weight of block {name!r} is not a number")
        blocks.append(Block(name, terms, idf, weight))
    space = FeatureSpace(feature_params, blocks)
    coef, intercept = arrays.get("coef"), arrays.get("intercept")
    if coef is None or coef.shape != (len(labels), space.n_features):
        raise ModelError(f"{path / ARRAYS}: coefficients do not match labels × features")
    if intercept is None or intercept.shape != (len(labels),):
        raise ModelError(f"{path / ARRAYS}: intercepts do not match the labels")
    for name, arr in arrays.items():
        if not np.all(np.isfinite(arr)):
            raise ModelError(f"{path / ARRAYS}: {name} holds NaN or infinite values")

    try:
        model = ThemeClassifier(
            **{name: kind(params.get(name, default)) for name, (kind, default) in _SAVED_PARAMS.items()},
            class_weight=params.get("class_weight"),
            label_betas=_label_betas(params.get("label_betas")),
            features=feature_params,
        )
    except (TypeError, ValueError) as exc:
        raise ModelError(f"{path / META}: invalid parameter ({exc})") from None
    model.labels_ = labels
    model.features_ = space
    model.coef_ = coef
    model.intercept_ = intercept
    model.thresholds_ = thresholds
    model.cv_metrics_ = {}
    for label, m in (meta.get("cv_metrics") or {}).items():
        try:
            model.cv_metrics_[label] = CVMetrics(**m)
        except TypeError:
            pass
    try:
        model.label_names_ = parse_label_names(meta.get("label_names") or {}, str(path / META))
    except UsageError as exc:
        raise ModelError(str(exc)) from None
    model.meta_ = meta
    return model


def _read_checked(path: Path, name: str, files: dict) -> bytes:
    target = path / name
    if not target.is_file():
        raise ModelError(f"{target}: missing; the model folder is incomplete")
    data = target.read_bytes()
    expected = files.get(name) if isinstance(files, dict) else None
    if not isinstance(expected, str):
        raise ModelError(f"{path / META}: no checksum for {name}")
    if _sha256(data) != expected:
        raise ModelError(f"{target}: checksum mismatch (truncated, corrupt or edited); retrain or restore the model")
    return data


def _load_npz(name: Path, data: bytes) -> dict[str, np.ndarray]:
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, MemoryError, OverflowError) as exc:
        # A tampered header can claim any shape: numpy then fails to allocate it.
        raise ModelError(f"{name}: not a plain numeric .npz of a sensible size ({type(exc).__name__})") from None
    for key, arr in arrays.items():
        if arr.dtype != np.float64:
            raise ModelError(f"{name}: array {key} has dtype {arr.dtype}, expected float64")
    return arrays


def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An .npz that np.load reads, with fixed timestamps so it is reproducible."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arrays[key], dtype=np.float64), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, member.getvalue())
    return buf.getvalue()


def _str_list(value, what: str, path: Path | None = None) -> list[str]:
    # One C-level pass: a vocabulary holds 130,000 strings.
    if not isinstance(value, list) or not all(map(isinstance, value, repeat(str))):
        where = f"{path}: " if path else ""
        raise ModelError(f"{where}{what} must be a list of strings")
    return value


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("zhnews", "numpy", "scipy", "scikit-learn", "jieba", "rjieba"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "unknown"
    return out

"""Saving and loading models: round trip, reproducibility, refusal of bad files."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest

from zhnews.errors import ModelError
from zhnews.models.classify import ThemeClassifier
from zhnews.models.features import FeatureParams
from zhnews.models.store import (
    ARRAYS,
    FORMAT_VERSION,
    META,
    VOCABULARY,
    load_model,
    save_model,
)

TEXTS = ["地铁{}号线开通运营".format(i) for i in range(8)] + ["银行贷款{}亿元".format(i) for i in range(8)] + [
    "公园菊花展第{}天".format(i) for i in range(8)]
LABELS = [["rail_transit"]] * 8 + [["finance"]] * 8 + [[]] * 8
PROBE = ["地铁开通", "银行贷款利率", "菊花展", ""]


@pytest.fixture(scope="module")
def model():
    return ThemeClassifier(cv=2, features=FeatureParams(min_df=1)).fit(TEXTS, LABELS)


@pytest.fixture
def saved(tmp_path, model):
    return save_model(model, tmp_path / "m", training={"sha256": "abc", "examples": 24})


def test_round_trip_gives_same_predictions(saved, model):
    loaded = load_model(saved)
    assert loaded.labels_ == model.labels_
    assert np.array_equal(loaded.thresholds_, model.thresholds_)
    assert np.array_equal(loaded.predict_proba(PROBE), model.predict_proba(PROBE))
    assert loaded.predict(PROBE) == model.predict(PROBE)
    assert loaded.cv_metrics_.keys() == model.cv_metrics_.keys()


def test_meta_records_provenance(saved):
    meta = json.loads((saved / META).read_text(encoding="utf-8"))
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["training_data"]["sha256"] == "abc"
    assert {"numpy", "scikit-learn", "jieba"} <= set(meta["library_versions"])
    assert meta["created"].endswith("Z")
    assert set(meta["files"]) == {VOCABULARY, ARRAYS}


def test_saving_twice_is_byte_identical_except_date(tmp_path, model):
    a = save_model(model, tmp_path / "a")
    b = save_model(model, tmp_path / "b")
    for name in (VOCABULARY, ARRAYS):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    ma = json.loads((a / META).read_text())
    mb = json.loads((b / META).read_text())
    ma.pop("created"), mb.pop("created")
    assert ma == mb


def test_arrays_load_without_pickle(saved):
    with np.load(saved / ARRAYS, allow_pickle=False) as npz:
        assert npz["coef"].dtype == np.float64


def test_refuses_missing_folder_and_files(tmp_path, saved):
    with pytest.raises(ModelError, match="no model folder"):
        load_model(tmp_path / "nowhere")
    (saved / VOCABULARY).unlink()
    with pytest.raises(ModelError, match="missing"):
        load_model(saved)


def test_refuses_truncated_arrays(saved):
    data = (saved / ARRAYS).read_bytes()
    (saved / ARRAYS).write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="checksum"):
        load_model(saved)


def test_refuses_corrupt_meta(saved):
    (saved / META).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="corrupt"):
        load_model(saved)


def _edit_meta(path, **changes):
    meta = json.loads((path / META).read_text(encoding="utf-8"))
    meta.update(changes)
    (path / META).write_text(json.dumps(meta), encoding="utf-8")


def test_refuses_newer_format(saved):
    _edit_meta(saved, format_version=FORMAT_VERSION + 1)
    with pytest.raises(ModelError, match="newer"):
        load_model(saved)


def test_refuses_foreign_folder(saved):
    _edit_meta(saved, format="something-else")
    with pytest.raises(ModelError, match="not a zhnews theme model"):
        load_model(saved)


def test_refuses_inconsistent_shapes(saved):
    meta = json.loads((saved / META).read_text(encoding="utf-8"))
    _edit_meta(saved, labels=meta["labels"] + ["extra"], thresholds=meta["thresholds"] + [0.5])
    with pytest.raises(ModelError, match="labels × features"):
        load_model(saved)


def test_refuses_pickled_arrays_even_with_matching_checksum(saved):
    """An attacker who rewrites the checksum still cannot get an object array loaded."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        member = io.BytesIO()
        np.lib.format.write_array(member, np.array([{"x": 1}], dtype=object), allow_pickle=True)
        zf.writestr("coef.npy", member.getvalue())
    data = buf.getvalue()
    (saved / ARRAYS).write_bytes(data)
    import hashlib

    meta = json.loads((saved / META).read_text(encoding="utf-8"))
    meta["files"][ARRAYS] = hashlib.sha256(data).hexdigest()
    (saved / META).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="not a plain numeric"):
        load_model(saved)


def test_failed_save_keeps_previous_model(saved, model, monkeypatch):
    before = load_model(saved).predict_proba(PROBE)
    import zhnews.models.store as persist

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(persist, "_npz_bytes", boom)
    with pytest.raises(OSError):
        save_model(model, saved)
    assert np.array_equal(load_model(saved).predict_proba(PROBE), before)


def test_default_model_loads_if_shipped():
    from zhnews.shipped import default_model_dir

    if not (default_model_dir() / META).is_file():
        pytest.skip("no shipped model built yet")
    m = load_model()
    assert m.labels_ == sorted(m.labels_)
    assert {"rail_transit", "finance", "parks", "digitization"} <= set(m.labels_)


def test_loading_and_predicting_never_import_sklearn_or_scipy(saved):
    import subprocess
    import sys

    code = (
        "import sys; from zhnews.models.store import load_model; "
        f"m = load_model({str(saved)!r}); m.predict({PROBE!r}); m.explain('地铁开通'); "
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('sklearn', 'scipy')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_round_trip_keeps_the_training_parameters(tmp_path):
    model = ThemeClassifier(cv=0, C=3.0, nb_alpha=0.5, label_betas={"finance": 2.0},
                            features=FeatureParams(min_df=1)).fit(TEXTS, LABELS)
    loaded = load_model(save_model(model, tmp_path / "m"))
    assert (loaded.C, loaded.nb_alpha, loaded.label_betas) == (3.0, 0.5, {"finance": 2.0})


@pytest.mark.parametrize("betas", [["parks", 2.0], {"parks": "much"}, {"parks": -1}, {"parks": float("inf")}],
                         ids=["a list", "a word", "negative", "infinite"])
def test_refuses_bad_label_betas(saved, betas):
    meta = json.loads((saved / META).read_text(encoding="utf-8"))
    _edit_meta(saved, params={**meta["params"], "label_betas": betas})
    with pytest.raises(ModelError, match="label_betas"):
        load_model(saved)


def test_model_saved_before_nb_scaling_loads_as_plain_regression(saved, model):
    meta_path = saved / META
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    del meta["params"]["nb_alpha"]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    loaded = load_model(saved)
    assert loaded.nb_alpha == 0.0
    assert np.array_equal(loaded.predict_proba(PROBE), model.predict_proba(PROBE))

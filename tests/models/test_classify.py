"""The theme estimator: fitting, thresholds, no-theme, numpy == scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest

from tests.helpers import BANK, ENERGY, OTHER, RAIL, corpus
from zhnews.models.classify import ThemeClassifier, classify_articles
from zhnews.models.features import FeatureParams
from zhnews.records import Article


@pytest.fixture(scope="module")
def small_model() -> ThemeClassifier:
    texts, labels = corpus({"rail_transit": RAIL, "finance": BANK, "none": OTHER})
    # A few articles with two themes.
    texts += ["地铁{}号线建设获得银行贷款{}亿元".format(i, i + 10) for i in range(1, 7)]
    labels += [["finance", "rail_transit"]] * 6
    return ThemeClassifier(cv=3, features=FeatureParams(min_df=1)).fit(texts, labels)


def test_learns_labels_and_shapes(small_model):
    m = small_model
    assert m.labels_ == ["finance", "rail_transit"]
    assert m.coef_.shape == (2, m.features_.n_features)
    assert m.intercept_.shape == (2,)
    assert len(m.thresholds_) == 2
    assert all(m.min_threshold <= t <= m.max_threshold for t in m.thresholds_)
    assert set(m.cv_metrics_) == {"finance", "rail_transit"}
    assert m.oof_proba_.shape == (len(m.oof_proba_), 2)


def test_predicts_each_theme_none_and_several(small_model):
    pred = small_model.predict(
        ["地铁9号线开通运营，列车时速80公里", "银行发放贷款30亿元，利率下降", "公园举办菊花展，游客很多",
         "地铁号线建设获得银行贷款"]
    )
    assert pred[0] == ["rail_transit"]
    assert pred[1] == ["finance"]
    assert pred[2] == []
    assert pred[3] == ["finance", "rail_transit"]


def test_probabilities_are_independent_per_label(small_model):
    proba = small_model.predict_proba(["地铁号线建设获得银行贷款", "公园菊花展"])
    assert proba.shape == (2, 2)
    assert np.all((proba > 0) & (proba < 1))
    # Independent sigmoids: rows need not sum to one.
    assert proba[0].sum() > 1.0
    assert proba[1].sum() < 1.0


def test_threshold_override_changes_decisions(small_model):
    text = ["银行"]
    p = small_model.predict_proba(text)[0]
    assert small_model.predict(text, threshold=float(p.max()) + 1e-6) == [[]]
    assert small_model.predict(text, threshold=0.0) == [["finance", "rail_transit"]]


def test_numpy_predict_equals_sklearn(small_model):
    texts = ["地铁9号线开通运营", "银行贷款利率", "", "完全无关的内容", "地铁 银行 保险 IPO 2024年"]
    ours = small_model.predict_proba(texts)
    pipes = small_model.to_sklearn()
    theirs = np.column_stack([pipes[l].predict_proba(texts)[:, 1] for l in small_model.labels_])
    assert np.max(np.abs(ours - theirs)) < 1e-9
    # The feature matrix itself too, column by column.
    dense = small_model.features_.transform(texts).to_scipy().toarray()
    sk = pipes["finance"].named_steps["features"].transform(texts).toarray()
    assert np.max(np.abs(dense - sk)) < 1e-12


def test_new_label_set_and_multiclass_mode():
    texts, labels = corpus({"new_energy": ENERGY, "finance": BANK, "culture": OTHER})
    model = ThemeClassifier(cv=0, features=FeatureParams(min_df=1)).fit(texts, labels)
    assert model.labels_ == ["culture", "finance", "new_energy"]
    assert list(model.thresholds_) == [0.5, 0.5, 0.5]
    assert model.predict_multiclass(["光伏电站储能电池", "银行贷款利率", "博物馆展出文物"]) == [
        "new_energy", "finance", "culture"]


def test_fit_rejects_single_class():
    with pytest.raises(ValueError, match="both positive and negative"):
        ThemeClassifier(cv=0).fit(["地铁开通", "高铁开通"], [["rail_transit"], ["rail_transit"]])
    with pytest.raises(ValueError, match="no labels"):
        ThemeClassifier(cv=0).fit(["地铁开通", "高铁开通"], [[], []])


def test_fit_is_deterministic():
    texts, labels = corpus({"rail_transit": RAIL, "none": OTHER})
    a = ThemeClassifier(cv=3, features=FeatureParams(min_df=1)).fit(texts, labels)
    b = ThemeClassifier(cv=3, features=FeatureParams(min_df=1)).fit(texts, labels)
    assert np.array_equal(a.coef_, b.coef_)
    assert np.array_equal(a.thresholds_, b.thresholds_)


def test_long_article_reads_only_the_opening():
    texts, labels = corpus({"rail_transit": RAIL, "none": OTHER})
    model = ThemeClassifier(cv=0, features=FeatureParams(min_df=1, max_chars=40)).fit(texts, labels)
    opening = "博物馆展出文物120件，观众3000人次。" * 2
    tail = "地铁9号线开通运营，列车最高时速80公里。" * 5
    only_opening = model.predict_proba([opening])[0, 0]
    assert model.predict_proba([opening + tail])[0, 0] == pytest.approx(only_opening, abs=1e-12)


def test_classify_articles_and_why(small_model):
    arts = [Article(id="a1", title="地铁9号线开通运营", text="列车最高时速80公里，轨道交通"),
            Article(id="a2", title="公园菊花展", text="游客很多")]
    out = list(classify_articles(arts, small_model, batch=1))
    assert [r.id for r in out] == ["a1", "a2"]
    assert out[0].themes == ["rail_transit"]
    assert set(out[0].scores) == {"finance", "rail_transit"}
    assert out[0].why["rail_transit"], "a theme comes with the terms behind it"
    assert all(term in arts[0].full_text for term in out[0].why["rail_transit"])
    assert out[1].themes == [] and out[1].why == {}


def test_nb_ratios_favour_terms_typical_of_the_label():
    from scipy.sparse import csr_matrix

    from zhnews.models.classify import nb_ratios

    # Term 0 is in both positives, term 1 in both negatives, term 2 in one of each;
    # the weights (2.5, 0.3) must not matter, only presence.
    X = csr_matrix(np.array([[2.5, 0, 1], [1, 0, 0], [0, 0.3, 1], [0, 1, 0]]))
    r = nb_ratios(X, np.array([[1], [1], [0], [0]]), alpha=1.0)
    assert r.shape == (1, 3)
    assert r[0] == pytest.approx([np.log(3), -np.log(3), 0.0])


def test_nb_alpha_zero_is_plain_logistic_regression_and_nb_differs():
    from sklearn.linear_model import LogisticRegression

    texts, labels = corpus({"rail_transit": RAIL, "finance": BANK, "none": OTHER})
    plain = ThemeClassifier(cv=0, nb_alpha=0, features=FeatureParams(min_df=1)).fit(texts, labels)
    X = plain.features_.transform(texts).to_scipy()
    y = [int("finance" in ls) for ls in labels]
    lr = LogisticRegression(C=plain.C, class_weight="balanced", solver="liblinear", dual=True,
                            random_state=plain.random_state).fit(X, y)
    assert np.allclose(plain.coef_[0], lr.coef_[0], atol=1e-8)
    scaled = ThemeClassifier(cv=0, features=FeatureParams(min_df=1)).fit(texts, labels)
    assert scaled.nb_alpha > 0
    assert not np.allclose(scaled.coef_, plain.coef_)
    probe = ["地铁9号线开通运营，列车时速80公里", "银行发放贷款30亿元，利率下降", "公园举办菊花展，游客很多"]
    assert scaled.predict(probe) == [["rail_transit"], ["finance"], []]


def test_why_terms_are_whole_words_without_overlapping_fragments(seed_articles):
    from zhnews.models.store import load_model

    model = load_model()
    articles = [a for found in seed_articles.values() for a in found]
    shown = 0
    for result in classify_articles(articles, model, why_terms=5):
        for terms in result.why.values():
            shown += len(terms)
            assert all(len(t) >= 2 for t in terms), terms
            assert not any(a != b and a in b for a in terms for b in terms), terms
            words = set(model.features_.blocks[0].terms)
            assert all(t in words for t in terms), terms
    assert shown >= 20


def test_a_recall_weighted_threshold_trades_precision_for_recall():
    import random

    from tests.helpers import make_rows

    rows = make_rows({"rail_transit": RAIL, "none": OTHER}, n=40)
    rng = random.Random(0)
    # Labels a reader could dispute: a third of the no-theme rows are marked rail anyway, so F1 and F1.5 disagree.
    for r in rows:
        if not r["labels"] and rng.random() < 0.35:
            r["labels"] = ["rail_transit"]
    texts, labels = [r["text"] for r in rows], [r["labels"] for r in rows]
    f1 = ThemeClassifier(cv=4, threshold_beta=1.0).fit(texts, labels)
    f15 = ThemeClassifier(cv=4, threshold_beta=1.5).fit(texts, labels)
    assert f15.thresholds_[0] < f1.thresholds_[0]
    assert f15.cv_metrics_["rail_transit"].recall > f1.cv_metrics_["rail_transit"].recall
    assert f15.cv_metrics_["rail_transit"].precision < f1.cv_metrics_["rail_transit"].precision
    # A per-label beta moves that label's cut-off alone.
    mixed = ThemeClassifier(cv=4, threshold_beta=1.0, label_betas={"rail_transit": 1.5}).fit(texts, labels)
    assert mixed.thresholds_[0] == f15.thresholds_[0]


def test_the_shipped_settings_weigh_parks_recall_more():
    from zhnews.run.train import make_classifier
    from zhnews import settings

    clf = make_classifier(cv=0)
    assert clf.label_betas == settings.LABEL_THRESHOLD_BETA
    assert clf._beta("parks") > clf._beta("finance") == settings.THRESHOLD_BETA


def _reasons_by_string(model: ThemeClassifier, text: str, top: int) -> dict[str, list[tuple[str, float]]]:
    """`explain` the plain way: every column named by its string, equal strings added up."""
    names = model.features_.feature_names()
    words = {t for b in model.features_.blocks if b.name == "words" for t in b.terms}
    idx, val = model.transform([text]).row(0)
    out = {}
    for j, label in enumerate(model.labels_):
        sums: dict[str, float] = {}
        for col, v in zip(idx.tolist(), val.tolist()):
            sums[names[col]] = sums.get(names[col], 0.0) + model.coef_[j, col] * v
        order = {t: k for k, t in reversed(list(enumerate(names)))}  # first column of each string
        shown = [(t, w) for t, w in sums.items() if (t in words or not words) and len(t) >= 2 and w > 0]
        chosen: list[tuple[str, float]] = []
        for term, weight in sorted(shown, key=lambda tw: (-tw[1], order[tw[0]])):
            if len(chosen) == top:
                break
            if not any(term in other or other in term for other, _ in chosen):
                chosen.append((term, round(weight, 4)))
        out[label] = chosen
    return out


@pytest.mark.parametrize("features", [
    FeatureParams(min_df=1),
    FeatureParams(min_df=1, char_ngrams=(1, 4)),  # n-grams longer than the packed three
    FeatureParams(min_df=1, word_weight=0),  # no word block: any term may be a reason
    FeatureParams(min_df=1, char_weight=0),
    FeatureParams(min_df=1, char_span="text"),
])
def test_reasons_are_the_terms_that_weigh_most_named_by_their_string(features):
    texts, labels = corpus({"rail_transit": RAIL, "finance": BANK, "none": OTHER})
    model = ThemeClassifier(cv=0, features=features).fit(texts, labels)
    # 动车组 and 市盈率 are three-character words that are also character trigrams.
    for text in ["地铁9号线开通运营，动车组最高时速80公里，轨道交通建设提速", "银行发放贷款30亿元，市盈率下降，金融服务实体经济"]:
        got = model.explain(text, top=5)
        assert got == _reasons_by_string(model, text, top=5)
        assert any(got.values()), "the probe must have reasons to compare"

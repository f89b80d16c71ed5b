"""Theme classifier: one logistic regression per label over TF-IDF features.

Each label gets its own yes/no model, so an article can have zero, one or
several themes, each with an independent probability. Before a label's model
is fitted, every feature is scaled by its naive-Bayes log-count ratio for
that label (NBSVM, Wang & Manning 2012): how much more often the term occurs
in the label's articles than in the others. Terms typical of the label start
out strong and the regression only has to correct them, which generalises
better from few examples; the scale folds into the coefficients, so
prediction costs the same. A label applies when
its probability reaches the label's threshold, chosen on out-of-fold
probabilities (cross-validation) to maximise F1; no label passing means
"no theme". `predict_multiclass` takes the argmax instead, for single-label
data sets (the benchmark).

Fitting uses scikit-learn; everything after fitting (`predict_proba`,
`predict`, `explain`) is numpy only, so classifying starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np

from .. import settings
from ..records import Classification
from ..text.lines import split_run_in_headline, strip_lead
from ..text.split import first_sentence
from .features import FeatureParams

Progress = Callable[[str], None]
# A cut-off override: one number for every label, or numbers for some labels by name.
Cutoff = "float | dict[str, float] | None"



def _quiet(_: str) -> None:
    pass


@dataclass
class CVMetrics:
    """Cross-validated scores of one label (from out-of-fold probabilities)."""

    precision: float
    recall: float
    f1: float
    support: int

    def to_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "support": self.support}


class ThemeClassifier:
    """Multi-label text classifier with per-label thresholds.

    Parameters: `C` (inverse regularisation of each logistic regression),
    `class_weight` ("balanced" so that rare themes are not drowned by the
    negatives), `cv` (folds for the out-of-fold probabilities behind the
    thresholds and the reported metrics; 0 or 1 = no CV, thresholds 0.5),
    `min_threshold` / `max_threshold` (clamp, so that a tiny fold cannot pick
    an absurd cut-off), `threshold_slack` and `threshold_beta` (how the
    cut-off is chosen on the out-of-fold scores: the lowest within the slack
    of the best, and F-beta instead of F1), `label_betas` (a label → beta
    dict for the labels whose cut-off weighs recall differently), `nb_alpha` (smoothing of the naive-Bayes ratios;
    0 turns the scaling off: plain logistic regression), `random_state`, the
    feature settings (see `zhnews.models.features.FeatureParams`), and
    `n_jobs` (processes fitting the labels' models side by side, 0 or None
    for one per CPU; they share the training matrix, memory-mapped, and each
    holds liblinear's copy of it; the model is the same for any number).

    Learned: `labels_`, `features_`, `coef_` (labels × features),
    `intercept_`, `thresholds_`, `cv_metrics_`, `oof_proba_`.
    """

    def __init__(
        self,
        *,
        C: float = settings.C,
        class_weight: str | None = "balanced",
        cv: int = settings.CV_FOLDS,
        min_threshold: float = 0.2,
        max_threshold: float = 0.8,
        threshold_slack: float = 0.0,
        threshold_beta: float = 1.0,
        label_betas: dict | None = None,
        nb_alpha: float = settings.NB_ALPHA,
        random_state: int = 0,
        features: FeatureParams | None = None,
        n_jobs: int | None = settings.TRAIN_JOBS,
    ):
        self.C = C
        self.class_weight = class_weight
        self.cv = cv
        self.min_threshold = min_threshold
        self.max_threshold = max_threshold
        self.threshold_slack = threshold_slack
        self.threshold_beta = threshold_beta
        self.label_betas = label_betas
        self.nb_alpha = nb_alpha
        self.random_state = random_state
        self.features = features
        self.n_jobs = n_jobs

    def get_params(self, deep: bool = False) -> dict:
        """The constructor's parameters: `type(self)(**get_params())` is an unfitted copy."""
        return {name: getattr(self, name) for name in _param_names(type(self))}

    def set_params(self, **params) -> "ThemeClassifier":
        names = _param_names(type(self))
        for name, value in params.items():
            if name not in names:
                raise ValueError(f"`{name}` is not a parameter of ThemeClassifier; it has {', '.join(names)}")
            setattr(self, name, value)
        return self

    @property
    def feature_params(self) -> FeatureParams:
        """The feature settings in force (`features`, or the defaults when it is None)."""
        return self.features if self.features is not None else FeatureParams()

    # -- fitting (scikit-learn) -------------------------------------------

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[Iterable[str]],
        *,
        label_set: Sequence[str] | None = None,
        groups: Sequence[str] | None = None,
        progress: Progress = _quiet,
    ) -> "ThemeClassifier":
        """Fit on texts and their label lists (an empty list = no theme).

        `label_set` fixes the label order (default: sorted labels seen).
        `groups` (e.g. source file per text) keeps each group inside one
        fold, so near-duplicates cannot leak between training and scoring.
        """
        from .features import count_terms

        texts = list(texts)
        label_lists = [list(ls) for ls in labels]
        if len(texts) != len(label_lists):
            raise ValueError(f"{len(texts)} texts but {len(label_lists)} label lists")
        self.labels_ = list(label_set) if label_set is not None else sorted({l for ls in label_lists for l in ls})
        if not self.labels_:
            raise ValueError("no labels: every example is unlabelled")
        Y = self._binarize(label_lists)
        for j, label in enumerate(self.labels_):
            positives = int(Y[:, j].sum())
            if positives == 0 or positives == len(texts):
                raise ValueError(f"label {label!r} needs both positive and negative examples")

        progress(f"segmenting {len(texts)} texts")
        # Segmentation is the slow part: do it once, for the model and every fold.
        counts = count_terms(texts, self.feature_params)
        self._fit_counts(counts, np.arange(len(Y)), Y)
        progress(f"features: {self.features_.n_features} columns")

        self.thresholds_ = np.full(len(self.labels_), settings.THRESHOLD)
        self.cv_metrics_: dict[str, CVMetrics] = {}
        self.oof_proba_ = None
        if self.cv and self.cv > 1:
            self.oof_proba_ = self._out_of_fold(counts, Y, groups, progress)
            for j, label in enumerate(self.labels_):
                self.thresholds_[j] = self._best_threshold(self.oof_proba_[:, j], Y[:, j], self._beta(label))
                self.cv_metrics_[label] = _metrics(self.oof_proba_[:, j] >= self.thresholds_[j], Y[:, j])
        return self

    def _binarize(self, label_lists: list[list[str]]) -> np.ndarray:
        index = {l: j for j, l in enumerate(self.labels_)}
        Y = np.zeros((len(label_lists), len(self.labels_)), dtype=np.int8)
        for i, ls in enumerate(label_lists):
            for l in ls:
                if l in index:
                    Y[i, index[l]] = 1
        return Y

    def _fit_counts(self, counts, rows: np.ndarray, Y: np.ndarray) -> dict:
        """Fit features and model on the texts `rows` of `counts`; returns the columns used."""
        from .features import fit_counts

        self.features_, X, columns = fit_counts(counts, rows, self.feature_params)
        self.coef_, self.intercept_ = self._fit_linear(X, Y)
        return columns

    def _fit_linear(self, X, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        import os

        ratios = nb_ratios(X, Y, self.nb_alpha) if self.nb_alpha > 0 else None
        given = (self.C, self.class_weight, self.random_state)
        jobs = [(X, Y[:, j], None if ratios is None else ratios[j], *given) for j in range(Y.shape[1])]
        workers = max(1, min(Y.shape[1], self.n_jobs or os.cpu_count() or 1))
        if workers == 1:
            fits = [_fit_binary(*job) for job in jobs]
        else:
            from joblib import Parallel, delayed

            # Processes, not threads: liblinear draws its coordinate order from one generator per
            # process, so fits in threads interleave their draws and the model would depend on
            # timing. joblib hands X to the workers memory-mapped, not copied.
            fits = Parallel(n_jobs=workers, backend="loky")(delayed(_fit_binary)(*job) for job in jobs)
        coef = np.zeros((Y.shape[1], X.shape[1]))
        intercept = np.zeros(Y.shape[1])
        for j, (row, bias) in enumerate(fits):
            coef[j], intercept[j] = row, bias
        return coef, intercept

    def _out_of_fold(self, counts, Y: np.ndarray, groups, progress: Progress) -> np.ndarray:
        from .features import transform_counts

        folds = _folds(Y, self.cv, self.random_state, groups)
        oof = np.zeros(Y.shape, dtype=np.float64)
        for k, (train, test) in enumerate(folds, start=1):
            progress(f"cross-validation: fold {k}/{len(folds)}")
            # A fold may miss a label entirely; its column keeps probability 0.
            train_Y = Y[train]
            keep = [j for j in range(Y.shape[1]) if 0 < train_Y[:, j].sum() < len(train)]
            if not keep:
                continue
            sub = type(self)(**{**self.get_params(), "cv": 0})
            sub.labels_ = [self.labels_[j] for j in keep]
            columns = sub._fit_counts(counts, train, train_Y[:, keep])
            X = transform_counts(counts, test, sub.features_, columns)
            oof[np.ix_(test, keep)] = _sigmoid(np.asarray(X @ sub.coef_.T) + sub.intercept_)
        return oof

    def _beta(self, label: str) -> float:
        """The F-beta whose best out-of-fold value places `label`'s cut-off."""
        return float((self.label_betas or {}).get(label, self.threshold_beta))

    def _best_threshold(self, proba: np.ndarray, y: np.ndarray, beta: float | None = None) -> float:
        """The cut-off with the best out-of-fold F-beta, centred on its plateau."""
        grid = np.round(np.arange(self.min_threshold, self.max_threshold + 1e-9, 0.01), 2)
        beta = self.threshold_beta if beta is None else beta
        scores = np.array([_fbeta(_metrics(proba >= t, y), beta) for t in grid])
        best = scores.max()
        if self.threshold_slack > 0:
            # Articles of other genres score lower than the training corpus does: the lowest
            # cut-off whose F1 is within the slack of the best keeps their recall.
            return float(grid[np.flatnonzero(scores >= best - self.threshold_slack)[0]])
        # Many cut-offs tie on small data; the middle of the tied run generalises
        # better than its edge, which sits right against a training example.
        tied = np.flatnonzero(scores >= best - 1e-12)
        run = tied[tied - tied[0] == np.arange(len(tied))]
        return float(grid[run[len(run) // 2]])

    # -- prediction (numpy only) ------------------------------------------

    def transform(self, texts: Sequence[str]):
        """The feature rows of `texts` (reuse them for `explain_row`)."""
        return self.features_.transform(list(texts))

    def decision_function(self, texts: Sequence[str], X=None) -> np.ndarray:
        self._check_fitted()
        X = self.transform(texts) if X is None else X
        return X.dot_columns(self.coef_) + self.intercept_

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Independent probability of each label, shape (n_texts, n_labels)."""
        return _sigmoid(self.decision_function(texts))

    def predict(self, texts: Sequence[str], threshold: Cutoff = None) -> list[list[str]]:
        """Labels whose probability reaches its threshold (or `threshold`: see `cut_offs`)."""
        return self.decide(self.predict_proba(texts), threshold)

    def cut_offs(self, threshold: Cutoff = None) -> dict[str, float]:
        """Each label's cut-off: its own threshold, or `threshold` for all (a number),
        or for the labels it names (a dict; the others keep their own, or take its "*")."""
        self._check_fitted()
        own = {l: float(t) for l, t in zip(self.labels_, self.thresholds_)}
        if threshold is None:
            return own
        if isinstance(threshold, dict):
            unknown = sorted(set(threshold) - set(own) - {"*"})
            if unknown:
                raise ValueError(f"unknown label(s) {', '.join(unknown)}; the model's labels are {', '.join(own)}")
            if "*" in threshold:
                own = {l: float(threshold["*"]) for l in own}
            return {**own, **{l: float(v) for l, v in threshold.items() if l != "*"}}
        return {l: float(threshold) for l in own}

    def decide(self, proba, threshold: Cutoff = None) -> list[list[str]]:
        """The labels of each row of probabilities: those at or above their cut-off (`cut_offs`)."""
        cut = np.asarray(list(self.cut_offs(threshold).values()), dtype=np.float64)
        if not len(proba):
            return []
        # One comparison for the batch, the same float64 test as number by number.
        passed = (np.asarray(proba) >= cut).tolist()
        return [[l for l, ok in zip(self.labels_, row) if ok] for row in passed]

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise ValueError("this ThemeClassifier is not fitted yet: call fit() or load a model first")

    def predict_multiclass(self, texts: Sequence[str]) -> list[str]:
        """The single most likely label of each text (single-label data)."""
        scores = self.decision_function(texts)
        return [self.labels_[j] for j in scores.argmax(axis=1)]

    def explain(self, text: str, top: int = settings.WHY_TERMS) -> dict[str, list[tuple[str, float]]]:
        """Per label, the terms that pushed it up most (coefficient × tf-idf).

        A term found both as a word and as a character n-gram counts once,
        with both contributions added.
        """
        return self.explain_row(self.transform([text]), 0, top)

    def explain_row(self, X, i: int, top: int = settings.WHY_TERMS, labels: Sequence[str] | None = None) -> dict[str, list[tuple[str, float]]]:
        """`explain` for row `i` of feature rows already computed by `transform` (`labels`: only these).

        Reasons are whole words a reader understands: a character n-gram that is
        also a word adds its weight to the word; other n-grams (轨道交, 道交) and
        single characters are not shown, nor a word inside one already shown
        (轨道 under 轨道交通).
        """
        idx, val = X.row(i)
        named, shown = self.features_.reasons()
        # A term that is both a word and a character n-gram is one reason.
        unique, where = np.unique(named[idx], return_inverse=True)
        out: dict[str, list[tuple[str, float]]] = {}
        for j, label in enumerate(self.labels_):
            if labels is not None and label not in labels:
                continue
            sums = np.bincount(where, weights=self.coef_[j, idx] * val, minlength=len(unique))
            sums = np.where(shown[unique], sums, 0.0)
            chosen: list[tuple[str, float]] = []
            for k in np.argsort(-sums, kind="stable")[: top * 4]:
                weight = float(sums[k])
                if weight <= 0 or len(chosen) == top:
                    break
                term = self.features_.term(int(unique[k]))
                if any(term in other or other in term for other, _ in chosen):
                    continue
                chosen.append((term, round(weight, 4)))
            out[label] = chosen
        return out

    def to_sklearn(self) -> dict:
        """Equivalent fitted scikit-learn pipelines, one per label (for checking)."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        union = self.features_.to_sklearn()
        out = {}
        for j, label in enumerate(self.labels_):
            lr = LogisticRegression()
            lr.classes_ = np.array([0, 1])
            lr.coef_ = self.coef_[j : j + 1].copy()
            lr.intercept_ = self.intercept_[j : j + 1].copy()
            out[label] = Pipeline([("features", union), ("clf", lr)])
        return out


def _param_names(cls) -> list[str]:
    import inspect

    return [p.name for p in inspect.signature(cls.__init__).parameters.values() if p.kind is p.KEYWORD_ONLY]


def _fit_binary(X, y: np.ndarray, ratio: np.ndarray | None, C: float, class_weight,
                random_state) -> tuple[np.ndarray, float]:
    """One label's logistic regression on X (scaled by its naive-Bayes ratios when given)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    # liblinear is deterministic and fast on sparse binary problems. Text has more features
    # than examples, where the dual problem is the smaller one: 3x faster than the primal on
    # 180,000 headlines, with the same decision on every one of them.
    lr = LogisticRegression(C=C, class_weight=class_weight, solver="liblinear", dual=True, max_iter=1000,
                            random_state=random_state)
    if ratio is None:
        lr.fit(X, y)
        return lr.coef_[0], lr.intercept_[0]
    # X scaled column by column, as `X @ diags(ratio)` makes it, but sharing X's indices:
    # one new array instead of three, while liblinear holds its own copy beside it.
    scaled = np.take(ratio, X.indices)
    scaled *= X.data
    lr.fit(csr_matrix((scaled, X.indices, X.indptr), shape=X.shape), y)
    return lr.coef_[0] * ratio, lr.intercept_[0]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Same formula as scikit-learn's binary LogisticRegression.predict_proba.
    return 1.0 / (1.0 + np.exp(-z))


def _metrics(pred: np.ndarray, y: np.ndarray) -> CVMetrics:
    pred = np.asarray(pred, dtype=bool)
    y = np.asarray(y, dtype=bool)
    tp = int((pred & y).sum())
    fp = int((pred & ~y).sum())
    fn = int((~pred & y).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return CVMetrics(round(precision, 4), round(recall, 4), round(f1, 4), int(y.sum()))


def _fbeta(m: CVMetrics, beta: float) -> float:
    """F-beta: beta > 1 weighs recall more (a theme's reader misses an untagged article)."""
    if beta == 1.0:
        return m.f1
    b2 = beta * beta
    return (1 + b2) * m.precision * m.recall / (b2 * m.precision + m.recall) if m.precision + m.recall else 0.0


def nb_ratios(X, Y: np.ndarray, alpha: float) -> np.ndarray:
    """Naive-Bayes log-count ratio of every feature for every label (labels × features).

    log of (share of the label's articles holding the term) over (share of the
    other articles holding it), both smoothed by `alpha`; presence, not
    weight, as in NBSVM.
    """
    # Counted from the column indices, label by label: a 0/1 copy of X and its transpose
    # took twice X's memory at the peak of training (180,000 headlines: 190 MB).
    X = X.tocsr()
    n_features = X.shape[1]
    doc = np.repeat(np.arange(X.shape[0], dtype=np.int32), np.diff(X.indptr))
    pos = np.stack([np.bincount(X.indices[Y[:, j].astype(bool)[doc]], minlength=n_features)
                    for j in range(Y.shape[1])]).astype(np.float64)  # labels × features
    neg = np.bincount(X.indices, minlength=n_features).astype(np.float64)[None, :] - pos
    p, q = pos + alpha, neg + alpha
    return np.log(p / p.sum(axis=1, keepdims=True)) - np.log(q / q.sum(axis=1, keepdims=True))


def _folds(Y: np.ndarray, k: int, seed: int, groups) -> list[tuple[np.ndarray, np.ndarray]]:
    """Deterministic folds: grouped if groups are given, else stratified on label sets."""
    n = len(Y)
    if groups is not None:
        from sklearn.model_selection import GroupKFold

        uniq = sorted(set(groups))
        k = min(k, len(uniq))
        if k < 2:
            raise ValueError("grouped cross-validation needs at least two groups")
        return list(GroupKFold(n_splits=k).split(np.zeros(n), groups=list(groups)))
    from sklearn.model_selection import KFold, StratifiedKFold

    # Stratify on the rarest label of each example, so every fold sees each label.
    counts = Y.sum(axis=0)
    key = np.full(n, -1)
    for i in range(n):
        present = np.flatnonzero(Y[i])
        if len(present):
            key[i] = present[np.argmin(counts[present])]
    smallest = np.bincount(key + 1).min() if n else 0
    k = max(2, min(k, n))
    if smallest >= k:
        return list(StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(n), key))
    return list(KFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(n)))


def _untitled_name(article) -> str:
    first = strip_lead(article.sentences[0] if article.sentences else first_sentence(article.text))
    return split_run_in_headline(first)[0] or first


def classify_articles(articles, model: ThemeClassifier, *, threshold: Cutoff = None,
                      batch: int = settings.CLASSIFY_BATCH, why_terms: int = settings.WHY_TERMS):
    """Yield a `Classification` per article, reading the input lazily in batches."""
    buf = []
    for article in articles:
        buf.append(article)
        if len(buf) >= batch:
            yield from _classify_batch(buf, model, threshold, why_terms)
            buf = []
    if buf:
        yield from _classify_batch(buf, model, threshold, why_terms)


def _classify_batch(articles, model: ThemeClassifier, threshold, why_terms: int):
    # Segmenting is most of the cost: do it once for the scores and the reasons.
    X = model.transform([a.full_text for a in articles])
    proba = _sigmoid(model.decision_function([], X=X))
    # Python floats once for the batch, not a numpy scalar per score.
    for i, (article, row, themes) in enumerate(zip(articles, proba.tolist(), model.decide(proba, threshold))):
        why = {}
        if themes and why_terms:
            reasons = model.explain_row(X, i, top=why_terms, labels=themes)
            why = {l: [term for term, _ in reasons[l]] for l in themes}
        yield Classification(
            id=article.id,
            # An untitled record is named as the digest names it: by the headline its first sentence runs in,
            # or by that sentence.
            title=article.title or _untitled_name(article),
            themes=themes,
            scores={l: round(p, 4) for l, p in zip(model.labels_, row)},
            why=why,
        )

"""Scores: of a multi-label classifier on labelled data (one model, or two compared), and of
summaries (ROUGE). The printers and the plot are in `zhnews.render.evaluation`.

For each label: TP / FP / FN / TN, precision, recall, F1, and, for the false
positives, which labels those articles really had (the multi-label form of
a confusion matrix: "tagged finance, but was really rail_transit"). Micro
and macro averages over labels; exact-match accuracy over articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text.chars import normalized_key
from ..themes import label_themes

NONE = "(none)"
MISSED = "(missed)"


@dataclass
class LabelScore:
    label: str
    tp: int
    fp: int
    fn: int
    tn: int
    fp_true_labels: dict[str, int] = field(default_factory=dict)
    fn_predicted_labels: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict:
        return {
            "label": self.label, "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "support": self.support, "fp_true_labels": self.fp_true_labels,
            "fn_predicted_labels": self.fn_predicted_labels,
        }


@dataclass
class Report:
    labels: list[LabelScore]
    n_examples: int
    exact_match: float
    # Misclassified examples: id, title, source, true, predicted and every label's score.
    errors: list[dict] = field(default_factory=list)
    # (true, predicted) -> count: see `confusions`.
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    cut_offs: dict[str, float] = field(default_factory=dict)
    predicted: list[list[str]] = field(default_factory=list)  # every example's labels, in order
    names: dict[str, str] = field(default_factory=dict)  # labels' display names

    @property
    def supported(self) -> list[LabelScore]:
        """Labels with at least one true example: the only ones a macro average can judge."""
        return [s for s in self.labels if s.support]

    @property
    def unsupported(self) -> list[str]:
        return [s.label for s in self.labels if not s.support]

    @property
    def micro(self) -> dict[str, float]:
        tp = sum(s.tp for s in self.labels)
        fp = sum(s.fp for s in self.labels)
        fn = sum(s.fn for s in self.labels)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

    @property
    def macro(self) -> dict[str, float]:
        # A label the data never has scores 0 whatever the model does; averaging it in would
        # report a failure that is only the data's silence.
        scored = self.supported
        n = len(scored) or 1
        return {
            "precision": sum(s.precision for s in scored) / n,
            "recall": sum(s.recall for s in scored) / n,
            "f1": sum(s.f1 for s in scored) / n,
        }

    def confusions(self) -> tuple[list[str], list[str], list[list[int]]]:
        """Rows (true labels, then NONE), columns (predicted labels, then MISSED), counts.

        The multi-label confusion matrix: a right label counts on the diagonal; a missed one
        counts against each wrong label the article got instead, or as MISSED when it got none;
        a wrong label with nothing missed beside it (the article already had its true labels,
        or none) counts in the NONE row. True negatives, which would swamp it, are not in it.
        """
        names = [s.label for s in self.labels]
        rows, cols = names + [NONE], names + [MISSED]
        matrix = [[self.pairs.get((r, c), 0) for c in cols] for r in rows]
        return rows, cols, matrix

    def to_dict(self) -> dict:
        rnd = lambda d: {k: round(v, 4) for k, v in d.items()}  # noqa: E731
        rows, cols, matrix = self.confusions()
        return {
            "examples": self.n_examples,
            "exact_match": round(self.exact_match, 4),
            "labels": [s.to_dict() for s in self.labels],
            "micro": rnd(self.micro),
            "macro": rnd(self.macro),
            "macro_leaves_out": self.unsupported,
            "thresholds": self.cut_offs,
            "confusions": {"rows": rows, "columns": cols, "counts": matrix},
            "errors": self.errors,
        }


def score(
    true: list[list[str]], pred: list[list[str]], labels: list[str], ids: list[str] | None = None,
    details: list[dict] | None = None,
) -> Report:
    """Compare true and predicted label lists; `details` (a dict per example: title, scores...)
    go into each error."""
    if len(true) != len(pred):
        raise ValueError("true and predicted lists differ in length")
    scores = []
    for label in labels:
        s = LabelScore(label, 0, 0, 0, 0)
        for t, p in zip(true, pred):
            in_t, in_p = label in t, label in p
            if in_t and in_p:
                s.tp += 1
            elif in_p:
                s.fp += 1
                for other in [l for l in t if l != label] or [NONE]:
                    s.fp_true_labels[other] = s.fp_true_labels.get(other, 0) + 1
            elif in_t:
                s.fn += 1
                for other in [l for l in p if l != label] or [NONE]:
                    s.fn_predicted_labels[other] = s.fn_predicted_labels.get(other, 0) + 1
            else:
                s.tn += 1
        scores.append(s)
    known = set(labels)
    exact = sum(1 for t, p in zip(true, pred) if set(t) & known == set(p)) / len(true) if true else 0.0
    errors = []
    pairs: dict[tuple[str, str], int] = {}
    for i, (t, p) in enumerate(zip(true, pred)):
        gold, got = set(t) & known, set(p)
        for pair in _pairs(gold, got):
            pairs[pair] = pairs.get(pair, 0) + 1
        if gold != got:
            errors.append({"id": ids[i] if ids else str(i), **(details[i] if details else {}),
                           "true": sorted(gold), "predicted": sorted(got)})
    return Report(scores, len(true), exact, errors, pairs)


def _pairs(gold: set[str], got: set[str]):
    for label in sorted(gold & got):
        yield label, label
    missed, spurious = sorted(gold - got), sorted(got - gold)
    for label in missed:
        for other in spurious or [MISSED]:
            yield label, other
    if not missed:
        for other in spurious:
            yield NONE, other


def evaluate(model, dataset, *, threshold=None) -> Report:
    """Score a fitted model on a labelled `Dataset`; each error carries its title and scores."""
    proba = model.predict_proba(dataset.texts())
    pred = model.decide(proba, threshold)
    ids = [e.id or e.where for e in dataset.examples]
    labels = list(model.labels_)
    details = [{"title": e.title or first_line(e.text), "source": e.where,
                "scores": {l: round(float(p), 4) for l, p in zip(labels, row)}}
               for e, row in zip(dataset.examples, proba)]
    report = score(dataset.label_lists(), pred, labels, ids, details)
    report.cut_offs = {l: round(t, 4) for l, t in model.cut_offs(threshold).items()}
    report.predicted = [sorted(p) for p in pred]
    report.names = {l: t.name for l, t in label_themes(labels, getattr(model, "label_names_", None)).items()}
    return report


def first_line(text: str, width: int = 40) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= width else line[: width - 1] + "…"


@dataclass
class Comparison:
    """Two models scored on the same labelled data, and the articles whose labels change."""

    a: Report
    b: Report
    names: tuple[str, str]
    changed: list[dict] = field(default_factory=list)  # id, title, true, and each model's labels

    def to_dict(self) -> dict:
        return {"models": list(self.names), "a": self.a.to_dict(), "b": self.b.to_dict(), "changed": self.changed}


def compare(model_a, model_b, dataset, names: tuple[str, str], *, threshold=None) -> Comparison:
    """Score both models on `dataset`, and list every article they label differently.

    A threshold given by label applies to each model only for the labels it has.
    """
    def own(model):
        if not isinstance(threshold, dict):
            return threshold
        return {k: v for k, v in threshold.items() if k == "*" or k in model.labels_}

    ra, rb = evaluate(model_a, dataset, threshold=own(model_a)), evaluate(model_b, dataset, threshold=own(model_b))
    changed = []
    for e, la, lb in zip(dataset.examples, ra.predicted, rb.predicted):
        if la != lb:
            changed.append({"id": e.id or e.where, "title": e.title or first_line(e.text), "true": sorted(e.labels),
                            "a": la, "b": lb})
    return Comparison(ra, rb, names, changed)


# -- summaries ---------------------------------------------------------------


def _rouge_units(text: str) -> list[str]:
    # Characters, ignoring punctuation and spaces, as Chinese ROUGE usually is.
    return list(normalized_key(text))


def _f1(overlap: float, n_pred: int, n_ref: int) -> float:
    if overlap <= 0 or n_pred == 0 or n_ref == 0:
        return 0.0
    precision, recall = overlap / n_pred, overlap / n_ref
    return 2 * precision * recall / (precision + recall)


def rouge_n(summary: str, reference: str, n: int = 1) -> float:
    """ROUGE-N F1 over characters (clipped n-gram counts)."""
    from collections import Counter

    a, b = _rouge_units(summary), _rouge_units(reference)
    pred = Counter(tuple(a[i : i + n]) for i in range(len(a) - n + 1))
    ref = Counter(tuple(b[i : i + n]) for i in range(len(b) - n + 1))
    overlap = sum((pred & ref).values())
    return _f1(overlap, sum(pred.values()), sum(ref.values()))


def rouge_l(summary: str, reference: str) -> float:
    """ROUGE-L F1 over characters: longest common subsequence."""
    a, b = _rouge_units(summary), _rouge_units(reference)
    if not a or not b:
        return 0.0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, start=1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return _f1(prev[-1], len(a), len(b))

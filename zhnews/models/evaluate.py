"""Scores: of a multi-label classifier on labelled data (and their plot), and of summaries (ROUGE).

For each label: TP / FP / FN / TN, precision, recall, F1, and, for the false
positives, which labels those articles really had (the multi-label form of
a confusion matrix: "tagged finance, but was really rail_transit"). Micro
and macro averages over labels; exact-match accuracy over articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..text.chars import normalized_key

NONE = "(none)"


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
    errors: list[dict] = field(default_factory=list)  # misclassified examples

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
        n = len(self.labels) or 1
        return {
            "precision": sum(s.precision for s in self.labels) / n,
            "recall": sum(s.recall for s in self.labels) / n,
            "f1": sum(s.f1 for s in self.labels) / n,
        }

    def to_dict(self) -> dict:
        rnd = lambda d: {k: round(v, 4) for k, v in d.items()}  # noqa: E731
        return {
            "examples": self.n_examples,
            "exact_match": round(self.exact_match, 4),
            "labels": [s.to_dict() for s in self.labels],
            "micro": rnd(self.micro),
            "macro": rnd(self.macro),
            "errors": self.errors,
        }


def score(
    true: list[list[str]], pred: list[list[str]], labels: list[str], ids: list[str] | None = None
) -> Report:
    """Compare true and predicted label lists."""
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
    for i, (t, p) in enumerate(zip(true, pred)):
        if set(t) & known != set(p):
            errors.append({"id": ids[i] if ids else str(i), "true": sorted(set(t) & known), "predicted": sorted(p)})
    return Report(scores, len(true), exact, errors)


def evaluate(model, dataset, *, threshold: float | None = None) -> Report:
    """Score a fitted model on a labelled `Dataset`."""
    pred = model.predict(dataset.texts(), threshold=threshold)
    ids = [e.id or e.where for e in dataset.examples]
    return score(dataset.label_lists(), pred, list(model.labels_), ids)


def format_report(report: Report, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"{'label':<16} {'prec':>6} {'recall':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5} {'TN':>5}")
    for s in report.labels:
        lines.append(
            f"{s.label:<16} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} "
            f"{s.tp:>5} {s.fp:>5} {s.fn:>5} {s.tn:>5}"
        )
    for name, avg in (("micro avg", report.micro), ("macro avg", report.macro)):
        lines.append(f"{name:<16} {avg['precision']:>6.3f} {avg['recall']:>6.3f} {avg['f1']:>6.3f}")
    lines.append(f"exact match: {report.exact_match:.3f} of {report.n_examples} articles")
    for s in report.labels:
        if s.fp_true_labels:
            parts = ", ".join(f"{k} {v}" for k, v in sorted(s.fp_true_labels.items(), key=lambda kv: -kv[1]))
            lines.append(f"false {s.label}: the articles really were: {parts}")
        if s.fn_predicted_labels:
            parts = ", ".join(f"{k} {v}" for k, v in sorted(s.fn_predicted_labels.items(), key=lambda kv: -kv[1]))
            lines.append(f"missed {s.label}: tagged instead as: {parts}")
    return "\n".join(lines)


def format_metrics(metrics: dict, title: str = "") -> str:
    """A table of per-label precision / recall / F1 (e.g. cross-validated)."""
    lines = [title] if title else []
    lines.append(f"{'label':<16} {'prec':>6} {'recall':>6} {'F1':>6} {'support':>8}")
    for label, m in metrics.items():
        d = m.to_dict() if hasattr(m, "to_dict") else m
        lines.append(f"{label:<16} {d['precision']:>6.3f} {d['recall']:>6.3f} {d['f1']:>6.3f} {d['support']:>8}")
    return "\n".join(lines)


def plot_report(report: Report, path) -> None:
    """Save a PNG: per label, TP/FP/FN/TN counts, and where the false positives came from."""
    from ..errors import UsageError

    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise UsageError("--plot needs matplotlib: pip install 'zhnews[plot]'") from None

    labels = [s.label for s in report.labels]
    others = sorted({k for s in report.labels for k in s.fp_true_labels}, key=lambda k: (k == NONE, k))
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(4 + 2.2 * len(labels), 4.5))
    counts = np.array([[s.tp, s.fp, s.fn, s.tn] for s in report.labels], dtype=float)
    im = ax1.imshow(counts, cmap="Blues", aspect="auto")
    ax1.set_xticks(range(4), ["TP", "FP", "FN", "TN"])
    ax1.set_yticks(range(len(labels)), labels)
    for i in range(len(labels)):
        for j in range(4):
            ax1.text(j, i, int(counts[i, j]), ha="center", va="center",
                     color="white" if counts[i, j] > counts.max() / 2 else "black")
    ax1.set_title("per-label outcome")
    fig.colorbar(im, ax=ax1, shrink=0.8)
    if others:
        fp = np.array([[s.fp_true_labels.get(o, 0) for o in others] for s in report.labels], dtype=float)
        ax2.imshow(fp, cmap="Reds", aspect="auto")
        ax2.set_xticks(range(len(others)), others, rotation=30, ha="right")
        ax2.set_yticks(range(len(labels)), labels)
        for i in range(len(labels)):
            for j in range(len(others)):
                ax2.text(j, i, int(fp[i, j]), ha="center", va="center")
    else:
        ax2.text(0.5, 0.5, "no false positives", ha="center", va="center")
        ax2.set_axis_off()
    ax2.set_title("false positives: true labels")
    fig.tight_layout()
    fig.savefig(str(path), format="png", dpi=100)
    plt.close(fig)


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

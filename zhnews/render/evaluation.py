"""Printing what `zhnews evaluate` and `zhnews train` measured: tables, confusions, errors, a plot.

Reads the score objects of `zhnews.models.evaluate` (a report has `labels`,
`micro`, `macro`, `confusions()`, `errors`) without importing them.
"""

from __future__ import annotations

from .classifications import display_width, pad

_HEAD = f"{'label':<16} {'prec':>6} {'recall':>6} {'F1':>6}"


def format_report(report, title: str = "", *, errors_shown: int | None = 50) -> str:
    """Per-label scores, averages, the label × label confusions and the misclassified articles."""
    lines = [title] if title else []
    lines.append(f"{_HEAD} {'TP':>5} {'FP':>5} {'FN':>5} {'TN':>5} {'support':>8}")
    for s in report.labels:
        lines.append(f"{s.label:<16} {_cells(s)} {s.tp:>5} {s.fp:>5} {s.fn:>5} {s.tn:>5} {s.support:>8}")
    for name, avg in (("micro avg", report.micro), ("macro avg", report.macro)):
        lines.append(f"{name:<16} {avg['precision']:>6.3f} {avg['recall']:>6.3f} {avg['f1']:>6.3f}")
    if report.unsupported:
        lines.append(f"macro avg leaves out {', '.join(report.unsupported)}: no article of the data has "
                     f"{'it' if len(report.unsupported) == 1 else 'them'}, so recall cannot be measured")
    lines.append(f"exact match: {report.exact_match:.3f} of {report.n_examples} articles")
    for s in report.labels:
        if s.fp_true_labels:
            parts = ", ".join(f"{k} {v}" for k, v in sorted(s.fp_true_labels.items(), key=lambda kv: -kv[1]))
            lines.append(f"false {s.label}: the articles really were: {parts}")
        if s.fn_predicted_labels:
            parts = ", ".join(f"{k} {v}" for k, v in sorted(s.fn_predicted_labels.items(), key=lambda kv: -kv[1]))
            lines.append(f"missed {s.label}: tagged instead as: {parts}")
    lines.append("")
    lines += format_confusions(report)
    if report.errors and errors_shown != 0:
        lines.append("")
        lines += format_errors(report.errors, report.cut_offs, errors_shown)
    return "\n".join(lines)


def _cells(s, width: int = 6) -> str:
    """Precision, recall, F1; "-" where a score has nothing to measure (nothing tagged, nothing to find)."""
    def cell(value: float, defined: bool) -> str:
        return f"{value:>{width}.3f}" if defined else f"{'-':>{width}}"

    tagged = s.tp + s.fp
    return (f"{cell(s.precision, tagged > 0)} {cell(s.recall, s.support > 0)} "
            f"{cell(s.f1, s.support > 0 or tagged > 0)}")


def format_confusions(report) -> list[str]:
    rows, cols, matrix = report.confusions()
    width = max(6, *(display_width(c) for c in cols))
    first = max(16, *(display_width(r) for r in rows))
    out = ["confusions (rows: true label, or (none) for a label given beside the right ones; "
           "columns: predicted label, or (missed) when none was given in its place):",
           pad("", first) + " " + " ".join(pad(c, width, right=True) for c in cols)]
    for r, counts in zip(rows, matrix):
        out.append(pad(r, first) + " " + " ".join(pad(str(n) if n else ".", width, right=True) for n in counts))
    return out


def format_errors(errors: list[dict], cut_offs: dict[str, float], shown: int | None = 50) -> list[str]:
    """Each misclassified article: id, title, true and predicted labels, and the scores against
    their thresholds for the labels in question."""
    out = [f"misclassified: {len(errors)} article(s)" + (f", the first {shown} shown (--format json lists all)"
                                                          if shown is not None and len(errors) > shown else "")]
    for e in errors[: shown if shown is not None else len(errors)]:
        at_issue = sorted(set(e["true"]) ^ set(e["predicted"]))
        scores = e.get("scores", {})
        detail = ", ".join(
            f"{l} {scores[l]:.2f}" + (f"/{cut_offs[l]:.2f}" if l in cut_offs else "") for l in at_issue if l in scores
        )
        out.append(f"  {e['id']}  {e.get('title', '')}")
        out.append(f"      true: {', '.join(e['true']) or '-'}   predicted: {', '.join(e['predicted']) or '-'}"
                   + (f"   score/threshold: {detail}" if detail else ""))
    return out


def format_metrics(metrics: dict, title: str = "") -> str:
    """A table of per-label precision / recall / F1 (e.g. cross-validated)."""
    lines = [title] if title else []
    lines.append(f"{_HEAD} {'support':>8}")
    for label, m in metrics.items():
        d = m.to_dict() if hasattr(m, "to_dict") else m
        lines.append(f"{label:<16} {d['precision']:>6.3f} {d['recall']:>6.3f} {d['f1']:>6.3f} {d['support']:>8}")
    return "\n".join(lines)


def format_comparison(comparison, *, changes_shown: int | None = 50) -> str:
    """Two models side by side: per-label P/R/F1 of each and A's F1 minus B's (positive: A is
    better), then the articles whose labels differ."""
    a, b = comparison.a, comparison.b
    name_a, name_b = comparison.names
    lines = [f"A: {name_a}", f"B: {name_b}", "",
             f"{'label':<16} {'A prec':>7} {'A rec':>6} {'A F1':>6}  {'B prec':>7} {'B rec':>6} {'B F1':>6}  "
             f"{'A−B F1':>7} {'support':>8}"]
    scores_b = {s.label: s for s in b.labels}
    labels = [s.label for s in a.labels] + [s.label for s in b.labels if s.label not in {x.label for x in a.labels}]
    scores_a = {s.label: s for s in a.labels}

    def cells(s) -> str:
        return (" " + _cells(s)) if s else f"{'-':>7} {'-':>6} {'-':>6}"

    for label in labels:
        sa, sb = scores_a.get(label), scores_b.get(label)
        delta = f"{_delta(sa.f1, sb.f1):>+7.3f}" if sa and sb and (sa.support or sb.support) else f"{'':>7}"
        support = (sa or sb).support
        lines.append(f"{label:<16} {cells(sa)}  {cells(sb)}  {delta} {support:>8}")
    for name in ("micro", "macro"):
        ma, mb = getattr(a, name), getattr(b, name)
        lines.append(f"{name + ' avg':<16} {ma['precision']:>7.3f} {ma['recall']:>6.3f} {ma['f1']:>6.3f}  "
                     f"{mb['precision']:>7.3f} {mb['recall']:>6.3f} {mb['f1']:>6.3f}  {_delta(ma['f1'], mb['f1']):>+7.3f}")
    for name, report, other in (("A", a, b), ("B", b, a)):
        lacks = [s.label for s in other.labels if s.label not in {x.label for x in report.labels} and s.support]
        if lacks:
            lines.append(f"{name} has no label {', '.join(lacks)}: its averages and exact match leave "
                         f"{'it' if len(lacks) == 1 else 'them'} out")
    left_out = sorted(set(a.unsupported) | set(b.unsupported))
    if left_out:
        lines.append(f"macro avg leaves out {', '.join(left_out)}: no article of the data has them")
    lines.append(f"exact match: A {a.exact_match:.3f}, B {b.exact_match:.3f} of {a.n_examples} articles")
    changed = comparison.changed
    better = sum(1 for c in changed if c["b"] == c["true"])
    worse = sum(1 for c in changed if c["a"] == c["true"])
    lines.append("")
    lines.append(f"labels change on {len(changed)} article(s): B right where A was wrong on {better}, "
                 f"A right where B is wrong on {worse}"
                 + (f"; the first {changes_shown} shown (--format json lists all)"
                    if changes_shown is not None and len(changed) > changes_shown else ""))
    for c in changed[: changes_shown if changes_shown is not None else len(changed)]:
        lines.append(f"  {c['id']}  {c['title']}")
        lines.append(f"      true: {', '.join(c['true']) or '-'}   A: {', '.join(c['a']) or '-'}   "
                     f"B: {', '.join(c['b']) or '-'}")
    return "\n".join(lines)


def _delta(a: float, b: float) -> float:
    return round(a - b, 3) + 0.0  # + 0.0: never print -0.000


def plot_report(report, path) -> None:
    """Save a PNG: the label × label confusions (with missed and spurious), and each label's
    precision and recall.

    Counts are coloured by their share of the row, so the darkest cell of a row is where that
    label's articles went; true negatives, which would dwarf everything, are left out.
    """
    from ..errors import UsageError

    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import numpy as np
    except ImportError:
        raise UsageError("--plot needs matplotlib: pip install 'zhnews[plot]'") from None
    _use_cjk_font(plt)
    names = {**report.names, "(none)": "(spurious)"}
    rows, cols, matrix = report.confusions()
    counts = np.array(matrix, dtype=float)
    share = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    show = lambda l: names.get(l, l)  # noqa: E731
    side = max(5.0, 1.1 * len(cols) + 2.5)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(side + 4.5, max(4.0, 0.7 * len(rows) + 2)),
                                   gridspec_kw={"width_ratios": [side, 4]})
    im = ax1.imshow(share, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax1.set_xticks(range(len(cols)), [show(c) for c in cols], rotation=30, ha="right")
    ax1.set_yticks(range(len(rows)), [show(r) for r in rows])
    for i in range(len(rows)):
        for j in range(len(cols)):
            if counts[i, j]:
                ax1.text(j, i, int(counts[i, j]), ha="center", va="center",
                         color="white" if share[i, j] > 0.55 else "black", fontsize=10)
    ax1.set_xlabel("predicted")
    ax1.set_ylabel("true")
    ax1.set_title("where each label's articles went")
    fig.colorbar(im, ax=ax1, shrink=0.8, label="share of the row")
    labels = [s.label for s in report.labels]
    y = np.arange(len(labels))
    ax2.barh(y - 0.2, [s.precision for s in report.labels], height=0.4, label="precision", color="#2b6cb0")
    ax2.barh(y + 0.2, [s.recall for s in report.labels], height=0.4, label="recall", color="#c05621")
    ax2.set_yticks(y, [show(l) for l in labels])
    ax2.invert_yaxis()
    ax2.set_xlim(0, 1)
    ax2.legend(loc="lower right", fontsize=8)
    ax2.set_title("precision and recall")
    fig.tight_layout()
    fig.savefig(str(path), format="png", dpi=100)
    plt.close(fig)


def _use_cjk_font(plt) -> None:
    # Display names are often Chinese; without a CJK font they would print as empty boxes.
    from matplotlib import font_manager

    wanted = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Micro Hei",
              "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei", "PingFang SC")
    have = {f.name for f in font_manager.fontManager.ttflist}
    found = [name for name in wanted if name in have]
    if found:
        plt.rcParams["font.sans-serif"] = found + list(plt.rcParams["font.sans-serif"])
        plt.rcParams["axes.unicode_minus"] = False

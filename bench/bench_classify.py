"""Benchmark: zhnews's theme estimator against fastText and scikit-learn, same data, same run.

Retrains every tool on the train split of a public single-label data set
(default ../shared/data/thucnews_titles, the THUCNews 10-class headline split;
also sogouc_subset, full articles) and scores it on the test split. zhnews runs in
multiclass mode (argmax of its per-label scores). Reports accuracy, macro-F1,
training time and prediction throughput (raw text in, label out, single
process), and prints a Markdown table.

Peers (install with `pip install -e '.[bench]'`; a missing peer is reported and skipped):

* fastText (`fasttext-wheel`), on jieba-segmented words with word bigrams;
  prediction goes through `predict(list)`, which works with numpy 2;
* scikit-learn, character 1-3-grams, TF-IDF, LinearSVC, all defaults: no
  segmenter, and the strongest plain baseline on headlines (the one to beat);
* scikit-learn: jieba words + word bigrams, TF-IDF, LinearSVC (the classic
  Chinese baseline), run with its own global jieba.

Run from the repository root:

    python bench/bench_classify.py                       # thucnews_titles, full 180k train
    python bench/bench_classify.py --data sogouc_subset
    python bench/bench_classify.py --folds 5             # every split pooled, 5-fold CV (~15 minutes)
    python bench/bench_classify.py --train-limit 20000   # quicker
    python bench/bench_classify.py --only zhnews --eval dev --zhnews '{"features": {"min_df": 1}}'   # a variant
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "data"


def read_split(name: str, split: str, limit: int | None = None) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    with open(SHARED / name / f"{split}.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            texts.append(row["text"])
            labels.append(row["label"])
            if limit and len(texts) >= limit:
                break
    return texts, labels


def macro_f1(true: list[str], pred: list[str]) -> float:
    labels = sorted(set(true))
    f1s = []
    for l in labels:
        tp = sum(1 for t, p in zip(true, pred) if t == l and p == l)
        fp = sum(1 for t, p in zip(true, pred) if t != l and p == l)
        fn = sum(1 for t, p in zip(true, pred) if t == l and p != l)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return sum(f1s) / len(f1s)


def mcnemar_p(truth: list[str], a: list[str], b: list[str]) -> tuple[int, int, float]:
    """Exact McNemar test of two classifiers on the same items.

    Returns (only a right, only b right, two-sided p): is the accuracy gap
    bigger than chance on this test set?
    """
    from math import comb

    only_a = sum(1 for t, x, y in zip(truth, a, b) if x == t and y != t)
    only_b = sum(1 for t, x, y in zip(truth, a, b) if y == t and x != t)
    n, k = only_a + only_b, min(only_a, only_b)
    p = min(1.0, 2 * sum(comb(n, i) for i in range(k + 1)) / 2**n) if n else 1.0
    return only_a, only_b, p


# `--zhnews JSON`: ThemeClassifier parameters for a variant, "features" a dict of FeatureParams.
ZHNEWS_PARAMS: dict = {}


def zhnews_model():
    from zhnews.models.classify import ThemeClassifier
    from zhnews.models.features import FeatureParams

    params = dict(ZHNEWS_PARAMS)
    features = {k: tuple(v) if isinstance(v, list) else v for k, v in params.pop("features", {}).items()}
    return ThemeClassifier(cv=0, features=FeatureParams(**features), **params)


def run_zhnews(train_x, train_y, test_x):
    model = zhnews_model()
    t0 = time.perf_counter()
    model.fit(train_x, [[y] for y in train_y])
    train_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = model.predict_multiclass(test_x)
    return pred, train_s, time.perf_counter() - t0


def sklearn_pipeline():
    """The scikit-learn peer: TF-IDF over jieba words and word bigrams, LinearSVC (unfitted)."""
    import jieba
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    jieba.setLogLevel(60)
    jieba.initialize()
    return make_pipeline(
        TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None, lowercase=False, ngram_range=(1, 2),
                        min_df=2, sublinear_tf=True),
        LinearSVC(C=1.0, random_state=0),
    )


def char_pipeline():
    """The strongest plain peer on headlines: TF-IDF over character 1-3-grams, LinearSVC (unfitted).

    No segmenter at all, every default of scikit-learn otherwise: the baseline zhnews must at
    least equal (issue 19).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    return make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3)), LinearSVC(random_state=0))


def run_char(train_x, train_y, test_x):
    return _run_pipeline(char_pipeline(), train_x, train_y, test_x)


def run_sklearn(train_x, train_y, test_x):
    return _run_pipeline(sklearn_pipeline(), train_x, train_y, test_x)


def _run_pipeline(pipe, train_x, train_y, test_x):
    t0 = time.perf_counter()
    pipe.fit(train_x, train_y)
    train_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = list(pipe.predict(test_x))
    return pred, train_s, time.perf_counter() - t0


def run_fasttext(train_x, train_y, test_x):
    import fasttext
    import jieba

    jieba.initialize()

    def seg(text: str) -> str:
        return " ".join(w for w in jieba.lcut(" ".join(text.split())) if w.strip())

    t0 = time.perf_counter()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        for x, y in zip(train_x, train_y):
            fh.write(f"__label__{y} {seg(x)}\n")
        name = fh.name
    try:
        model = fasttext.train_supervised(
            input=name, epoch=10, lr=0.5, wordNgrams=2, dim=100, minCount=1, loss="softmax",
            thread=max(1, os.cpu_count() or 1), seed=0, verbose=0,
        )
    finally:
        os.unlink(name)
    train_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    labels, _ = model.predict([seg(x) for x in test_x], k=1)
    pred = [ls[0].replace("__label__", "", 1) for ls in labels]
    return pred, train_s, time.perf_counter() - t0


PEERS = {"zhnews": run_zhnews, "char 1-3 TF-IDF+LinearSVC": run_char, "fastText": run_fasttext,
         "scikit-learn TF-IDF+LinearSVC": run_sklearn}


def cross_validate(args) -> None:
    """Every tool on the same K stratified folds of all the data set's rows.

    One 10,000-row test split has a standard error of about 0.26 accuracy
    points; K folds over every row score each tool on all of them.
    """
    import statistics

    from sklearn.model_selection import StratifiedKFold

    xs, ys = [], []
    for split in ("train", "dev", "test"):
        if (SHARED / args.data / f"{split}.jsonl").is_file():
            x, y = read_split(args.data, split)
            xs += x
            ys += y
    from zhnews.text.segment import get_tokenizer

    get_tokenizer().words("预热")
    folds = list(StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=0).split(xs, ys))
    names = [n for n in PEERS if not args.only or n in args.only]
    truth: list[str] = []
    preds: dict[str, list[str]] = {n: [] for n in names}
    stats: dict[str, list[tuple[float, float, float]]] = {n: [] for n in names}
    for k, (train, test) in enumerate(folds, start=1):
        train_x, train_y = [xs[i] for i in train], [ys[i] for i in train]
        test_x, test_y = [xs[i] for i in test], [ys[i] for i in test]
        truth += test_y
        for name in names:
            pred, train_s, pred_s = PEERS[name](train_x, train_y, test_x)
            acc = sum(1 for t, p in zip(test_y, pred) if t == p) / len(test_y)
            preds[name] += pred
            stats[name].append((acc, train_s, len(test_x) / pred_s))
            print(f"fold {k}/{len(folds)} {name}: accuracy {acc:.4f}", file=sys.stderr)
    print(f"\n{args.data}: {len(xs)} rows (every split pooled), {args.folds} stratified folds (seed 0)\n")
    print("| tool | accuracy (mean ± sd of folds) | macro-F1 (pooled) | training (s, mean) | prediction (texts/s, mean) |")
    print("|---|---|---|---|---|")
    for name in names:
        accs = [a for a, _, _ in stats[name]]
        print(f"| {name} | {statistics.mean(accs):.4f} ± {statistics.stdev(accs) if len(accs) > 1 else 0:.4f} | "
              f"{macro_f1(truth, preds[name]):.4f} | {statistics.mean(t for _, t, _ in stats[name]):.1f} | "
              f"{statistics.mean(r for _, _, r in stats[name]):,.0f} |")
    if "zhnews" in preds:
        print("\nPaired comparison with zhnews over every row (exact McNemar test):\n")
        for name in names:
            if name != "zhnews":
                only_z, only_p, p = mcnemar_p(truth, preds["zhnews"], preds[name])
                print(f"- {name}: only zhnews right {only_z}, only {name} right {only_p}, p = {p:.3g}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="thucnews_titles", help="folder under ../shared/data (thucnews_titles, sogouc_subset)")
    ap.add_argument("--train-limit", type=int, default=None, help="use only the first N training rows")
    ap.add_argument("--only", action="append", help="run only these tools (repeatable)")
    ap.add_argument("--eval", default="test", choices=["test", "dev"],
                    help="split to score on: tune on dev, report test once")
    ap.add_argument("--folds", type=int, default=0,
                    help="instead of one split: pool every split and cross-validate in K stratified folds")
    ap.add_argument("--zhnews", default="{}", metavar="JSON",
                    help='a zhnews variant: ThemeClassifier parameters, e.g. \'{"C": 1, "features": {"min_df": 1}}\'')
    args = ap.parse_args()
    ZHNEWS_PARAMS.update(json.loads(args.zhnews))
    if args.folds:
        return cross_validate(args)
    if not (SHARED / args.data / "train.jsonl").is_file():
        sys.exit(f"{SHARED / args.data}: data set not found")
    train_x, train_y = read_split(args.data, "train", args.train_limit)
    test_x, test_y = read_split(args.data, args.eval)
    print(f"{args.data}: train {len(train_x)}, test {len(test_x)}, {len(set(train_y))} classes; "
          f"{platform.python_version()} on {os.cpu_count()} CPUs", file=sys.stderr)
    # Warm the segmenters so that no tool pays jieba's dictionary load in its timings.
    from zhnews.text.segment import get_tokenizer

    get_tokenizer().words("预热")
    rows = []
    preds: dict[str, list[str]] = {}
    for name, fn in PEERS.items():
        if args.only and name not in args.only:
            continue
        try:
            pred, train_s, pred_s = fn(train_x, train_y, test_x)
        except ImportError as exc:
            print(f"{name}: skipped ({exc}); pip install -e '.[bench]'", file=sys.stderr)
            continue
        acc = sum(1 for t, p in zip(test_y, pred) if t == p) / len(test_y)
        rows.append((name, acc, macro_f1(test_y, pred), train_s, len(test_x) / pred_s))
        preds[name] = pred
        print(f"{name}: done", file=sys.stderr)
    best_acc = max(r[1] for r in rows)
    ref = next((r for r in rows if r[0] == "zhnews"), None)
    print(f"\n{args.data} (train {len(train_x)}, {args.eval} {len(test_x)})\n")
    print("| tool | accuracy | macro-F1 | training (s) | prediction (texts/s) | throughput vs zhnews |")
    print("|---|---|---|---|---|---|")
    for name, acc, f1, train_s, tput in rows:
        ratio = f"{tput / ref[4]:.2f}×" if ref else "-"
        mark = " (best)" if acc == best_acc else ""
        print(f"| {name} | {acc:.4f}{mark} | {f1:.4f} | {train_s:.1f} | {tput:,.0f} | {ratio} |")
    if "zhnews" in preds:
        print("\nPaired comparison with zhnews (exact McNemar test on the same texts):\n")
        for name, pred in preds.items():
            if name == "zhnews":
                continue
            only_z, only_p, p = mcnemar_p(test_y, preds["zhnews"], pred)
            print(f"- {name}: only zhnews right {only_z}, only {name} right {only_p}, p = {p:.3f}")


if __name__ == "__main__":
    main()

"""Themes on real regional and industry news: ../shared/data/themes_dev, beside cross-validation.

    python bench/bench_themes.py                      # the shipped model on themes_dev
    python bench/bench_themes.py --variants           # train each variant on training/ and score it
    python bench/bench_themes.py --model DIR          # another model folder

themes_dev is scored the way `zhnews classify` reads it (JSONL rows, cleaned,
title + body), per theme precision / recall / F1, macro-F1, and the share of
its no-theme articles that get no theme. Variants are trained on training/
only (never on themes_dev); their cross-validated macro-F1 is the 5-fold
out-of-fold score that `zhnews train` prints.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEV = REPO.parent / "shared" / "data" / "themes_dev" / "dev.jsonl"
THEMES = ("rail_transit", "finance", "parks", "digitization")


def dev_articles():
    from zhnews.errors import ErrorLog
    from zhnews.io.rows import row_record
    from zhnews.run.articles import record_articles

    gold, articles, skipped = [], [], []
    for lineno, line in enumerate(DEV.read_text(encoding="utf-8").splitlines(), start=1):
        row = json.loads(line)
        errors = ErrorLog()
        record = row_record({k: row[k] for k in ("id", "title", "text") if k in row}, "dev", lineno, errors)
        found = record_articles(record, errors) if record is not None else []
        if not found:
            skipped.append(row["id"])
            continue
        articles.append(found[0])
        gold.append(set(row["labels"]))
    return articles, gold, skipped


def score(model, articles, gold) -> dict:
    from zhnews.models.classify import classify_articles

    pred = [set(c.themes) for c in classify_articles(articles, model, why_terms=0)]
    out = {}
    for theme in THEMES:
        tp = sum(theme in p and theme in g for p, g in zip(pred, gold))
        fp = sum(theme in p and theme not in g for p, g in zip(pred, gold))
        fn = sum(theme not in p and theme in g for p, g in zip(pred, gold))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[theme] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    none = [p for p, g in zip(pred, gold) if not g]
    out["macro"] = sum(out[t][2] for t in THEMES) / len(THEMES)
    out["none_ok"] = sum(not p for p in none) / max(1, len(none))
    out["n_none"] = len(none)
    return out


def row(name: str, result: dict, cv: float | None, seconds: float | None) -> str:
    cells = " | ".join(f"{result[t][0]:.2f}/{result[t][1]:.2f}/{result[t][2]:.2f}" for t in THEMES)
    extra = f"{cv:.3f}" if cv is not None else "-"
    return (f"| {name} | {cells} | **{result['macro']:.3f}** | {result['none_ok']:.0%} | {extra} |"
            + (f" {seconds:.0f} |" if seconds is not None else " - |"))


VARIANTS = {
    # name: (ThemeClassifier keyword arguments, FeatureParams keyword arguments, fit by file groups)
    "shipped settings (C 0.5, nb 1, chars 1-3, 3000 chars)": ({}, {}, False),
    "thresholds from CV grouped by file": ({}, {}, True),
    "C 0.25": ({"C": 0.25}, {}, False),
    "C 1": ({"C": 1.0}, {}, False),
    "no NB scaling": ({"nb_alpha": 0.0}, {}, False),
    "whole article (max_chars 0)": ({}, {"max_chars": 0}, False),
    "first 1500 chars": ({}, {"max_chars": 1500}, False),
    "word bigrams": ({}, {"word_ngrams": (1, 2)}, False),
    "chars 2-4": ({}, {"char_ngrams": (2, 4)}, False),
    "words only": ({}, {"char_weight": 0.0}, False),
    "thresholds at most 0.4": ({"max_threshold": 0.4}, {}, False),
    "thresholds at most 0.3": ({"max_threshold": 0.3}, {}, False),
    "thresholds at most 0.35": ({"max_threshold": 0.35}, {}, False),
    "grouped CV, thresholds at most 0.35": ({"max_threshold": 0.35}, {}, True),
    "grouped CV, C 0.25": ({"C": 0.25}, {}, True),
    "threshold slack 0.01": ({"threshold_slack": 0.01}, {}, False),
    "threshold slack 0.02": ({"threshold_slack": 0.02}, {}, False),
    "grouped CV, threshold slack 0.01": ({"threshold_slack": 0.01}, {}, True),
    "grouped CV, threshold slack 0.02": ({"threshold_slack": 0.02}, {}, True),
    "grouped CV, min_df 1": ({}, {"min_df": 1}, True),
    "grouped CV, words weigh 1.5": ({}, {"word_weight": 1.5}, True),
    "grouped CV, chars weigh 0.5": ({}, {"char_weight": 0.5}, True),
    "grouped CV, C 1, slack 0.005": ({"C": 1.0, "threshold_slack": 0.005}, {}, True),
    "grouped CV, F1.25 thresholds": ({"threshold_beta": 1.25}, {}, True),
    "grouped CV, F1.5 thresholds": ({"threshold_beta": 1.5}, {}, True),
    "grouped CV, F2 thresholds": ({"threshold_beta": 2.0}, {}, True),
    "grouped CV, F1.75 thresholds": ({"threshold_beta": 1.75}, {}, True),
    "grouped CV, F1.5, parks F2 (the shipped settings)": ({"threshold_beta": 1.5, "label_betas": {"parks": 2.0}}, {}, True),
    "grouped CV, F1.75, C 0.75": ({"threshold_beta": 1.75, "C": 0.75}, {}, True),
    "grouped CV, C 1, F1.5 thresholds": ({"C": 1.0, "threshold_beta": 1.5}, {}, True),
    "shipped, symbols in character n-grams": ({"threshold_beta": 1.5, "label_betas": {"parks": 2.0}},
                                              {"char_span": "spaces"}, True),
    "shipped, symbols, no class weights": ({"threshold_beta": 1.5, "label_betas": {"parks": 2.0}, "class_weight": None},
                                           {"char_span": "spaces"}, True),
    "shipped, no class weights": ({"threshold_beta": 1.5, "label_betas": {"parks": 2.0}, "class_weight": None},
                                  {}, True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model folder (default: the shipped model)")
    parser.add_argument("--variants", action="store_true", help="train and score each variant")
    parser.add_argument("--only", help="comma-separated variant names (substrings)")
    args = parser.parse_args()
    if not DEV.is_file():
        print("bench_themes: ../shared/data/themes_dev is absent; nothing to measure")
        return
    from zhnews.models.store import load_model

    articles, gold, skipped = dev_articles()
    print(f"themes_dev: {len(articles)} articles scored, {len(skipped)} skipped in cleaning {skipped}")
    print("| model | rail P/R/F1 | finance P/R/F1 | parks P/R/F1 | digitization P/R/F1 | macro-F1 | no theme kept | CV macro-F1 | train s |")
    print("|---|---|---|---|---|---|---|---|---|")
    model = load_model(args.model)
    cv = model.meta_.get("cv_metrics") or {}
    cv_macro = sum(m["f1"] for m in cv.values()) / len(cv) if cv else None
    print(row(args.model or "shipped model", score(model, articles, gold), cv_macro, None), flush=True)
    if not args.variants:
        return
    from zhnews.models.classify import ThemeClassifier
    from zhnews.models.features import FeatureParams
    from zhnews.run.train import load_training_data

    data = load_training_data([str(REPO / "training")])
    for name, (params, features, grouped) in VARIANTS.items():
        if args.only and not any(part in name for part in args.only.split(",")):
            continue
        t0 = time.perf_counter()
        clf = ThemeClassifier(**params, features=FeatureParams(**features))
        clf.fit(data.texts(), data.label_lists(), label_set=data.labels(), groups=data.groups() if grouped else None)
        seconds = time.perf_counter() - t0
        cv_macro = sum(m.f1 for m in clf.cv_metrics_.values()) / len(clf.cv_metrics_)
        print(row(name, score(clf, articles, gold), cv_macro, seconds), flush=True)
        print("    thresholds: " + ", ".join(f"{l} {t:.2f}" for l, t in zip(clf.labels_, clf.thresholds_)), flush=True)


if __name__ == "__main__":
    main()

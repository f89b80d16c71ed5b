"""Benchmark: a digest of 1,000 articles, time per stage and peak memory.

The articles are made from the project's own text: the five seed pages
(cleaned and split) and the labelled training corpus, cycled with a
numbered sentence added so that only true copies merge as reprints; every
20th article is a deliberate reprint of an earlier one under another source,
so the dedupe stage has real work.

    python bench/bench_digest.py              # 1,000 articles, 3 runs, medians
    python bench/bench_digest.py --n 5000 --repeat 1

Stages: read+clean (JSONL in a temporary file through `load_articles`),
dedupe, classify, summarize (with keywords), render (HTML, Markdown, JSON).
Peak memory: tracemalloc's peak of Python allocations during one whole run,
and the process's maximum resident set size at the end (includes the
interpreter, numpy and the jieba dictionary).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

STAGES = ["read+clean", "dedupe", "classify", "summarize", "render"]


def make_corpus(n: int, path: Path) -> int:
    """Write `n` JSONL articles to `path`; returns the number of characters."""
    from zhnews.run.articles import load_articles

    base = [(a.title, a.text) for a in load_articles([str(REPO / "seeds")])]
    for part in sorted((REPO / "training").rglob("*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            base.append((row.get("title", ""), row["text"]))
    rng = random.Random(20261201)
    rows, chars = [], 0
    for k in range(n):
        if k % 20 == 19 and rows:
            row = dict(rng.choice(rows), id=f"r{k}", source="转载网")
        else:
            title, text = base[k % len(base)]
            text = f"{text}\n本文为第{k}篇。"
            row = {"id": f"a{k}", "title": title, "text": text, "source": f"来源{k % 37}", "date": "2026-11-30"}
        rows.append(row)
        chars += len(row["text"])
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return chars


def one_run(corpus: Path) -> tuple[dict[str, float], int]:
    from zhnews.run.digest import build_digest
    from zhnews.models.keywords import KeywordExtractor
    from zhnews.models.store import load_model
    from zhnews.run.articles import load_articles
    from zhnews.render import renderer
    from zhnews.models.summarize import get_summarizer

    model, summarizer, keywords = load_model(), get_summarizer(), KeywordExtractor()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    articles = list(load_articles([str(corpus)]))
    timings["read+clean"] = time.perf_counter() - start
    digest = build_digest(articles, model, summarizer.summarize, keywords.extract, timings=timings)
    start = time.perf_counter()
    for fmt in ("html", "md", "json"):
        renderer(fmt)(digest)
    timings["render"] = time.perf_counter() - start
    return timings, digest.n_duplicates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the digest")
    parser.add_argument("--repeat", type=int, default=3, help="runs; medians are reported")
    args = parser.parse_args()

    from zhnews.models.store import load_model
    from zhnews.text.segment import get_tokenizer

    get_tokenizer(), load_model()  # one-time loading is not part of a stage
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        chars = make_corpus(args.n, corpus)
        runs = []
        for _ in range(args.repeat):
            timings, merged = one_run(corpus)
            runs.append(timings)
        tracemalloc.start()
        one_run(corpus)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    medians = {s: statistics.median(r[s] for r in runs) for s in STAGES}
    total = sum(medians.values())
    print(f"zhnews digest of {args.n} articles ({chars:,} characters, {merged} reprints merged); "
          f"{platform.python_version()}, {platform.machine()}, {date.today()}; median of {args.repeat} runs.\n")
    print("| stage | seconds | share | articles/s |")
    print("|---|---|---|---|")
    for stage in STAGES:
        print(f"| {stage} | {medians[stage]:.2f} | {100 * medians[stage] / total:.0f}% | {args.n / medians[stage]:,.0f} |")
    print(f"| **total** | **{total:.2f}** | 100% | **{args.n / total:,.0f}** |")
    print(f"\npeak memory: {peak / 2**20:.1f} MiB of Python allocations (tracemalloc, one run); "
          f"{rss_mib:.0f} MiB maximum resident set of the whole process.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: cold start, throughput and memory of zhnews on this machine, with its peers.

Measures, in one run:

* cold start: the whole process (`python -m zhnews clean|classify|summarize
  FILE` on one short article), wall time, median of `--cold-runs` runs, and the
  child's peak resident memory (`ru_maxrss` from `os.wait4`, per child, taken
  by a small launcher process); with
  the interpreter (`python -c pass`) and `import zhnews.cli` as floors, and one
  `classify` run with an empty cache folder (a user's very first run);
* throughput in articles/s and characters/s of clean, classify, summarize and
  digest on a corpus of `--n` articles (default 10,000) made from the seeds and
  the training data, in-process through the library calls the CLI makes, with
  jieba's own segmentation speed over the same texts as the practical ceiling,
  and the tracemalloc peak of one extra (untimed) pass per stage over the
  subsample below (tracemalloc slows Python code about 4×);
* the peers doing the same job on an evenly spaced subsample (`--peer-n`,
  default 300; they are slow): summarize against textrank4zh, SnowNLP and sumy
  TextRank/LexRank (the wrappers of bench_summarize.py), classify against
  fastText and scikit-learn TF-IDF(jieba)+LinearSVC (built as in
  bench_classify.py, trained on the training data, prediction timed), with
  zhnews timed on the same subsample for the ratio;
* the CLI end to end on the whole corpus: `zhnews clean|classify|summarize
  corpus.jsonl --format jsonl` and `zhnews digest corpus.jsonl -o out.html`
  once each, beside a process that only runs `jieba.lcut` on the same titles
  and texts (the issue's ratio, whole process against whole process), and
  `classify`/`summarize`/`digest` with `--jobs 2` when the CLI has that option.

Timings are medians of `--repeat` runs. Prints Markdown tables.

    python bench/bench_speed.py                   # 10,000 articles, peers on 300 (~15 minutes on 2 busy CPUs)
    python bench/bench_speed.py --n 2000 --repeat 1 --skip-peers   # quick look

Peers need `pip install -e '.[bench]'`; one that is not installed is skipped with a note.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

SEEDS = REPO / "seeds"
TRAINING = [*sorted((REPO / "training" / "authored").glob("*.jsonl")), REPO / "training" / "seeds.jsonl"]
BUDGET = 120  # characters: zhnews's default summary length (a digest line), the peers get the same


_T0 = time.perf_counter()


def log(message: str) -> None:
    print(f"bench_speed [{time.perf_counter() - _T0:5.0f} s]: {message}", file=sys.stderr, flush=True)


# --- corpus ----------------------------------------------------------------------


def base_articles() -> list[dict]:
    """The seeds (cleaned pages, split into articles) and the labelled training rows."""
    from zhnews.run.articles import load_articles

    rows = [{"title": a.title, "text": a.text, "labels": []} for a in load_articles(sorted(map(str, SEEDS.glob("*.txt"))))]
    for path in TRAINING:
        if not path.is_file():
            continue
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    rows.append({"title": row.get("title", ""), "text": row["text"], "labels": row.get("labels", [])})
    return rows


def make_corpus(base: list[dict], n: int, path: Path) -> None:
    """Cycle through `base`; every copy after the first is varied deterministically.

    Shuffling and a suffix alone keep most character 5-grams, so digest's
    MinHash merging would fold every copy back into its original. A copy
    therefore keeps a random ~60 % of its sentences, takes ~50 % of another
    article's, shuffles them (fixed seed per index) and ends with an index
    sentence: at 10,000 articles about a fifth still merge, like reprints on a busy day.
    """
    from zhnews.text.split import split_sentences

    split = [split_sentences(row["text"]) for row in base]
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            k = i % len(base)
            row = base[k]
            if i < len(base):
                text = row["text"]
            else:
                rng = random.Random(i)
                own = [s for s in split[k] if rng.random() < 0.6] or split[k][:1]
                donor = split[rng.randrange(len(base))]
                mixed = own + ([s for s in donor if rng.random() < 0.5] or donor[:1])
                rng.shuffle(mixed)
                mixed.append(f"本文为测试语料第{i}篇。")
                text = "\n".join("".join(mixed[j : j + 3]) for j in range(0, len(mixed), 3))
            out.write(json.dumps({"id": f"a{i:05d}", "title": row["title"], "text": text}, ensure_ascii=False) + "\n")


# --- measuring ------------------------------------------------------------------


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall seconds of `repeat` calls, and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def traced_peak(fn: Callable[[], object]) -> float:
    """tracemalloc peak of one call, MiB (Python and numpy allocations, not the interpreter)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


# Runs one command and reports its wall time and peak RSS. A small launcher
# forks it, not this process: Linux counts a forked child's pages before exec
# in its ru_maxrss, so a child of a big benchmark process would inherit its size.
LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
proc.returncode = code = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as fh:
    json.dump({"wall": wall, "code": code, "maxrss": usage.ru_maxrss}, fh)
"""


def run_child(argv: list[str], env: dict | None = None) -> tuple[float, int, float]:
    """(wall seconds, exit code, peak RSS MiB) of one child process (`ru_maxrss` from `os.wait4`)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        report = fh.name
    try:
        done = subprocess.run([sys.executable, "-c", LAUNCHER, report, *argv], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, env=env, cwd=REPO)
        result = json.loads(Path(report).read_text())
    finally:
        os.unlink(report)
    if result["code"] != 0 or done.returncode != 0:
        log(f"{' '.join(argv[1:])} exited {result['code']}: {done.stderr.decode('utf-8', 'replace')[-300:]}")
    rss = result["maxrss"] / (2**20 if sys.platform == "darwin" else 2**10)
    return result["wall"], result["code"], rss


def cli_has_jobs(command: str) -> bool:
    """Whether `zhnews COMMAND` takes --jobs (a process pool) in this checkout."""
    out = subprocess.run([sys.executable, "-m", "zhnews", command, "--help"], capture_output=True, text=True, cwd=REPO)
    return "--jobs" in out.stdout


# --- sections -------------------------------------------------------------------


def cold_start(short_file: Path, runs: int, tmp: Path) -> list[tuple[str, list[float], float, int]]:
    py = sys.executable
    commands = {
        "python -c pass (interpreter)": [py, "-c", "pass"],
        "python -c 'import zhnews.cli' (imports)": [py, "-c", "import zhnews.cli"],
        "zhnews clean FILE": [py, "-m", "zhnews", "clean", str(short_file)],
        "zhnews classify FILE": [py, "-m", "zhnews", "classify", str(short_file)],
        "zhnews summarize FILE": [py, "-m", "zhnews", "summarize", str(short_file)],
    }
    # One unmeasured run fills jieba's dictionary cache, as any earlier use would have.
    run_child(commands["zhnews classify FILE"])
    walls: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, float] = {name: 0.0 for name in commands}
    codes: dict[str, int] = {name: 0 for name in commands}
    for _ in range(runs):  # round robin, so a burst of load elsewhere hits every command alike
        for name, argv in commands.items():
            wall, code, peak = run_child(argv)
            walls[name].append(wall)
            rss[name] = max(rss[name], peak)
            codes[name] = codes[name] or code
    rows = [(name, walls[name], rss[name], codes[name]) for name in commands]
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp / "empty_cache"))
    wall, code, peak = run_child(commands["zhnews classify FILE"], env=env)
    rows.append(("zhnews classify FILE, empty cache folder (first run ever)", [wall], peak, code))
    return rows


class Zhnews:
    """zhnews wired as the CLI wires it, loaded once (loading is cold start, not throughput)."""

    def __init__(self, warm_file: Path):
        from zhnews.models.classify import classify_articles
        from zhnews.run.digest import build_digest
        from zhnews.models.keywords import KeywordExtractor
        from zhnews.models.store import load_model
        from zhnews.run.articles import load_articles
        from zhnews.render import renderer
        from zhnews.models.summarize import Length, get_summarizer

        self._load, self._classify, self._build = load_articles, classify_articles, build_digest
        self.clf = load_model()
        self.summarizer = get_summarizer("textrank", Length.from_options())
        self.extractor = KeywordExtractor(top_k=5)
        self.render = renderer("html")
        self.merged: list[int] = []
        for article in self.clean(warm_file):  # OpenCC, jieba dictionary, IDF table
            self.summarize([article])
            self.classify([article])

    def clean(self, path: Path) -> list:
        return list(self._load([str(path)]))

    def classify(self, articles: list) -> list:
        return list(self._classify(articles, self.clf))

    def summarize(self, articles: list) -> list:
        return [(self.summarizer.summarize(a), self.extractor.extract(a)) for a in articles]

    def digest(self, articles: list) -> str:
        result = self._build(articles, self.clf, self.summarizer.summarize, self.extractor.extract)
        self.merged.append(result.n_duplicates)
        return self.render(result)


def jieba_ceiling():
    """A plain jieba.Tokenizer (default dictionary), initialised: `lcut` over texts."""
    import logging

    import jieba

    from zhnews.text.tablecache import cache_dir

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache_dir())  # a cached prefix dictionary, so initialize() is quick
    tok.initialize()
    return lambda texts: [tok.lcut(t) for t in texts]


def rjieba_segmenter():
    """A plain rjieba.Jieba (jieba-rs, default dictionary): zhnews's own segmenter, without its user words."""
    try:
        import rjieba
    except ImportError:
        return None
    seg = rjieba.Jieba()
    return lambda texts: [seg.cut(t) for t in texts]


def zhnews_stages(z: Zhnews, corpus: Path, sample_file: Path, sample: list, repeat: int) -> tuple[list, dict, list]:
    """Throughput of each stage on the whole corpus; tracemalloc peak on the sample."""
    log("clean ...")
    clean_s, articles = timed(lambda: z.clean(corpus), repeat)
    texts = [a.full_text for a in articles]
    chars = sum(map(len, texts))
    lcut = jieba_ceiling()
    stages = [
        ("clean (read JSONL, normalise, clean, split)", lambda: z.clean(corpus), lambda: z.clean(sample_file)),
        ("classify (scores, themes, why-terms)", lambda: z.classify(articles), lambda: z.classify(sample)),
        ("summarize (TextRank + 5 keywords)", lambda: z.summarize(articles), lambda: z.summarize(sample)),
        ("digest (dedupe, classify, summarize, keywords, HTML)", lambda: z.digest(articles), lambda: z.digest(sample)),
        ("jieba lcut, default dictionary (the ceiling)", lambda: lcut(texts), lambda: lcut([a.full_text for a in sample])),
    ]
    rcut = rjieba_segmenter()
    if rcut is not None:
        stages.append(("rjieba cut, default dictionary (zhnews's segmenter)", lambda: rcut(texts),
                       lambda: rcut([a.full_text for a in sample])))
    rows = []
    for i, (name, full, _) in enumerate(stages):
        if i == 0:
            seconds = clean_s  # timed above, as it makes the articles
        else:
            log(f"{name} ...")
            seconds, _ = timed(full, repeat)
        rows.append([name, seconds, len(articles) / seconds, chars / seconds])
    merged = z.merged[-1]
    log("memory (tracemalloc) on the sample ...")
    for row, (_, _, small) in zip(rows, stages):
        row.append(traced_peak(small))
    info = {"chars/s": rows[4][3], "chars": chars, "articles": len(articles), "merged": merged}
    return rows, info, articles


def summarize_peers(z: Zhnews, sample: list, repeat: int, skip: bool, notes: list[str]) -> list:
    from zhnews.models.summarize import Length

    length = Length(chars=BUDGET)
    # Like for like: the peers take the body text and give sentences; so does this row (no keywords).
    methods = {"zhnews TextRank, summary only": lambda text, title: z.summarizer.summarize(text, title=title, length=length),
               "zhnews summarize (+ 5 keywords, as the CLI)": None}
    if not skip:
        from bench_summarize import peer_methods

        for name, method in peer_methods(notes).items():
            methods[name] = lambda text, title, method=method: method(text, BUDGET)
    chars = sum(len(a.text) for a in sample)
    rows = []
    for name, method in methods.items():
        log(f"summarize: {name} ...")
        if method is None:
            run = lambda: z.summarize(sample)  # noqa: E731
            memory = lambda: z.summarize(sample[:20])  # noqa: E731
        else:
            method(sample[0].text, sample[0].title)  # one-time loading is not throughput
            run = lambda method=method: [method(a.text, a.title) for a in sample]  # noqa: E731
            memory = lambda method=method: [method(a.text, a.title) for a in sample[:20]]  # noqa: E731
        seconds, _ = timed(run, repeat)
        rows.append([name, len(sample) / seconds, chars / seconds, traced_peak(memory)])
    return rows


def classify_peers(z: Zhnews, sample: list, repeat: int, skip: bool, notes: list[str]) -> list:
    texts = [a.full_text for a in sample]
    chars = sum(map(len, texts))
    rows = []

    def add(name: str, run: Callable[[], object]) -> None:
        log(f"classify: {name} ...")
        run()
        seconds, _ = timed(run, repeat)
        rows.append([name, len(texts) / seconds, chars / seconds, traced_peak(run)])

    # Like for like: the peers give one label; this row gives every label's score.
    add("zhnews, scores only (predict_proba)", lambda: z.clf.predict_proba(texts))
    add("zhnews classify (+ themes, why-terms, as the CLI)", lambda: z.classify(sample))
    if skip:
        return rows

    train_x, train_y = [], []
    for path in TRAINING:
        if path.is_file():
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        row = json.loads(line)
                        title = row.get("title", "")
                        train_x.append(f"{title}\n{row['text']}" if title else row["text"])
                        train_y.append((row.get("labels") or ["none"])[0])  # single-label peers: the first theme
    try:
        from bench_classify import sklearn_pipeline

        pipe = sklearn_pipeline()
        pipe.fit(train_x, train_y)
        add("scikit-learn TF-IDF(jieba)+LinearSVC", lambda: pipe.predict(texts))
    except ImportError as exc:
        notes.append(f"scikit-learn peer skipped: {exc}")
    try:
        import fasttext
        import jieba

        jieba.initialize()

        def seg(text: str) -> str:
            return " ".join(w for w in jieba.lcut(" ".join(text.split())) if w.strip())

        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
            for x, y in zip(train_x, train_y):
                fh.write(f"__label__{y} {seg(x)}\n")
            name = fh.name
        try:
            model = fasttext.train_supervised(input=name, epoch=10, lr=0.5, wordNgrams=2, dim=100, minCount=1,
                                              loss="softmax", thread=max(1, os.cpu_count() or 1), seed=0, verbose=0)
        finally:
            os.unlink(name)
        # predict(list): the single-string path fails with numpy 2 (see bench_classify.py).
        add("fastText (jieba words + bigrams)", lambda: model.predict([seg(x) for x in texts], k=1))
    except ImportError as exc:
        notes.append(f"fastText peer skipped: {exc}")
    return rows


# The yardstick for the CLI: a whole process that only reads the JSONL and runs
# `jieba.lcut` on each title and text (jieba's own cached dictionary, no pkg_resources).
LCUT_PROCESS = """
import json, logging, sys
sys.modules["pkg_resources"] = None
import jieba
jieba.setLogLevel(logging.WARNING)
with open(sys.argv[1], encoding="utf-8") as rows:
    for line in rows:
        if line.strip():
            row = json.loads(line)
            jieba.lcut(row.get("title", ""))
            jieba.lcut(row["text"])
"""
LCUT_NAME = "python: jieba.lcut of every title and text (whole process)"


def cli_end_to_end(corpus: Path, n_articles: int, chars: int, tmp: Path, notes: list[str]) -> list:
    py = sys.executable
    runs = [(LCUT_NAME, [py, "-c", LCUT_PROCESS, str(corpus)])]
    for command in ("clean", "classify", "summarize"):
        runs.append((f"zhnews {command} corpus.jsonl --format jsonl",
                     [py, "-m", "zhnews", command, str(corpus), "--format", "jsonl"]))
    runs.append(("zhnews digest corpus.jsonl -o out.html", [py, "-m", "zhnews", "digest", str(corpus), "-o", str(tmp / "out.html")]))
    missing = []
    for command in ("classify", "summarize", "digest"):
        if not cli_has_jobs(command):
            missing.append(command)
            continue
        if command == "digest":  # the plain run above is --jobs 1
            runs.append(("zhnews digest corpus.jsonl -o out.html --jobs 2",
                         [py, "-m", "zhnews", "digest", str(corpus), "-o", str(tmp / "out.html"), "--jobs", "2"]))
            continue
        runs.append((f"zhnews {command} corpus.jsonl --format jsonl --jobs 2",
                     [py, "-m", "zhnews", command, str(corpus), "--format", "jsonl", "--jobs", "2"]))
    if missing:
        notes.append(f"`--jobs` is not an option of `zhnews {'/'.join(missing)}` in this checkout: no --jobs rows for it.")
    if len(missing) < 3:
        notes.append("With --jobs 2 the peak RSS is the largest single process (`ru_maxrss` of the parent and the "
                     "workers it waited for), not their sum.")
    rows = []
    for name, argv in runs:
        log(f"CLI: {name} ...")
        wall, code, rss = run_child(argv)
        rows.append([name + ("" if code == 0 else f" (exit {code})"), wall, n_articles / wall, chars / wall, rss])
    return rows


# --- main -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000, help="corpus size in articles (default 10000)")
    ap.add_argument("--peer-n", type=int, default=300, help="subsample on which the peers are timed (default 300)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per measurement; the median is reported")
    ap.add_argument("--cold-runs", type=int, default=5, help="process starts per cold-start command (default 5)")
    ap.add_argument("--skip-peers", action="store_true", help="zhnews only")
    ap.add_argument("--skip-cli", action="store_true", help="no end-to-end CLI runs on the corpus")
    args = ap.parse_args(argv)
    if min(args.n, args.peer_n, args.repeat, args.cold_runs) < 1:
        ap.error("--n, --peer-n, --repeat and --cold-runs must be at least 1")
    warnings.filterwarnings("ignore")
    started = time.perf_counter()
    notes: list[str] = []
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="bench_speed_") as tmp_name:
        tmp = Path(tmp_name)
        base = base_articles()
        corpus = tmp / "corpus.jsonl"
        make_corpus(base, args.n, corpus)
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        k = min(args.peer_n, args.n)
        picks = [int(i * args.n / k) for i in range(k)]  # evenly spaced over the corpus
        sample_file = tmp / "sample.jsonl"
        sample_file.write_text("".join(lines[i] for i in picks), encoding="utf-8")
        (tmp / "warm.jsonl").write_text("".join(lines[:3]), encoding="utf-8")
        short = min((r for r in base if len(r["text"]) >= 200), key=lambda r: len(r["text"]))
        short_file = tmp / "short.txt"
        short_file.write_text(f"{short['title']}\n{short['text']}\n", encoding="utf-8")
        log(f"corpus: {args.n} articles from {len(base)} originals; cold start on a "
            f"{len(short['text'])}-character article")

        log("cold start ...")
        cold = cold_start(short_file, args.cold_runs, tmp)
        z = Zhnews(tmp / "warm.jsonl")
        sample = z.clean(sample_file)
        stages, info, articles = zhnews_stages(z, corpus, sample_file, sample, args.repeat)
        summ_rows = summarize_peers(z, sample, args.repeat, args.skip_peers, notes)
        class_rows = classify_peers(z, sample, args.repeat, args.skip_peers, notes)
        cli_rows = [] if args.skip_cli else cli_end_to_end(corpus, info["articles"], info["chars"], tmp, notes)
    if args.skip_peers:
        notes.append("peers skipped (--skip-peers).")

    elapsed = time.perf_counter() - started
    command = "python bench/bench_speed.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    print(f"`{command}` on {datetime.date.today().isoformat()}: Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs ({platform.machine()}, {platform.system()})"
          + (f", load average {load[0]:.2f} at start" if load else "") + f"; the run took {elapsed / 60:.1f} minutes.\n")

    print(f"Cold start: one {len(short['text'])}-character article, the whole process, median of {args.cold_runs} runs "
          f"(jieba's dictionary cache warm unless stated). Peak RSS: the child's `ru_maxrss`.\n")
    print("| command | median s | min s | max s | peak RSS MiB |")
    print("|---|---|---|---|---|")
    for name, walls, rss, code in cold:
        flag = "" if code == 0 else f" (exit {code})"
        print(f"| {name}{flag} | {statistics.median(walls):.2f} | {min(walls):.2f} | {max(walls):.2f} | {rss:.0f} |")

    print(f"\nThroughput in-process on {info['articles']:,} articles ({info['chars']:,} characters of title + body after "
          f"cleaning; digest merged {info['merged']:,} as reprints), median of {args.repeat}, one-time loading excluded. "
          f"`vs jieba`: characters/s as a share of plain jieba segmentation of the same texts. Peak: tracemalloc "
          f"peak (Python and numpy allocations, not the loaded model) of one more pass over the {len(sample)}-article "
          f"sample.\n")
    print("| stage | seconds | articles/s | characters/s | vs jieba | peak MiB |")
    print("|---|---|---|---|---|---|")
    for name, seconds, aps, cps, peak in stages:
        print(f"| {name} | {seconds:.1f} | {aps:,.0f} | {cps:,.0f} | {cps / info['chars/s']:.2f} | {peak:.1f} |")

    print(f"\nSame job, same run, on an evenly spaced sample of {len(sample)} of these articles, median of {args.repeat}, "
          f"one-time loading excluded. `zhnews ×`: the first (like-for-like) zhnews row's speed over this row's. "
          f"Summaries: {BUDGET}-character budget, body in (zhnews also gets the title); peak: tracemalloc over 20 "
          f"articles. Classifiers: title + body in, prediction only; the peers are trained on training/ (first "
          f"label, or none), zhnews uses its shipped model; peak: tracemalloc over the sample.\n")
    print("| job | tool | articles/s | characters/s | zhnews × | peak MiB |")
    print("|---|---|---|---|---|---|")
    for job, rows in (("summarize", summ_rows), ("classify", class_rows)):
        ref = rows[0][1]
        for name, aps, cps, peak in rows:
            print(f"| {job} | {name} | {aps:,.1f} | {cps:,.0f} | {ref / aps:.2f} | {peak:.1f} |")

    if cli_rows:
        print(f"\nThe CLI end to end on the {info['articles']:,}-article JSONL, one run each (start-up, reading, "
              f"writing included). Peak RSS: the child's `ru_maxrss`.\n")
        lcut = next((wall for name, wall, *_ in cli_rows if name.startswith(LCUT_NAME)), None)
        print("| command | seconds | articles/s | characters/s | × jieba.lcut | peak RSS MiB |")
        print("|---|---|---|---|---|---|")
        for name, wall, aps, cps, rss in cli_rows:
            ratio = f"{lcut / wall:.2f}" if lcut else "–"
            print(f"| {name} | {wall:.1f} | {aps:,.0f} | {cps:,.0f} | {ratio} | {rss:.0f} |")
    if notes:
        print()
        for note in notes:
            print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

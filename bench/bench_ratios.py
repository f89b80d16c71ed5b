"""The CLI against `jieba.lcut` of the same texts, whole processes, in one run (issue 19's ratios).

    python bench/bench_ratios.py                     # the issue's 10,000 articles (made here), 3 rounds
    python bench/bench_ratios.py FILE.jsonl --rounds 5
    python bench/bench_ratios.py --commands clean,classify

Each round runs, one after the other, the ceiling (a Python process that
reads the JSONL and calls `jieba.lcut` on every title and text) and
`zhnews clean|classify|summarize FILE --format jsonl` (`--jobs 1`, output to
/dev/null, `OPENBLAS_NUM_THREADS=1`). zhnews's modules are byte-compiled
first (into `zhnews/__pycache__`, ignored by git), as `pip install .` compiles
them and as jieba's already are: a container that sets
`PYTHONDONTWRITEBYTECODE` would otherwise have every run compile zhnews from
source (about 0.3 s of a 4 s classify here). Rounds interleave the commands, so a
change in the machine's load touches all of them alike; the table gives each
command's median seconds and the median of its per-round ratios
(`lcut seconds / command seconds`: above 1 is faster than segmenting alone).
Peak RSS is the child's `ru_maxrss`. Without FILE the corpus of
`make_corpus_10k.py` is written to a temporary file first (needs
../shared/data/sogouc_subset and cctv_briefs).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

LCUT = """
import json, sys, jieba
jieba.setLogLevel(60)
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    jieba.lcut(row.get("title", ""))
    jieba.lcut(row["text"])
"""


def timed(cmd: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one child process; its output is thrown away."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    # 1: written, with inputs skipped (the corpus holds rows with no Chinese text); see README's exit codes.
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"bench_ratios: {' '.join(cmd)} failed")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", help="JSONL with id, title, text (default: make_corpus_10k's corpus)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--commands", default="clean,classify,summarize")
    args = ap.parse_args()
    commands = [c for c in args.commands.split(",") if c]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.file) if args.file else Path(tmp) / "c10k.jsonl"
        if not args.file:
            import make_corpus_10k

            if not (make_corpus_10k.DATA / "sogouc_subset").is_dir():
                print("bench_ratios: ../shared/data/sogouc_subset is absent; pass a JSONL file")
                return
            made = make_corpus_10k.rows()
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in made), encoding="utf-8")
        rows = path.read_text(encoding="utf-8").splitlines()
        chars = sum(len(row.get("title", "")) + len(row["text"]) for row in map(json.loads, rows))
        lcut = Path(tmp) / "lcut.py"
        lcut.write_text(LCUT, encoding="utf-8")
        # A prefix (PYTHONPYCACHEPREFIX) would hide every other package's compiled modules.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "zhnews")], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"{len(rows):,} articles, {chars:,} characters; {args.rounds} rounds on {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.2f} at start")
        seconds: dict[str, list[float]] = {"lcut": []}
        ratios: dict[str, list[float]] = {}
        peaks: dict[str, float] = {}
        for r in range(1, args.rounds + 1):
            base, peaks["lcut"] = timed([sys.executable, str(lcut), str(path)])
            seconds["lcut"].append(base)
            line = [f"round {r}: lcut {base:.2f} s"]
            for name in commands:
                s, peak = timed([sys.executable, "-m", "zhnews", name, str(path), "--format", "jsonl"])
                seconds.setdefault(name, []).append(s)
                ratios.setdefault(name, []).append(base / s)
                peaks[name] = max(peaks.get(name, 0), peak)
                line.append(f"{name} {s:.2f} s ({base / s:.2f}x)")
            print(", ".join(line), flush=True)
        print(f"\nload average {os.getloadavg()[0]:.2f} at the end\n")
        print("| command | median s | articles/s | vs jieba.lcut (median of rounds) | peak RSS MiB |")
        print("|---|---|---|---|---|")
        for name, values in seconds.items():
            med = statistics.median(values)
            ratio = statistics.median(ratios[name]) if name in ratios else 1.0
            label = "jieba.lcut (the ceiling)" if name == "lcut" else f"zhnews {name} --format jsonl"
            print(f"| {label} | {med:.2f} | {len(rows) / med:,.0f} | {ratio:.2f}x | {peaks[name]:.0f} |")


if __name__ == "__main__":
    main()

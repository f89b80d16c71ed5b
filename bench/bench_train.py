"""`zhnews train` on THUCNews headlines: seconds and peak RSS of the whole process.

    python bench/bench_train.py                    # 180,000 titles, 5-fold CV, --jobs 1 and 2 (~6 minutes)
    python bench/bench_train.py --limit 50000      # quicker
    python bench/bench_train.py --jobs 1 --cv 0    # one setting

The titles of `../shared/data/thucnews_titles/train.jsonl` are written to a
temporary JSONL in the form `zhnews train` reads (`text`, `labels`), and the
CLI trains on it in a child process: the figure includes reading, segmenting,
the model, every fold and writing the model folder. Peak RSS is the child's
`ru_maxrss` (Linux reports it in KiB). With `--jobs` above 1 the labels are fitted in
worker processes, whose memory `ru_maxrss` does not add up, so the process tree's
proportional set size (PSS: shared pages, such as the memory-mapped training matrix,
counted once) is also sampled twice a second where psutil is installed. Nothing is kept:
the model goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TITLES = REPO.parent / "shared" / "data" / "thucnews_titles" / "train.jsonl"


def write_rows(path: Path, limit: int | None) -> tuple[int, int, int]:
    """Rows, title characters and file characters written (train's --data-limit counts the latter)."""
    rows = chars = written = 0
    with TITLES.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for line in src:
            if limit is not None and rows >= limit:
                break
            row = json.loads(line)
            written += out.write(json.dumps({"text": row["text"], "labels": [row["label"]]}, ensure_ascii=False) + "\n")
            rows += 1
            chars += len(row["text"])
    return rows, chars, written


def tree_pss(pid: int) -> float | None:
    """MiB of PSS of the process `pid` and its descendants (None without psutil)."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_full_info().pss
        except psutil.Error:
            pass
    return total / 2**20


def run_train(data: Path, out: Path, jobs: int, cv: int, written: int) -> tuple[float, float, float | None, int]:
    """Seconds, peak RSS (MiB), peak PSS of the process tree (MiB) and exit status of one
    `zhnews train` in a child process."""
    cmd = [sys.executable, "-m", "zhnews", "train", str(data), "--out", str(out), "-q", "--jobs", str(jobs),
           "--cv", str(cv), "--data-limit", str(written)]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    start = time.perf_counter()
    err_file = tempfile.TemporaryFile()
    child = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=err_file)
    peak_tree = tree_pss(child.pid)
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.5)
        sample = tree_pss(child.pid)
        if sample is not None:
            peak_tree = max(peak_tree or 0.0, sample)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    err_file.seek(0)
    err = err_file.read().decode("utf-8", "replace")
    code = child.returncode
    if code != 0:
        print(err[-2000:], file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, peak_tree, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N titles only (default: all 180,000)")
    ap.add_argument("--jobs", type=int, action="append", help="--jobs values to run (default: 1 and 2)")
    ap.add_argument("--cv", type=int, default=5, help="cross-validation folds (default 5)")
    args = ap.parse_args()
    if not TITLES.is_file():
        print("bench_train: ../shared/data/thucnews_titles is absent; nothing to measure")
        return
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "titles.jsonl"
        rows, chars, written = write_rows(data, args.limit)
        print(f"zhnews train on {rows:,} THUCNews titles ({chars:,} characters), {args.cv}-fold CV, "
              f"{os.cpu_count()} CPUs, load average {load:.2f} at start\n")
        print("| --jobs | seconds | peak RSS MiB | peak PSS of the process tree MiB | exit |")
        print("|---|---|---|---|---|")
        for jobs in args.jobs or [1, 2]:
            seconds, peak, tree, code = run_train(data, Path(tmp) / f"model-{jobs}", jobs, args.cv, written)
            shown = "-" if tree is None else f"{tree:.0f}"
            print(f"| {jobs} | {seconds:.1f} | {peak:.0f} | {shown} | {code} |", flush=True)


if __name__ == "__main__":
    main()

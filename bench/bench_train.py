"""`zhnews train` on THUCNews headlines: seconds and peak RSS of the whole process.

    python bench/bench_train.py                    # 180,000 titles, 5-fold CV, --jobs 1 and 2 (~6 minutes)
    python bench/bench_train.py --limit 50000      # quicker
    python bench/bench_train.py --jobs 1 --cv 0    # one setting

The titles of `../shared/data/thucnews_titles/train.jsonl` are written to a
temporary JSONL in the form `zhnews train` reads (`text`, `labels`), and the
CLI trains on it in a child process: the figure includes reading, segmenting,
the model, every fold and writing the model folder. Peak RSS is the child's
`ru_maxrss` (Linux reports it in KiB). Nothing is kept: the model goes to a
temporary folder.
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


def run_train(data: Path, out: Path, jobs: int, cv: int, written: int) -> tuple[float, float, int]:
    """Seconds, peak RSS (MiB) and exit status of one `zhnews train` in a child process."""
    cmd = [sys.executable, "-m", "zhnews", "train", str(data), "--out", str(out), "-q", "--jobs", str(jobs),
           "--cv", str(cv), "--data-limit", str(written)]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    err = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(err[-2000:], file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, code


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
        print("| --jobs | seconds | peak RSS MiB | exit |")
        print("|---|---|---|---|")
        for jobs in args.jobs or [1, 2]:
            seconds, peak, code = run_train(data, Path(tmp) / f"model-{jobs}", jobs, args.cv, written)
            print(f"| {jobs} | {seconds:.1f} | {peak:.0f} | {code} |", flush=True)


if __name__ == "__main__":
    main()

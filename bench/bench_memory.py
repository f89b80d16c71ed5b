"""Memory on a big input: does `zhnews classify|summarize` stay flat on a 1 GB JSONL?

    python bench/bench_memory.py                          # 1 GB, classify and summarize (~40 minutes on 2 CPUs)
    python bench/bench_memory.py --gb 0.2 --command classify

Writes a JSONL of about `--gb` gigabytes from real-shaped articles (the seeds and
the training data of this repository, each repeated under new ids), runs each
command on it with output to /dev/null, reads the child's resident memory
(VmRSS of /proc/PID/status) twice a second, and prints it at a tenth, a
quarter, a half, three quarters and the end of the run, with the peak. Input
is read as a stream and written as it goes, so memory should stop growing once
the model and the caches are loaded: "flat" is printed when the last quarter
of the run grows by less than 10% (and 20 MiB) over the first quarter's peak. Exit 1 means some rows were skipped (the training data holds a few too short to
read as news); the last line of each command's stderr is printed under the table.
Linux only (it reads /proc).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def base_rows() -> list[dict]:
    rows = []
    for path in sorted((REPO / "training").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows.append({"title": row.get("title", ""), "text": row["text"]})
    return rows


def write_corpus(path: Path, gigabytes: float) -> int:
    rows = base_rows()
    target = int(gigabytes * 1e9)
    written = n = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target:
            row = rows[n % len(rows)]
            line = json.dumps({"id": f"m{n}", **row}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    return n


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def watch(command: list[str], log: Path) -> tuple[float, list[tuple[float, float]], int]:
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        samples = []
        while proc.poll() is None:
            mib = rss_mib(proc.pid)
            if mib:  # 0 while the child is still being set up
                samples.append((time.perf_counter() - start, mib))
            time.sleep(0.5)
    return time.perf_counter() - start, samples, proc.returncode


def report(name: str, seconds: float, samples: list[tuple[float, float]], rc: int) -> None:
    if not samples:
        print(f"| {name} | {seconds:.0f} | exit {rc}, no samples |")
        return

    def at(share: float) -> float:
        t = share * seconds
        return max((m for s, m in samples if s <= t), default=samples[0][1])

    first_quarter = at(0.25)
    last = max(m for _, m in samples)
    flat = last - first_quarter < max(0.10 * first_quarter, 20)
    cells = " | ".join(f"{at(p):.0f}" for p in (0.1, 0.25, 0.5, 0.75, 1.0))
    print(f"| {name} | {seconds:.0f} | {rc} | {cells} | {last:.0f} | {'flat' if flat else 'GROWS'} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gb", type=float, default=1.0, help="size of the input in GB (default 1)")
    ap.add_argument("--command", action="append", choices=["classify", "summarize"],
                    help="commands to run (default both)")
    ap.add_argument("--input", type=Path, help="use this JSONL instead of writing one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.input
        if path is None:
            path = Path(tmp) / "big.jsonl"
            n = write_corpus(path, args.gb)
            print(f"input: {n:,} articles, {path.stat().st_size / 1e9:.2f} GB")
        notes = []
        print("| command | seconds | exit | RSS MiB at 10% | 25% | 50% | 75% | end | peak | |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for command in args.command or ["classify", "summarize"]:
            log = Path(tmp) / f"{command}.err"
            seconds, samples, rc = watch([sys.executable, "-m", "zhnews", command, str(path), "--format", "jsonl"], log)
            report(f"zhnews {command}", seconds, samples, rc)
            notes.append(f"{command}: " + (log.read_text(encoding="utf-8").strip().splitlines() or ["(nothing on stderr)"])[-1])
        print("\n" + "\n".join(notes))


if __name__ == "__main__":
    main()

"""Write what every zhnews command prints on fixed inputs, for a before/after diff.

A refactor that claims "behaviour unchanged" runs this on the old and the new
tree and compares the two folders byte for byte:

    python bench/snapshot_outputs.py /tmp/before      # on the old commit
    python bench/snapshot_outputs.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after && echo identical

Inputs: the seeds, the 31 pages of ../shared/data/html_pages, the 600
cctv_briefs articles and the themes_dev set (each skipped when ../shared is
absent). The digest's `generated` time is masked, and so is meta.json's
`created`: they are the only outputs that depend on the clock.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
_GENERATED = re.compile(r"(生成于 |\"generated\": \")\d{4}-\d\d-\d\d \d\d:\d\d")


def zhnews(*args: str, stdin: bytes | None = None) -> bytes:
    proc = subprocess.run(
        [sys.executable, "-m", "zhnews", *args], input=stdin, capture_output=True, cwd=REPO, timeout=1800
    )
    return f"exit {proc.returncode}\n".encode() + proc.stdout + b"\n--- stderr\n" + proc.stderr


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    seeds = str(REPO / "seeds")
    runs: dict[str, tuple] = {
        "clean_seeds.txt": ("clean", seeds),
        "clean_seeds.jsonl": ("clean", seeds, "--format", "jsonl"),
        "classify_seeds.table": ("classify", seeds),
        "classify_seeds.jsonl": ("classify", seeds, "--format", "jsonl"),
        "classify_seeds.csv": ("classify", seeds, "--format", "csv", "--why", "3", "-t", "0.3"),
        "summarize_seeds.txt": ("summarize", seeds),
        "summarize_seeds_n2.jsonl": ("summarize", seeds, "-n", "2", "--format", "jsonl"),
        "summarize_seeds_lead.jsonl": ("summarize", seeds, "--method", "lead", "--chars", "80", "--format", "jsonl"),
        "digest_seeds.md": ("digest", seeds),
        "digest_seeds.json": ("digest", seeds, "--format", "json"),
        "digest_seeds.html": ("digest", seeds, "--format", "html"),
        "help.txt": ("--help",),
    }
    for command in ("clean", "classify", "summarize", "digest", "train", "evaluate"):
        runs[f"help_{command}.txt"] = (command, "--help")
    pages = SHARED / "html_pages" / "pages"
    if pages.is_dir():
        runs["clean_html_pages.jsonl"] = ("clean", str(pages), "--format", "jsonl")
        runs["digest_html_pages.json"] = ("digest", str(pages), "--format", "json")
    dev = SHARED / "themes_dev" / "dev.jsonl"
    if dev.is_file():
        runs["evaluate_themes_dev.txt"] = ("evaluate", str(dev))
        runs["classify_themes_dev.jsonl"] = ("classify", str(dev), "--format", "jsonl")
    for name, args in runs.items():
        (out / name).write_bytes(_GENERATED.sub(r"\1<time>", zhnews(*args).decode("utf-8", "replace")).encode())
        print(name, file=sys.stderr)

    pairs = SHARED / "cctv_briefs" / "pairs.jsonl"
    if pairs.is_file():
        rows = [json.loads(line) for line in pairs.read_text(encoding="utf-8").splitlines() if line.strip()]
        articles = "".join(json.dumps({"id": r["id"], "text": r["article"]}, ensure_ascii=False) + "\n" for r in rows)
        data = articles.encode("utf-8")
        (out / "summarize_cctv.jsonl").write_bytes(zhnews("summarize", "-", "--format", "jsonl", stdin=data))
        (out / "summarize_cctv_n3.jsonl").write_bytes(zhnews("summarize", "-", "-n", "3", "--format", "jsonl", stdin=data))
        (out / "classify_cctv.jsonl").write_bytes(zhnews("classify", "-", "--format", "jsonl", stdin=data))
        print("cctv", file=sys.stderr)

    # Training: the model files must come out the same (meta.json less its clock).
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "m"
        log = zhnews("train", str(REPO / "training"), "--out", str(model), "--cv", "3", "-q")
        (out / "train.txt").write_bytes(log.replace(str(model).encode(), b"<model>"))
        for name in ("vocabulary.json", "arrays.npz"):
            if (model / name).is_file():
                (out / f"train_{name}").write_bytes((model / name).read_bytes())
        if (model / "meta.json").is_file():
            meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
            meta.pop("created", None)
            (out / "train_meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        print("train", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "snapshot"))

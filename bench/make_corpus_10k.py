"""The 10,000 real articles of the speed issue: SogouC articles cut into pieces, plus cctv_briefs.

    python bench/make_corpus_10k.py /tmp/c10k.jsonl

Every SogouC article (train and test) is cut at paragraph ends into pieces of
at least 320 characters (a last piece under 80 is dropped), and the 600
cctv_briefs articles are added with their titles: about 10,000 rows and 4.4 M
characters of real, dirty news, no two rows alike. Written as JSONL
(`id`, `title`, `text`) for `zhnews clean|classify|summarize|digest`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
PIECE = 320


def rows(limit: int = 10_000) -> list[dict]:
    out = []
    for split in ("train", "test"):
        for i, line in enumerate((DATA / "sogouc_subset" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()):
            paragraphs = [p for p in json.loads(line)["text"].split("\n") if p.strip()]
            chunk: list[str] = []
            for p in paragraphs:
                chunk.append(p)
                if sum(map(len, chunk)) >= PIECE:
                    out.append({"id": f"sogouc-{split}-{i}-{len(out)}", "text": "\n".join(chunk)})
                    chunk = []
            if chunk and sum(map(len, chunk)) >= 80:
                out.append({"id": f"sogouc-{split}-{i}-{len(out)}", "text": "\n".join(chunk)})
    for i, line in enumerate((DATA / "cctv_briefs" / "pairs.jsonl").read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        out.append({"id": f"cctv-{i}", "title": row.get("title", ""), "text": row["article"]})
    return out[-limit:] if len(out) > limit else out


if __name__ == "__main__":
    made = rows()
    with open(sys.argv[1], "w", encoding="utf-8") as fh:
        for row in made:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(made)} articles, {sum(len(r['text']) for r in made):,} characters -> {sys.argv[1]}")

"""How the shipped theme model tags real articles nobody here wrote (SogouC, 2006).

SogouC's ten classes are not our themes, but some map onto them (财经 →
finance, IT → partly digitization) and most should get no theme at all
(体育, 文化, 健康...): a table of tag rates per class shows recall on the
first kind and false positives on the second.

    python bench/check_themes_sogouc.py            # the 583 test articles
    python bench/check_themes_sogouc.py --split train
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "sogouc_subset"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="test", choices=["train", "test"])
    ap.add_argument("--model", default=None, help="model folder (default: the shipped one)")
    args = ap.parse_args()
    path = DATA / f"{args.split}.jsonl"
    if not path.is_file():
        print(f"check_themes_sogouc: {path} is absent; nothing to check.")
        return 0
    from zhnews.text.normalize import normalize
    from zhnews.models.store import load_model

    model = load_model(args.model)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    predicted = model.predict([normalize(r["text"]) for r in rows])
    per_class: dict[str, Counter] = {}
    for row, themes in zip(rows, predicted):
        tally = per_class.setdefault(row["label"], Counter())
        tally["n"] += 1
        tally["none" if not themes else "any"] += 1
        for theme in themes:
            tally[theme] += 1
    labels = list(model.labels_)
    print(f"sogouc_subset {args.split}: {len(rows)} articles; share of each class's articles given each theme\n")
    print("| class | n | no theme | " + " | ".join(labels) + " |")
    print("|---" * (len(labels) + 3) + "|")
    for name, tally in per_class.items():
        cells = [f"{100 * tally[l] / tally['n']:.0f}%" for l in labels]
        print(f"| {name} | {tally['n']} | {100 * tally['none'] / tally['n']:.0f}% | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

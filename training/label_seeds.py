"""Rebuild `training/seeds.jsonl`: the seed pages, cleaned by zhnews, labelled by hand.

Run from the repository root: `python training/label_seeds.py`. The labels below are
the team's reading of each cleaned article against THEMES.md; an article id that the
cleaner no longer produces makes this script fail, so a change in cleaning that
splits the seeds differently is noticed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhnews.run.articles import load_articles  # noqa: E402

LABELS = {
    # Rail-equipment industry-chain meeting; parks, funds and listings are one line each.
    "000_bdf1d6836cfab028": ["rail_transit"],
    # Science-and-technology innovation figures: R&D with no digital angle.
    "001_4ae5928448a75f88#1": [],
    "001_4ae5928448a75f88#2": [],
    # Entrepreneurs tour the Qingshuitang industrial new town and its parks.
    "001_4ae5928448a75f88#3": ["parks"],
    # Open-economy inspection: a list of sectors, none the subject.
    "001_4ae5928448a75f88#4": [],
    # Government-bank-enterprise matchmaking: 9,600 bn yuan of credit agreements.
    "001_4ae5928448a75f88#5": ["finance"],
    "001_4ae5928448a75f88#6": [],
    # Sponge-city application: city construction, a hard negative.
    "001_4ae5928448a75f88#7": [],
    # City digitisation meeting: 5G, IoT, one-stop government services.
    "001_4ae5928448a75f88#8": ["digitization"],
    # High-tech zone industrial-project campaign.
    "002_15e5e64a13b11909": ["parks"],
    # Changsha high-tech zone and intelligent manufacturing.
    "003_a3f1963b2f7462d1": ["digitization", "parks"],
    # Post-pandemic recovery round-up: general economy.
    "004_bf1e263cba28f34e": [],
}


def main() -> None:
    out = ROOT / "training" / "seeds.jsonl"
    articles = {a.id: a for a in load_articles([str(ROOT / "seeds")])}
    missing = sorted(set(LABELS) - set(articles))
    unlabelled = sorted(set(articles) - set(LABELS))
    if missing or unlabelled:
        raise SystemExit(f"seed articles changed: missing {missing}, unlabelled {unlabelled}")
    with out.open("w", encoding="utf-8") as fh:
        for article_id, labels in LABELS.items():
            a = articles[article_id]
            seed_file = a.source.rsplit("/", 1)[-1]
            row = {"id": f"seed-{article_id}", "title": a.title, "text": a.text, "labels": labels, "source": f"seed:{seed_file}"}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(LABELS)} labelled seed articles to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

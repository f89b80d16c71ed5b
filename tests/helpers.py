"""What many tests share: the repo's paths, small made-up corpora, file writers."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
AUTHORED = REPO / "training" / "authored"

# A tiny made-up corpus: each topic has its own vocabulary, with variation so
# that cross-validation has something to learn.
RAIL = ["地铁{}号线开通运营，列车最高时速{}公里。", "高铁{}站建成投用，动车组每天开行{}对。",
        "城轨车辆{}列交付，最高时速{}公里。", "轨道交通{}号线盾构贯通，全线设{}座车站。"]
BANK = ["银行向企业发放贷款{}亿元，利率{}%。", "证券公司完成IPO承销，募集资金{}亿元，市盈率{}倍。",
        "保险公司理赔{}万元，保费收入增长{}%。", "产业基金完成{}亿元融资，投向{}家企业。"]
ENERGY = ["光伏电站装机{}万千瓦，储能电池{}组。", "新能源汽车充电桩新增{}个，锂电池产能{}吉瓦时。",
          "风电项目并网发电{}万千瓦，氢能示范站{}座。", "储能电站投运，光伏组件出货{}万片，逆变器{}台。"]
OTHER = ["市民公园举办菊花展，游客{}万人次，展期{}天。", "中学举行运动会，{}名学生参加{}个项目。",
         "博物馆展出文物{}件，观众{}人次。", "社区开展义诊活动，{}名医生服务居民{}人。"]


def seed_path(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def make_rows(groups: dict[str, list[str]], n: int = 10, start: int = 2) -> list[dict]:
    """Labelled JSONL rows: `n` per label from its templates (label "none": no theme)."""
    out = []
    for label, templates in groups.items():
        for i in range(n):
            text = templates[i % len(templates)].format(i + start, (i * 7) % 90 + 10)
            out.append({"id": f"{label}-{i}", "title": "", "text": text, "labels": [label] if label != "none" else []})
    return out


def corpus(groups: dict[str, list[str]], n: int = 12) -> tuple[list[str], list[list[str]]]:
    """The same rows as texts and label lists, for fitting a classifier directly."""
    rows = make_rows(groups, n, start=3)
    return [r["text"] for r in rows], [r["labels"] for r in rows]


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def jsonl(*rows: dict) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)

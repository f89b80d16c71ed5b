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


BIO = ["创新药{}获批上市，临床试验入组{}例。", "生物医药企业新建抗体药物车间{}个，疫苗产能{}万剂。",
       "医疗器械注册证新增{}张，基因检测样本{}万份。", "原料药项目投产，制剂生产线{}条，研发管线{}项。"]
FOOD = ["预制菜工厂投产，日产{}吨，冷链车{}辆。", "粮油加工企业收购小麦{}万吨，面粉出厂{}吨。",
        "乳制品企业新增牧场{}个，奶牛存栏{}头。", "茶叶加工厂采收春茶{}吨，茶园{}亩。"]
# Display names of five custom labels, one with its own colour.
NAMES = {"rail": "轨道交通装备", "bank": {"name": "银行与资本市场", "color": "#1a365d"},
         "energy": "新能源与储能产业", "bio": "生物医药", "food": "食品加工"}


def five_label_model(root: Path) -> tuple[Path, Path, Path]:
    """Train (through the CLI) a model of five custom labels named by a labels.json beside the data;
    returns (root, model folder, six news articles: one per label and one of none)."""
    from typer.testing import CliRunner

    from zhnews.cli import app

    data = root / "data"
    data.mkdir()
    groups = {"rail": RAIL, "bank": BANK, "energy": ENERGY, "bio": BIO, "food": FOOD, "none": OTHER}
    write_jsonl(data / "a.jsonl", make_rows(groups, n=12)[0::2])
    write_jsonl(data / "b.jsonl", make_rows(groups, n=12)[1::2])
    (data / "labels.json").write_text(json.dumps(NAMES, ensure_ascii=False), encoding="utf-8")
    out = root / "model"
    result = CliRunner().invoke(app, ["train", str(data), "--out", str(out), "--cv", "0", "-q"])
    assert result.exit_code == 0, result.output
    news = write_jsonl(root / "news.jsonl", [
        {"id": f"n{k}", "title": title, "text": text} for k, (title, text) in enumerate([
            ("地铁新线开通", "地铁7号线开通运营，列车最高时速80公里。轨道交通13号线盾构贯通，全线设20座车站。"),
            ("银行发放贷款", "银行向企业发放贷款30亿元，利率3%。产业基金完成12亿元融资，投向30家企业。"),
            ("光伏电站并网", "光伏电站装机50万千瓦，储能电池20组。风电项目并网发电40万千瓦，氢能示范站3座。"),
            ("创新药获批", "创新药5个获批上市，临床试验入组300例。医疗器械注册证新增12张，基因检测样本8万份。"),
            ("预制菜工厂投产", "预制菜工厂投产，日产60吨，冷链车20辆。乳制品企业新增牧场3个，奶牛存栏900头。"),
            ("菊花展开幕", "市民公园举办菊花展，游客5万人次，展期20天。博物馆展出文物300件，观众8000人次。"),
        ])
    ])
    return root, out, news

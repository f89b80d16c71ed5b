"""Retraining users can trust: custom themes end to end, honest train and evaluate reports."""

import json
import re

import pytest
from typer.testing import CliRunner

from tests.helpers import AUTHORED, BANK, ENERGY, NAMES, OTHER, RAIL, five_label_model, make_rows, write_jsonl
from zhnews.cli import app

def run(args, input=None):
    return CliRunner().invoke(app, args, input=input)


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    return five_label_model(tmp_path_factory.mktemp("five"))


def test_label_names_from_labels_json_are_stored_and_shown_whole(five):
    root, model, news = five
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    assert meta["label_names"]["energy"]["name"] == "新能源与储能产业"
    assert meta["label_names"]["bank"] == {"name": "银行与资本市场", "color": "#1a365d"}
    result = run(["classify", str(news), "--model", str(model)])
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[1]
    for name in ("轨道交通装备", "银行与资本市场", "新能源与储能产业", "生物医药", "食品加工"):
        assert name in header  # no column cut to `新能源…`
    assert "…" not in header


def test_five_custom_labels_in_every_digest_format(five, tmp_path):
    root, model, news = five
    html = tmp_path / "d.html"
    assert run(["digest", str(news), "--model", str(model), "-o", str(html)]).exit_code == 0
    page = html.read_text(encoding="utf-8")
    for name in ("轨道交通装备", "银行与资本市场", "新能源与储能产业", "生物医药", "食品加工"):
        assert f">{name}<" in page
    colors = {label: re.search(rf'id="theme-{label}"[^>]*--accent:(#[0-9a-f]{{6}})', page).group(1)
              for label in NAMES}
    assert len(set(colors.values())) == 5 and colors["bank"] == "#1a365d"
    md = run(["digest", str(news), "--model", str(model)]).stdout
    assert "## 生物医药（1）" in md and "## 食品加工（1）" in md and "biomedicine" not in md
    data = json.loads(run(["digest", str(news), "--model", str(model), "--format", "json"]).stdout)
    assert {t["name"] for t in data["themes"]} == {"轨道交通装备", "银行与资本市场", "新能源与储能产业", "生物医药", "食品加工"}


def test_label_names_option_wins_and_bad_names_are_usage_errors(tmp_path):
    data = write_jsonl(tmp_path / "t.jsonl", make_rows({"energy": ENERGY, "none": OTHER}))
    names = tmp_path / "names.json"
    names.write_text(json.dumps({"energy": {"name": "新能源", "color": "#2c7a7b"}}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "m"
    assert run(["train", str(data), "--out", str(out), "--cv", "0", "--label-names", str(names), "-q"]).exit_code == 0
    table = run(["classify", str(data), "--model", str(out)]).stdout
    assert "新能源" in table.splitlines()[1]
    for bad in ({"energy": {"name": "x", "color": "red;}body{display:none"}}, {"energy": ""}, ["energy"]):
        names.write_text(json.dumps(bad), encoding="utf-8")
        before = (out / "meta.json").read_bytes()
        result = run(["train", str(data), "--out", str(out), "--cv", "0", "--label-names", str(names), "-q"])
        assert result.exit_code == 2 and "names.json" in result.output
        assert (out / "meta.json").read_bytes() == before


@pytest.mark.parametrize("args, exit_code, expect", [
    (["-t", "bio=0.05"], 0, "生物医药 0.05"),
    (["-t", "0.9", "-t", "bio=0.05"], 0, "轨道交通装备 0.90"),
    (["-t", "biology=0.3"], 2, "unknown label(s) biology"),
    (["-t", "bio=1.5"], 2, "between 0 and 1"),
    (["-t", "=0.5"], 2, "LABEL=VALUE"),
    (["--theme", "biology"], 2, "not a label of this model"),
])
def test_threshold_by_label_and_theme_are_checked_and_shown(five, args, exit_code, expect):
    root, model, news = five
    result = run(["classify", str(news), "--model", str(model), *args])
    assert result.exit_code == exit_code, result.output
    assert expect in result.output


def test_threshold_for_one_label_moves_only_that_label(five):
    root, model, news = five
    low = [json.loads(l) for l in run(["classify", str(news), "--model", str(model), "-f", "jsonl",
                                       "-t", "bio=0.0"]).stdout.splitlines()]
    assert all("bio" in r["themes"] for r in low)
    assert all(r["thresholds"]["bio"] == 0.0 for r in low)
    own = [json.loads(l) for l in run(["classify", str(news), "--model", str(model), "-f", "jsonl"]).stdout.splitlines()]
    for a, b in zip(low, own):
        assert [t for t in a["themes"] if t != "bio"] == [t for t in b["themes"] if t != "bio"]
        assert a["thresholds"]["rail"] == b["thresholds"]["rail"] != 0.0


def test_theme_option_narrows_classify_and_digest_but_loses_no_story(five):
    root, model, news = five
    rows = [json.loads(l) for l in run(["classify", str(news), "--model", str(model), "-f", "jsonl",
                                        "--theme", "bio", "--theme", "food"]).stdout.splitlines()]
    assert len(rows) == 6
    assert all(set(r["scores"]) == {"bio", "food"} and set(r["themes"]) <= {"bio", "food"} for r in rows)
    assert sum(bool(r["themes"]) for r in rows) == 2
    data = json.loads(run(["digest", str(news), "--model", str(model), "-f", "json", "--theme", "bio"]).stdout)
    assert [t["id"] for t in data["themes"]] == ["bio"] and data["only"] == ["bio"]
    listed = [i["id"] for t in data["themes"] for i in t["items"]] + [i["id"] for i in data["other"]]
    assert sorted(listed) == [f"n{k}" for k in range(6)]
    md = run(["digest", str(news), "--model", str(model), "--theme", "bio"]).stdout
    assert "未列入生物医药新闻（5）" in md


def test_train_warns_when_cross_validation_says_little_and_scores_heldout(tmp_path):
    default_like = tmp_path / "base"
    default_like.mkdir()
    write_jsonl(default_like / "rail.jsonl", make_rows({"rail": RAIL, "none": OTHER}, n=60))
    write_jsonl(default_like / "bank.jsonl", make_rows({"bank": BANK, "none": OTHER}, n=60, start=70))
    mine = write_jsonl(tmp_path / "my40.jsonl", make_rows({"energy": ENERGY}, n=40))
    held = write_jsonl(tmp_path / "held.jsonl", [
        {"id": "h1", "title": "储能电站投运", "text": "储能电站投运，光伏组件出货30万片，逆变器200台。", "labels": ["energy"]},
        {"id": "h2", "title": "地铁开通", "text": "地铁3号线开通运营，列车最高时速80公里。", "labels": ["rail"]},
        {"id": "h3", "title": "义诊", "text": "社区开展义诊活动，20名医生服务居民500人。", "labels": []},
    ])
    out = tmp_path / "m"
    result = run(["train", str(default_like), str(mine), "--out", str(out), "--cv", "3", "--heldout", str(held), "-q"])
    assert result.exit_code == 0, result.output
    assert "label 'energy' has only 40 examples" in result.output
    assert "all 40 examples of 'energy' come from one file (" in result.output and "my40.jsonl" in result.output
    assert "has only" not in result.output.replace("'energy' has only", "")  # rail and bank have 60
    assert f"on the held-out articles ({held})" in result.stdout
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["heldout"]["examples"] == 3 and {s["label"] for s in meta["heldout"]["labels"]} == {"bank", "energy", "rail"}

    held.write_text(held.read_text(encoding="utf-8") + json.dumps({"text": "药", "labels": ["bio"]}) + "\n", encoding="utf-8")
    before = (out / "meta.json").read_bytes()
    result = run(["train", str(default_like), str(mine), "--out", str(out), "--cv", "0", "--heldout", str(held), "-q"])
    assert result.exit_code == 2 and "--heldout: label(s) bio are not in the training data" in result.output
    assert (out / "meta.json").read_bytes() == before


@pytest.fixture(scope="module")
def two_models(tmp_path_factory):
    root = tmp_path_factory.mktemp("two")
    rows = make_rows({"rail": RAIL, "bank": BANK, "none": OTHER}, n=12)
    a, b = root / "a", root / "b"
    assert run(["train", str(write_jsonl(root / "ta.jsonl", rows)), "--out", str(a), "--cv", "0", "-q"]).exit_code == 0
    # B never saw a bank article: it cannot find them.
    rows_b = [r for r in rows if "bank" not in r["labels"]] + make_rows({"bank": ENERGY}, n=12)
    assert run(["train", str(write_jsonl(root / "tb.jsonl", rows_b)), "--out", str(b), "--cv", "0", "-q"]).exit_code == 0
    held = write_jsonl(root / "held.jsonl", [
        {"id": "r1", "title": "地铁开通", "text": "地铁9号线开通运营，列车最高时速90公里。", "labels": ["rail"]},
        {"id": "k1", "title": "银行放贷", "text": "银行向企业发放贷款12亿元，利率4%。", "labels": ["bank"]},
        {"id": "k2", "title": "基金融资", "text": "产业基金完成30亿元融资，投向12家企业。", "labels": ["bank"]},
        {"id": "o1", "title": "运动会", "text": "中学举行运动会，500名学生参加8个项目。", "labels": []},
    ])
    return a, b, held


def test_evaluate_lists_errors_with_titles_scores_and_confusions(two_models):
    a, b, held = two_models
    result = run(["evaluate", str(held), "--model", str(b)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "misclassified: 2 article(s)" in out
    assert "k1  银行放贷" in out and "true: bank   predicted: -   score/threshold: bank 0." in out
    rows = {line.split()[0]: line.split()[1:] for line in out.split("confusions", 1)[1].splitlines()[2:5]}
    assert rows["bank"][-1] == "2"  # both bank articles missed, nothing given instead
    report = json.loads(run(["evaluate", str(held), "--model", str(b), "-f", "json"]).stdout)
    assert {e["id"] for e in report["errors"]} == {"k1", "k2"}
    assert all({"title", "true", "predicted", "scores", "source"} <= set(e) for e in report["errors"])
    assert report["confusions"]["rows"] == ["bank", "rail", "(none)"]
    assert report["thresholds"] == {"bank": 0.5, "rail": 0.5}


def test_evaluate_leaves_labels_without_support_out_of_the_macro_average(two_models, tmp_path):
    a, b, held = two_models
    rail_only = write_jsonl(tmp_path / "rail.jsonl", [
        {"text": "地铁9号线开通运营，列车最高时速90公里。", "labels": ["rail"]},
        {"text": "中学举行运动会，500名学生参加8个项目。", "labels": []},
    ])
    report = json.loads(run(["evaluate", str(rail_only), "--model", str(a), "-f", "json"]).stdout)
    rail = next(s for s in report["labels"] if s["label"] == "rail")
    assert report["macro"]["f1"] == rail["f1"] > 0.5 and report["macro_leaves_out"] == ["bank"]
    text = run(["evaluate", str(rail_only), "--model", str(a)]).stdout
    assert "macro avg leaves out bank" in text


def test_evaluate_compare_puts_two_models_side_by_side(two_models):
    a, b, held = two_models
    result = run(["evaluate", str(held), "--model", str(a), "--compare", str(b)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    bank = next(l for l in out.splitlines() if l.startswith("bank "))
    cells = bank.split()
    assert float(cells[3]) > float(cells[6]) and cells[7].startswith("+")  # A finds bank, B does not
    assert "labels change on 2 article(s): B right where A was wrong on 0, A right where B is wrong on 2" in out
    assert "k1  银行放贷" in out
    data = json.loads(run(["evaluate", str(held), "--model", str(a), "--compare", str(b), "-f", "json"]).stdout)
    assert data["models"] == [str(a), str(b)] and {c["id"] for c in data["changed"]} == {"k1", "k2"}
    # The shipped model lacks these labels: the comparison says so instead of failing.
    result = run(["evaluate", str(held), "--model", str(a), "--compare", "shipped"])
    assert result.exit_code == 0, result.output
    assert "B has no label bank, rail" in result.stdout


def test_evaluate_plot_draws_label_by_label_confusions(two_models, tmp_path):
    pytest.importorskip("matplotlib")
    a, b, held = two_models
    plot = tmp_path / "c.png"
    result = run(["evaluate", str(held), "--model", str(b), "--plot", str(plot)])
    assert result.exit_code == 0, result.output
    from matplotlib.image import imread

    image = imread(str(plot))
    assert image.shape[0] >= 400 and image.shape[1] >= 900


def test_a_file_in_two_label_folders_has_both_labels(tmp_path):
    root = tmp_path / "by_label"
    for label, rows in (("rail", make_rows({"x": RAIL}, n=8)), ("bank", make_rows({"x": BANK}, n=8)),
                        ("_none", make_rows({"x": OTHER}, n=8))):
        (root / label).mkdir(parents=True)
        for k, row in enumerate(rows):
            (root / label / f"{label}{k}.txt").write_text(row["text"], encoding="utf-8")
    both = "地铁集团发行债券20亿元，用于轨道交通5号线建设，票面利率3%。"
    for label in ("rail", "bank"):
        (root / label / "both.txt").write_text(both, encoding="utf-8")
    (root / "bank" / "page.html").write_text("<html><body>银行</body></html>", encoding="utf-8")
    out = tmp_path / "m"
    result = run(["train", str(root), "--out", str(out), "--cv", "0"])
    assert result.exit_code == 0, result.output
    assert "contradict" not in result.output and "left out" in result.output and "page.html" in result.output
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["training_data"]["label_counts"] == {"bank": 9, "rail": 9}
    assert meta["training_data"]["examples"] == 25


def test_a_few_examples_beside_the_default_corpus_are_called_what_they_are(tmp_path):
    mine = write_jsonl(tmp_path / "mine.jsonl", [
        {"id": "m1", "title": "高铁新城片区控规获批", "text": "市政府批复高铁新城片区控制性详细规划，布局站前商务区和人才社区。", "labels": []},
        {"id": "m2", "title": "金融科技产业园开园", "text": "金融科技产业园开园，首批28家金融机构科技子公司入驻，设立5亿元产业引导基金。",
         "labels": ["finance", "parks"]},
    ])
    result = run(["train", str(mine), "--with-default-data", "--out", str(tmp_path / "m"), "--cv", "0", "-q"])
    assert result.exit_code == 0, result.output
    assert re.search(r"your 2 example\(s\) are less than 1% of the training data: the cross-validated scores below are "
                     r"mostly the default corpus's", result.output)


def test_train_jobs_fit_the_same_model_in_threads_and_refuse_a_negative_count(tmp_path):
    import numpy as np

    data = write_jsonl(tmp_path / "d.jsonl", make_rows({"rail": RAIL, "bank": BANK, "energy": ENERGY, "none": OTHER},
                                                         n=30))
    models = {}
    for jobs in ("1", "2", "0"):
        out = tmp_path / f"m{jobs}"
        result = run(["train", str(data), "--out", str(out), "--cv", "3", "--jobs", jobs, "-q"])
        assert result.exit_code == 0, result.output
        with np.load(out / "arrays.npz") as arrays:
            models[jobs] = {k: arrays[k] for k in arrays.files}
        meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
        assert meta["params"]["n_jobs"] == int(jobs)
    for jobs in ("2", "0"):
        assert models[jobs].keys() == models["1"].keys()
        for key, value in models["1"].items():
            np.testing.assert_array_equal(models[jobs][key], value)
    result = run(["train", str(data), "--out", str(tmp_path / "bad"), "--jobs", "-1", "-q"])
    assert result.exit_code == 2 and "--jobs" in result.output
    assert not (tmp_path / "bad").exists()


def test_train_reads_headlines_whole_and_articles_by_words_unless_told(tmp_path):
    headlines = [{"text": t, "labels": [l] if l else []} for t, l in [
        ("地铁3号线：首列车今日上线调试", "rail"), ("《城市轨道交通》年报发布 里程再增", "rail"),
        ("高铁站改扩建：明年通车", "rail"), ("轻轨二期 开工", "rail"), ("市域铁路：环评公示", "rail"),
        ("银行：一季度贷款增长12%", "bank"), ("《普惠金融》报告 发布", "bank"), ("农商行 增资扩股", "bank"),
        ("券商：科创板基金获批", "bank"), ("信用社 存款突破百亿", "bank"),
        ("社区义诊：500名居民受益", None), ("《乡村振兴》纪录片 开播", None), ("中学运动会 开幕", None),
        ("暴雨预警：明日出行注意", None), ("图书馆 延长开放时间", None),
    ]]
    short = write_jsonl(tmp_path / "titles.jsonl", headlines)
    articles = [json.loads(line) for name in ("finance.jsonl", "negatives_a.jsonl")
                for line in (AUTHORED / name).read_text(encoding="utf-8").splitlines()[:20]]
    for row in articles:
        row["labels"] = [l for l in row["labels"] if l == "finance"]
    long = write_jsonl(tmp_path / "articles.jsonl", articles)
    for data, args, span in ((short, [], "text"), (long, [], "words"), (short, ["--char-span", "words"], "words")):
        out = tmp_path / f"m-{data.stem}-{len(args)}"
        result = run(["train", str(data), "--out", str(out), "--cv", "0", "--min-examples", "2", "-q", *args])
        assert result.exit_code == 0, result.output
        assert f"character n-grams: {span}" in result.stdout
        meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
        assert meta["params"]["features"]["char_span"] == span
    result = run(["train", str(short), "--out", str(tmp_path / "bad"), "--char-span", "all", "-q"])
    assert result.exit_code == 2 and "--char-span 'all'" in result.output
    assert not (tmp_path / "bad").exists()
    model = tmp_path / "m-titles-0"
    classified = run(["classify", "-", "--model", str(model), "--format", "jsonl"], input=json.dumps({"id": "q", "title": "地铁5号线：明日开通试运营",
                                       "text": "地铁5号线：明日开通试运营，首列车今日上线调试。"}, ensure_ascii=False))
    assert classified.exit_code == 0 and json.loads(classified.stdout)["themes"] == ["rail"], classified.output

"""`zhnews train`, `zhnews classify` and `zhnews evaluate` through the CLI, with real files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.helpers import ENERGY, OTHER, RAIL, make_rows, write_jsonl
from zhnews.cli import app


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    data = write_jsonl(root / "train.jsonl", make_rows({"rail_transit": RAIL, "new_energy": ENERGY, "none": OTHER}))
    out = root / "model"
    result = CliRunner().invoke(app, ["train", str(data), "--out", str(out), "--cv", "3", "--quiet"])
    assert result.exit_code == 0, result.output
    return root, out, result


def run(args, input=None):
    return CliRunner().invoke(app, args, input=input)


def test_train_prints_cv_metrics_and_writes_model(trained):
    root, out, result = trained
    assert "cross-validated (3 folds, stratified)" in result.stdout  # one training file: no grouping
    for label in ("new_energy", "rail_transit"):
        assert label in result.stdout
    assert "thresholds:" in result.stdout
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["labels"] == ["new_energy", "rail_transit"]
    assert meta["training_data"]["examples"] == 30
    assert set(meta["cv_metrics"]) == {"new_energy", "rail_transit"}


def test_classify_jsonl_from_files_and_stdin(trained, tmp_path):
    root, model, _ = trained
    page = tmp_path / "page.txt"
    page.write_text("地铁5号线开通运营\n\n地铁5号线今天开通运营，列车最高时速80公里，全线设20座车站。\n", encoding="utf-8")
    result = run(["classify", str(page), "--model", str(model), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rec = json.loads(result.stdout.splitlines()[0])
    assert set(rec) == {"id", "title", "themes", "scores", "why", "thresholds"}
    assert set(rec["thresholds"]) == set(rec["scores"])
    assert rec["themes"] == ["rail_transit"]
    assert set(rec["scores"]) == {"new_energy", "rail_transit"}
    assert rec["why"]["rail_transit"]

    stdin = json.dumps({"id": "x1", "title": "菊花展开幕", "text": "市民公园举办菊花展，游客3万人次。展期30天，市民纷纷前来观赏。社区居民还组织了合唱表演。"}, ensure_ascii=False)
    result = run(["classify", "-", "--model", str(model), "--format", "json"], input=stdin + "\n")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert items[0]["id"] == "x1" and items[0]["themes"] == []


def test_classify_csv_table_and_threshold(trained, tmp_path):
    root, model, _ = trained
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "title": "光伏电站并网", "text": "光伏电站装机50万千瓦，储能电池20组。新能源汽车充电桩新增300个。风电项目并网发电。"},
        {"id": "b", "title": "运动会", "text": "中学举行运动会，300名学生参加。比赛持续两天。家长们到场加油助威。"},
    ])
    result = run(["classify", str(src), "--model", str(model), "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in table] == ["a", "b"]
    assert table[0]["themes"] == "new_energy"
    assert {"score:new_energy", "score:rail_transit", "why"} <= set(table[0])

    result = run(["classify", str(src), "--model", str(model), "--threshold", "0"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # The cut-offs in use head the table; at 0 every score reaches its theme's.
    assert lines[0].startswith("thresholds: ") and lines[0].count("0.00") == 2
    assert lines[1].startswith("id")
    assert len(lines) == 4 and all("轨道交通" in l and "new_energy" in l and l.count("*") == 2 for l in lines[2:])

    assert run(["classify", str(src), "--model", str(model), "--threshold", "2"]).exit_code == 2


def test_classify_with_missing_or_corrupt_model_exits_3(trained, tmp_path):
    root, model, _ = trained
    page = tmp_path / "p.txt"
    page.write_text("地铁开通运营", encoding="utf-8")
    result = run(["classify", str(page), "--model", str(tmp_path / "none")])
    assert result.exit_code == 3
    assert "no model folder" in result.output
    broken = tmp_path / "broken"
    broken.mkdir()
    for f in model.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "arrays.npz").write_bytes(b"PK\x03\x04 truncated")
    result = run(["classify", str(page), "--model", str(broken)])
    assert result.exit_code == 3
    assert "checksum" in result.output


def test_train_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "地铁", "labels": ["rail_transit"]}\n{"text": "", "labels": []}\n', encoding="utf-8")
    result = run(["train", str(bad), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "bad.jsonl:2: empty text" in result.output
    assert not (tmp_path / "m").exists()

    few = write_jsonl(tmp_path / "few.jsonl", make_rows({"rail_transit": RAIL, "none": OTHER}, n=3))
    result = run(["train", str(few), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "'rail_transit' has only 3 example" in result.output


def test_failed_training_keeps_old_model(trained, tmp_path):
    root, model, _ = trained
    before = {f.name: f.read_bytes() for f in model.iterdir()}
    one_class = write_jsonl(tmp_path / "one.jsonl", make_rows({"rail_transit": RAIL}))
    result = run(["train", str(one_class), "--out", str(model)])
    assert result.exit_code == 2
    assert "one class only" in result.output
    assert {f.name: f.read_bytes() for f in model.iterdir()} == before


def test_train_refuses_to_replace_a_foreign_folder(tmp_path):
    data = write_jsonl(tmp_path / "t.jsonl", make_rows({"rail_transit": RAIL, "none": OTHER}))
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run(["train", str(data), "--out", str(precious), "--cv", "0"])
    assert result.exit_code == 2
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_train_from_label_folders_with_default_data(tmp_path):
    from zhnews.shipped import default_training_dir

    if not any(default_training_dir().rglob("*.jsonl")):
        pytest.skip("no shipped training corpus")
    folders = tmp_path / "mine"
    (folders / "new_energy").mkdir(parents=True)
    for i, t in enumerate(make_rows({"new_energy": ENERGY}, n=8)):
        (folders / "new_energy" / f"{i}.txt").write_text(t["text"], encoding="utf-8")
    out = tmp_path / "m"
    result = run(["train", str(folders), "--with-default-data", "--out", str(out), "--cv", "0", "--quiet"])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert "new_energy" in meta["labels"] and "rail_transit" in meta["labels"]
    assert "new label(s) new_energy" in result.output


def test_evaluate_report_json_and_plot(trained, tmp_path):
    pytest.importorskip("matplotlib")
    root, model, _ = trained
    held = write_jsonl(tmp_path / "held.jsonl", [
        {"text": "地铁9号线开通运营，列车最高时速90公里。", "labels": ["rail_transit"]},
        {"text": "光伏电站装机80万千瓦。", "labels": ["new_energy"]},
        {"text": "博物馆展出文物300件。", "labels": []},
        {"text": "地铁站旁建起光伏电站，储能电池20组。", "labels": ["new_energy", "rail_transit"]},
        {"text": "社区义诊。", "labels": ["finance"]},
    ])
    plot = tmp_path / "conf.png"
    # A label the model does not know would be scored as never found: refused, naming it.
    result = run(["evaluate", str(held), "--model", str(model), "--plot", str(plot)])
    assert result.exit_code == 3, result.output
    assert "finance" in result.output and "does not know" in result.output and not plot.exists()

    lines = held.read_text(encoding="utf-8").splitlines()
    held.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    result = run(["evaluate", str(held), "--model", str(model), "--plot", str(plot)])
    assert result.exit_code == 0, result.output
    assert "micro avg" in result.stdout and "macro avg" in result.stdout
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    result = run(["evaluate", str(held), "--model", str(model), "--format", "json"])
    report = json.loads(result.stdout)
    by_label = {s["label"]: s for s in report["labels"]}
    assert set(by_label) == {"new_energy", "rail_transit"}
    for s in by_label.values():
        assert s["tp"] + s["fp"] + s["fn"] + s["tn"] == 4
    assert by_label["rail_transit"]["support"] == 2


def test_train_options_reach_the_model(tmp_path):
    data = write_jsonl(tmp_path / "train.jsonl", make_rows({"rail_transit": RAIL, "none": OTHER}))
    out = tmp_path / "model"
    result = run(["train", str(data), "--out", str(out), "--cv", "0", "--C", "2.5", "--nb-alpha", "0", "-q"])
    assert result.exit_code == 0, result.output
    params = json.loads((out / "meta.json").read_text(encoding="utf-8"))["params"]
    assert (params["C"], params["nb_alpha"]) == (2.5, 0.0)


def test_training_from_several_files_groups_the_folds_by_file(tmp_path):
    rows = make_rows({"rail_transit": RAIL, "none": OTHER}, n=12)
    folder = tmp_path / "data"
    folder.mkdir()
    for k in range(3):
        write_jsonl(folder / f"part{k}.jsonl", rows[k::3])
    result = run(["train", str(folder), "--out", str(tmp_path / "m"), "--cv", "3", "-q"])
    assert result.exit_code == 0, result.output
    assert "cross-validated (3 folds, grouped by file)" in result.stdout


@pytest.mark.parametrize("text, title", [
    # The body's first sentence names the record, its dateline removed, as the digest names it.
    ("本报讯 地铁3号线今日开通。全线设站20座，运营里程30公里。", "地铁3号线今日开通。"),
    # A quotation's full stop does not end the first sentence.
    ("\n  “线路已经全部贯通。列车年底试运行”，市轨道办负责人说。站点同步建设。", "“线路已经全部贯通。列车年底试运行”，市轨道办负责人说。"),
])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_classify_names_an_untitled_record_by_its_first_sentence(trained, tmp_path, text, title, jobs):
    _, model, _ = trained
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "u", "text": text}, {"id": "v", "text": "高铁站扩建工程开工，总投资12亿元。"}])
    result = run(["classify", str(src), "--model", str(model), "--format", "jsonl", "--jobs", jobs])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["title"] for r in rows] == [title, "高铁站扩建工程开工，总投资12亿元。"]

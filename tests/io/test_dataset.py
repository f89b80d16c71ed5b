"""Reading and checking labelled data: formats, and errors naming file and line."""

from __future__ import annotations

import json

import pytest

from tests.helpers import write_jsonl
from zhnews.errors import UsageError
from zhnews.io.dataset import load_dataset, validate


def rows(n_rail=6, n_none=6):
    out = [{"id": f"r{i}", "title": f"地铁{i}号线开通", "text": f"列车时速{i}0公里", "labels": ["rail_transit"]}
           for i in range(n_rail)]
    out += [{"id": f"n{i}", "title": f"公园花展{i}", "text": f"游客{i}万人", "labels": []} for i in range(n_none)]
    return out


def test_jsonl_csv_tsv_and_label_folders(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", rows(2, 1))
    (tmp_path / "b.csv").write_text("text,labels\n银行贷款,finance|rail_transit\n花展,\n", encoding="utf-8")
    (tmp_path / "c.tsv").write_text("title\ttext\tlabel\n标题\t保险理赔\tfinance\n", encoding="utf-8")
    folders = tmp_path / "folders"
    (folders / "new_energy").mkdir(parents=True)
    (folders / "_none").mkdir()
    (folders / "new_energy" / "1.txt").write_text("光伏电站并网", encoding="utf-8")
    (folders / "_none" / "2.txt").write_text("菊花展开幕", encoding="utf-8")

    data = load_dataset([tmp_path / "a.jsonl", tmp_path / "b.csv", tmp_path / "c.tsv", folders])
    assert [e.labels for e in data.examples] == [
        ["rail_transit"], ["rail_transit"], [], ["finance", "rail_transit"], [], ["finance"], [], ["new_energy"]]
    assert data.examples[5].full_text == "标题\n保险理赔"
    assert data.examples[3].where.endswith("b.csv:2")


def test_folder_of_jsonl_is_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    write_jsonl(tmp_path / "top.jsonl", rows(1, 0))
    write_jsonl(tmp_path / "sub" / "deep.jsonl", rows(0, 1))
    data = load_dataset([tmp_path])
    assert len(data) == 2


def test_text_is_normalised_to_simplified(tmp_path):
    write_jsonl(tmp_path / "t.jsonl", [{"text": "銀行貸款", "labels": ["finance"]}])
    assert load_dataset([tmp_path / "t.jsonl"]).examples[0].text == "银行贷款"


@pytest.mark.parametrize(
    "line, message",
    [
        ("{bad json", "t.jsonl:2: invalid JSON"),
        (json.dumps({"title": "x", "labels": []}), "t.jsonl:2: missing or non-string field `text`"),
        (json.dumps({"text": "  ", "labels": []}), "t.jsonl:2: empty text"),
        (json.dumps({"text": "地铁"}), "t.jsonl:2: missing field `labels`"),
        (json.dumps({"text": "地铁", "labels": [1]}), "t.jsonl:2: `labels` must be"),
        (json.dumps({"text": "地铁", "labels": ["rail transit"]}), "t.jsonl:2: invalid label"),
    ],
)
def test_bad_records_name_file_and_line(tmp_path, line, message):
    (tmp_path / "t.jsonl").write_text(json.dumps(rows(1, 0)[0]) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match=message.replace("`", "`").replace("(", r"\(")):
        load_dataset([tmp_path / "t.jsonl"])


def test_csv_without_label_column_is_refused(tmp_path):
    (tmp_path / "x.csv").write_text("text,category\n银行,finance\n", encoding="utf-8")
    with pytest.raises(UsageError, match="x.csv:1: the header needs"):
        load_dataset([tmp_path / "x.csv"])


def test_validate_label_counts_and_single_class(tmp_path):
    data = load_dataset([write_jsonl(tmp_path / "t.jsonl", rows(3, 6))])
    with pytest.raises(UsageError, match="'rail_transit' has only 3 example"):
        validate(data, min_examples=5)
    only = load_dataset([write_jsonl(tmp_path / "o.jsonl", rows(6, 0))])
    with pytest.raises(UsageError, match="one class only"):
        validate(only)
    none = load_dataset([write_jsonl(tmp_path / "n.jsonl", rows(0, 6))])
    with pytest.raises(UsageError, match="no example has a label"):
        validate(none)


def test_validate_unknown_label(tmp_path):
    data = load_dataset([write_jsonl(tmp_path / "t.jsonl", rows())])
    with pytest.raises(UsageError, match=r"t.jsonl:1: unknown label 'rail_transit'"):
        validate(data, labels=["finance"])


def test_duplicates_and_contradictions_are_warned_and_dropped(tmp_path):
    base = rows()
    extra = [dict(base[0], id="dup"), dict(base[1], id="contra", labels=["finance"])]
    data = validate(load_dataset([write_jsonl(tmp_path / "t.jsonl", base + extra)]))
    ids = [e.id for e in data.examples]
    assert "dup" not in ids and "contra" not in ids and "r1" not in ids
    assert "r0" in ids
    assert any("t.jsonl:13: duplicate of" in w and "t.jsonl:1" in w for w in data.warnings)
    assert any("t.jsonl:14: same text as" in w for w in data.warnings)


def test_hash_depends_on_content_only(tmp_path):
    a = load_dataset([write_jsonl(tmp_path / "a.jsonl", rows())])
    b = load_dataset([write_jsonl(tmp_path / "b.jsonl", rows())])
    assert a.sha256() == b.sha256()
    changed = rows()
    changed[0]["labels"] = []
    assert load_dataset([write_jsonl(tmp_path / "c.jsonl", changed)]).sha256() != a.sha256()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("open-quote.csv", 'text,labels\n长沙地铁开通,rail_transit\n"银行贷款,finance\n园区签约,parks\n',
         r"open-quote.csv:3: bad CSV row .*quote left open"),
        ("long.jsonl", '{"text": "长沙地铁开通", "labels": []}\n' * 50, r"long.jsonl:\d+: the training data passes 500 "),
        ("one-line.jsonl", '{"text": "' + "长沙" * 400 + '", "labels": []}\n', r"one-line.jsonl:1: the training data passes"),
    ],
)
def test_bad_or_oversized_training_files_stop_at_their_line(tmp_path, name, content, message):
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_dataset([tmp_path / name], max_chars=500)

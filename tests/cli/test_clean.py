import json

from typer.testing import CliRunner

from zhnews.cli import app

runner = CliRunner()
BODY = "成都轨道交通集团4月2日宣布,地铁19号线二期工程完成全部铺轨。该线路全长43公里,设站12座,计划年内开通试运营。"


def test_clean_seeds_as_text(seeds_dir):
    result = runner.invoke(app, ["clean", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.count("=== ") >= 11
    assert "株洲市先进轨道交通装备产业链建设推进大会召开" in out
    assert "版权声明" not in out and "当前位置" not in out


def test_clean_jsonl_fields(seeds_dir):
    result = runner.invoke(app, ["clean", str(seeds_dir), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"id", "title", "text", "sentences", "source", "encoding"} <= set(rows[0])
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["sentences"] and "".join(r["sentences"]).replace("\n", "") for r in rows)


def test_clean_reads_stdin_jsonl():
    line = json.dumps({"id": "s1", "title": "标题", "text": BODY}, ensure_ascii=False)
    result = runner.invoke(app, ["clean", "-", "-f", "jsonl"], input=line + "\n")
    assert result.exit_code == 0, result.output
    [row] = [json.loads(x) for x in result.stdout.splitlines()]
    assert row["id"] == "s1" and row["text"] == BODY


def test_clean_reads_gbk_stdin_text():
    result = runner.invoke(app, ["clean", "-"], input=("地铁完工\n" + BODY).encode("gbk"))
    assert result.exit_code == 0
    assert BODY in result.stdout and "gb18030" in result.stdout


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    result = runner.invoke(app, ["clean", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_skipped_input_gives_exit_1_and_error_report(tmp_path):
    (tmp_path / "good.txt").write_text("地铁完工\n" + BODY, encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": ""}\n', encoding="utf-8")
    report = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["clean", str(tmp_path), "--errors", str(report)])
    assert result.exit_code == 1
    assert BODY in result.stdout
    assert "bad.jsonl:1: empty text" in result.stderr
    [problem] = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
    assert problem["line"] == 1 and problem["reason"] == "empty text"


def test_help_teaches_by_example():
    result = runner.invoke(app, ["clean", "--help"])
    assert result.exit_code == 0
    assert "zhnews clean seeds/" in result.stdout and "--format" in result.stdout
    top = runner.invoke(app, ["--help"])
    assert "Exit codes" in top.stdout and "digest" in top.stdout


def test_a_row_wrapped_by_its_export_keeps_its_lead(tmp_path):
    # A SogouC-style row: no title, paragraphs indented with 　　, long lines wrapped at a space.
    # The wrapped first line used to become the title and the rest of its sentence a heading.
    text = ("本报讯\u3000（记者王京）记者昨天从英特尔公司证实，英特尔将统一台式机和笔记本CPU品牌，现有的Pentium \n"
            "4（奔腾4）与Core Duo（酷睿）将被“Core 2 \nDuo”（酷睿2双核）取代，新品牌预计从今年3季度开始使用。\n"
            "\u3000\u3000英特尔相关人士告诉记者，两款新处理器均采用新一代Core微架构，结束了产品品牌混乱的局面。\n"
            "\u3000\u3000该人士表示，今后一段时间内英特尔还将向市场提供“奔腾”系列的产品。")
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": "w1", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert not row["title"].endswith("Pentium"), row["title"]
    assert "现有的Pentium 4（奔腾4）与Core Duo（酷睿）将被“Core 2 Duo”（酷睿2双核）取代" in row["text"]
    summarized = runner.invoke(app, ["summarize", str(path), "--format", "jsonl", "--chars", "120"])
    assert summarized.exit_code == 0, summarized.output
    assert "英特尔将统一台式机和笔记本CPU品牌" in "".join(json.loads(summarized.stdout)["summary"])

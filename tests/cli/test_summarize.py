import json

from typer.testing import CliRunner

from tests.helpers import jsonl
from zhnews.cli import app

runner = CliRunner()
TITLE = "成都地铁19号线二期完成铺轨"
BODY = (
    "成都轨道交通集团4月2日宣布，地铁19号线二期工程完成全部铺轨。\n"
    "该线路全长43公里，设站12座，计划年内开通试运营。\n"
    "19号线二期开通后，天府国际机场到市区的地铁时间将缩短到40分钟。\n"
    "集团负责人介绍，二期工程铺轨完成后将进入设备安装和联调联试阶段。"
)


def test_jsonl_through_stdin_gives_jsonl_out():
    data = jsonl({"id": "a1", "title": TITLE, "text": BODY}, {"id": "a2", "title": "", "text": BODY.replace("成都", "重庆")})
    result = runner.invoke(app, ["summarize", "-", "-n", "2", "--format", "jsonl"], input=data)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert set(rows[0]) == {"id", "title", "summary", "keywords"}
    assert rows[0]["title"] == TITLE
    assert all(len(r["summary"]) == 2 and all(s in BODY.replace("成都", "重庆") or s in BODY for s in r["summary"]) for r in rows)
    assert rows[0]["keywords"] and "地铁" in rows[0]["keywords"]
    assert result.stderr == ""


def test_text_file_with_character_budget(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(TITLE + "\n" + BODY, encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(path), "--chars", "40", "-f", "json"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["summary"] and sum(len(s) for s in row["summary"]) <= 40


def test_ratio_and_readable_text(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl({"id": "r1", "title": TITLE, "text": BODY}), encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(path), "--ratio", "0.5"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("=== r1 | " + TITLE)
    assert "keywords:" in result.stdout


def test_two_lengths_is_a_usage_error():
    result = runner.invoke(app, ["summarize", "-", "-n", "2", "--chars", "80"], input=jsonl({"id": "x", "text": BODY}))
    assert result.exit_code == 2
    assert "one summary length" in result.stderr and "Traceback" not in result.output


def test_progress_goes_to_stderr_and_lead_method(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl(*({"id": f"n{i}", "text": BODY} for i in range(3))), encoding="utf-8")
    result = runner.invoke(
        app, ["summarize", str(path), "--progress", "--method", "lead", "-n", "1", "-k", "0", "-f", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["summary"] for r in rows] == [[BODY.splitlines()[0]]] * 3
    assert all(r["keywords"] == [] for r in rows)
    assert "summarized 3 articles" in result.stderr


def test_unknown_method_and_missing_file(tmp_path):
    result = runner.invoke(app, ["summarize", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    result = runner.invoke(app, ["summarize", "-", "--method", "magic"], input=jsonl({"id": "x", "text": BODY}))
    # The choices come from the summarizer registry.
    assert result.exit_code == 2 and "magic" in result.stderr and "'textrank', 'lead'" in result.stderr

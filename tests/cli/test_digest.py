"""`zhnews digest` end to end with the shipped model: formats, dates, reprints, escaping, safe writes."""

import json
import re

import pytest
from typer.testing import CliRunner

from tests.helpers import write_jsonl
from zhnews.cli import app

RAIL = (
    "西安地铁8号线今日全线贯通运营。这是西安首条环线地铁,全长约50公里,设车站37座,与既有线路换乘站多达17座。"
    "市轨道交通集团表示,新线开通后,全市地铁运营里程将超过400公里,日均客流有望突破400万人次。"
    "列车采用全自动运行系统,最高时速100公里。"
)
RAIL_REPRINT = (
    "【转载】西安地铁8号线今日全线贯通运营。这是西安首条环线地铁,全长约50公里,设车站37座,与既有线路换乘站多达17座。"
    "市轨道交通集团表示,新线开通后,全市地铁运营里程将超过400公里,日均客流有望突破400万人次。"
)
BANK = (
    "人民银行温州市中心支行近日召开小微企业金融服务座谈会。会上,辖内12家银行与48家小微企业现场签约,"
    "授信总额达36亿元。今年以来,全市普惠小微贷款余额同比增长21.3%,贷款加权平均利率下降0.4个百分点。"
)
SCHOOL = "本市今年秋季新增公办学位1.2万个,新建改扩建中小学18所。市教育局表示,将继续推进集团化办学,缩小校际差距。"
EVIL = "<script>alert('x')</script>"


@pytest.fixture()
def day(tmp_path):
    rows = [
        {"id": "rail", "title": "西安地铁8号线全线贯通", "text": RAIL, "date": "2026-11-30", "source": "西安日报"},
        {"id": "rail2", "title": "西安地铁8号线贯通", "text": RAIL_REPRINT, "date": "2026-11-30", "source": "华商网"},
        {"id": "bank", "title": "温州银企对接签约36亿元", "text": BANK, "date": "2026-11-30", "source": "温州日报"},
        {"id": "school", "title": "秋季新增学位1.2万个", "text": SCHOOL, "date": "2026-11-29", "source": "晚报"},
    ]
    return write_jsonl(tmp_path / "day.jsonl", rows)


def run(*args, input=None):
    return CliRunner().invoke(app, ["digest", *map(str, args)], input=input)


def test_seeds_html_digest_has_every_theme_section_and_the_seed_stories(seeds_dir, tmp_path):
    out = tmp_path / "digest.html"
    result = run(seeds_dir, "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    for theme in ("rail_transit", "finance", "parks", "digitization"):
        assert f'id="theme-{theme}"' in page
    rail = page.split('id="theme-rail_transit"')[1].split("</section>")[0]
    assert "株洲市先进轨道交通装备产业链建设推进大会召开" in rail
    # Self-contained: nothing fetched from elsewhere, no scripts of ours.
    assert not re.search(r"<script|<link|src=|@import|url\(", page)
    assert "written to" in result.stderr


def test_format_follows_the_extension_and_json_carries_the_structure(day, tmp_path):
    md, js = tmp_path / "d.md", tmp_path / "d.json"
    assert run(day, "-o", md).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# 每日简报")
    assert run(day, "-o", js).exit_code == 0
    data = json.loads(js.read_text(encoding="utf-8"))
    assert [t["id"] for t in data["themes"]] == ["rail_transit", "finance", "parks", "digitization"]
    by_theme = {t["id"]: [i["id"] for i in t["items"]] for t in data["themes"]}
    assert by_theme["rail_transit"] == ["rail"]
    assert by_theme["finance"] == ["bank"]
    assert [i["id"] for i in data["other"]] == ["school"]
    assert data["counts"]["rail_transit"] == 1


def test_reprint_from_another_source_is_shown_once_listing_that_source(day, tmp_path):
    js = tmp_path / "d.json"
    assert run(day, "-o", js).exit_code == 0
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["n_input"] == 4 and data["n_duplicates"] == 1
    rail = data["themes"][0]["items"][0]
    assert rail["source"] == "西安日报"
    assert [r["source"] for r in rail["reprints"]] == ["华商网"]
    md = run(day, "--format", "md").stdout
    rail_section = md.split("## 轨道交通")[1].split("\n## ")[0]
    assert rail_section.count("### ") == 1
    assert "西安地铁8号线贯通" not in md
    assert "另见 华商网" in md


def test_date_keeps_only_that_day(day):
    data = json.loads(run(day, "--format", "json", "--date", "2026-11-29").stdout)
    assert data["date"] == "2026-11-29"
    assert data["n_input"] == 1
    assert [i["id"] for i in data["other"]] == ["school"]
    assert all(not t["items"] for t in data["themes"])


def test_format_option_overrides_the_extension_and_stdout_is_markdown_by_default(day, tmp_path):
    out = tmp_path / "digest.txt"
    assert run(day, "-o", out, "--format", "html").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    result = run(day)
    assert result.exit_code == 0
    assert result.stdout.startswith("# 每日简报")


def test_stdin_jsonl(day):
    result = run("-", "--format", "json", input=day.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n_input"] == 4


def test_article_markup_is_escaped_in_html_and_markdown(tmp_path):
    src = write_jsonl(tmp_path / "evil.jsonl", [{"id": "e", "title": "地铁" + EVIL, "text": RAIL + EVIL}])
    out = tmp_path / "d.html"
    assert run(src, "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    md = run(src, "--format", "md").stdout
    assert "<script>" not in md and r"\<script\>" in md


@pytest.mark.parametrize(
    "args, code",
    [
        (["--model", "{tmp}/no-such-model"], 3),
        (["--date", "yesterday"], 2),
        (["-o", "{tmp}/digest.docx"], 2),
        (["--dedupe", "0"], 2),
    ],
)
def test_failed_run_leaves_the_previous_digest_untouched(day, tmp_path, args, code):
    out = tmp_path / "digest.html"
    out.write_text("yesterday's digest", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run(day, "-o", out, *args) if "-o" not in args else run(day, *args)
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("zhnews: error:")
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "yesterday's digest"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["day.jsonl", "digest.html"]


def test_nothing_readable_is_an_error_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    out = tmp_path / "digest.html"
    result = run(empty, "-o", out)
    assert result.exit_code == 2
    assert "no articles" in result.stderr
    assert not out.exists()


def test_a_bad_file_costs_only_itself(day, tmp_path):
    (tmp_path / "broken.txt").write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    out = tmp_path / "out" / "digest.json"
    errors = tmp_path / "errors.jsonl"
    result = run(day, tmp_path / "broken.txt", "-o", out, "--errors", errors)
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["n_input"] == 4
    assert json.loads(errors.read_text(encoding="utf-8").splitlines()[0])["source"].endswith("broken.txt")


def test_help_teaches_by_example():
    result = CliRunner().invoke(app, ["digest", "--help"])
    assert result.exit_code == 0
    assert "zhnews digest seeds/ -o digest.html" in result.stdout
    assert "--date" in result.stdout

"""Daily use without surprises: counts that add up, validation before output, fidelity, reprints."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.helpers import SEEDS, write_jsonl
from zhnews.cli import app
from zhnews.text.normalize import to_simplified

runner = CliRunner()


def test_the_digest_counts_add_up_and_say_the_same_everywhere(tmp_path):
    out = tmp_path / "d.md"
    result = runner.invoke(app, ["digest", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(runner.invoke(app, ["digest", str(SEEDS), "--format", "json"]).stdout)
    listed = sum(len(t["items"]) for t in data["themes"]) + len(data["other"])
    total = int(result.stderr.split("digest of ")[1].split(" stories")[0])
    assert listed == total
    md = out.read_text(encoding="utf-8")
    for theme in data["themes"]:
        elsewhere = data["counts"][theme["id"]] - len(theme["items"])
        if elsewhere:
            assert f"{theme['id']} {data['counts'][theme['id']]} ({elsewhere} of them listed under another theme)" \
                in result.stderr
            assert f"其中 {elsewhere} 篇列于其他主题下" in md and f"另有 {elsewhere} 篇兼涉" in md


def test_a_mistyped_folder_fails_before_any_output():
    result = runner.invoke(app, ["classify", "seed/"])
    assert result.exit_code == 2
    assert result.stdout == "" and "seed/: no such file or folder" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["digest", str(SEEDS), "--date", "2026-11-31"], "is not a date"),
        (["digest", str(SEEDS), "--date", "2026-02-30"], "is not a date"),
        (["clean", str(SEEDS), "--encoding", "gbkk"], "is not an encoding"),
        (["classify", str(SEEDS), "--encoding", "gbkk"], "is not an encoding"),
    ],
)
def test_bad_option_values_are_usage_errors(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and message in result.stderr
    assert result.stderr.count("zhnews:") == 1  # one line, not one per file


def test_csv_headers_as_excel_writes_them(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("ID,Title,Text\nc1,地铁6号线开通,长沙地铁6号线东延段今日开通运营，新线全长约10公里，设站4座。\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)
    assert (row["id"], row["title"]) == ("c1", "地铁6号线开通")


def test_the_error_report_gives_source_line_and_reason_their_own_fields(tmp_path):
    data = write_jsonl(tmp_path / "in.jsonl", [{"id": "ok", "text": "长沙地铁6号线东延段今日开通运营，新线全长约10公里。"},
                                              {"id": "en", "text": "Home | About | Contact"}])
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["classify", str(data), "--errors", str(errors)])
    assert result.exit_code == 1
    [problem] = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert problem["source"] == str(data) and problem["line"] == 2 and "Chinese" in problem["reason"]


def test_reading_zhnewss_own_cleaned_output_gives_the_same_articles(tmp_path):
    cleaned = runner.invoke(app, ["clean", str(SEEDS), "--format", "jsonl"]).stdout
    piped = runner.invoke(app, ["classify", "-", "--format", "jsonl"], input=cleaned).stdout
    direct = runner.invoke(app, ["classify", str(SEEDS), "--format", "jsonl"]).stdout
    strip = lambda text: [(r["title"], r["themes"], r["scores"]) for r in map(json.loads, text.splitlines())]  # noqa: E731
    assert strip(piped) == strip(direct)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("首批覆盖城市·测试", "首批覆盖城市·测试"),  # simplified with a middle dot: untouched
        ("张江·人工智能岛覆盖5G网络", "张江·人工智能岛覆盖5G网络"),
        ("臺灣積體電路製造公司高雄廠動工", "台湾集成电路制造公司高雄厂动工"),
        ("中國經濟\n首批覆盖城市·测试", "中国经济\n首批覆盖城市·测试"),  # a traditional line does not convert its neighbour
    ],
)
def test_only_traditional_text_is_converted(text, expected):
    assert to_simplified(text) == expected


def test_simplified_seed_text_is_byte_identical():
    for path in SEEDS.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if all("\u4e00" > c or c > "\u9fff" or to_simplified(c) == c for c in line):
                assert to_simplified(line) == line


def test_a_reprint_never_lists_its_own_outlet_and_the_agency_is_the_original(tmp_path):
    body = ("新华社北京11月30日电 国家发展改革委30日发布消息，今年前10个月全国铁路完成固定资产投资6500亿元，同比增长8.1%。"
            "据介绍，川藏铁路、沿江高铁等重大项目建设有序推进，年内还将开通新线2000公里以上。")
    rows = [
        {"id": "portal", "title": "前10月全国铁路投资6500亿元", "text": body + "免责声明：本文转载自新华社。", "source": "新浪财经"},
        {"id": "agency", "title": "前10月全国铁路投资6500亿元", "text": body, "source": "新华社"},
        {"id": "again", "title": "前10月全国铁路投资6500亿元", "text": body + "（本网编辑）", "source": "新华社"},
    ]
    result = runner.invoke(app, ["digest", "-", "--format", "json"], input="".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    data = json.loads(result.stdout)
    [item] = [i for t in data["themes"] for i in t["items"]] + data["other"]
    assert item["source"] == "新华社"
    assert [r["source"] for r in item["reprints"]] == ["新浪财经"]


def test_an_untitled_record_is_titled_without_its_station_ident():
    row = {"id": "u", "text": "央视网消息（新闻联播）：国务院常务会议今天召开，部署推进新型城镇化建设。会议指出，要加快农业转移人口市民化。"}
    result = runner.invoke(app, ["digest", "-", "--format", "json"], input=json.dumps(row, ensure_ascii=False))
    data = json.loads(result.stdout)
    [item] = [i for t in data["themes"] for i in t["items"]] + data["other"]
    assert item["title"].startswith("国务院常务会议今天召开")


def test_an_html_page_is_shown_under_its_site_name(tmp_path):
    page = tmp_path / "a1b2c3.html"
    page.write_text(
        "<html><head><title>株洲高新区与13家银行签约授信960亿元_株洲新闻网</title>"
        "<meta property='og:site_name' content='株洲新闻网'></head><body><h1>株洲高新区与13家银行签约授信960亿元</h1>"
        "<div><p>11月28日，株洲高新区与13家银行签订全面战略合作协议，授信总额达960亿元，重点支持园区轨道交通装备、"
        "新能源汽车等产业项目建设。</p><p>根据协议，各银行将在未来五年内为园区企业提供项目贷款、供应链金融和科技信贷等服务。"
        "</p></div></body></html>", encoding="utf-8")
    data = json.loads(runner.invoke(app, ["digest", str(page), "--format", "json"]).stdout)
    [item] = [i for t in data["themes"] for i in t["items"]] + data["other"]
    assert item["source"] == "株洲新闻网"


def test_long_commands_report_progress_when_asked_and_stay_quiet_otherwise(tmp_path):
    rows = [{"id": f"n{i}", "text": f"长沙地铁{i}号线今日开通运营，新线全长约{10 + i}公里，设站{4 + i}座。"} for i in range(3)]
    data = write_jsonl(tmp_path / "in.jsonl", rows)
    for command, verb in (("classify", "classified"), ("summarize", "summarized")):
        shown = runner.invoke(app, [command, str(data), "--progress", "-f", "jsonl"])
        assert f"zhnews: {verb} 3 articles" in shown.stderr, shown.stderr
        assert len(shown.stdout.splitlines()) == 3
        quiet = runner.invoke(app, [command, str(data), "-f", "jsonl"])  # not a terminal: nothing on stderr
        assert quiet.stderr == ""
        silenced = runner.invoke(app, [command, str(data), "--progress", "--quiet", "-f", "jsonl"])
        assert silenced.stderr == ""


def test_csv_on_stdin_is_recognised_by_its_header_and_any_input_can_be_forced(tmp_path):
    csv_text = "id,title,text\nc1,地铁开通,长沙地铁6号线东延段今日开通运营，新线全长约10公里。\n"
    result = runner.invoke(app, ["clean", "-", "--format", "jsonl"], input=csv_text)
    assert json.loads(result.stdout)["id"] == "c1"
    jsonl_in_txt = tmp_path / "rows.txt"
    jsonl_in_txt.write_text('{"id": "j1", "text": "长沙地铁6号线东延段今日开通运营，新线全长约10公里。"}\n', encoding="utf-8")
    result = runner.invoke(app, ["classify", str(jsonl_in_txt), "--input-format", "jsonl", "--format", "jsonl"])
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "j1"
    result = runner.invoke(app, ["clean", str(jsonl_in_txt), "--input-format", "xml"])
    assert result.exit_code == 2


@pytest.mark.parametrize("command", ["classify", "summarize"])
def test_keep_skipped_keeps_the_input_rows_in_order(tmp_path, command):
    rows = [{"id": "a", "text": "长沙地铁6号线东延段今日开通运营，新线全长约10公里。"},
            {"id": "b", "text": "Home | About | Contact"},
            {"id": "c", "text": "株洲高新区与13家银行签订战略合作协议，授信总额960亿元。"}]
    data = write_jsonl(tmp_path / "in.jsonl", rows)
    result = runner.invoke(app, [command, str(data), "--keep-skipped", "-f", "jsonl"])
    assert result.exit_code == 1  # the skip is still reported
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["a", "b", "c"]
    assert out[1]["line"] == 2 and "Chinese" in out[1]["error"] and "error" not in out[0]
    refused = runner.invoke(app, [command, str(data), "--keep-skipped"])
    assert refused.exit_code == 2 and "--format jsonl or json" in refused.stderr


def test_a_user_dictionary_keeps_its_words_whole_and_names_its_bad_lines(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# local names\n清水塘新城 3000 ns\n", encoding="utf-8")
    row = {"id": "k", "title": "清水塘新城招商签约", "text": "石峰区清水塘新城昨日集中签约项目12个，清水塘新城将打造生态科技产业新城。"}
    result = runner.invoke(app, ["summarize", "-", "--user-dict", str(words), "-f", "jsonl"],
                           input=json.dumps(row, ensure_ascii=False))
    assert result.exit_code == 0, result.output
    assert "清水塘新城" in json.loads(result.stdout)["keywords"]
    bad = tmp_path / "bad.txt"
    bad.write_text("清水塘新城 3000 ns\n株洲 3x\n", encoding="utf-8")
    result = runner.invoke(app, ["classify", "-", "--user-dict", str(bad)], input=json.dumps(row, ensure_ascii=False))
    assert result.exit_code == 2 and f"{bad}:2:" in result.stderr


def test_keywords_keep_names_whole():
    row = {"id": "n", "text": "市委副书记胡长春出席会议。台积电高雄厂和百济神州签约。胡长春强调，要加快数字化建设。"}
    result = runner.invoke(app, ["summarize", "-", "-k", "8", "-f", "jsonl"], input=json.dumps(row, ensure_ascii=False))
    found = json.loads(result.stdout)["keywords"]
    assert "胡长春" in found and "长春" not in found
    assert "台积电" in found and "百济神州" in found and "台积" not in found


@pytest.mark.parametrize(
    "traditional, simplified",
    [
        ("台積電高雄廠2奈米製程明年量產，積體電路產值創新高。", "台积电高雄厂2纳米制程明年量产，集成电路产值创新高。"),
        ("工研院發表新一代軟體平台，協助中小企業數位轉型。", "工研院发表新一代软件平台，协助中小企业数字转型。"),
        ("香港科技園公司宣布，資料中心明年啟用，支援人工智慧研發。", "香港科技园公司宣布，数据中心明年启用，支援人工智能研发。"),
        ("台北捷運環狀線北段動工，全長約15公里。", "台北地铁环状线北段动工，全长约15公里。"),
    ],
)
def test_taiwan_and_hong_kong_industry_words_come_out_in_mainland_words(traditional, simplified):
    assert to_simplified(traditional) == simplified


def test_keep_skipped_also_keeps_rows_dropped_while_reading(tmp_path):
    lines = ['{"id": "a", "text": "长沙地铁6号线东延段今日开通运营，新线全长约10公里。"}', '{"id": "broken", "text": "没有结束',
             '{"id": "c", "text": "株洲高新区与13家银行签订战略合作协议，授信总额960亿元。"}']
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = [json.loads(line) for line in
           runner.invoke(app, ["classify", str(data), "--keep-skipped", "-f", "jsonl"]).stdout.splitlines()]
    assert [r.get("error", "")[:9] for r in out] == ["", "malformed", ""] and out[1]["line"] == 2

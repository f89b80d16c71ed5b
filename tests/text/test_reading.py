"""Reading real-shaped pages: the whole body, the right title, no chrome, and never an article lost.

Each table row is a failure seen on real pages and wire copy; the snippets are
written in their shape (outlets, datelines, editor lines, plugs).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from zhnews.cli import app
from zhnews.errors import ErrorLog
from zhnews.run.articles import load_articles
from zhnews.text import boilerplate as bp
from zhnews.text.mojibake import is_mojibake

runner = CliRunner()

WIRE = (
    "中新网北京11月30日电 国家发展改革委30日发布消息，今年前10个月全国铁路完成固定资产投资6500亿元，同比增长8.1%。\n\n"
    "据介绍，川藏铁路、沿江高铁等重大项目建设有序推进。\n\n（完）\n\n【编辑：张燕玲】\n"
)
BMW = {"id": "a", "text": "5月4日，一辆价值170多万元的宝马车在大连街头被持刀歹徒抢走。\u3000\u3000案发后，大连警方全程设卡布控，"
       "全力追查被劫车辆。\u3000\u3000警方公开悬赏1万至5万元，联系电话：0411-86589133。"}


def read(tmp_path, text: str, name: str = "page.txt") -> tuple[list, ErrorLog]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    errors = ErrorLog()
    return list(load_articles([str(path)], errors=errors, explain=True)), errors


def test_wire_copy_ending_with_end_mark_and_editor_is_kept(tmp_path):
    result = runner.invoke(app, ["clean", "-", "--format", "jsonl"], input=WIRE)
    assert result.exit_code == 0, result.output
    [article] = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["text"].startswith("国家发展改革委30日发布消息")  # the dateline is not body
    assert "川藏铁路" in article["text"]
    assert "（完）" not in article["text"] and "张燕玲" not in article["text"]


def test_a_row_whose_last_paragraph_gives_a_hotline_is_classified():
    result = runner.invoke(app, ["classify", "-", "--format", "jsonl"], input=json.dumps(BMW, ensure_ascii=False))
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a"]


def test_a_row_keeps_its_hotline_sentence():
    result = runner.invoke(app, ["clean", "-", "--format", "jsonl"], input=json.dumps(BMW, ensure_ascii=False))
    assert "联系电话：0411-86589133" in json.loads(result.stdout)["text"]


@pytest.mark.parametrize(
    "line",
    [
        "NVIDIA H200 GPU在华销售获批",
        "微信支付落地株洲公交",
        "大盘日k线收出一根中阳线，成交量温和放大。",
        "证券时报e公司讯，当升科技9614.5万元竞得常州市工业用地。",
        "游客可拨打景区服务热线0744-8888888咨询预约，景区每日限流2万人。",
        "Tim Cook：",
        "据Wind数据统计，今年以来共有126家企业在科创板上市，募资总额1820亿元。",
    ],
)
def test_body_lines_that_look_like_chrome_are_not_chrome(line):
    assert bp.chrome_kind(line) is None
    assert not is_mojibake(line)


@pytest.mark.parametrize(
    "kind, line",
    [
        ("editorial", "（完）"),
        ("editorial", "【编辑：张燕玲】"),
        ("editorial", "(责编：汤诗瑶、丁涛)"),
        ("editorial", "原标题：我国集成电路进口突破3000亿美元"),
        ("editorial", "来源：新华社"),
        ("editorial", "文/本报记者 李想"),
        ("editorial", "执笔/叨叨姐、胡一刀"),
        ("editorial", "《人民日报》（2020年06月05日 08 版）"),
        ("editorial", "Tag: 地铁 轨道交通"),
        ("plug", "海量资讯、精准解读，尽在新浪财经APP"),
        ("plug", "免责声明：本文仅代表作者个人观点，与本网无关。"),
        ("plug", "网友评论仅供其表达个人看法，并不表明网易立场。"),
        ("breadcrumb", "人民网>>文化"),
        ("breadcrumb", "返回腾讯网首页>>"),
        ("breadcrumb", "当前位置：首页 > 新闻中心 > 本地新闻"),
        ("contact", "景区咨询电话：0744-8888888"),
    ],
)
def test_editorial_lines_plugs_and_trails_are_chrome(kind, line):
    assert bp.chrome_kind(line) == kind


def test_a_sina_style_page_keeps_its_body_and_drops_the_plug(tmp_path):
    page = (
        "央行：11月末M2余额同比增长8.2%\n"
        "2026年12月10日 17:20 新浪财经\n"
        "中国人民银行10日发布数据，11月末广义货币(M2)余额312.4万亿元，同比增长8.2%。\n"
        "前11个月人民币贷款增加17.1万亿元，其中住户贷款增加2.9万亿元，企（事）业单位贷款增加13.9万亿元。\n"
        "海量资讯、精准解读，尽在新浪财经APP\n"
        "责任编辑：王翔\n"
    )
    [article], _ = read(tmp_path, page)
    assert article.title == "央行：11月末M2余额同比增长8.2%"
    assert "312.4万亿元" in article.text and "13.9万亿元" in article.text
    assert "新浪财经APP" not in article.text and "王翔" not in article.text
    assert ("海量资讯、精准解读，尽在新浪财经APP", "plug") in article.removed


def test_a_paragraph_ending_with_a_home_link_keeps_its_sentence(tmp_path):
    page = (
        "第三方数据公司迎来整顿\n"
        "擅长清洗数据的第三方数据行业，这次轮到自己被清洗了。多家数据公司高管被带走调查，业务全面暂停。\n"
        "业内人士表示，可以预见的是，第三方数据行业的整顿仍将持续。返回腾讯网首页>>\n"
    )
    [article], _ = read(tmp_path, page)
    assert article.text.endswith("第三方数据行业的整顿仍将持续。")


def test_a_sentence_next_to_a_broken_emoji_is_kept(tmp_path):
    [article], _ = read(tmp_path, "地铁6号线今日开通\n长沙地铁6号线东延段今日开通运营\ufffd\ufffd新线全长约10公里，设站4座。\n")
    assert "新线全长约10公里" in article.text and "\ufffd" not in article.text


def test_a_tourism_story_that_gives_hotlines_keeps_every_line(tmp_path):
    lines = [f"第{i}站景区位于炎陵县境内，游客可拨打景区服务热线0731-2{i:03d}8888咨询门票和交通。" for i in range(1, 9)]
    [article], _ = read(tmp_path, "炎陵红色旅游线路发布\n" + "\n".join(lines) + "\n")
    assert article.text.count("服务热线") == 8


def test_body_before_the_title_line_is_not_cut(tmp_path):
    # Extractors sometimes emit the body first and the headline with its meta line after it.
    body = ("株洲市19日召开轨道交通装备产业链建设推进大会，总结产业链建设成效，部署下一阶段重点工作。"
            "会议指出，全市轨道交通装备产业规模突破1500亿元。")
    page = f"{body}\n株洲市先进轨道交通装备产业链建设推进大会召开\n发布时间：2026-11-19 来源：株洲日报\n另据统计，全市已集聚配套企业400余家。\n"
    [article], _ = read(tmp_path, page)
    assert "产业规模突破1500亿元" in article.text and "配套企业400余家" in article.text


def test_related_reading_heading_cuts_the_list_after_it(tmp_path):
    page = (
        "高新区新签约项目12个\n"
        "渭南高新区11月集中签约项目12个，总投资86亿元，涵盖新材料、电子信息等领域。园区负责人表示将全力做好服务保障。\n"
        "相关阅读：\n"
        "渭南高新区LED产品亮相进博会\n"
        "高新区举办企业招聘会\n"
    )
    [article], _ = read(tmp_path, page)
    assert "进博会" not in article.text and "招聘会" not in article.text
    assert "总投资86亿元" in article.text


@pytest.mark.parametrize(
    "rows",
    [
        [{"id": "t1", "text": "北京地铁19号线开通运营"}, {"id": "t2", "text": "央行宣布降准0.5个百分点"},
         {"id": "t3", "text": "苏州工业园区新签约外资项目28个"}],
        [{"id": "f1", "title": "快讯：京沪高铁今起调图", "text": "新增列车12列。"}],
    ],
)
def test_headlines_and_news_flashes_are_classified(rows):
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    result = runner.invoke(app, ["classify", "-", "--format", "jsonl"], input=data)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [r["id"] for r in rows]


def test_a_record_with_only_a_title_says_it_cannot_be_summarized():
    data = json.dumps({"id": "h", "title": "北京地铁19号线开通运营", "text": "北京地铁19号线开通运营"}, ensure_ascii=False)
    result = runner.invoke(app, ["summarize", "-"], input=data)
    assert result.exit_code == 0, result.output
    assert "北京地铁19号线开通运营" in result.stdout and "no summary" in result.stdout


def test_editorial_lines_of_the_common_outlets_leave_the_body(tmp_path):
    page = (
        "某市出台支持数字经济发展十条措施\n"
        "原标题：数字经济十条来了\n"
        "文/本报记者 李想\n"
        "本报讯（记者 李想 通讯员 王强）近日，市政府印发《支持数字经济高质量发展的若干措施》，从算力、数据要素等十个方面给予支持。\n"
        "措施提出，对新建智算中心按投资额的10%给予补助，最高5000万元。\n"
        "(责编：汤诗瑶、丁涛)\n"
        "《人民日报》（2026年11月05日 08 版）\n"
        "Tag: 数字经济\n"
    )
    [article], _ = read(tmp_path, page)
    assert article.text.startswith("近日，市政府印发")
    for gone in ("原标题", "李想", "责编", "人民日报", "Tag"):
        assert gone not in article.text, gone


def test_a_page_the_line_rules_would_gut_is_kept_whole_and_noted(tmp_path):
    # Each paragraph of this park notice names a contact person and a phone: the contact
    # rule alone would take the whole body.
    paragraphs = [
        f"{n}号标准厂房位于园区{n}路，面积{n}万平方米，可分层出租。入驻企业享受三年租金减半。联系人：王先生，手机号：1391234567{n}。"
        for n in range(1, 6)
    ]
    [article], errors = read(tmp_path, "园区标准厂房招租公告\n" + "\n".join(paragraphs) + "\n")
    assert article.text.count("标准厂房") == 5
    assert any("kept whole" in note for note in errors.notes)


def test_clean_explain_lists_every_removed_line_with_its_rule(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(path), "--explain"])
    assert result.exit_code == 0, result.output
    assert "[editorial] （完）" in result.stdout and "[editorial] 【编辑：张燕玲】" in result.stdout
    result = runner.invoke(app, ["clean", str(path), "--explain", "--format", "jsonl"])
    record = json.loads(result.stdout)
    assert {"line": "（完）", "rule": "editorial"} in record["removed"] and "title_source" in record

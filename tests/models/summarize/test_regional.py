"""Summaries on regional and industry news: facts, not slogans, subheadings or scraps.

Each case is a failure seen on real regional pages, in a snippet of their shape.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from zhnews.cli import app
from zhnews.models.summarize import Length, TextRankSummarizer
from zhnews.records import Article

SIGNING = [
    "最美人间四月天,干事创业正当时。",
    "4月22日,株洲万豪酒店,高朋满座,“大咖”云集。",
    "有多火爆?",
    "市政府与13家银行签订总额9600亿元的全面战略合作协议,银企现场签约27个重大项目。",
    "工、农、中、建等我省25家主要银行机构负责人悉数参加。",
]
PROJECTS = [
    "开局之年、暖春之际,高新区召开产业项目建设年活动动员大会。",
    "推动产业项目建设取得更大成绩",
    "声声号角催人奋进,动员号令激荡人心。",
    "今年全区103个项目集中开工,总投资227.6亿元,其中工业项目68个。",
    "活动现场",
    "（财金协调科供稿）",
    "地址：株洲市天元区黄河南路8号",
    "业内分析师说。",
]
MEETING = [
    "曹慧泉在全市先进轨道交通装备产业链建设推进大会上强调 坚定信心强实力 加快打造世界级产业集群",
    "4月14日,株洲市先进轨道交通装备产业链建设推进大会召开。",
    "市委书记曹慧泉出席并讲话,他强调,要聚焦优势锻长板,坚定信心强实力,加快打造世界级先进轨道交通装备产业集群。",
    "会上听取了产业链建设及2022年工作重点汇报;中车株机、中车株洲所等8家企业负责人分别提出意见建议。",
    "曹慧泉充分肯定全市先进轨道交通装备产业集群建设成效。",
]
ASIDES = [
    "女士们、先生们：很高兴又一次和大家见面。",
    "去邮轮母港如何实现坐地铁登船？",
    "南沙邮轮母港一期工程岸线总长770米，建成22.5万总吨和10万总吨邮轮泊位各1个，年通过能力75万人次。",
    "购物、餐饮、空中花园、无敌免税城……",
    "母港距离地铁四号线南沙客运港站约500米，是国内首个与地铁无缝接驳的邮轮母港。",
]
DANGLING = [
    "市发展改革委昨日召开新闻发布会。",
    "会议通报了一季度全市经济运行情况。",
    "该项目总投资56亿元,建成后年产动力电池20吉瓦时,可带动就业3000人。",
    "据了解,全市一季度地区生产总值同比增长6.1%。",
]


def summary(sentences, title="", chars=120):
    article = Article(id="x", title=title, text="\n".join(sentences), sentences=list(sentences))
    return TextRankSummarizer(length=Length(chars=chars)).summarize(article)


@pytest.mark.parametrize(
    "sentences, title, must, must_not",
    [
        (SIGNING, "银行业大咖齐聚 对株洲意味着什么", ["9600亿元"], ["最美人间四月天", "有多火爆"]),
        (PROJECTS, "株洲高新区产业项目春潮涌", ["103个项目集中开工"],
         ["推动产业项目建设取得更大成绩", "声声号角", "活动现场", "供稿", "地址", "业内分析师说"]),
        # The lead restates the headline with its date: it is the event, and readers want it.
        (MEETING, "株洲市先进轨道交通装备产业链建设推进大会召开", ["4月14日,株洲市先进轨道交通装备产业链建设推进大会召开"],
         ["坚定信心强实力 加快"]),
        (ASIDES, "广州南沙邮轮母港即将开通", ["岸线总长770米"], ["女士们", "如何实现", "免税城"]),
    ],
    ids=["fluff-opener", "subheading-caption-byline-address", "lead-restating-the-title", "question-ellipsis-salutation"],
)
def test_the_fact_is_quoted_and_the_rest_is_not(sentences, title, must, must_not):
    out = "".join(summary(sentences, title))
    for text in must:
        assert text in out, out
    for text in must_not:
        assert text not in out, out


@pytest.mark.parametrize("chars", [60, 80, 120])
def test_a_dangling_sentence_is_never_taken_without_the_one_before(chars):
    out = summary(DANGLING, "市发展改革委通报一季度经济运行", chars)
    if DANGLING[2] in out:
        assert DANGLING[1] in out


def test_a_dateline_of_any_outlet_is_stripped():
    text = "红网时刻3月25日讯 株洲市3月25日集中开工重大项目38个,总投资达312亿元。项目涵盖轨道交通装备、新材料等领域。"
    out = TextRankSummarizer(length=Length(chars=80)).summarize(text)
    assert out[0].startswith("株洲市3月25日集中开工"), out


def test_an_untitled_record_does_not_repeat_its_first_line_in_the_digest(tmp_path):
    row = {"id": "u", "text": "长沙地铁6号线东延段今日开通运营。新线全长约10公里,设站4座,与2号线换乘。"
                               "开通后,市民从黄花机场到市中心的时间将缩短到30分钟。"}
    result = CliRunner().invoke(app, ["digest", "-", "--format", "json"], input=json.dumps(row, ensure_ascii=False))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [item] = [i for theme in data["themes"] for i in theme["items"]] + data["other"]
    assert item["title"] == "长沙地铁6号线东延段今日开通运营。"
    assert item["title"] not in item["summary"]


def test_fewer_complete_sentences_rather_than_scraps():
    out = summary(PROJECTS, "株洲高新区产业项目春潮涌", chars=120)
    assert all(len(s) >= 12 for s in out), out
    assert len(out) <= 2


@pytest.mark.parametrize("sentence, kept", [
    ("中国上海/2006年5月9日—新浪公司今日宣布调整公司管理团队。", "新浪公司今日宣布调整公司管理团队。"),
    ("北京，2024年3月5日——某科技公司宣布完成10亿元B轮融资。", "某科技公司宣布完成10亿元B轮融资。"),
    ("上海/浦东新区今日发布新政。", "上海/浦东新区今日发布新政。"),  # no date: not a dateline
])
def test_a_press_release_dateline_is_stripped(sentence, kept):
    from zhnews.text.lines import strip_lead

    assert strip_lead(sentence) == kept


def test_a_bare_route_is_not_quoted():
    sentences = ["京沪高速无锡至江阴段5月20日至31日封闭施工,过江车辆需绕行。",
                 "无锡-G312-S229-北惠路-锡澄路-暨南大道-海港大道-汽渡。",
                 "无锡至泰州方向的车辆可通过利港、江阴以及张家港汽渡过江。"]
    article = Article(id="x", title="京沪高速无锡至江阴段封闭", text="\n".join(sentences), sentences=sentences)
    # Asked for three sentences, it gives the two that are sentences.
    out = TextRankSummarizer(length=Length(sentences=3)).summarize(article)
    assert out == [sentences[0], sentences[2]]

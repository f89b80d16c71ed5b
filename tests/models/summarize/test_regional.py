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


def test_an_untitled_record_is_named_by_the_headline_its_first_sentence_runs_in(tmp_path):
    row = {"id": "u", "text": "戴尔降低盈利预期股价大跌 全球最大个人电脑制造商戴尔公司日前表示，由于市场竞争激烈，"
                               "该公司今年第一季度盈利预计有所下降。\n消息发布之后，戴尔股价一度下跌近6%，创下一年来的新低。"}
    line = json.dumps(row, ensure_ascii=False)
    result = CliRunner().invoke(app, ["digest", "-", "--format", "json"], input=line)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [item] = [i for theme in data["themes"] for i in theme["items"]] + data["other"]
    assert item["title"] == "戴尔降低盈利预期股价大跌"
    assert item["summary"][0].startswith("全球最大个人电脑制造商戴尔公司日前表示"), item["summary"]
    classified = CliRunner().invoke(app, ["classify", "-", "--format", "jsonl"], input=line)
    assert classified.exit_code == 0, classified.output
    assert json.loads(classified.stdout.splitlines()[0])["title"] == "戴尔降低盈利预期股价大跌"
    summarized = CliRunner().invoke(app, ["summarize", "-", "--format", "jsonl"], input=line)
    assert summarized.exit_code == 0, summarized.output
    record = json.loads(summarized.stdout.splitlines()[0])
    assert record["title"] == "戴尔降低盈利预期股价大跌" and "大跌" not in "".join(record["summary"]), record


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


# Mood lines of regional reports, each beside a sentence of the same surface that reports.
@pytest.mark.parametrize("sentence, quotable", [
    ("国际普遍认为,科技研发的规模和强度,反映科技实力和核心竞争力。", False),  # a general truth
    ("制造业之于长沙,是立市之本、强市之基。", False),  # a maxim
    ("经济是肌体,金融是血脉,两者共生共荣。", False),  # a metaphor
    ("不仅产业名片响当当,园区金融生态环境也是“引力”十足。", False),  # a boast
    ("在检测中心,一台台刚刚下线的新车正在接受避震、抗压等一系列测试。", False),  # a scene
    ("组建创新平台,为科技创新提供基础支撑,自主研发,为关键技术注入核心竞争力。", False),  # parallel clauses
    ("坚定实施扩大内需战略,是推进经济高质量发展的必然要求。", False),  # commentary
    ("“以前总认为这里是老旧的,没有生气,今天发现完全大变了样。”", False),  # a quotation with no speaker
    ("据了解,广东互联网大会是华南地区最重大的互联网产业盛会。", False),  # a boast
    ("安徽省财政厅副厅长表示,《实施方案》就财金协同工具创新进行了探索,主要是三个方面。", False),  # a list announced
    ("还有就是重组,对于上市公司的重组始终存在,在原有的体制下上市公司成为了壳资源。", False),  # a list item
    ("记者梳理20家退市或锁定退市的案例发现，凸显出四类问题。", False),  # a count of what follows
    ("争议三：查询收费违反《合同法》。", False),  # a numbered label
    ("南京市教育局副局长、新闻发言人祁寿东表示。", False),  # the credit of a quotation split off
    ("联诚集团党委书记刘朝晖率先发言。", False),  # the same, as the first to speak
    ("在近日举行的科技传播大会科普影视分会上，国际巨幕影院行业组织副主席帕蒂·柯林斯说。", False),
    ("法制日报》记者随后请郭东升书记看了一下录像。", False),  # the page lost its opening 《
    ("北京市律协专业委员会主任邱宝昌表示，降价方案没有涉及月租费、双向收费、资费偏高三大问题。", True),
    ("“A股市场已经能够以更长期的眼光来进行价值投资。”基金经理冯宇辉在接受采访时说。", True),
    ("孙雯介绍说，她正忙着为上海队准备5月11日在韩国进行的邀请赛，不存在退役一说。", True),
    ("小财注：赛意信息此前7月14日公告，公司拟向供应商采购高性能算力服务器。", False),  # an editor's note
    ("本公司及董事会全体成员保证公告内容的真实、准确和完整，没有虚假记载、误导性陈述或者重大遗漏。", False),
    ("本公司及董事会全体成员保证信息披露的内容真实、准确、完整,没有虚假记载、误导性陈述或重大遗漏。", False),
    ("公司董事会保证本次募集资金将全部用于主营业务，预计新增产能2万吨。", True),  # a pledge that reports
    ("更多个股分析免费咨询0755-83000000或登录www.example.com.cn，资深分析师为您提供深度投资信息。", False),  # a promo
    ("具体操作建议请拨打：021-60000000 800-000-0000咨询。", False),  # a hotline
    ("欢迎广大投资者积极参与本次网上说明会！特此公告。", False),  # a notice's closing formula
    ("本公司董事会将在说明会上回答投资者提问，敬请关注。", False),  # its invitation
    ("兹授权委托 先生/女士代表 单位(个人)出席某某电子股份有限公司2025年度股东大会并行使表决权。", False),  # a proxy form
    ("兹全权委托________先生(女士)代表本单位(个人)出席某某股份有限公司相关股东会议。", False),  # the same, with blanks
    ("委托日期：2025年 月 日", False),  # a date left blank
    ("抢抓“窗口期”,传统服饰业转型升级,新能源产业生根发芽。", False),  # an exhortation and a metaphor
    ("抢抓政策窗口期，全市今年新签约项目156个，总投资超过800亿元。", True),  # the same opener, with figures
    ("全力聚焦目标，确保“十四五”开好局、起好步，以优异成绩庆祝建党100周年。", False),  # stock slogans
    ("今年全区实施重大产业项目68个，完成投资162亿元，为“十四五”开好局。", True),  # one, beside the figures
    ("受股东委托，某某证券出席了股东大会，审议通过了2025年度利润分配方案。", True),  # a proxy that reports
    ("市民如有疑问，可拨打12345政务服务热线，全年受理诉求10.2万件。", True),  # a figure about a hotline
    ("今年以来,全市新发放普惠小微贷款利率平均降至4%以下。", True),  # 以下 as "below": a figure
    ("市政府与13家银行签订总额9600亿元的全面战略合作协议,银企签约27个重大项目。", True),
    ("为园区企业提供融资对接服务,全年新增贷款120亿元,为56个项目引进资金。", True),
    ("检测中心今年投入1.2亿元,新建避震、抗压等测试线6条。", True),
    ("“今年我们计划投资20亿元,新建3个产业园区。”", True),  # a quotation that gives figures
    ("高新区与国开行签订协议,未来五年提供200亿元授信。", True),
    # Long clauses that open alike still report: who sent the letter is the news.
    ("中共中央总书记、国家主席习近平发来贺信,向大会的举办表示热烈的祝贺,向广大劳动群众致以节日的祝贺。", True),
], ids=["truth", "maxim", "metaphor", "boast", "scene", "parallel", "commentary", "bare quote",
        "event boast", "list announced", "list item", "count of what follows", "numbered label",
        "bare credit", "first to speak", "bare credit with its occasion", "lost opening bracket", "count closing a list",
        "quotation with its credit", "一说", "editor's note", "announcement disclaimer", "disclaimer of disclosure",
        "a board's pledge", "promo", "hotline", "notice closer", "notice invitation", "proxy form", "proxy form with blanks",
        "blank date", "seize-the-window", "seize-the-window-with-figures", "stock-slogans",
        "a-slogan-beside-figures", "proxy that reports", "a hotline's figures", "below-a-figure",
        "signing", "parallel-with-figures", "investment", "quote with figures", "credit", "a letter of congratulation"])
def test_mood_lines_are_not_quoted_and_reports_are(sentence, quotable):
    from zhnews.text.lines import stands_alone

    assert stands_alone(sentence) is quotable


def test_a_maxim_does_not_fill_the_budget():
    sentences = ["4月22日,2022年政银企战略合作对接会在株洲举行。",
                 "市政府与13家银行签订总额9600亿元的全面战略合作协议,银企签约27个重大项目。",
                 "经济是肌体,金融是血脉,两者共生共荣。",
                 "制造业之于株洲,是立市之本、强市之基。"]
    out = "".join(summary(sentences, "银行业大咖齐聚株洲"))
    assert "9600亿元" in out and "血脉" not in out and "之于" not in out, out


@pytest.mark.parametrize("sentence, leans", [
    ("对接会上,一本厚厚的手册详细列出了全市115个重点项目。", True),  # which 对接会?
    ("会上，市长通报了一季度经济运行情况。", True),
    ("活动现场，300多名群众排队咨询。", True),
    ("大会上午在市民中心召开。", False),  # 上午, not 会上
    ("全国两会上，代表建议加快城际铁路建设。", False),  # the event is named
    ("社会上对此议论纷纷。", False),
    ("借此机会，公司将统一产品品牌。", True),
    ("由此，全市形成了三大产业集群。", True),
    ("正因为如此，桃子又被称为“寿桃”。", True),
    ("为破解这一难题，市教育局设立了救助基金。", True),
    ("为切实帮助企业做好这次调查，质检院将召开专题研讨会。", True),
    ("在截至3月31日的这一财季，赛门铁克净利润为1.188亿美元。", False),  # this quarter: a date, not a pointer
    ("上半年，该行实现营业收入84.86亿元，同比增长10.79%。", True),  # which bank? a time opener names no one
    ("据介绍，这次试点的6个园区将率先接入5G专网。", True),
    ("当时，全市轨道交通仅有两条线路。", True),  # when was that?
    ("华菱钢铁表示，该公司今年将投资30亿元建设新产线。", False),  # the speaker is named
    ("今年，其他城市也将陆续跟进。", False),  # 其他: not a pointer
    ("在煤电价格联动的机制下，电价上涨是趋势，但5月份就上涨几乎不可能。”", True),  # the rest of a quotation
    ("“根据煤电价格联动机制，电价上涨肯定是趋势。”省电力公司负责人说。", False),  # a whole quotation
    ("省电力公司负责人表示：“这纯属假消息，到目前为止我们都没接到文件。", False),  # a quotation opened
    ("照此计算，苏宁再融资额约为7.8亿元人民币。", True),  # computed from what?
    ("国泰基金和博时基金也持类似的观点。", True),  # like whose view?
    ("两家基金公司持相同的观点：后市仍将上涨。", False),  # the same as each other
    ("通过上面的信息，记者联系到她本人。", True),  # which information?
    ("在全市100人以上的企业中，八成已接入工业互联网平台。", False),  # 以上: more than, not the text above
], ids=["match-meeting", "bare-meeting", "on-the-spot", "morning", "named-event", "society", "借此", "由此", "正因",
        "this-problem", "this-survey", "this-quarter", "time-opener-该", "source-opener-这", "当时", "speaker-named",
        "其他", "quotation-closed-here", "quotation-whole", "quotation-opened-here", "照此", "a-view-like-one-before",
        "a-view-of-their-own", "上面的", "以上-more-than"])
def test_a_sentence_set_at_an_unnamed_event_leans_on_the_one_before(sentence, leans):
    from zhnews.text.lines import is_dependent

    assert is_dependent(sentence) is leans


def test_a_lead_the_page_cut_off_is_still_quoted():
    # A newspaper page's item: the page shows its opening sentence cut with "...", then the rest.
    sentences = ["4月26日,市统计局发布2021年全市研发经费投入十强企业名单...",
                 "统计显示,十强企业区域聚集效应明显,均位于城区。",
                 "同时,市统计局还发布了高新技术产业总产值十强企业名单。"]
    out = summary(sentences, "谁是“研发狂魔” 研发经费投入十强企业发布")
    assert out[0].startswith("4月26日,市统计局发布"), out
    # A cut line without a fact is a teaser of another article: still never quoted.
    teaser = ["精彩不容错过，更多内容敬请关注...", *sentences[1:]]
    assert not any(s.startswith("精彩") for s in summary(teaser, "十强企业发布"))


def test_a_long_sentence_is_cut_to_its_event_not_its_purpose():
    sentence = ("为持续推动金融消费者教育和金融知识普及工作，引导广大金融消费者弘扬金融正能量，提高社会公众防范风险的意识，"
                "9月20日，由人民银行市中心支行主办的金融知识普及月宣传活动在市民广场启动，20家银行机构参加。")
    out = summary([sentence], "金融知识普及月活动启动", chars=80)
    assert out[0].startswith("9月20日，由人民银行市中心支行主办"), out
    assert len(out[0]) <= 80


def test_a_restatement_of_what_is_chosen_is_not_added():
    sentences = ["法国9日再次爆发全国跨行业大罢工,反对政府进行退休制度改革,首都巴黎交通几乎完全瘫痪,其他多个城市交通也受到影响。",
                 "9日的罢工是继5日80万多人参与的全国大罢工后,工会发起的第二轮施压行动。",
                 "当天大巴黎地区交通几乎完全瘫痪,多个城市交通受到影响。",
                 "有网友在社交媒体上分享了自己步行上班的照片。",
                 "一位退休教师对记者说起了自己年轻时的经历。"]
    article = Article(id="x", title="法国全国大罢工再次严重影响交通", text="\n".join(sentences), sentences=sentences)
    out = TextRankSummarizer(length=Length(chars=150)).summarize(article)
    assert sentences[0] in out and sentences[2] not in out, out
    # Without the check, the same budget takes it.
    assert sentences[2] in TextRankSummarizer(length=Length(chars=150), max_containment=1.0).summarize(article)


@pytest.mark.parametrize("sentence, ends_with", [
    ("2019年2月27日下午，街道党工委委员、经济和科技促进局局长潘卓辉，区金融业联合会陈伊芬秘书长等一行八人到众创金融街进行实地考察调研，"
     "市金融局副局长刘东升，区党工委副书记蓝海斌，区金融办主任何志强等陪同调研。", "到众创金融街进行实地考察调研…"),
    # No list of officials after the news: the cut stays at the last clause break.
    ("2019年2月27日下午，街道党工委委员潘卓辉等一行八人到众创金融街进行实地考察调研，走访了入驻的12家金融机构和6家科技企业，"
     "详细了解企业融资需求和经营情况，并就下一步如何做好园区金融服务工作同企业负责人交换了意见和建议。", "详细了解企业融资需求和经营情况…"),
    # A clause of cause cut from its main clause, and its connective, go too.
    ("某证券研究所预计该公司2025年的净利润将只增长5%，与市场平均预期基本一致，公司一季度主营业务收入同比增长13%，维持此前给出的中性评级，"
     "同时，鉴于公司新项目投产进度不及预期，下调其目标价至5.0元。", "维持此前给出的中性评级…"),
    # So does the number of a list item cut after it.
    ("三、会议审议事项：1、审议《2025年年度报告》及其摘要；2、审议《2025年董事会工作报告》；3、审议《2025年监事会工作报告》；"
     "4、审议《2025年度财务决算报告》；5、审议《2025年度利润分配及资本公积金转增股本预案》。", "4、审议《2025年度财务决算报告》…"),
    # A main clause that opens on 但是 may end the cut.
    ("笔者认为原因有二：一是因为中国消费者目前买车还是一项“面子工程”，虽然2.0升排量车型的动力性能相对要比大排量车型稍差一些，"
     "但是应付日常城市道路的行车需求可以说是绰绰有余，二是因为国家对大排量车型的消费税率更高。", "可以说是绰绰有余…"),
], ids=["officials who came along", "no list", "clause of cause", "list item number", "main clause after 但是"])
def test_a_cut_sentence_ends_on_its_last_clause_that_reports(sentence, ends_with):
    from zhnews.models.summarize.base import truncate

    cut = truncate(sentence, 100)
    assert cut.endswith(ends_with) and len(cut) <= 100, cut


def test_a_photo_caption_whose_credit_runs_into_the_next_sentence_is_not_quoted():
    from zhnews.text.lines import summary_candidates

    sentences = ["5月9日，全省首例克隆山羊的妈妈亲吻死去的宝宝。", "新华社发5月8日，首例克隆山羊出生后与妈妈在一起。",
                 "新华社发据介绍，这次克隆的山羊是全省首例、世界第二例，课题组将解剖寻找死亡原因。"]
    assert summary_candidates(sentences) == ["据介绍，这次克隆的山羊是全省首例、世界第二例，课题组将解剖寻找死亡原因。"]


def test_a_long_sentence_drops_its_organisers_before_it_is_cut():
    sentence = ("9月20日，由人民银行市中心支行、银保监分局、市互联网信息办公室主办，农业银行市分行承办的"
                "2019“金融知识普及月 金融知识进万家”宣传活动在市民广场正式启动，20家银行机构参加。")
    out = summary([sentence], "金融知识普及月活动启动", chars=80)
    assert out == ["9月20日，2019“金融知识普及月 金融知识进万家”宣传活动在市民广场正式启动，20家银行机构参加。"], out


# A report wrapped in fluff: the scene-setting clause it opens with or the hook run onto its end
# goes, the report stays; a time that sounds seasonal (春节前夕) is the news's own time.
@pytest.mark.parametrize("sentence, trimmed", [
    ("开局之年、暖春之际,株洲高新区召开产业项目建设年活动动员大会,部署全年68个重大项目。",
     "株洲高新区召开产业项目建设年活动动员大会,部署全年68个重大项目。"),
    ("金秋时节，2023年长沙产业项目签约仪式在湘江新区举行，32个项目总投资460亿元。",
     "2023年长沙产业项目签约仪式在湘江新区举行，32个项目总投资460亿元。"),
    ("4月22日,2022年株洲政银企战略合作对接会在株洲万豪酒店举行。有多火爆?",
     "4月22日,2022年株洲政银企战略合作对接会在株洲万豪酒店举行。"),
    ("1—5月份，全国铁路客货运量保持高位，为区域经济社会发展注入新动能。客运方面。",
     "1—5月份，全国铁路客货运量保持高位，为区域经济社会发展注入新动能。"),
    ("春节前夕，省领导来到株洲看望慰问一线职工和困难群众。", None),  # a time, not a mood
    ("最美人间四月天,干事创业正当时。", None),  # nothing left that reports
    ("初夏时节,走进株洲高新区,一台台新能源汽车正在接受测试。", None),  # the rest is a scene too
    ("这是为什么呢？", None),  # a question alone is not trimmed to nothing
    ("今年以来,全市新签约项目156个,总投资超过800亿元。", None),  # no fluff to trim
    # A clause pointing back to the sentence before, ahead of the dated report itself.
    ("为破解这一难题，11月1日，市教育局、市财政局宣布设立校园重大意外伤害救助基金，首期规模2000万元。",
     "11月1日，市教育局、市财政局宣布设立校园重大意外伤害救助基金，首期规模2000万元。"),
    ("为破解这一难题，市教育局、市财政局将设立校园重大意外伤害救助基金。", None),  # no report of its own after it
    # A run of purpose clauses before the one that says who did what.
    ("为深入贯彻落实省委省政府关于优化营商环境的决策部署，进一步降低园区企业融资成本，市财政局联合6家银行推出“园区贷”，首期规模50亿元。",
     "市财政局联合6家银行推出“园区贷”，首期规模50亿元。"),
    ("结合本期债券投标实际情况，为维护市场秩序，保障投资者合理权益，本行决定取消该期债券的发行。",
     "本行决定取消该期债券的发行。"),
    ("为方便市民出行，地铁3号线今起将末班车延长至23时。", None),  # a short purpose is part of the sense
    ("为实现全年地区生产总值增长6%的目标，全市今年将新开工重大项目120个。", None),  # the purpose has a figure
    ("为前来考察的众多业内人士和入驻企业负责人所称道的，是园区推出的“拎包入驻”全程代办服务模式。", None),  # 为…所: not a purpose
    ("为了让孩子在升学考试中脱颖而出，各类补习班便在校园周边应运而生。", None),  # the report hangs on it
    ("为了备战周末与邻市球队的那场关键比赛，市足球队昨晚已抵达比赛地，全队共有20名队员随行。", None),  # its occasion
    # The writer's own question after a report with its figure: the report is the sentence.
    ("在正股上涨6%的情况下，认沽权证反而大涨61%，盘中涨幅一度接近70%，该权证缘何如此疯狂？",
     "在正股上涨6%的情况下，认沽权证反而大涨61%，盘中涨幅一度接近70%。"),
    ("文汇报：你预测再过50年，中国一流大学能够占到世界1/3，你对此很有信心吗？", None),  # an interviewer's premise
    ("故宫博物院在1973年重新揭裱《清明上河图》时，删除的到底是不是后代的“补绢”呢？", None),  # the question's own time
    ("为什么在正股上涨6%的情况下，认沽权证反而大涨61%，原因何在？", None),  # asked from its first clause
    ("近期境内金融市场风云迭起，股市火爆异常，黄金白银价格震荡上扬，手里的人民币和外币到底该如何打理？", None),  # no figure
], ids=["scene-opener", "season-before-a-signing", "hook", "section-label", "holiday-time", "all-mood", "scene-rest",
        "question-alone", "plain-report", "pointer-before-a-dated-report", "pointer-without-a-date",
        "purpose-run", "basis-and-purpose", "short-purpose", "purpose-with-a-figure", "passive-wei-suo", "tied-to-purpose",
        "occasion-not-mandate", "asked-after-a-figure", "interviewer-premise", "question-time", "asked-throughout",
        "asked-without-a-figure"])
def test_the_fluff_around_a_report_is_trimmed(sentence, trimmed):
    from zhnews.text.lines import without_fluff

    assert without_fluff(sentence) == (trimmed or sentence)


def test_a_report_behind_a_scene_setting_clause_is_quoted_without_it():
    sentences = ["开局之年、暖春之际,株洲高新区召开产业项目建设年和营商环境优化年活动动员大会。",
                 "声声号角催人奋进,动员号令激荡人心。",
                 "高新区党工委书记周建光向全区发出动员。",
                 "推动产业项目建设取得更大成绩",
                 "记者看到,高新区坚持把项目建设作为稳增长的重要力量,思路非常清晰。"]
    out = summary(sentences, "全力聚焦“2121”目标 株洲高新区产业项目春潮涌")
    assert "株洲高新区召开产业项目建设年和营商环境优化年活动动员大会。" in out, out
    assert not any("暖春之际" in s or "号角" in s for s in out), out


def test_an_event_with_a_hook_run_onto_it_is_quoted_without_the_hook():
    # The splitter runs the four-character question onto the sentence before it; barred as a
    # question, the unit used to take the event with it.
    text = ("最美人间四月天,干事创业正当时。4月22日,2022年株洲政银企战略合作对接会在株洲万豪酒店举行。有多火爆?"
            "工、农、中、建等我省25家主要银行机构负责人悉数参加。")
    out = TextRankSummarizer(length=Length(chars=80)).summarize(Article(id="x", title="银行业大咖齐聚株洲", text=text))
    assert out[0] == "4月22日,2022年株洲政银企战略合作对接会在株洲万豪酒店举行。", out
    assert not any("有多火爆" in s or "四月天" in s for s in out), out


@pytest.mark.parametrize("sentence, kept", [
    ("记者 陈伟斌 整理报道6月20日晚上，上海地铁官方微博发布了一则提醒乘客的微博。", "6月20日晚上，上海地铁官方微博发布了一则提醒乘客的微博。"),
    ("［提要］ 《社会保障“十二五”规划纲要》提出：实现医疗保险缴费年限在各地互认。", "《社会保障“十二五”规划纲要》提出：实现医疗保险缴费年限在各地互认。"),
    ("记者从市住建局获悉，全市今年将改造老旧小区312个。", "记者从市住建局获悉，全市今年将改造老旧小区312个。"),  # not a credit
], ids=["credit-run-into-the-text", "abstract-label", "reporter-as-subject"])
def test_a_credit_or_label_glued_to_the_lead_is_stripped(sentence, kept):
    from zhnews.text.lines import strip_lead

    assert strip_lead(sentence) == kept


# Bylines, datelines and labels of the outlets of the genre, as their scraped text runs them into the lead.
@pytest.mark.parametrize("sentence, kept", [
    ("记者 李冰2003年，中国出现了“网商”群体。", "2003年，中国出现了“网商”群体。"),
    ("网贷存管乱象有望得到遏制记者 刘琪 近期，互金协会多次更新披露信息。", "近期，互金协会多次更新披露信息。"),
    ("500年内不会再有第二个中新社香港10月30日电 （记者 杨喆 罗光萍）金庸30日下午在港逝世，享年94岁。",
     "金庸30日下午在港逝世，享年94岁。"),
    ("财联社（北京，记者 张晓翀）讯，近日发改委等部委同意启动建设国家算力枢纽节点。", "近日发改委等部委同意启动建设国家算力枢纽节点。"),
    ("5月10日消息 文件共享网络公司BitTorrent周二宣布与华纳兄弟达成合作协议。", "文件共享网络公司BitTorrent周二宣布与华纳兄弟达成合作协议。"),
    ("本报综合报道 戴尔公司周一宣布下调第一财季的利润和销售额预期。", "戴尔公司周一宣布下调第一财季的利润和销售额预期。"),
    ("导语：9月香港高铁正式通车后，去香港就更加便捷快速。", "9月香港高铁正式通车后，去香港就更加便捷快速。"),
    ("《科创板日报》31日讯，据财联社创投通数据，本周国内共发生112起投融资事件。", "据财联社创投通数据，本周国内共发生112起投融资事件。"),
    ("（来源：环球旅行）每个地区的赏枫最佳时间都长则两月，短则一月。", "每个地区的赏枫最佳时间都长则两月，短则一月。"),
    ("记者刘凡 周昌和 任笑一 继推出日票后，深圳今后将设地铁头等车厢。", "继推出日票后，深圳今后将设地铁头等车厢。"),
    ("21世纪经济报道21财经App 辛继召 深圳报道成立不足四年，微众银行的股权就被放到淘宝上拍卖。",
     "成立不足四年，微众银行的股权就被放到淘宝上拍卖。"),
    ("本报记者 张三 北京报道 昨日，央行宣布降准0.5个百分点。", "昨日，央行宣布降准0.5个百分点。"),
    ("新浪教育讯11月2日，亚夏汽车发布晚间公告称重组获批。", "11月2日，亚夏汽车发布晚间公告称重组获批。"),
    ("搜狐体育讯——本周四凌晨，欧洲联盟杯决赛将在埃因霍温上演。", "本周四凌晨，欧洲联盟杯决赛将在埃因霍温上演。"),
    ("各相关单位:为贯彻落实若干意见，加快促进产业集聚和能级提升，现印发配套政策。", "为贯彻落实若干意见，加快促进产业集聚和能级提升，现印发配套政策。"),
    ("各区、县人民政府，市政府各委、办、局：“十三五”期间，临港地区要加大政策支持力度。", "“十三五”期间，临港地区要加大政策支持力度。"),
    ("广州下月起实施新绿化管理条例新快报讯 记者 罗琼 实习生 葛晶 通讯员 王玮 报道 施工不当损伤树木，即罚2万-10万元。",
     "施工不当损伤树木，即罚2万-10万元。"),
    ("全市拟装6万电子眼监控地沟油紧盯废油排放 设备总费用大约3000万元 昨天，记者从市政市容委获悉，全市将安装电子监控。",
     "昨天，记者从市政市容委获悉，全市将安装电子监控。"),
    ("美国东部时间5月9日（北京时间5月10日）消息：一家芯片公司周二宣布裁员1300人。", "一家芯片公司周二宣布裁员1300人。"),
    ("天河网消息 一家门户网站今日公布了第一季度财务报告。", "一家门户网站今日公布了第一季度财务报告。"),
    ("（文/蔡强） 9日，北京移动对外宣布，从5月11日起将陆续推出新的话费套餐。", "9日，北京移动对外宣布，从5月11日起将陆续推出新的话费套餐。"),
    ("（编译：某某IT 张三）思科今天发布了第三季度财报。", "思科今天发布了第三季度财报。"),
    ("美国 纽约时报：日前，一家电脑公司公开表示，其首席律师已递交辞职申请。", "日前，一家电脑公司公开表示，其首席律师已递交辞职申请。"),
    ("新华网重庆5月8日专电（记者 王金涛）“五一”黄金周期间，重庆江北国际机场进港旅客首次超过出港旅客。",
     "“五一”黄金周期间，重庆江北国际机场进港旅客首次超过出港旅客。"),
    ("特别提示：公司股权分置改革方案的部分内容进行了调整，公司股票将于5月11日复牌。", "公司股权分置改革方案的部分内容进行了调整，公司股票将于5月11日复牌。"),
    ("某网财报分析：2025年第一季度，公司收入为4670万美元。", "2025年第一季度，公司收入为4670万美元。"),
    # The same shapes that are the sentence's subject, not its credit.
    ("据最新消息 园区首批企业下月入驻。", "据最新消息 园区首批企业下月入驻。"),
    ("中国人民银行 昨天，宣布下调存款准备金率0.5个百分点。", "中国人民银行 昨天，宣布下调存款准备金率0.5个百分点。"),
    ("各地积极推进项目建设：今年全省开工项目1000个。", "各地积极推进项目建设：今年全省开工项目1000个。"),
    ("中国日报记者 张三 近日走访了园区企业。", "中国日报记者 张三 近日走访了园区企业。"),
    ("他接受中新社记者采访时表示震惊。", "他接受中新社记者采访时表示震惊。"),
    ("据《证券日报》记者统计，19家银行已对接399家平台。", "据《证券日报》记者统计，19家银行已对接399家平台。"),
    ("《第一财经日报》：在你看来，制造业的发展之路应该是怎样的？", "《第一财经日报》：在你看来，制造业的发展之路应该是怎样的？"),
    ("高盛预测：明年中国经济增长将达到9%。", "高盛预测：明年中国经济增长将达到9%。"),
    ("专家点评：这一政策将带动园区投资增长两成。", "专家点评：这一政策将带动园区投资增长两成。"),  # a commentary: `_LABEL` bars it
    ("【eNet特约评论】根据新浪科技5月7日的消息，MonsterMob以8150万美元收购北京万讯通。",
     "根据新浪科技5月7日的消息，MonsterMob以8150万美元收购北京万讯通。"),
    ("【评论】这一政策将带动园区投资增长两成。", "【评论】这一政策将带动园区投资增长两成。"),  # a bare label, no outlet
    ("内容摘要：美国在线计划裁员1300人，约占其全球员工总数的7%。", "美国在线计划裁员1300人，约占其全球员工总数的7%。"),
], ids=["byline-with-spaces", "subheading-and-byline", "subheading-and-agency-dateline", "reporter-inside-the-dateline",
        "dated-消息", "本报综合报道", "导语", "paper-dated-by-day", "source-tag", "names-after-记者", "outlet-name-and-place-报道",
        "reporter-and-place-报道", "portal-channel-讯", "portal-讯-and-dash", "notice-addressees", "notice-addressee-list",
        "subheading-paper-讯-and-credits", "spaced-subheadings-before-the-date", "another-zone's-time-消息", "site-消息-before-a-space",
        "portal-author-in-brackets", "translator-in-brackets", "paper-as-source", "section-label", "column-label", "专电",
        "据…消息-as-the-sentence", "subject-before-the-date",
        "各地-as-subject", "outlet-reporter-as-subject", "agency-in-the-sentence", "据-an-outlet", "paper-asking", "a-forecaster-named", "a-commentary-label",
        "outlet-commentary-tag", "bare-commentary-tag", "abstract-label"])
def test_a_byline_or_dateline_of_any_outlet_is_stripped_from_the_lead(sentence, kept):
    from zhnews.text.lines import strip_lead

    assert strip_lead(sentence) == kept


@pytest.mark.parametrize("sentence, kept", [
    ("某某科技资讯网5月9日国际报道 全球最大的游戏机制造商首次演示了下一代游戏机。", "全球最大的游戏机制造商首次演示了下一代游戏机。"),
    ("英国《某某周刊》2006年4月26日报道 荷兰将更新108架战斗机的雷达告警接收机。", "荷兰将更新108架战斗机的雷达告警接收机。"),
    ("教育部即将启动高考网上咨询周活动本报讯“高校招生网上咨询周”活动将于5月12日启动。", "“高校招生网上咨询周”活动将于5月12日启动。"),
    ("1、中国证监会9日晚间发布第31号令。", "中国证监会9日晚间发布第31号令。"),
    ("二、审议通过了《关于修改公司章程的议案》。", "审议通过了《关于修改公司章程的议案》。"),
    ("3. 加快推进产业园二期建设，年内开工12个项目。", "加快推进产业园二期建设，年内开工12个项目。"),
    ("3、1960年，她的月薪是62.5元。", "1960年，她的月薪是62.5元。"),
    ("某社5月9日报道称，某公司将裁员三万人。", "某社5月9日报道称，某公司将裁员三万人。"),
    ("2、3月份全市出口增长明显。", "2、3月份全市出口增长明显。"),
    ("一、二季度全省经济运行平稳。", "一、二季度全省经济运行平稳。"),
    ("三、四线城市房价回落。", "三、四线城市房价回落。"),
    ("1.5亿元资金已经到位，项目将于下月开工。", "1.5亿元资金已经到位，项目将于下月开工。"),
    ("0.975分析，开盘合理，主队有望取胜。", "0.975分析，开盘合理，主队有望取胜。"),
    ("一、总体要求", "一、总体要求"),
    ("（深圳地区）深圳部分银行对大额提现收取0.07%至0.1%的手续费。", "深圳部分银行对大额提现收取0.07%至0.1%的手续费。"),
    ("(赵曼莉)海南“五一”黄金周接待游客突破55万人次。", "海南“五一”黄金周接待游客突破55万人次。"),
    ("(一)审议通过《公司2005年年度报告》。", "审议通过《公司2005年年度报告》。"),
    ("（中国）有限公司", "（中国）有限公司"),
    ("据某某晨报报道 黄金首饰将在今日再次涨价。", "黄金首饰将在今日再次涨价。"),
    ("具体情况为：含金量为99%的黄金首饰单价从每克198元涨到225元。", "含金量为99%的黄金首饰单价从每克198元涨到225元。"),
    ("具体来看，一季度全市规模以上工业增加值增长8.2%。", "具体来看，一季度全市规模以上工业增加值增长8.2%。"),
    ("（作者某某·某某夫），中国空军大约5000架战斗机中，90%是翻版。", "中国空军大约5000架战斗机中，90%是翻版。"),
    ("项目简介：某某产业园总投资20亿元，规划用地800亩。", "某某产业园总投资20亿元，规划用地800亩。"),
    ("剧情简介：该剧讲述了一位乡村教师的故事。", "剧情简介：该剧讲述了一位乡村教师的故事。"),
    ("2006年5月8日，中国上海——某公司一年一度的分析师大会在加州举行。", "某公司一年一度的分析师大会在加州举行。"),
    ("某某网5月9日消息[文/新闻主笔 某某某] 某芯片公司将以新品牌替代现有的两个品牌。", "某芯片公司将以新品牌替代现有的两个品牌。"),
    ("《专家之言》受地产股配股消息影响，港股昨日大跌167点。", "受地产股配股消息影响，港股昨日大跌167点。"),
    ("《市场观察》资金昨日再度追捧银行股。", "资金昨日再度追捧银行股。"),
    ("《窝轮速递》国企股中，建行昨日逆市上升。", "国企股中，建行昨日逆市上升。"),
    ("某某网北京5月9日消息[某某某/文]近日，某搜索公司表示将坚持进入手机搜索市场。", "近日，某搜索公司表示将坚持进入手机搜索市场。"),
    ("《条例》明确，园区企业可享受三年免租。", "《条例》明确，园区企业可享受三年免租。"),
    ("《人民日报》发表评论员文章。", "《人民日报》发表评论员文章。"),
], ids=["dated-国际报道", "paper-dated-报道", "headline-run-into-本报讯", "list-number-、", "list-number-chinese",
        "list-number-dot", "list-number-before-a-year", "报道称-is-the-sentence", "a-range-of-months", "a-range-of-quarters",
        "a-range-of-tiers", "a-decimal", "a-decimal-of-three-digits", "a-numbered-heading", "bracketed-label",
        "bracketed-writer", "bracketed-number", "bracketed-heading", "据…报道-before-a-space", "具体情况为-label", "具体来看-stays",
        "作者-with-no-mark", "profile-label", "profile-label-before-a-pointer", "release-dateline-date-first",
        "消息-and-bracketed-writer", "column-之言", "column-观察", "column-速递", "消息-and-writer/文", "a-document-named", "a-paper-named"])
def test_a_dated_report_a_run_in_headline_and_a_list_number_leave_the_lead(sentence, kept):
    from zhnews.text.lines import strip_lead

    assert strip_lead(sentence) == kept


def test_a_caption_credited_by_name_is_not_quoted():
    from zhnews.text.lines import summary_candidates

    sentences = ["居民楼倾斜现场图。", "肖雄 摄上月初，番禺区厦滘村一居民楼因地基下陷，房屋倾斜被拆除。"]
    assert summary_candidates(sentences) == ["上月初，番禺区厦滘村一居民楼因地基下陷，房屋倾斜被拆除。"]


@pytest.mark.parametrize("chars", [80, 100, 120])
def test_a_sentence_leaning_on_one_that_leans_in_turn_is_not_taken(chars):
    # 但是… comes only with 正因为如此…, which needs the doctor's explanation before it in turn.
    sentences = ["桃养人杏伤人？",
                 "六月各种水果陆续上市，想大快朵颐，先听听营养专家的说法。",
                 "北京中医药大学东方医院消化内科副主任医师胡立明解释，之所以说桃养人，是因为桃性温，与杏和李子比较，"
                 "相对平和，具有补中益气、养阴生津、润肠燥的功效，适合气血两亏、面黄肌瘦、心悸气短的人食用。",
                 "正因为如此，桃子又被称为“寿桃”、“仙桃”，桃子确实能养人。",
                 "但是桃子吃多了容易上火，每天吃桃子超过3个，内热偏盛、易生疮疖的人更不宜多吃桃子。",
                 "杏性温热，有小毒，适合代谢速度慢、贫血、虚寒体质的人食用。"]
    out = summary(sentences, "桃子吃多了容易上火 每天不宜超过3个", chars)
    assert out, out
    if sentences[3] in out:
        assert sentences[2] in out, out


# Portals glue the headline (or 原标题：the headline it first ran under) to the first sentence.
@pytest.mark.parametrize("title, first, expected", [
    ("港报：动车事故幸存女孩被幼儿园拒收", "港报：动车事故幸存女孩被幼儿园拒收2011年温州动车事故的幸存者因腿部有伤，被上海的幼儿园拒绝接收。",
     "2011年温州动车事故的幸存者因腿部有伤，被上海的幼儿园拒绝接收。"),
    ("社融增量逐月改善趋势确立 利好银行股估值修复",
     "原标题：社融增量逐月改善趋势确立，利好银行股估值修复央行调统司副司长张文红17日指出，前三季度贷款同比多增较多。",
     "央行调统司副司长张文红17日指出，前三季度贷款同比多增较多。"),
    # A lead that restates the title and goes on is a sentence of its own.
    ("株洲市召开产业项目推进大会", "株洲市召开产业项目推进大会，部署全年103个重点项目和投资目标任务。",
     "株洲市召开产业项目推进大会，部署全年103个重点项目和投资目标任务。"),
    # The headline it first ran under, reworded a little (北京 added): it ends where the title's last words do.
    ("国资再驰援民营上市公司 海淀百亿专项基金落地在即",
     "原标题：国资再驰援民营上市公司，北京海淀百亿专项基金落地在即第一财经记者获悉，近日，海淀区国资和东兴证券设立基金，规模100亿元。",
     "第一财经记者获悉，近日，海淀区国资和东兴证券设立基金，规模100亿元。"),
    ("国资再驰援民营上市公司 海淀百亿专项基金落地在即",
     "原标题：国资再驰援民营上市公司，北京市海淀区区属国资和东兴证券发起设立规模100亿元的发展基金。",
     "原标题：国资再驰援民营上市公司，北京市海淀区区属国资和东兴证券发起设立规模100亿元的发展基金。"),
    ("To B金融科技企业 争抢银行零售金融业务蛋糕",
     "原标题 TOB金融科技企业 争抢银行零售金融业务蛋糕记者 李冰 小赢科技在美上市，缔造了一批新晋富豪。",
     "小赢科技在美上市，缔造了一批新晋富豪。"),
], ids=["headline-glued", "original-title-glued", "lead-restating-the-title", "original-title-reworded",
        "original-title-that-goes-on", "original-title-in-other-case"])
def test_a_headline_glued_to_the_first_sentence_is_not_quoted(title, first, expected):
    rest = "该项目总投资56亿元,建成后年产动力电池20吉瓦时。"
    out = TextRankSummarizer(length=Length(sentences=1)).summarize(Article(id="x", title=title, text=first + rest))
    assert out == [expected], out


REPORT = [
    "昨日在2026全球数字经济大会成果发布会上，市社会科学院副院长发布《北京数字经济发展报告》蓝皮书。",
    "报告显示，2025年北京数字经济增加值突破2.4万亿元，同比增长8.7%，占GDP比重达46.4%，"
    "人工智能核心产业规模约4500亿元，连续三年保持两位数增长，全市人工智能企业超过2400家。",
    "蓝皮书由市社会科学院组织编写。",
    "发布会由大会组委会主办。",
]


@pytest.mark.parametrize("cut_to_fit, has", [(40, "2.4万亿元"), (0, None)], ids=["cut", "off"])
def test_the_next_best_sentence_is_cut_at_a_clause_to_the_room_left(cut_to_fit, has):
    article = Article(id="x", title="北京数字经济发展报告发布 数字经济增加值突破2.4万亿元", text="\n".join(REPORT))
    out = TextRankSummarizer(length=Length(chars=120), cut_to_fit=cut_to_fit).summarize(article)
    assert sum(map(len, out)) <= 120
    if has:
        assert out[0] == REPORT[0] and has in out[1] and out[1].endswith("…"), out
        assert REPORT[1].startswith(out[1].rstrip("…")), out  # a clause of the sentence, not a rewrite
    else:
        assert not any(s.endswith("…") for s in out), out


@pytest.mark.parametrize("cut, sentence, reports", [
    ("报告显示，2025年北京数字经济增加值突破2.4万亿元…", REPORT[1], True),
    # A cut that ends on what it announces, or inside a title, says nothing.
    ("澳大利亚农业部长当天在堪培拉举行的新闻发布会上表示，澳大利亚疾病防控中心检测结果显示…",
     "澳大利亚农业部长当天在堪培拉举行的新闻发布会上表示，澳大利亚疾病防控中心检测结果显示，3月发现的禽流感病毒为H5N1型。",
     False),
    ("经查，在发行上市申请过程中，发行人存在以下违规行为…", "经查，在发行上市申请过程中，发行人存在以下违规行为：一是未按规定披露2022年投资10亿元的关联交易。", False),
    ("联合国贸易和发展会议9月25日发布主题为“为全球绿色新政融资”的《2019年贸…",
     "联合国贸易和发展会议9月25日发布主题为“为全球绿色新政融资”的《2019年贸易和发展报告》，预计全球经济增长2.3%。", False),
    ("科技部副部长在25日举行的国新办发布会上说，初步核算…",
     "科技部副部长在25日举行的国新办发布会上说，初步核算，2021年全国169家国家级高新区营业收入超过48万亿元。", False),
    ("该行预计公司净利润将增长5%，与市场平均预期一致，同时，鉴于公司盈利前景不佳…",
     "该行预计公司净利润将增长5%，与市场平均预期一致，同时，鉴于公司盈利前景不佳，将目标价下调至5.0港元。", False),
], ids=["clause-with-figures", "ends-on-a-reporting-verb", "ends-on-a-promise", "inside-a-title", "ends-on-a-lead-in",
        "ends-on-a-clause-of-cause"])
def test_a_cut_is_quoted_only_when_it_still_reports(cut, sentence, reports):
    from zhnews.text.clauses import still_reports

    assert still_reports(cut, sentence) is reports


@pytest.mark.parametrize("chars", [120, 160])
def test_a_short_report_comes_along_with_the_sentence_that_leans_on_it(chars):
    # A brokerage flash once its dateline is stripped: the bank is named only in the short first line.
    sentences = ["长沙银行披露2025年半年报。",
                 "上半年，该行实现营业收入132.6亿元，同比增长8.3%；净利润41.2亿元，同比增长6.9%，不良贷款率降至1.18%。",
                 "同期，该行向湖南省重点产业项目投放贷款380亿元，普惠小微贷款余额增长15%。",
                 "截至6月末，该行资产总额突破1.2万亿元。"]
    out = summary(sentences, "长沙银行上半年营收净利双增 资产规模突破1.2万亿元", chars)
    assert out[:2] == sentences[:2], out


@pytest.mark.parametrize("short, comes_along", [
    ("长沙银行披露2025年半年报。", True),
    ("会议由市长主持。", False),  # no fact of its own
    ("现场气氛热烈。", False),
    ("具体如下。", False),
])
def test_which_short_lines_are_whole_reports(short, comes_along):
    from zhnews.text.lines import is_short_report

    assert is_short_report(short) is comes_along


# A bracket after the full stop that ends a unit credits the outlet, the writer or the editor.
@pytest.mark.parametrize("sentence, kept", [
    ("园区今年新引进企业32家，总投资85亿元。（江城日报）", "园区今年新引进企业32家，总投资85亿元。"),
    ("市轨道交通集团表示，6号线二期将于年底开通。(李明/王芳)", "市轨道交通集团表示，6号线二期将于年底开通。"),
    ("首批12家企业已签约入驻产业园。（未完待续）", "首批12家企业已签约入驻产业园。"),
    ("园区今年新引进企业（含外资企业12家）32家。", None),  # inside the sentence: its own words
    ("两家银行将为园区企业提供授信（首期50亿元）", None),  # no full stop before it
], ids=["outlet", "writers", "editor-mark", "inside", "no-stop"])
def test_a_credit_after_the_full_stop_is_not_quoted(sentence, kept):
    from zhnews.text.lines import summary_candidates

    assert summary_candidates(["市发展改革委昨日召开新闻发布会。", sentence]) == ["市发展改革委昨日召开新闻发布会。", kept or sentence]


def test_a_report_behind_its_purpose_is_quoted_whole_instead_of_cut():
    sentences = [
        "为深入贯彻落实数字经济发展规划的决策部署，进一步提升园区数字化服务水平，持续响应入驻企业对算力、数据和安全服务的需求，"
        "市数据局新增江城银行、湖滨银行、东湖银行、光谷银行、临江银行、南湖银行等8家机构为园区数字服务合作机构，并接入市一体化数据平台。",
        "新增机构将在完成技术准备后开展服务。",
        "目前，园区数字服务合作机构已扩容至30家。",
    ]
    out = summary(sentences, "市数据局新增8家园区数字服务合作机构")
    assert out[0].startswith("市数据局新增江城银行"), out
    assert not any("贯彻落实" in s or s.endswith("…") for s in out), out


def test_a_lead_that_restates_the_title_with_its_time_is_quoted():
    # The title above a summary does not stand in for it: readers fail one that opens on who
    # spoke at a meeting it never names.
    sentences = ["省智能制造产业园区联盟专业委员会近日在京召开二季度交流座谈会。",
                 "市工信局副局长王某出席并作会议总结，园区管委会主任李某主持会议。",
                 "与会企业代表围绕“智能制造与数字化转型”主题展开了深入研讨和广泛交流。"]
    out = summary(sentences, "省智能制造产业园区联盟专业委员会召开二季度交流座谈会")
    assert out and out[0] == sentences[0], out


# A stock profile opens on 该公司, naming the subject of a headline the page lost: it is still the lead.
STOCK_PROFILE = [
    "该公司是唯一一家直接控股乙醇汽车企业的上市公司，目前拥有44万吨燃料乙醇年生产能力，占据国内燃料乙醇汽油30%的市场份额。",
    "同时，公司还拥有一条年产2万吨用玉米生产乙烯的生产线，这是我国第一条工业化规模的同类生产线。",
    "随着国际原油价格持续上涨，国内成品油价格不断上调，预计“十一五”期间燃料乙醇的需求将达到1000万吨。",
    "从该股在市场的表现情况看，股改完成复牌后，持续走出了一波缓慢的填权行情，随后进入强势横盘整理。",
]
STOCK_PROFILE_NO_FIGURE = [
    "该公司作为以啤酒生产为主业的国家级农业产业化龙头企业，享有国家在贷款、税收等多方面的优惠政策，其啤酒在西藏地区具有突出的品牌优势。",
    "较为引人注目的是公司与全球啤酒业排名第五的嘉士伯合作，共同成立了西藏拉萨啤酒有限公司，公司在合资公司中享有50%的权益。",
    "从该股在市场的走势情况看，大资金介入其中，波段运行痕迹明显，属股改含权概念品种。",
]
FEATURE = [
    "这个“五一”长假里，北京的金先生过得很压抑。",
    "4月27日，央行宣布上调金融机构贷款基准利率0.27个百分点，五年期以上商业贷款利率升至6.39%。",
    "金先生去年用商业贷款买房，贷款总额80万元，每月还款因此增加约120元。",
]


@pytest.mark.parametrize("sentences, first_quoted", [
    (STOCK_PROFILE, True),  # 该 names the headline's subject
    (STOCK_PROFILE_NO_FIGURE, True),
    (FEATURE, False),  # a feature's scene opener with no figure still leans on what is not there
], ids=["gai-lead", "gai-lead-without-a-figure", "scene-opener-lead"])
def test_an_opening_sentence_that_leans_on_the_headline_may_come_alone(sentences, first_quoted):
    out = summary(sentences)
    assert out, out
    assert (out[0] == sentences[0]) is first_quoted, out


def _sectioned(first_heading, second_heading):
    return ["五一长假刚过，人民币汇率便走出了快速升值行情。",
            "昨天，美元兑人民币汇率中间价以8.0090元亮相，比节前最后一个交易日大涨75个基点，创下两周以来单日最大升幅。",
            "有关理财专家预测，人民币汇率升幅有限，个人投资者应依据自己的投资偏好厘清投资思路。",
            first_heading,
            "专家认为，相对来讲，近段时间是企业和个人结汇的好时机。",
            second_heading,
            "如今各家银行都提供了比较丰富的外汇理财产品，投资者可以比较选择。"]


# A feature's section labels do not pull the summary away from its lead's figures; a roundup's
# subheadings that report news still bring their sections' leads in.
@pytest.mark.parametrize("headings, section_leads_quoted", [
    (("结汇时机", "外汇理财"), False),
    (("四大银行结汇量增长35%", "外汇理财产品发行量突破200款"), True),
], ids=["labels", "reports"])
def test_only_subheadings_that_report_bring_their_sections_in(headings, section_leads_quoted):
    sentences = _sectioned(*headings)
    out = summary(sentences)
    assert (sentences[4] in out and sentences[6] in out) is section_leads_quoted, out
    assert (sentences[1] in out) is not section_leads_quoted, out


def test_a_section_label_lends_its_words_only_a_share():
    # Without the section-lead term, only the label's words pull 如今各家银行…外汇理财产品… up.
    sentences = _sectioned("外汇理财产品", "")[:4] + [
        "专家提醒，投资者要注意风险，切勿盲目跟风。",
        "如今各家银行都提供了比较丰富的外汇理财产品，外汇理财产品的收益各不相同。"]
    article = Article(id="x", title="", text="\n".join(sentences), sentences=list(sentences))
    lent = {share: TextRankSummarizer(length=Length(chars=120), section_weight=0.0, label_heading_share=share)
            .summarize(article) for share in (0.25, 1.0)}
    assert sentences[-1] not in lent[0.25] and sentences[1] in lent[0.25], lent
    assert sentences[-1] in lent[1.0], lent


# A headline (and its subheadings) run into the article's first sentence with only a space between.
@pytest.mark.parametrize("first, kept", [
    ("戴尔降低盈利预期股价大跌 全球最大个人电脑制造商戴尔公司日前表示，该公司今年第一季度盈利预计有所下降。",
     "全球最大个人电脑制造商戴尔公司日前表示，该公司今年第一季度盈利预计有所下降。"),
    ("新童谣入选校本课程一周年 宣武区中小学德育工作研讨月昨启动 本报讯 宣武区教委昨天启动中小学德育工作研讨月，全区60所学校参加。",
     "宣武区教委昨天启动中小学德育工作研讨月，全区60所学校参加。"),
    ("国务院总理李克强 5月8日在北京会见了来访的德国总理一行。", None),  # a name before a bare date: the subject
    ("国务院总理李克强 在北京会见了来访的德国总理一行。", None),  # the same before what he did
    ("企业为留住男性人才 特意招聘无恋爱史的女性。", None),  # what is left is no sentence of its own
    ("全市今年新签约项目156个，总投资超过800亿元 其中工业项目68个。", None),  # punctuation: not a headline
], ids=["headline", "headline-and-subheading-before-本报讯", "name-before-a-date", "name-before-a-verb", "short-rest",
        "a-sentence"])
def test_a_headline_run_into_the_first_sentence_with_a_space_is_not_quoted(first, kept):
    from zhnews.text.lines import summary_candidates

    second = "戴尔降低盈利预期股价大跌 全球最大个人电脑制造商戴尔公司日前表示，盈利预计有所下降。"
    assert summary_candidates([first, second]) == [kept or first, second]  # the first unit only

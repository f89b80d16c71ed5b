"""Cleaning the five real seed pages: no chrome left, no body lost."""

import re

import pytest

from zhnews.text.clean import (
    SeenSentences,
    clean_page,
    dedupe_paragraphs,
    join_broken,
    tidy_paragraph,
)
from zhnews.text.mojibake import drop_mojibake, is_mojibake, repair_latin1

CHROME_LEFTOVERS = [
    "当前位置", "您现在的位置", "admin", "微信", "13391219793", "400 0123", "版权声明", "分享给朋友",
    "相关文章", "divdata", "姓 名", "留 言", "浏览:", "发布时间", "Table with", "报料热线", "你可能会喜欢",
    "最近更新", "扫一扫", "二维码", "本文链接", "相关资料图", "主管、主办", "皇派门窗", "枣泉煤矿",
    "空气炸锅", "株洲日报·掌上株洲记者",
]


def all_text(articles):
    return "\n".join(a.title + "\n" + a.text for a in articles)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_chrome_left(seed_articles, prefix):
    text = all_text(seed_articles[prefix])
    left = [s for s in CHROME_LEFTOVERS if s in text]
    assert left == []


# First and last body sentences of each article: cleaning must keep them all.
BODY = {
    "000": ["4月14日,株洲市先进轨道交通装备产业链建设推进大会召开。", "加快研制一批重大创新产品和高端装备,全面提升集群影响力。"],
    "002": ["开局之年、暖春之际,株洲高新区召开了一次意义非凡的大会", "推动各项工作全面落实。"],
    "003": ["日前召开的市委十三届八次全会上审议通过了", "必将为长沙高新区制造业高质量发展筑牢坚实的项目支撑和产业根基。"],
    "004": ["一篇题为《拼经济就要“走出去”》的文章", "到去年底,株洲市有各类经营主体42.1万余户", "株洲市优化营商环境协调事务中心负责人信心满满。"],
    "001": [
        "国际普遍认为,科技研发的规模和强度",
        "改变对清水塘观感的不只是张向阳。",
        "石峰区将不遗余力为清水塘新城“代言”",
        "市政府与13家银行签订总额9600亿元的全面战略合作协议",
        "以不良贷款率为例,截至去年底,株洲银行业不良贷款率仅0.76%",
        "首届大国工匠创新交流大会由中华全国总工会主办",
        "自2012年建成首条海绵型道路(云龙大道)开始",
        "全面提升企业群众获得感、幸福感和安全感。",
        "打好治理体系和治理能力现代化建设的“主动仗”。",
    ],
}


@pytest.mark.parametrize("prefix", sorted(BODY))
def test_no_body_paragraph_lost(seed_articles, prefix):
    text = all_text(seed_articles[prefix])
    missing = [s for s in BODY[prefix] if s not in text]
    assert missing == []


def test_every_body_line_of_seed_000_survives(seeds_dir, seed_articles):
    from zhnews.text.normalize import normalize

    raw = normalize(next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8"))
    body = raw.split("株洲产业信息24", 1)[1].split("葛毅明微信号", 1)[0]
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    text = seed_articles["000"][0].text
    assert len(paragraphs) == 6
    assert all(p in text for p in paragraphs)


def test_newspaper_page_is_split_into_articles(seed_articles):
    articles = seed_articles["001"]
    titles = [a.title for a in articles]
    assert len(articles) >= 7
    for expected in ["株洲研发经费投入十强企业发布", "我们清水塘新城有了全新的认识", "银行业大咖齐聚 对株洲意味着什么",
                     "株洲争创省级海绵城市建设示范城市", "胡长春在全市数字化建设工作推进会上强调"]:
        assert sum(expected in t for t in titles) == 1, (expected, titles)
    # The bank story's body belongs to the bank story, and the digital one to its own.
    bank = next(a for a in articles if "银行业大咖" in a.title)
    assert "政银企战略合作对接会" in bank.text and "海绵城市" not in bank.text
    digital = next(a for a in articles if "胡长春" in a.title)
    assert "让数字智慧株洲成为推动经济社会健康发展的强大动力" in digital.text


def test_repeated_paragraphs_are_kept_once(seed_articles):
    text = all_text(seed_articles["001"])
    for sentence in ["何报翔强调,要聚焦“高地”建设", "金融活水总是流向价值高地。", "对接会上,一本厚厚的手册详细列出了我市115个重点项目。",
                     "市领导杨英杰、程轶辉出席。", "陈恢清指出,株洲创建海绵示范城市"]:
        assert text.count(sentence) == 1, sentence


def test_traditional_page_comes_out_simplified_without_pinyin(seed_articles):
    [article] = seed_articles["004"]
    text = article.title + article.text
    assert "加速经济复苏" in text and "制造名城按下发展“快进键”" in article.title
    assert not re.search(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", text)
    assert not any(ch in text for ch in "經濟復蘇發區產業")


def test_unrepairable_mojibake_is_dropped_and_counted(seed_articles):
    [article] = seed_articles["004"]
    assert article.flags.get("mojibake_sentences_dropped", 0) >= 2
    assert not any(is_mojibake(s) for s in article.sentences)
    assert "卑倜" not in article.text and "χ" not in article.text


def test_sidebar_before_the_title_is_dropped(seed_articles):
    [article] = seed_articles["003"]
    assert article.title == "为率先打造国家智能制造中心贡献麓谷担当高新力量"
    assert article.text.startswith("日前召开的市委十三届八次全会")


def test_titles_of_single_article_pages(seed_articles):
    assert seed_articles["000"][0].title == "株洲市先进轨道交通装备产业链建设推进大会召开"
    assert seed_articles["002"][0].title == "全力聚焦“2121”目标 株洲高新区产业项目春潮涌"


def test_dedupe_drops_repeats_and_fragments_of_repeats():
    seen = SeenSentences()
    paragraphs = [
        "完成海绵城市建设达标面积43平方公里。陈恢清表示,这具有重要示范意义。",
        "设达标面积43平方公里。陈恢清表示,这具有重要示范意义。另有一句新内容在这里。",
    ]
    assert dedupe_paragraphs(paragraphs, seen) == [paragraphs[0], "另有一句新内容在这里。"]


# A page of one article is deduplicated without a `SeenSentences`: most bodies are not even split.
@pytest.mark.parametrize("paragraphs, kept", [
    (["长沙地铁6号线东延段今日开通。全长7.6公里，设站4座。", "长沙地铁6号线东延段今日开通。"],
     ["长沙地铁6号线东延段今日开通。全长7.6公里，设站4座。"]),
    (["完成海绵城市建设达标面积43平方公里。", "设达标面积43平方公里。另有一句新内容在这里。"],
     ["完成海绵城市建设达标面积43平方公里。", "另有一句新内容在这里。"]),
    # The same phrase before two commas is not a repeated sentence.
    (["国家发展和改革委员会，今日批复项目。", "据国家发展和改革委员会，资金已到位。"],
     ["国家发展和改革委员会，今日批复项目。", "据国家发展和改革委员会，资金已到位。"]),
    # Spaces at the edges of sentences go, as splitting takes them off; spaces inside stay.
    (["签约仪式举行。 总投资 12 亿元。  ", "项目明年投产。"], ["签约仪式举行。总投资 12 亿元。", "项目明年投产。"]),
    (["   ", "正文只有这一句话。"], ["正文只有这一句话。"]),
    (["短句。", "短句。"], ["短句。", "短句。"]),
    # Two sentences that end alike are two sentences.
    (["会议传达了省委全会的重要讲话精神。", "各部门要认真学习领会重要讲话精神。"],
     ["会议传达了省委全会的重要讲话精神。", "各部门要认真学习领会重要讲话精神。"]),
    # The page's last line repeats the end of an earlier one, closing on a bracket, not a stop.
    (["项目总投资12亿元（含配套设施）", "新建厂房3栋。", "总投资12亿元（含配套设施）"],
     ["项目总投资12亿元（含配套设施）", "新建厂房3栋。"]),
])
def test_dedupe_of_a_single_article(paragraphs, kept):
    assert dedupe_paragraphs(paragraphs) == kept
    assert dedupe_paragraphs(paragraphs, SeenSentences()) == kept


def test_dedupe_without_seen_agrees_on_real_articles(shared_dir):
    import json

    rows = [json.loads(line) for line in open(shared_dir / "data" / "themes_dev" / "dev.jsonl", encoding="utf-8")]
    lists = [[p for p in row["text"].split("\n") if p.strip()] for row in rows]
    # Each body once, and once read twice over (every sentence then repeats).
    cases = lists + [body + body[:2] for body in lists]
    assert sum(dedupe_paragraphs(body) != body for body in cases) > 0
    for body in cases:
        assert dedupe_paragraphs(body) == dedupe_paragraphs(body, SeenSentences())


def test_join_broken_rejoins_a_cut_sentence():
    cut = "市领导出席。会上解读了《2022年株洲市数字化建设工作方案》,今年我市将加快推进5G、物联网、人工智能等新一代信息技术,让数字智慧株洲成为"
    assert join_broken([cut, "推动经济社会健康发展的强大动力。"]) == [cut + "推动经济社会健康发展的强大动力。"]
    assert join_broken(["短标题", "正文第一句。"]) == ["短标题", "正文第一句。"]


@pytest.mark.parametrize("paragraphs, joined", [
    # A page broke the line at a link: no paragraph opens on the particle 的.
    (["可是，股价出现罕见跌停", "的东山精密，此前却是A股并不多见的牛股。"],
     ["可是，股价出现罕见跌停的东山精密，此前却是A股并不多见的牛股。"]),
    # Words that start with 的 open paragraphs of their own.
    (["市出租车管理处召开座谈会", "的哥的姐代表提出了12条建议。"], ["市出租车管理处召开座谈会", "的哥的姐代表提出了12条建议。"]),
    (["他说这一年很难。", "的确，全年订单下降了三成。"], ["他说这一年很难。", "的确，全年订单下降了三成。"]),
    # After a full stop the 的 cannot continue the sentence before.
    (["项目已经开工。", "的东山精密此前是牛股"], ["项目已经开工。", "的东山精密此前是牛股"]),
], ids=["particle", "taxi-drivers", "indeed", "after-a-full-stop"])
def test_a_line_opening_on_the_particle_de_continues_the_one_before(paragraphs, joined):
    assert join_broken(paragraphs) == joined


@pytest.mark.parametrize("paragraph, tidy", [
    ("包括先锋领航、贝莱德(115.395, 2.79, 2.47%)等资管公司。", "包括先锋领航、贝莱德等资管公司。"),
    ("包括先锋领航、(115.395, 2.79, 2.47%)等资管公司。", "包括先锋领航等资管公司。"),  # the linked name was lost
    ("中国中车（6.12，-0.05，-0.81%）今日公告。", "中国中车今日公告。"),
    ("净利润同比增长(10.28%)。", "净利润同比增长(10.28%)。"),  # a figure in brackets stays
    ("贵州茅台(600519.SH)涨2.47%。", "贵州茅台(600519.SH)涨2.47%。"),  # a stock code stays
    ("预计G百联(行情,论坛)（600631）的业绩将保持高速增长。", "预计G百联（600631）的业绩将保持高速增长。"),
    ("新华百货(行情 - 留言)(600785)旗下商场营业额665万元。", "新华百货(600785)旗下商场营业额665万元。"),
    ("行情(论坛)显示，股吧热度上升。", "行情(论坛)显示，股吧热度上升。"),  # the words themselves stay
    ("该公司CEO近日告诉《第一财经(相关:理财 证券)日报》。", "该公司CEO近日告诉《第一财经日报》。"),
    ("相关部门（相关单位）已到场。", "相关部门（相关单位）已到场。"),
    ("5月8日，丽江[图库]（束河）组委会宣称将推出《爱情护照》。", "5月8日，丽江（束河）组委会宣称将推出《爱情护照》。"),
    ("捷达(报价;图片)、富康(报价;图片)等车型价格下降。", "捷达、富康等车型价格下降。"),
    ("某某集团(专题 访谈 咨询)今日发布新品。", "某某集团今日发布新品。"),
    ("体育频道(直播)今晚转播决赛。", "体育频道(直播)今晚转播决赛。"),  # one word in brackets may be the text's
], ids=["sina quote", "quote without its name", "full-width quote", "a bracketed figure", "a stock code",
        "quote and forum links", "quote and message links", "the words in text", "related-topic links",
        "related in text", "gallery link", "car price links", "topic links", "one bracketed word"])
def test_a_live_stock_quote_and_its_links_are_removed(paragraph, tidy):
    assert tidy_paragraph(paragraph) == tidy


def test_tidy_paragraph_drops_dots_after_a_full_stop_only():
    assert tidy_paragraph("居全省第一。...") == "居全省第一。"
    assert tidy_paragraph("超过全年目标任务的...") == "超过全年目标任务的..."


def test_latin1_mojibake_is_repaired():
    broken = "株洲高新区".encode("utf-8").decode("latin-1")
    assert repair_latin1(broken) == "株洲高新区"


def test_drop_mojibake_keeps_clean_sentences():
    text, n = drop_mojibake("去年6月投产后,来势喜人。坝唵纬掷m增多,预计今年产值过8000万元。公司信心满满。")
    assert n == 1 and text == "去年6月投产后,来势喜人。公司信心满满。"


def test_related_list_and_everything_after_it_is_cut():
    page = "新闻标题\n正文第一段,内容充实,讲述了一件事情。\n正文第二段,继续讲述。\n相关文章\n另一篇文章的标题\n另一篇文章的摘要内容在这里出现。"
    [article] = clean_page(page)
    assert "另一篇" not in article.text and "正文第二段" in article.text


_REPORT = "长沙地铁6号线东延段今日开通运营，全长7.6公里，设站4座，市民出行更加便捷。"
_REACTION = "沿线居民表示，地铁开通后上班通勤时间缩短了一半以上，十分方便快捷。"


# A row's edges are asked every edge rule, its inside only the whole-line ones.
@pytest.mark.parametrize("lines, kept, removed", [
    (["资料图：地铁施工现场", _REPORT, _REACTION], [_REPORT, _REACTION], [("资料图：地铁施工现场", "caption")]),
    ([_REPORT, _REACTION, "javascript:void(0)"], [_REPORT, _REACTION], [("javascript:void(0)", "markup")]),
    ([_REPORT, "javascript:void(0)", _REACTION], [_REPORT, "javascript:void(0)", _REACTION], []),
    ([_REPORT, "海量资讯、精准解读，尽在新浪财经APP", _REACTION], [_REPORT, _REACTION],
     [("海量资讯、精准解读，尽在新浪财经APP", "plug")]),
])
def test_row_edges_and_inside(lines, kept, removed):
    from zhnews.text.clean import Trace

    trace = Trace()
    [article] = clean_page("\n".join(lines), allow_split=False, row=True, trace=trace)
    assert article.paragraphs == kept
    assert trace.removed == removed


@pytest.mark.parametrize("first_line, title", [
    ("摘要：在截至4月29日的这一财季，某网络设备公司的净利润为14亿美元", "在截至4月29日的这一财季，某网络设备公司的净利润为14亿美元"),
    ("留守人士自我安慰：在北京过春节的十理由 www.example.com2006年02月01日20:00:35来源：某某网", "留守人士自我安慰：在北京过春节的十理由"),
    ("证券通：G中储(行情,论坛)土地价值重估 成一座有待挖掘的金矿", "证券通：G中储土地价值重估 成一座有待挖掘的金矿"),
    ("某市政务网站 www.example.gov.cn 2025年新版上线", "某市政务网站 www.example.gov.cn 2025年新版上线"),  # no timestamp
], ids=["abstract label", "address and timestamp", "stock links", "a site in the title"])
def test_a_title_loses_its_label_links_and_address(first_line, title):
    # As a JSONL row's text: its first line is the only title an untitled record has.
    body = "某某公司今天发布了2025财年第三季度财报，销售额同比增长18%。报告显示，公司第三季度净利润同比略有下滑。"
    [article] = clean_page(first_line + "\n" + body, row=True)
    assert article.title == title


_BODY = "某某公司今天发布了2025财年第三季度财报，销售额同比增长18%。报告显示，公司第三季度净利润同比略有下滑。"


# A report's source or a reporter on a line of its own is a byline: neither the title nor the body.
@pytest.mark.parametrize("first_line", [
    "英国《某某新闻》2006年4月6日报道",
    "俄罗斯某某社2006年5月6日报道",
    "某某国际广播电台报道",
    "英国《某某时报》弗朗西斯科·格雷拉(Francesco Guerrera)香港报道",
    "某某公司2006年4月12日报道",
    "●本报记者　王　文",
    "某某时报特约撰稿人 司马岩 某某时报特约记者 童 宜",
], ids=["paper-and-date", "agency-and-date", "station", "paper-reporter-and-place", "company-and-date",
        "spaced-name", "two-spaced-credits"])
def test_a_source_or_reporter_line_is_neither_title_nor_body(first_line):
    [article] = clean_page(first_line + "\n" + _BODY, row=True)
    assert article.title == ""
    assert first_line not in article.text and "销售额同比增长18%" in article.text


@pytest.mark.parametrize("first_line", [
    "12:10 某某足球午间报道",          # a programme in a schedule
    "据俄罗斯《某某报》报道",            # leads into the next line
    "某市曝光黑作坊 本台跟踪报道",
], ids=["schedule", "attribution", "headline-with-report"])
def test_a_line_ending_in_report_that_names_no_source_is_kept(first_line):
    [article] = clean_page(first_line + "\n" + _BODY, row=True)
    assert first_line in article.title + "\n" + article.text

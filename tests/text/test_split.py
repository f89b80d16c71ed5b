import pytest

from zhnews.text.split import first_sentence, split_sentences


def test_terminators_and_line_breaks():
    text = "标题一行\n他强调,要坚定信心。会上听取了各方汇报!项目能按期完成吗?是的。"
    assert split_sentences(text) == ["标题一行", "他强调,要坚定信心。", "会上听取了各方汇报!", "项目能按期完成吗?是的。"]


def test_closing_quote_stays_with_its_sentence():
    text = "“知道它厉害,没想到这么厉害!”4月9日,矿长翟文对着记者连说几个“没想到”。大年初三,枣泉煤矿复工。"
    assert split_sentences(text) == [
        "“知道它厉害,没想到这么厉害!”",
        "4月9日,矿长翟文对着记者连说几个“没想到”。",
        "大年初三,枣泉煤矿复工。",
    ]


def test_full_stop_inside_quotation_does_not_split():
    text = "“要牢固树立导向。要以项目论英雄。”周建光向全区发出动员。"
    assert split_sentences(text) == ["“要牢固树立导向。要以项目论英雄。”", "周建光向全区发出动员。"]


def test_short_attribution_joins_the_quote():
    assert split_sentences("“今年肯定再创新高!”他说。") == ["“今年肯定再创新高!”他说。"]


def test_decimals_dates_and_teasers():
    text = "不良贷款率仅0.76%,处于全省最低。发布于2023.03.17。超过全年目标任务的..."
    assert split_sentences(text) == ["不良贷款率仅0.76%,处于全省最低。", "发布于2023.03.17。", "超过全年目标任务的..."]


def test_ellipsis_ends_a_sentence():
    text = "开放直播与行业融合……快手科技第一时间投身疫情防控。"
    assert split_sentences(text) == ["开放直播与行业融合……", "快手科技第一时间投身疫情防控。"]


def test_text_after_last_full_stop_is_kept():
    assert split_sentences("第一句。没有句号的结尾") == ["第一句。", "没有句号的结尾"]


@pytest.mark.parametrize("text", ["", "\n\n", "   "])
def test_empty(text):
    assert split_sentences(text) == []


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = "“" + "这是一句很长的话。" * 40
    assert len(split_sentences(text)) > 10


def test_a_quotation_open_for_longer_than_200_characters_stops_holding_sentences():
    # Under the limit, the full stops inside the quotation do not split it.
    short = "他说：“" + "这项工程很重要。" * 20 + "”记者随后离开现场。"
    assert split_sentences(short)[0].endswith("”")
    # Over it (an unclosed quote in broken markup), full stops split again from there on.
    long = "他说：“" + "这项工程很重要。" * 30 + "记者随后离开现场。"
    pieces = split_sentences(long)
    assert len(pieces[0]) <= 200 + len("他说：“这项工程很重要。")
    assert pieces[1:] == ["这项工程很重要。"] * (len(pieces) - 2) + ["记者随后离开现场。"]
    assert len(pieces) > 3


@pytest.mark.parametrize("text", [
    "", "\n \n", "地铁3号线今日开通。全线设站20座。",
    "\n\n  “线路已经贯通。列车年底试运行”，负责人说。站点同步建设。",
    "他说。项目总投资12亿元，年底投产。",  # a fragment joins the sentence after it
    "没有句号的标题\n正文第一句。第二句。",
    "……据悉，园区新增企业30家！",
    "项目总投资12亿元。好。对！年底投产，带动就业500人。二期明年开工。",  # fragments join the first
    "签约仪式在长沙举行。 。  ！ 合同金额3亿元",
    "没有任何终止符的一整行正文",
    "。。。",
    "首句很长的一段话？！短。",
])
def test_first_sentence_is_the_first_of_split_sentences(text):
    assert first_sentence(text) == (split_sentences(text)[:1] or [""])[0]


def test_first_sentence_agrees_on_real_articles(shared_dir):
    import json

    path = shared_dir / "data" / "themes_dev" / "dev.jsonl"
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    for text in texts:
        assert first_sentence(text) == (split_sentences(text)[:1] or [""])[0]

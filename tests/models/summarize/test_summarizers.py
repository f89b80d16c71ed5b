import numpy as np
import pytest

from zhnews.models.evaluate import rouge_l, rouge_n
from zhnews.models.summarize import (
    LeadSummarizer,
    Length,
    Summarizer,
    TextRankSummarizer,
    pagerank,
    truncate,
)
from zhnews.records import Article
from zhnews.text.chars import normalized_key
from zhnews.text.lines import strip_lead

METRO = [
    "成都轨道交通集团4月2日宣布，地铁19号线二期工程完成全部铺轨。",
    "该线路全长43公里，设站12座，计划年内开通试运营。",
    "19号线二期开通后，天府国际机场到市区的地铁时间将缩短到40分钟。",
    "沿线市民表示，期待地铁早日开通，出行会方便很多。",
    "成都地铁运营里程已超过550公里，位居全国前列。",
    "集团负责人介绍，二期工程铺轨完成后将进入设备安装和联调联试阶段。",
]


def positions(text: str, summary: list[str]) -> list[int]:
    return [text.index(s) for s in summary]


@pytest.mark.parametrize("summarizer", [TextRankSummarizer(), LeadSummarizer()])
def test_same_interface_for_every_summarizer(summarizer):
    assert isinstance(summarizer, Summarizer)
    out = summarizer.summarize("".join(METRO), length=Length(sentences=2))
    assert len(out) == 2 and all(s in METRO for s in out)


def test_summary_keeps_document_order():
    # The title makes a late sentence the best one, so it is chosen first.
    article = Article(id="o", title="成都地铁运营里程全国前列", text="".join(METRO))
    for n in (2, 3, 4):
        summarizer = TextRankSummarizer(title_weight=5.0, length=Length(sentences=n))
        out = summarizer.summarize(article)
        assert METRO[4] in out and len(out) == n
        assert positions(article.text, out) == sorted(positions(article.text, out))


def test_repeated_paragraph_is_never_chosen_twice():
    # Scraped pages often print the lead paragraph twice.
    text = "\n".join([METRO[0] + METRO[1], METRO[0] + METRO[1]] + METRO[2:])
    for summarizer in (TextRankSummarizer(), LeadSummarizer(), TextRankSummarizer(position_weight=0.0)):
        out = summarizer.summarize(text, length=Length(sentences=4))
        keys = [normalized_key(s) for s in out]
        assert len(keys) == len(set(keys)) == 4


def test_near_duplicate_sentences_are_merged_before_ranking():
    near = METRO[0].replace("宣布", "表示")
    text = "".join([METRO[0], near] + METRO[1:])
    out = TextRankSummarizer().summarize(text, length=Length(sentences=3))
    assert not (METRO[0] in out and near in out)


@pytest.mark.parametrize("budget", [30, 60, 90, 150])
def test_character_budget_is_respected(budget):
    out = TextRankSummarizer().summarize("".join(METRO), length=Length(chars=budget))
    assert out and sum(len(s) for s in out) <= budget


def test_ratio_is_a_share_of_the_article():
    text = "".join(METRO)
    short = TextRankSummarizer().summarize(text, length=Length(ratio=0.2))
    long = TextRankSummarizer().summarize(text, length=Length(ratio=0.6))
    assert sum(map(len, short)) <= 0.2 * len(text) + 1
    assert sum(map(len, short)) < sum(map(len, long)) <= 0.6 * len(text) + 1


def test_sentence_longer_than_budget_is_cut_gracefully():
    long = "国家发展改革委今天召开新闻发布会，介绍今年以来宏观经济运行情况，并就市场关注的投资、消费、就业、物价等热点问题回答记者提问。"
    out = TextRankSummarizer().summarize(long + "发布会持续了两个小时。", length=Length(chars=40))
    [only] = out
    assert len(only) <= 40 and only.endswith("…")
    assert long.startswith(only[:-1])


def test_truncate_prefers_a_clause_break_near_the_end():
    sentence = "甲乙丙丁戊己庚辛壬癸，子丑寅卯辰巳午未申酉戌亥。"
    assert truncate(sentence, 12) == "甲乙丙丁戊己庚辛壬癸…"
    assert truncate(sentence, 100) == sentence
    assert len(truncate(sentence, 5)) == 5


def test_one_and_two_sentence_articles():
    assert TextRankSummarizer().summarize(METRO[0]) == [METRO[0]]
    out = TextRankSummarizer(length=Length(sentences=3)).summarize(METRO[0] + METRO[1])
    assert out == [METRO[0], METRO[1]]
    assert TextRankSummarizer().summarize("") == []
    assert TextRankSummarizer().summarize("，。！") == []


def test_huge_page_is_summarized_within_budget():
    topics = ["地铁", "高铁", "公园", "银行", "数据中心", "产业园", "机场", "港口"]
    sentences = [
        f"第{i}段消息说，{topics[i % 8]}项目{i}号工程进展顺利，{topics[(i * 3) % 8]}建设带动投资{i * 7}亿元。"
        for i in range(520)
    ]
    text = "\n".join(sentences)
    assert len(text) > 20000
    out = TextRankSummarizer().summarize(text, length=Length(chars=150))
    assert out and sum(map(len, out)) <= 150
    assert positions(text, out) == sorted(positions(text, out))


def test_centrality_picks_the_sentence_the_others_talk_about():
    central = "地铁19号线二期工程完成铺轨，天府机场线路即将开通。"
    others = [
        "今年的春天来得特别早，公园里的花都开了。",
        "地铁19号线二期工程沿线已经完成站点建设。",
        "天府机场线路开通后，旅客出行将更加方便。",
        "二期工程铺轨期间，施工单位克服了许多困难。",
    ]
    text = "".join([others[0], central] + others[1:])
    out = TextRankSummarizer(position_weight=0.0, length=Length(sentences=1)).summarize(text)
    assert out == [central]


def test_title_similarity_counts_where_there_is_a_title():
    article = Article(id="t", title="成都地铁运营里程全国前列", text="".join(METRO))
    out = TextRankSummarizer(position_weight=0.0, title_weight=5.0, length=Length(sentences=1)).summarize(article)
    assert out == [METRO[4]]


def test_article_sentences_are_used_and_headings_skipped():
    article = Article(id="a", text="", sentences=["一、工程进展情况", METRO[0], METRO[1]])
    out = LeadSummarizer(length=Length(sentences=1)).summarize(article)
    assert out == [METRO[0]]


def test_datelines_and_station_idents_are_cleaned():
    assert strip_lead("央视网消息（新闻联播）：本台消息，" + METRO[0]) == METRO[0]
    assert strip_lead("新华社北京3月1日电（记者 王某）" + METRO[1]) == METRO[1]
    out = LeadSummarizer(length=Length(sentences=1)).summarize("央视网消息(新闻联播)：" + "".join(METRO))
    assert out == [METRO[0]]


def test_length_needs_exactly_one_valid_setting():
    with pytest.raises(ValueError):
        Length(sentences=2, chars=100)
    for bad in ({"sentences": 0}, {"chars": 0}, {"ratio": 0.0}, {"ratio": 1.5}):
        with pytest.raises(ValueError):
            Length(**bad)
    assert Length.from_options() == Length(chars=120)


def test_pagerank_favours_the_hub_and_sums_to_one():
    star = np.zeros((5, 5))
    star[0, 1:] = star[1:, 0] = 1.0
    rank = pagerank(star)
    assert rank.argmax() == 0 and rank.sum() == pytest.approx(1.0)
    isolated = pagerank(np.eye(3))
    assert isolated == pytest.approx(np.full(3, 1 / 3))


def test_rouge_on_characters():
    assert rouge_l("甲乙丙丁", "甲乙丙丁") == pytest.approx(1.0)
    assert rouge_n("甲乙", "丙丁", 1) == 0.0
    # LCS of 甲乙丙丁 / 甲丙乙丁 is 3 of 4 characters on both sides.
    assert rouge_l("甲乙丙丁", "甲丙乙丁") == pytest.approx(0.75)
    # Bigrams: 甲乙 乙丙 丙丁 vs 甲乙 乙戊: one shared; P=1/3, R=1/2.
    assert rouge_n("甲乙丙丁", "甲乙戊", 2) == pytest.approx(0.4)
    assert rouge_l("甲，乙。", "甲乙") == pytest.approx(1.0)


# The settings tuned on cctv_briefs before the regional work (bench/README.md): subheadings quoted.
QUOTE_HEADINGS = {"subheading_weight": 8.0, "report_headings_only": False, "position_weight": 8.0, "heading_lend": 0.0,
                  "section_weight": 0.0, "fact_weight": 0.0, "fluff_weight": 0.0, "bar_fragments": False,
                  "keep_context": False, "min_gain": 0.0}


def test_subheadings_are_key_points_but_not_the_headline_or_title_again():
    # Quoting subheadings is an option (CCTV's subheadings are its editor's brief); by default they are never quoted.
    units = [
        "成都地铁19号线二期完成铺轨",  # the opening headline
        METRO[0],
        "天府机场到市区只需40分钟",  # a subheading inside the item
        METRO[2],
        "成都地铁19号线二期完成铺轨",
        METRO[3],
    ]
    article = Article(id="h", title="成都地铁19号线二期完成铺轨", text="", sentences=units)
    out = TextRankSummarizer(length=Length(sentences=2), **QUOTE_HEADINGS).summarize(article)
    assert "天府机场到市区只需40分钟" in out
    assert "成都地铁19号线二期完成铺轨" not in out
    without = TextRankSummarizer(length=Length(sentences=2)).summarize(article)
    assert all(not s.endswith("分钟") for s in without) and len(without) == 2


def test_at_most_one_subheading_so_a_summary_is_not_a_table_of_contents():
    units = [
        METRO[0],
        "全面完成铺轨任务",
        "设备安装同步推进",
        "联调联试年内启动",
        "沿线站点加快建设",
        METRO[1],
        METRO[5],
    ]
    article = Article(id="toc", title="成都地铁19号线二期完成铺轨", text="", sentences=units)
    out = TextRankSummarizer(length=Length(sentences=4), **QUOTE_HEADINGS).summarize(article)
    assert len(out) == 4
    assert sum(not s.endswith("。") for s in out) == 1
    two = TextRankSummarizer(length=Length(sentences=4), max_headings=2, **QUOTE_HEADINGS).summarize(article)
    assert sum(not s.endswith("。") for s in two) == 2
    assert all(s.endswith("。") for s in TextRankSummarizer(length=Length(sentences=4)).summarize(article))
    only_headings = Article(id="h", title="", text="", sentences=units[1:5])
    assert len(TextRankSummarizer(length=Length(sentences=3), **QUOTE_HEADINGS).summarize(only_headings)) == 3


def _power_iteration(w, damping=0.85):
    """PageRank by the textbook iteration, to 1e-13, for comparison."""
    w = np.array(w, dtype=float)
    np.fill_diagonal(w, 0.0)
    n = len(w)
    out = w.sum(axis=1)
    rank = np.full(n, 1.0 / n)
    for _ in range(10_000):
        spread = sum(rank[i] * (w[i] / out[i] if out[i] else np.full(n, 1.0 / n)) for i in range(n))
        new = (1 - damping) / n + damping * spread
        if np.abs(new - rank).sum() < 1e-13:
            break
        rank = new
    return new


@pytest.mark.parametrize("n", [1, 2, 7, 60, 450])
def test_pagerank_matches_the_power_iteration_with_isolated_sentences(n):
    rng = np.random.default_rng(n)
    w = rng.random((n, n)) * (rng.random((n, n)) < 0.3)
    w = (w + w.T) / 2
    w[: max(1, n // 5)] = 0.0  # sentences similar to nothing (dangling)
    w[:, : max(1, n // 5)] = 0.0
    rank = pagerank(w)
    assert rank.sum() == pytest.approx(1.0)
    assert np.allclose(rank, _power_iteration(w), atol=1e-6 if n > 400 else 1e-10)

"""Grouping, ranking, reprint merging, escaping and every output format of the digest.

The classifier here is a small rule-based stand-in with the estimator
interface, so each test controls exactly which themes an article gets; the
CLI tests run the shipped model end to end.
"""

import json

import numpy as np
import pytest

from zhnews.models.dedupe import MinHashDeduper
from zhnews.records import Article
from zhnews.render.digest_html import render as render_html
from zhnews.render.digest_json import render as render_json
from zhnews.render.digest_markdown import render as render_markdown
from zhnews.run.digest import build_digest
from zhnews.text.split import split_sentences


class WordRules:
    """Scores a label by the share of its cue words present in the text."""

    labels_ = ["rail_transit", "finance", "parks", "digitization"]
    cues = {
        "rail_transit": ["地铁", "铁路", "列车"],
        "finance": ["银行", "贷款", "上市"],
        "parks": ["高新区", "产业园", "开发区"],
        "digitization": ["数字", "5G", "大数据"],
    }

    def predict_proba(self, texts):
        return np.array([[sum(c in t for c in self.cues[l]) / 3 for l in self.labels_] for t in texts])

    def decide(self, proba, threshold=None):
        cut = 0.3 if threshold is None else threshold
        return [[l for l, p in zip(self.labels_, row) if p >= cut] for row in proba]


def art(i, title, text, source="源", date=""):
    return Article(id=f"a{i}", title=title, text=text, sentences=split_sentences(text), source=source, date=date)


def first_sentence(article):
    return article.sentences[:1]


def no_keywords(article):
    return ["关键词"]


RAIL = "成都地铁19号线二期今日开通。新线路串联机场与铁路枢纽,列车最高时速140公里。沿线设站12座,日均客流预计20万人次。"
BANK = "工商银行向高新区企业发放专项贷款50亿元。银行表示,贷款重点支持科技型中小企业,已有3家企业筹备上市。"
OTHER = "全市中小学今日开学。教育局表示,今年新建学校12所,新增学位2万个,家长可通过官方渠道查询分班结果。"


def digest_of(articles, **kw):
    return build_digest(articles, WordRules(), first_sentence, no_keywords, **kw)


def test_grouping_primary_theme_and_other_news():
    d = digest_of([art(1, "地铁开通", RAIL), art(2, "银行放贷", BANK), art(3, "开学", OTHER)])
    assert [i.id for i in d.sections["rail_transit"]] == ["a1"]
    # Finance (3 cues) beats parks (1 cue): listed under finance, tagged with both.
    assert [i.id for i in d.sections["finance"]] == ["a2"]
    assert d.sections["finance"][0].themes == ["finance", "parks"]
    assert d.sections["parks"] == []
    assert [i.id for i in d.other] == ["a3"]
    assert d.counts == {"rail_transit": 1, "finance": 1, "parks": 1, "digitization": 0}
    assert list(d.sections) == ["rail_transit", "finance", "parks", "digitization"]


def test_ranking_within_a_theme_by_confidence():
    weak = "地铁站周边的咖啡店生意不错,老板说客人多了。"
    d = digest_of([art(1, "咖啡", weak), art(2, "地铁开通", RAIL)])
    assert [i.id for i in d.sections["rail_transit"]] == ["a2", "a1"]


def test_reprints_are_shown_once_with_their_sources():
    copy = "本报讯 " + RAIL.replace("今日开通", "正式开通") + "(编辑 李四)"
    d = digest_of([art(1, "地铁开通", RAIL, "成都日报"), art(2, "19号线开通", copy, "四川在线"), art(3, "开学", OTHER)])
    [item] = d.sections["rail_transit"]
    assert d.n_duplicates == 1
    # The fuller version is shown; the other is listed as a reprint.
    assert item.id == "a2" and [r.source for r in item.reprints] == ["成都日报"]
    assert len(d.items) == 2


def test_date_selection_keeps_that_day_and_undated():
    d = digest_of([art(1, "a", RAIL, date="2024-05-01"), art(2, "b", BANK, date="2024-05-02"), art(3, "c", OTHER)], day="2024-05-02")
    assert sorted(i.id for i in d.items) == ["a2", "a3"]
    assert d.date == "2024-05-02"


def test_minhash_separates_different_stories_and_joins_copies():
    texts = [RAIL, BANK, OTHER, RAIL.replace("今日", "昨日")]
    assert MinHashDeduper().fit(texts).groups_ == [[0, 3], [1], [2]]


def test_signatures_made_elsewhere_group_as_fit_would():
    # A pool computes the signatures one text at a time (`digest --jobs`); the groups are the same.
    texts = [RAIL, BANK, OTHER, RAIL.replace("今日", "昨日"), ""]
    rows = [MinHashDeduper().signature(t) for t in texts]
    assert MinHashDeduper().fit(texts, signatures=rows).groups_ == MinHashDeduper().fit(texts).groups_
    with pytest.raises(ValueError, match="signatures"):
        MinHashDeduper().fit(texts, signatures=rows[:2])
    # The signatures given are the ones compared: two different stories given one signature are one.
    assert MinHashDeduper().fit(texts, signatures=[rows[0], rows[0], *rows[2:]]).groups_[0] == [0, 1, 3]


EVIL = "<script>document.title='pwned'</script>"


@pytest.fixture()
def evil_digest():
    return digest_of([art(1, "地铁开通" + EVIL, RAIL + EVIL), art(2, "开学 <b>粗体</b>", OTHER)])


def test_html_escapes_article_text(evil_digest):
    page = render_html(evil_digest)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>粗体</b>" not in page
    assert page.count("<script") == 0


def test_html_is_self_contained(evil_digest):
    page = render_html(evil_digest)
    for external in ("http://", "https://", "<link", "@import", "url("):
        assert external not in page
    assert 'data-count="rail_transit">1<' in page and "其他新闻（1 篇）" in page


def test_markdown_output(evil_digest):
    md = render_markdown(evil_digest)
    assert md.startswith("# 每日简报")
    assert "## 轨道交通（1）" in md and "## 其他新闻（1）" in md
    assert "<script>" not in md and "\\<script\\>" in md


def test_json_output_has_full_structure(evil_digest):
    data = json.loads(render_json(evil_digest))
    assert data["counts"]["rail_transit"] == 1
    [rail] = [t for t in data["themes"] if t["id"] == "rail_transit"]
    assert rail["name"] == "轨道交通" and rail["items"][0]["primary"] == "rail_transit"
    assert rail["items"][0]["title"].endswith(EVIL)
    assert data["other"][0]["id"] == "a2"


def test_empty_input_gives_an_empty_digest():
    d = digest_of([])
    assert d.items == [] and "今日暂无相关报道" in render_html(d)

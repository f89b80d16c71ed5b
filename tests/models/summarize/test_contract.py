"""The contract every registered summarizer keeps (a new one is tested by adding it to the registry)."""

from __future__ import annotations

import pytest

from tests.helpers import seed_path
from zhnews.models.summarize import SUMMARIZERS, Length
from zhnews.run.articles import load_articles
from zhnews.text.chars import normalized_key

ARTICLE = (
    "成都轨道交通集团4月2日宣布，地铁19号线二期工程完成全部铺轨。"
    "该线路全长43公里，设站12座，计划年内开通试运营。"
    "19号线二期开通后，天府国际机场到市区的地铁时间将缩短到40分钟。"
    "该线路全长43公里，设站12座，计划年内开通试运营。"
    "沿线市民表示，期待地铁早日开通，出行会方便很多。"
    "成都地铁运营里程已超过550公里，位居全国前列。"
)

LENGTHS = [Length(sentences=1), Length(sentences=3), Length(chars=40), Length(chars=120), Length(ratio=0.3)]


@pytest.fixture(scope="module", params=sorted(SUMMARIZERS))
def make(request):
    cls = SUMMARIZERS[request.param]
    return lambda length=Length(chars=120): cls(length=length)


def test_empty_and_punctuation_only_give_nothing(make):
    assert make().summarize("") == []
    assert make().summarize("，。！？") == []


def test_one_sentence_is_its_own_summary(make):
    sentence = "成都轨道交通集团4月2日宣布，地铁19号线二期工程完成全部铺轨。"
    assert make().summarize(sentence) == [sentence]


@pytest.mark.parametrize("length", LENGTHS, ids=str)
def test_budget_order_and_no_repeats(make, length):
    out = make(length).summarize(ARTICLE)
    assert out
    if length.sentences is not None:
        assert len(out) <= length.sentences
    budget = length.char_budget(len(ARTICLE))
    if budget is not None:
        assert sum(len(s) for s in out) <= budget
    keys = [normalized_key(s) for s in out]
    assert len(keys) == len(set(keys)), out
    # Whole sentences come out in the article's order (a cut sentence ends with …).
    where = [ARTICLE.index(s.rstrip("…")) for s in out]
    assert where == sorted(where)


def test_seed_articles_hold_the_contract(make):
    for article in load_articles([str(seed_path("000"))]):
        out = make(Length(chars=120)).summarize(article)
        assert out and sum(len(s) for s in out) <= 120
        assert len({normalized_key(s) for s in out}) == len(out)
        assert all(s.rstrip("…") in article.text for s in out)


def test_parameters_round_trip(make):
    summarizer = make(Length(sentences=2))
    again = type(summarizer)(**summarizer.get_params())
    assert again.get_params() == summarizer.get_params()
    with pytest.raises(TypeError, match="no parameter"):
        type(summarizer)(not_a_parameter=1)

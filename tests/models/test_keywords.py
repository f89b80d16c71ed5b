import re

from zhnews.models.keywords import (
    KeywordExtractor,
    extract_keywords,
    is_keyword_candidate,
)
from zhnews.records import Article
from zhnews.text.segment import stopwords

TEXT = (
    "2023年3月17日，成都轨道交通集团宣布，地铁19号线二期工程完成全部铺轨。"
    "地铁19号线全长43公里，连接天府国际机场。地铁建设带动沿线产业园发展，"
    "集团表示，轨道交通和产业园将共同推动区域经济。chengdu ditie 5G 覆盖全线。"
)


def test_keywords_are_content_words_only():
    words = extract_keywords(TEXT, top_k=10)
    assert words and len(words) <= 10
    stop = stopwords()
    for word in words:
        assert word not in stop
        assert not re.search(r"\d", word) or re.search(r"[A-Z]", word)
        assert not re.fullmatch(r"[a-z]+", word)
        assert not re.search(r"[，。、；：！？\s]", word)
    assert "地铁" in words
    assert "号线" not in words and "公里" not in words


def test_top_k_and_order_by_weight():
    top3 = KeywordExtractor(top_k=3).extract(TEXT)
    top6 = KeywordExtractor(top_k=6).extract(TEXT)
    assert len(top3) == 3 and top6[:3] == top3


def test_title_words_weigh_more():
    text = "机场建设进展顺利。地铁线路延伸到机场。机场周边产业园开工。"
    plain = KeywordExtractor(top_k=1).extract(text)
    titled = KeywordExtractor(top_k=1, title_boost=10.0).extract(Article(id="x", title="产业园开工", text=text))
    assert plain == ["机场"] and titled == ["产业园"]


def test_candidates_filter():
    assert is_keyword_candidate("地铁") and is_keyword_candidate("GDP") and is_keyword_candidate("5G")
    for bad in ("地", "2023", "19号", "shi", "x", "新闻联播"):
        assert not is_keyword_candidate(bad)
    assert extract_keywords("") == [] and extract_keywords("。，！123") == []


def test_keyword_order_does_not_depend_on_string_hashing(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from tests.helpers import REPO

    # This article has title words of equal weight: their order once followed set iteration.
    rows = [l for p in (REPO / "training" / "authored").glob("*.jsonl")
            for l in p.read_text(encoding="utf-8").splitlines() if json.loads(l)["id"] == "rail-0010"]
    src = tmp_path / "a.jsonl"
    src.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    outs = set()
    for seed in ("1", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        run = subprocess.run([sys.executable, "-m", "zhnews", "summarize", str(src), "--format", "jsonl"],
                             capture_output=True, text=True, env=env, check=True)
        outs.add(run.stdout)
    assert len(outs) == 1 and json.loads(outs.pop())["keywords"]

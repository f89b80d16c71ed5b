"""The private tokenizer: jieba's segmentation (rjieba or jieba), fast cached dictionary, no shared state."""

import os
import json
import re
import sys
from collections import Counter

import jieba
import pytest

from tests.helpers import REPO
from zhnews.text.segment import Tokenizer

TRAINING = REPO / "training"

TEXT = "株洲高新区一网通办上线，中车株机发布新一代储能式有轨电车。今年以来信用贷款余额增长12%。"


def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return Tokenizer(engine="jieba")


def test_cached_dictionary_segments_exactly_like_jieba(tmp_path, monkeypatch):
    first = fresh(tmp_path, monkeypatch)  # builds the cache
    caches = list((tmp_path / "zhnews").glob("jieba-prefix-*.bin"))
    assert len(caches) == 1
    second = fresh(tmp_path, monkeypatch)  # loads it
    reference = jieba.Tokenizer()
    reference.load_userdict(_userdict())
    assert second.segmenter_.FREQ == first.segmenter_.FREQ
    assert second.cut(TEXT) == first.cut(TEXT) == [t for t in reference.lcut(TEXT) if t.strip()]
    assert "一网通办" in second.cut(TEXT) and "中车株机" in second.cut(TEXT)


def _userdict():
    from zhnews.shipped import data_path

    return str(data_path("userdict.txt"))


def test_corrupt_cache_is_rebuilt_not_trusted(tmp_path, monkeypatch):
    fresh(tmp_path, monkeypatch)
    cache = next((tmp_path / "zhnews").glob("jieba-prefix-*.bin"))
    good = cache.read_bytes()
    cache.write_bytes(good[: len(good) // 2])
    tok = fresh(tmp_path, monkeypatch)
    assert "一网通办" in tok.cut(TEXT)
    assert cache.read_bytes() == good


def test_user_words_do_not_leak_into_jiebas_global_tokenizer(tmp_path, monkeypatch):
    fresh(tmp_path, monkeypatch)
    assert "中车株机" not in jieba.lcut("中车株机发布新车")


def test_user_words_do_not_leak_into_rjiebas_global_tokenizer():
    rjieba = pytest.importorskip("rjieba")
    tok = Tokenizer(engine="rjieba")
    assert "中车株机" in tok.cut("中车株机发布新车")
    assert "中车株机" not in rjieba.cut("中车株机发布新车")


def test_default_engine_is_rjieba_when_installed_and_jieba_otherwise(monkeypatch):
    pytest.importorskip("rjieba")
    assert Tokenizer().engine_ == "rjieba"
    monkeypatch.setitem(sys.modules, "rjieba", None)  # as if it were not installed
    tok = Tokenizer()
    assert tok.engine_ == "jieba"
    assert "一网通办" in tok.cut(TEXT)
    with pytest.raises(ImportError):
        Tokenizer(engine="rjieba")
    with pytest.raises(ValueError, match="engine"):
        Tokenizer(engine="pkuseg")


def test_both_engines_segment_the_training_corpus_alike():
    """rjieba may differ from jieba only on hyphenated Latin and digits (5G-R, Wi-Fi)."""
    pytest.importorskip("rjieba")
    fast, reference = Tokenizer(engine="rjieba"), Tokenizer(engine="jieba")
    texts = [json.loads(line)["text"] for path in sorted(TRAINING.rglob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 1000
    identical, tokens, differing, odd = 0, 0, 0, Counter()
    for text in texts:
        a, b = fast.cut(text), reference.cut(text)
        tokens += len(b)
        if a == b:
            identical += 1
            continue
        only_fast, only_ref = Counter(a) - Counter(b), Counter(b) - Counter(a)
        differing += sum(only_ref.values())
        odd.update(t for t in list(only_fast) + list(only_ref) if not re.fullmatch(r"[-.A-Za-z0-9]+", t))
    # Hyphenated Latin (5G-A, NB-IoT) is common enough in some files to move this share.
    assert identical / len(texts) > 0.97
    assert differing / tokens < 0.001
    assert not odd, odd.most_common(5)


def test_the_table_cache_trusts_only_what_reads_back_exactly(tmp_path):
    from zhnews.text.tablecache import cached_table

    source = tmp_path / "dict.txt"
    source.write_text("x", encoding="utf-8")
    built = []

    def build():
        built.append(1)
        return {"地铁": 5, "轨道": 7}

    assert cached_table(source, "t", build, "q", tmp_path) == {"地铁": 5, "轨道": 7}
    [cached] = list(tmp_path.glob("t-*.bin"))
    assert cached_table(source, "t", build, "q", tmp_path) == {"地铁": 5, "轨道": 7} and len(built) == 1
    data = bytearray(cached.read_bytes())
    data[20] ^= 1  # one flipped bit: the checksum no longer matches, the table is rebuilt
    cached.write_bytes(bytes(data))
    assert cached_table(source, "t", build, "q", tmp_path) == {"地铁": 5, "轨道": 7} and len(built) == 2
    cached.unlink()
    os.mkfifo(cached)  # a planted FIFO must not block
    assert cached_table(source, "t", build, "q", tmp_path) == {"地铁": 5, "轨道": 7} and len(built) == 3

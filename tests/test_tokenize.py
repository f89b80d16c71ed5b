"""The private jieba tokenizer: same segmentation as jieba, fast cached dictionary, no shared state."""

import jieba

from zhnews.tokenize import Tokenizer

TEXT = "株洲高新区一网通办上线，中车株机发布新一代储能式有轨电车。今年以来信用贷款余额增长12%。"


def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return Tokenizer()


def test_cached_dictionary_segments_exactly_like_jieba(tmp_path, monkeypatch):
    first = fresh(tmp_path, monkeypatch)  # builds the cache
    caches = list((tmp_path / "zhnews").glob("jieba-prefix-*.bin"))
    assert len(caches) == 1
    second = fresh(tmp_path, monkeypatch)  # loads it
    reference = jieba.Tokenizer()
    reference.load_userdict(_userdict())
    assert second._jieba.FREQ == first._jieba.FREQ
    assert second.cut(TEXT) == first.cut(TEXT) == [t for t in reference.lcut(TEXT) if t.strip()]
    assert "一网通办" in second.cut(TEXT) and "中车株机" in second.cut(TEXT)


def _userdict():
    from zhnews.tokenize import _data_path

    return str(_data_path("userdict.txt"))


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

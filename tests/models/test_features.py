"""Training features from term counts equal scikit-learn's `TfidfVectorizer` fitted on the same texts."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.helpers import AUTHORED, BANK, ENERGY, OTHER, RAIL, corpus
from zhnews.models.features import FeatureParams, FeatureSpace, count_terms, fit_counts, transform_counts


def reference(texts, params: FeatureParams, name: str):
    """What scikit-learn makes of these texts for one block: terms, idf, matrix."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = FeatureSpace(params.resolved(texts), []).analyzers()[name]
    limit = {"words": params.max_word_features, "chars": params.max_char_features}[name]
    vec = TfidfVectorizer(analyzer=analyzer, min_df=min(params.min_df, len(texts)), max_features=limit or None,
                          sublinear_tf=True, norm="l2", dtype=np.float64)
    matrix = vec.fit_transform(texts)
    return [str(t) for t in vec.get_feature_names_out()], vec.idf_, matrix, vec


def real_texts(n: int) -> list[str]:
    rows = [json.loads(l) for l in sorted(AUTHORED.glob("*.jsonl"))[0].read_text(encoding="utf-8").splitlines()[:n]]
    return [r["title"] + "\n" + r["text"] for r in rows]


@pytest.mark.parametrize("params", [
    FeatureParams(),
    FeatureParams(min_df=1),
    FeatureParams(max_word_features=300, max_char_features=2000),  # the limit binds: ties in frequency
    FeatureParams(char_ngrams=(2, 4), word_ngrams=(1, 2), max_chars=200),
    FeatureParams(char_span="spaces"),
    FeatureParams(char_span="text"),
], ids=["defaults", "min_df 1", "max_features binds", "other n-grams", "runs between spaces", "the whole text"])
def test_counts_give_scikit_learns_vocabulary_idf_and_matrix(params):
    texts = real_texts(80)
    counts = count_terms(texts, params, batch=17)  # batches that do not divide the texts
    rows = np.arange(5, 70)  # a fold: some texts out
    space, X, columns = fit_counts(counts, rows, params)
    offset = 0
    for block in space.blocks:
        terms, idf, matrix, vec = reference([texts[i] for i in rows], params, block.name)
        assert block.terms == terms
        np.testing.assert_array_equal(block.idf, idf)
        part = X[:, offset : offset + len(terms)].toarray() / block.weight
        np.testing.assert_allclose(part, matrix.toarray(), rtol=0, atol=1e-12)
        # Held-out rows of the fold, as the fitted vectorizer transforms them.
        test = np.array([0, 1, 2, 75, 79])
        held = transform_counts(counts, test, space, columns)[:, offset : offset + len(terms)].toarray()
        np.testing.assert_allclose(held / block.weight, vec.transform([texts[i] for i in test]).toarray(),
                                   rtol=0, atol=1e-12)
        offset += len(terms)


def test_a_term_in_one_text_only_is_dropped_before_any_fold():
    texts, _ = corpus({"rail_transit": RAIL, "finance": BANK, "x": ENERGY, "none": OTHER})
    texts = texts + ["鳕鳕鳕独一无二"]
    counts = count_terms(texts, FeatureParams())
    assert "鳕鳕鳕" not in counts.terms["chars"] and "地铁" in counts.terms["words"] + counts.terms["chars"]
    assert counts.counts["chars"].shape == (len(texts), len(counts.terms["chars"]))


# Texts whose characters the shortcuts of `FeatureSpace.transform` must treat as the
# analyzers do: Latin and mixed case, digit runs (folded to one 0), full-width
# forms, punctuation and space runs, a lone character between symbols, nothing at all.
DIRTY = [
    "",
    "   ",
    "——！！",
    "地",
    "上海ABC有限公司与abc银行签约，金额12.5亿元（2024年3月）",
    "ＡＢＣ５６７ 数字化 转型……“智慧城市”",
    "高铁\t\t动车组\n\n地铁3号线、4号线",
    "İstanbul 数字经济 ß Straße",
    "a|b|c 中|国|人 的",
    # Beyond the Basic Multilingual Plane (an emoji, an Extension B ideograph) and digits of other scripts.
    "𠀀𠀁字😀数字😀化 ٣٤٥ 第١٢号 𝟘𝟙",
    # Spaces at either end and of other widths; two texts whose digits meet where they are joined.
    " 首尾 空格 ",
    "\u3000全角\u3000\u3000空格\xa0里",
    "第12",
    "34号 ",
]


@pytest.mark.parametrize("params", [
    FeatureParams(),
    FeatureParams(max_chars=12),  # texts cut before analysis
    FeatureParams(char_ngrams=(2, 3)),  # no single characters
    FeatureParams(char_ngrams=(1, 4), word_ngrams=(1, 2)),  # beyond the shortcuts: the token path
    FeatureParams(char_span="spaces"),
    FeatureParams(char_span="words"),
    FeatureParams(char_span="text"),
    FeatureParams(char_span="spaces", char_ngrams=(1, 4)),
    FeatureParams(char_span="text", char_ngrams=(1, 4)),
    FeatureParams(char_span="text", char_ngrams=(2, 3), max_chars=12),
    FeatureParams(max_char_features=400),  # a binding limit on character n-grams
], ids=["defaults", "max_chars 12", "chars 2-3", "chars 1-4, word bigrams", "runs between spaces",
        "runs of word characters", "the whole text", "runs between spaces, chars 1-4", "the whole text, chars 1-4",
        "the whole text, chars 2-3, max_chars 12", "max_char_features binds"])
def test_prediction_features_equal_scikit_learns_on_dirty_text(params):
    texts = real_texts(60)
    counts = count_terms(texts + DIRTY, params)
    space, _, _ = fit_counts(counts, np.arange(len(texts) + len(DIRTY)), params)
    new = texts[:5] + DIRTY + [t.upper() for t in texts[5:8]]
    fast = space.transform(new).to_scipy().toarray()
    expected = space.to_sklearn().transform(new).toarray()
    np.testing.assert_allclose(fast, expected, rtol=0, atol=1e-12)
    tokens = space.transform_analyzed(space.analyze(new)).to_scipy().toarray()
    np.testing.assert_array_equal(fast, tokens)


@pytest.mark.parametrize("span, holds, lacks", [
    ("words", {"数字中", "0月", "a股"}, {"》：", "《数", "月 a", " "}),
    ("spaces", {"》：", "《数", "0月"}, {"月 a", " "}),
    ("text", {"》：", "《数", "0月", "月 a", " a股", " "}, {"  "}),
])
def test_what_a_character_span_puts_in_ngrams(span, holds, lacks):
    from zhnews.models.features import CharAnalyzer

    grams = set(CharAnalyzer(0, (1, 3), span)("《数字中国》：1月  A股"))
    assert holds <= grams and not lacks & grams


def test_auto_span_reads_headlines_whole_and_articles_by_words():
    headlines = ["中华女子学院：本科层次仅1专业招男生", "东5环海棠公社230-290平2居准现房98折优惠", "《棱镜》数据业大整顿"]
    articles = real_texts(5)
    assert FeatureParams().char_span == "auto"
    assert FeatureParams().resolved(headlines).char_span == "text"
    assert FeatureParams().resolved(articles).char_span == "words"
    assert FeatureParams(char_span="spaces").resolved(headlines).char_span == "spaces"  # asked for: kept
    space, _, _ = fit_counts(count_terms(headlines * 2, FeatureParams()), np.arange(6), FeatureParams())
    assert space.params.char_span == "text" and "：本" in space.blocks[-1].terms


def test_a_model_file_keeps_its_span_and_older_files_read_as_they_were_written():
    saved = FeatureParams(char_span="text").to_dict()
    assert FeatureParams.from_dict(saved).char_span == "text"
    del saved["char_span"]
    assert FeatureParams.from_dict({**saved, "char_symbols": True}).char_span == "spaces"  # before char_span
    assert FeatureParams.from_dict(saved).char_span == "words"  # before either setting
    for bad in ({**saved, "char_span": "auto"}, {**saved, "char_span": "yes"}, {**saved, "char_symbols": "yes"}):
        with pytest.raises(ValueError, match="char_span"):
            FeatureParams.from_dict(bad)


def test_the_hash_index_of_packed_ngrams_finds_what_a_dict_finds():
    from zhnews.models.features import _KeyIndex

    rng = np.random.default_rng(0)
    # Keys close together and far apart, so that home slots collide and probes run on.
    keys = np.unique(np.concatenate([rng.integers(0, 2**63 - 1, 3000), np.arange(1000, 1500) << 21]))
    cols = rng.permutation(len(keys))
    index = _KeyIndex(keys, cols)
    wanted = dict(zip(keys.tolist(), cols.tolist()))
    asked = np.concatenate([keys, rng.integers(0, 2**63 - 1, 3000), (np.arange(900, 1600) << 21) + 1])
    np.testing.assert_array_equal(index.find(asked), [wanted.get(k, -1) for k in asked.tolist()])
    assert len(_KeyIndex(keys[:0], cols[:0]).find(asked)) == len(asked)


def test_word_hits_without_the_tokens_adding_up_to_the_text_go_the_plain_way(monkeypatch):
    from zhnews.models.features import Block, _token_hits, _word_hits
    from zhnews.text.segment import get_tokenizer

    block = Block("words", ["地铁", "数字化", "智慧城市建设", "a"], np.ones(4), 1.0)
    texts = ["地铁 数字化 智慧城市建设", "a 地铁"]
    tokenizer = get_tokenizer()
    expected = _token_hits([tokenizer.segment(t) for t in texts], block)
    for got, want in zip(_word_hits(texts, block, 0), expected):
        np.testing.assert_array_equal(got, want)
    # A segmenter that drops the spaces: its tokens are no longer spans of the text.
    plain = tokenizer._lcut
    monkeypatch.setattr(tokenizer, "_lcut", lambda text: [t for t in plain(text) if t.strip()])
    dropped = [tokenizer.segment(t) for t in texts]
    for got, want in zip(_word_hits(texts, block, 0), _token_hits(dropped, block)):
        np.testing.assert_array_equal(np.sort(got), np.sort(want))


def test_small_keys_are_counted_as_numpy_counts_them():
    from zhnews.models.features import _count_small_keys

    rng = np.random.default_rng(1)
    for size, high in ((0, 10), (1, 10), (5000, 40), (20000, 2**31 - 1), (20000, 2**17)):
        key = rng.integers(0, high, size).astype(np.int32)
        got, want = _count_small_keys(key), np.unique(key, return_counts=True)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])


def test_trigrams_are_looked_up_only_between_found_bigrams_when_every_trigram_term_allows_it():
    from zhnews.models.features import Block, _char_hits, _packed_vocabulary

    terms = ["地铁", "铁线", "地铁线", "开通", "通车", "开通车"]
    whole = Block("chars", terms, np.ones(len(terms)), 1.0)
    assert _packed_vocabulary(whole)["trigrams_of_bigrams"]
    cut = Block("chars", ["地铁", "地铁线", "开通"], np.ones(3), 1.0)  # 铁线 is no term
    assert not _packed_vocabulary(cut)["trigrams_of_bigrams"]
    rows, cols = _char_hits(["地铁线开通车", "地铁线"], cut, 0, (2, 3))
    assert sorted(zip(rows.tolist(), cols.tolist())) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]

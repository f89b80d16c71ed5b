"""Sentence vectors: the numpy bigram path gives the matrix the token path gives."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.helpers import AUTHORED
from zhnews.models.similarity import bigram_matrix, sentence_features, tfidf_matrix
from zhnews.text.split import split_sentences


def no_words(text: str) -> list[str]:
    return []


def token_path(texts):
    m = tfidf_matrix(sentence_features(texts, no_words))
    return m.toarray() if hasattr(m, "toarray") else m


@pytest.mark.parametrize("texts", [
    [""],
    ["abc", "", "123"],  # no Chinese at all: no terms
    ["中", "a中b", "中文", "ab 中 文"],  # lone characters between Latin and spaces
    ["数字化转型，数字化转型。", "转型"],  # repeats: sublinear counts
    ["“高铁”——动车组（CRH）…地铁3号线", "高铁动车组"],  # punctuation breaks runs
], ids=["empty", "latin", "lone characters", "repeats", "punctuation"])
def test_bigram_matrix_equals_the_token_path(texts):
    np.testing.assert_array_equal(bigram_matrix(texts), token_path(texts))


def test_bigram_matrix_equals_the_token_path_on_real_articles():
    path = sorted(AUTHORED.glob("*.jsonl"))[0]
    for line in path.read_text(encoding="utf-8").splitlines()[:40]:
        row = json.loads(line)
        texts = split_sentences(row["text"]) + [row["title"]]
        np.testing.assert_array_equal(bigram_matrix(texts), token_path(texts))


def test_dense_and_sparse_vectors_agree_on_real_articles(monkeypatch):
    # The dense path counts cells with bincount, the sparse one sorts keys: the same numbers either way.
    from zhnews.models import similarity

    path = sorted(AUTHORED.glob("*.jsonl"))[0]
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:40]]
    inputs = [split_sentences(row["text"]) + [row["title"]] for row in articles]
    dense = [bigram_matrix(texts) for texts in inputs]
    monkeypatch.setattr(similarity, "_DENSE_CELLS", 0)
    for texts, expected in zip(inputs, dense):
        sparse = bigram_matrix(texts)
        assert hasattr(sparse, "toarray")
        np.testing.assert_array_equal(sparse.toarray(), expected)

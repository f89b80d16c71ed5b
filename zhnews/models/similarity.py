"""Sentence similarity: TF-IDF cosine over words and character bigrams.

Words (from zhnews's jieba tokenizer) carry meaning; character bigrams make
two sentences that jieba cut differently, or that differ by a typo or a
traditional/simplified variant, still look alike. Both go into one vector
per sentence (dense for an article, sparse for a huge page), weighted by
sublinear TF times IDF learned from the sentences themselves (an article is
its own corpus), and L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

from itertools import chain, count
from operator import add
from typing import Callable, Sequence

import numpy as np

from ..text.chars import CJK_RUN


def char_bigrams(text: str) -> list[str]:
    """Bigrams inside each run of Chinese characters (never across punctuation)."""
    grams: list[str] = []
    for run in CJK_RUN.findall(text):
        if len(run) == 1:
            grams.append(run)
        else:
            grams += map(add, run, run[1:])  # each character with the next, in C
    return grams


def sentence_features(sentences: Sequence[str], words: Callable[[str], list[str]] | None = None) -> list[list[str]]:
    """Feature tokens of each sentence: content words (prefixed) plus bigrams."""
    if words is None:
        from ..text.segment import get_tokenizer

        words = get_tokenizer().words
    # The "w:" prefix keeps a two-character word and the same bigram apart,
    # so a word match counts on top of its characters matching.
    return [["w:" + w for w in words(s)] + char_bigrams(s) for s in sentences]


# Above this many cells (sentences × distinct terms) the vectors are kept
# sparse; below it, a dense matrix is faster than building a sparse one.
_DENSE_CELLS = 1_000_000


def tfidf_matrix(docs: Sequence[Sequence[str]]):
    """Rows: L2-normalised sublinear-TF × smoothed-IDF vectors of `docs`.

    A dense array for an ordinary article, a scipy CSR matrix for a huge
    page; both support slicing and `@`.
    """
    tokens = list(chain.from_iterable(docs))
    # Term ids in order of first appearance; the lookups run in C, only distinct terms in Python.
    vocab = dict(zip(dict.fromkeys(tokens), count()))
    ids = list(map(vocab.__getitem__, tokens))
    n, width = len(docs), max(1, len(vocab))
    token_row = np.repeat(np.arange(n, dtype=np.int64), [len(doc) for doc in docs])
    # One (row, term) key per token; counting the keys gives each row's term counts.
    keys, counts = np.unique(token_row * width + np.asarray(ids, dtype=np.int64), return_counts=True)
    row_of, cols = np.divmod(keys, width)
    data = counts.astype(np.float64)
    lengths = np.bincount(row_of, minlength=n)
    if data.size:
        df = np.bincount(cols, minlength=width)
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        data = (1.0 + np.log(data)) * idf[cols]
        norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=n))
        norms[norms == 0] = 1.0
        data /= norms[row_of]
    if n * width <= _DENSE_CELLS:
        dense = np.zeros((n, width))
        dense[row_of, cols] = data
        return dense
    from scipy import sparse

    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    return sparse.csr_matrix((data, cols, indptr), shape=(n, width))


def cosine_matrix(vectors) -> np.ndarray:
    """Dense pairwise cosine of L2-normalised rows (an article has few sentences)."""
    sim = vectors @ vectors.T
    sim = sim.toarray() if hasattr(sim, "toarray") else np.array(sim)
    np.clip(sim, 0.0, 1.0, out=sim)
    return sim


def cosine_to(vectors, row) -> np.ndarray:
    """Cosine of each row of `vectors` with the single row `row`."""
    out = vectors @ row.T
    out = out.toarray() if hasattr(out, "toarray") else np.asarray(out)
    return np.asarray(out, dtype=np.float64).ravel()

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
    ids = np.asarray(list(map(vocab.__getitem__, tokens)), dtype=np.int64)
    token_row = np.repeat(np.arange(len(docs), dtype=np.int64), [len(doc) for doc in docs])
    return _weighted(token_row, ids, len(docs), len(vocab))


def bigram_matrix(texts: Sequence[str]):
    """`tfidf_matrix(sentence_features(texts, words=no words))`, made in numpy: the
    character bigrams (and lone characters) of the Chinese runs are packed into
    integers instead of being made as strings, and numbered in order of first
    appearance as `tfidf_matrix` numbers them, so the matrix is the same."""
    n = len(texts)
    codes = np.frombuffer("\n".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    cjk = (codes >= 0x4E00) & (codes <= 0x9FFF)
    after = np.zeros_like(cjk)
    after[:-1] = cjk[1:]
    before = np.zeros_like(cjk)
    before[1:] = cjk[:-1]
    pair = cjk & after
    starts = np.flatnonzero(pair | (cjk & ~after & ~before))
    following = np.zeros_like(codes)
    following[:-1] = codes[1:]
    # A bigram's key is above every single character's (its first code is shifted past 21 bits).
    keys = np.where(pair[starts], (codes[starts] << 21) | following[starts], codes[starts])
    doc = np.repeat(np.arange(n, dtype=np.int64), [len(t) + 1 for t in texts])[: len(codes)]
    if not len(keys):
        return _weighted(np.zeros(0, np.int64), np.zeros(0, np.int64), n, 0)
    distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(distinct))
    return _weighted(doc[starts], rank[inverse.ravel()], n, len(distinct))


def _weighted(token_row: np.ndarray, ids: np.ndarray, n: int, n_terms: int):
    width = max(1, n_terms)
    # One (row, term) key per token; counting the keys gives each row's term counts, in key order.
    cells = token_row * width + ids
    if n * width <= _DENSE_CELLS:
        # As few cells as the dense matrix has: counting them all beats sorting the keys.
        per_cell = np.bincount(cells, minlength=n * width)
        keys = np.flatnonzero(per_cell)
        counts = per_cell[keys]
    else:
        keys, counts = np.unique(cells, return_counts=True)
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

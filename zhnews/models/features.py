"""Text → TF-IDF features: jieba words plus character n-grams.

Two blocks, each a TF-IDF vector (sublinear term frequency, idf, L2 norm) and
weighted before they are put side by side:

* words: content words from `zhnews.text.segment` (domain dictionary, stop words
  removed), optionally with word bigrams;
* characters: n-grams of the text with digits folded to `0`, which carry
  the meaning of words the dictionary splits badly (new place and firm names).

Only the first `max_chars` characters are read: a long page is about what
its title and opening say, and one passing mention near the end should not
flip a label. The L2 norm then makes long and short articles comparable.

`FeatureSpace.transform` is numpy only, so that classifying does not import
scikit-learn (about 1.4 s); `fit_feature_space` (training) uses scikit-learn's
`TfidfVectorizer` to learn the vocabulary and idf, and `FeatureSpace.to_sklearn`
rebuilds equivalent fitted vectorizers, which the tests use to check that both
give the same numbers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from .. import settings
from ..text.chars import CJK

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
# Characters that carry no meaning in an n-gram: punctuation, symbols, spaces.
_NOISE = re.compile(rf"[^\w{CJK}]+")


@dataclass
class FeatureParams:
    """How text becomes features; stored with the model."""

    max_chars: int = settings.MAX_CHARS
    word_ngrams: tuple[int, int] = (1, 1)
    char_ngrams: tuple[int, int] = (1, 3)
    min_df: int = 2
    max_word_features: int = 200_000
    max_char_features: int = 300_000
    word_weight: float = 1.0
    char_weight: float = 1.0

    def to_dict(self) -> dict:
        return {
            "max_chars": self.max_chars,
            "word_ngrams": list(self.word_ngrams),
            "char_ngrams": list(self.char_ngrams),
            "min_df": self.min_df,
            "max_word_features": self.max_word_features,
            "max_char_features": self.max_char_features,
            "word_weight": self.word_weight,
            "char_weight": self.char_weight,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "FeatureParams":
        """Settings read from a model file, checked: a tampered file must not make features unbounded."""
        params = cls(
            max_chars=int(d["max_chars"]),
            word_ngrams=tuple(int(x) for x in d["word_ngrams"]),
            char_ngrams=tuple(int(x) for x in d["char_ngrams"]),
            min_df=int(d["min_df"]),
            max_word_features=int(d["max_word_features"]),
            max_char_features=int(d["max_char_features"]),
            word_weight=float(d["word_weight"]),
            char_weight=float(d["char_weight"]),
        )
        lo, hi = params.char_ngrams
        wlo, whi = params.word_ngrams
        checks = {
            "char_ngrams": 1 <= lo <= hi <= 8,
            "word_ngrams": 1 <= wlo <= whi <= 4,
            "max_chars": 0 <= params.max_chars <= 10_000_000,
            "min_df": params.min_df >= 1,
            "weights": all(math.isfinite(w) and 0 <= w <= 100 for w in (params.word_weight, params.char_weight)),
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise ValueError(f"feature setting out of range: {', '.join(bad)}")
        return params


def _prepare(text: str, max_chars: int) -> str:
    return text[:max_chars] if max_chars > 0 else text


class WordAnalyzer:
    """Text → content words (and word n-grams)."""

    def __init__(self, max_chars: int, ngrams: tuple[int, int]):
        self.max_chars = max_chars
        self.ngrams = ngrams

    def __call__(self, text: str) -> list[str]:
        from ..text.segment import get_tokenizer

        words = get_tokenizer().words(_prepare(text, self.max_chars))
        lo, hi = self.ngrams
        if lo == 1 and hi == 1:
            return words
        out = list(words) if lo <= 1 else []
        for n in range(max(lo, 2), hi + 1):
            out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
        return out


class CharAnalyzer:
    """Text → character n-grams within runs of word characters."""

    def __init__(self, max_chars: int, ngrams: tuple[int, int]):
        self.max_chars = max_chars
        self.ngrams = ngrams

    def __call__(self, text: str) -> list[str]:
        text = _DIGITS.sub("0", _prepare(text, self.max_chars).lower())
        lo, hi = self.ngrams
        out: list[str] = []
        for run in _NOISE.split(text):
            size = len(run)
            # n-grams longer than the run give nothing: not even an empty comprehension.
            for n in range(lo, min(hi, size) + 1):
                if n == 1:
                    out += run  # its characters, without slicing
                else:
                    out += [run[i : i + n] for i in range(size - n + 1)]
        return out


@dataclass
class Block:
    """One TF-IDF block: terms in column order, their idf, and a weight."""

    name: str
    terms: list[str]
    idf: np.ndarray
    weight: float
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = {t: i for i, t in enumerate(self.terms)}


class SparseRows:
    """A minimal CSR matrix (indptr, indices, data) built with numpy only."""

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, n_cols: int):
        self.indptr, self.indices, self.data, self.n_cols = indptr, indices, data, n_cols

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.indptr) - 1, self.n_cols)

    def dot_columns(self, matrix: np.ndarray) -> np.ndarray:
        """self @ matrix.T for a dense (k, n_cols) matrix, in chunks to bound memory."""
        n_rows = self.shape[0]
        out = np.zeros((n_rows, matrix.shape[0]), dtype=np.float64)
        columns = np.ascontiguousarray(matrix.T)
        step = 8192
        for start in range(0, n_rows, step):
            stop = min(start + step, n_rows)
            lo, hi = self.indptr[start], self.indptr[stop]
            if hi == lo:
                continue
            contrib = columns[self.indices[lo:hi]] * self.data[lo:hi, None]
            row_of = np.repeat(np.arange(stop - start), np.diff(self.indptr[start : stop + 1]))
            for k in range(contrib.shape[1]):
                out[start:stop, k] = np.bincount(row_of, weights=contrib[:, k], minlength=stop - start)
        return out

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.indptr[i], self.indptr[i + 1]
        return self.indices[lo:hi], self.data[lo:hi]

    def to_scipy(self):
        from scipy.sparse import csr_matrix

        return csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)


class FeatureSpace:
    """Fitted text → feature mapping (vocabulary and idf of each block)."""

    def __init__(self, params: FeatureParams, blocks: list[Block]):
        self.params = params
        self.blocks = blocks
        self.n_features = sum(len(b.terms) for b in blocks)

    def analyzers(self) -> dict[str, object]:
        p = self.params
        return {
            "words": WordAnalyzer(p.max_chars, p.word_ngrams),
            "chars": CharAnalyzer(p.max_chars, p.char_ngrams),
        }

    def feature_names(self) -> list[str]:
        names: list[str] = []
        for b in self.blocks:
            names.extend(b.terms)
        return names

    def analyze(self, texts: list[str]) -> list[dict[str, list[str]]]:
        """Tokens of each text for each block (the slow part: segmentation)."""
        analyzers = self.analyzers()
        names = [b.name for b in self.blocks] or list(analyzers)
        return [{name: analyzers[name](text) for name in names} for text in texts]

    def transform(self, texts: list[str]) -> SparseRows:
        """TF-IDF rows, identical to scikit-learn's `TfidfVectorizer(sublinear_tf=True)`."""
        return self.transform_analyzed(self.analyze(texts))

    def transform_analyzed(self, docs: list[dict[str, list[str]]]) -> SparseRows:
        # Python only looks tokens up; counting and arithmetic run in numpy,
        # once for the whole batch.
        n_docs, n_blocks = len(docs), len(self.blocks)
        keys, block_of_col, offset = [], [], 0
        for b, block in enumerate(self.blocks):
            get = block.index.get
            tokens: list[str] = []
            lengths = []
            for doc in docs:
                terms = doc[block.name]
                tokens.extend(terms)
                lengths.append(len(terms))
            cols = np.array(list(map(get, tokens, repeat(-1, len(tokens)))), dtype=np.int64)
            rows = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
            known = cols >= 0
            keys.append(rows[known] * self.n_features + (cols[known] + offset))
            block_of_col.append(np.full(len(block.terms), b, dtype=np.int64))
            offset += len(block.terms)
        key, counts = np.unique(np.concatenate(keys) if keys else np.zeros(0, np.int64), return_counts=True)
        row, idx = np.divmod(key, max(self.n_features, 1))
        idf = np.concatenate([b.idf for b in self.blocks]) if self.blocks else np.zeros(0)
        block = np.concatenate(block_of_col)[idx] if self.blocks else idx
        val = (np.log(counts.astype(np.float64)) + 1.0) * idf[idx]
        # One L2 norm per (document, block), then the block's weight.
        seg = row * n_blocks + block
        norms = np.sqrt(np.bincount(seg, weights=val * val, minlength=n_docs * n_blocks))
        norms[norms == 0] = 1.0
        weights = np.asarray([b.weight for b in self.blocks], dtype=np.float64)
        val = val / norms[seg] * (weights[block] if self.blocks else 1.0)
        indptr = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=n_docs), out=indptr[1:])
        return SparseRows(indptr, idx, val, self.n_features)

    def to_sklearn(self):
        """Equivalent fitted scikit-learn transformer (a `FeatureUnion`)."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion

        analyzers = self.analyzers()
        parts, weights = [], {}
        for block in self.blocks:
            vec = TfidfVectorizer(
                analyzer=analyzers[block.name],
                vocabulary={t: i for i, t in enumerate(block.terms)},
                sublinear_tf=True,
                norm="l2",
                dtype=np.float64,
            )
            vec.idf_ = block.idf
            parts.append((block.name, vec))
            weights[block.name] = block.weight
        union = FeatureUnion(parts, transformer_weights=weights)
        # Already fitted: FeatureUnion only needs its parts fitted.
        return union


def analyze_texts(texts: list[str], params: FeatureParams) -> list[dict[str, list[str]]]:
    """Tokens of each text for every block `params` enables (before fitting)."""
    space = FeatureSpace(params, [])
    analyzers = space.analyzers()
    weights = {"words": params.word_weight, "chars": params.char_weight}
    names = [n for n in ("words", "chars") if weights[n] > 0]
    return [{n: analyzers[n](t) for n in names} for t in texts]


def _pick(name: str):
    return lambda doc: doc[name]


def fit_feature_space(docs: list[dict[str, list[str]]], params: FeatureParams):
    """Learn vocabularies and idf from analysed texts (scikit-learn).

    Returns the space and the training matrix (scipy CSR).
    """
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer

    limits = {"words": params.max_word_features, "chars": params.max_char_features}
    weights = {"words": params.word_weight, "chars": params.char_weight}
    blocks, matrices = [], []
    n_docs = len(docs)
    for name in ("words", "chars"):
        if weights[name] <= 0:
            continue
        vec = TfidfVectorizer(
            analyzer=_pick(name),
            min_df=min(params.min_df, max(1, n_docs)),
            max_features=limits[name] or None,
            sublinear_tf=True,
            norm="l2",
            dtype=np.float64,
        )
        try:
            matrix = vec.fit_transform(docs)
        except ValueError:  # no term survives min_df (a tiny corpus)
            continue
        terms = [str(t) for t in vec.get_feature_names_out()]
        blocks.append(Block(name, terms, np.asarray(vec.idf_, dtype=np.float64), weights[name]))
        matrices.append(matrix * weights[name])
    if not blocks:
        raise ValueError("no features: the texts share no words or characters")
    return FeatureSpace(params, blocks), hstack(matrices).tocsr()

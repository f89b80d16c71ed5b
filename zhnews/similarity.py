"""Sentence similarity: TF-IDF cosine over words and character bigrams.

Words (from zhnews's jieba tokenizer) carry meaning; character bigrams make
two sentences that jieba cut differently, or that differ by a typo or a
traditional/simplified variant, still look alike. Both go into one vector
per sentence (dense for an article, sparse for a huge page), weighted by
sublinear TF times IDF learned from the sentences themselves (an article is
its own corpus), and L2-normalised, so a dot product is the cosine.

`near_duplicate_groups` answers "is this the same sentence again" for a list
of sentences without a similarity matrix (the digest can reuse it); the
summarizer, which builds the matrix anyway, merges repeats from the matrix.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

import numpy as np

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_NON_WORD = re.compile(r"[\W_]+")


def char_bigrams(text: str) -> list[str]:
    """Bigrams inside each run of Chinese characters (never across punctuation)."""
    grams: list[str] = []
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            grams.append(run)
        else:
            grams += [run[i : i + 2] for i in range(len(run) - 1)]
    return grams


def sentence_features(sentences: Sequence[str], words: Callable[[str], list[str]] | None = None) -> list[list[str]]:
    """Feature tokens of each sentence: content words (prefixed) plus bigrams."""
    if words is None:
        from .tokenize import get_tokenizer

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
    vocab: dict[str, int] = {}
    add = vocab.setdefault
    ids = [add(token, len(vocab)) for doc in docs for token in doc]
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


def normalized_key(sentence: str) -> str:
    """What is left of a sentence once punctuation and spaces are ignored."""
    return _NON_WORD.sub("", sentence)


def bigram_jaccard(a: str, b: str) -> float:
    x, y = set(char_bigrams(a)), set(char_bigrams(b))
    if not x or not y:
        return float(normalized_key(a) == normalized_key(b))
    return len(x & y) / len(x | y)


def near_duplicate_groups(sentences: Sequence[str], threshold: float = 0.8) -> list[int]:
    """For each sentence, the index of the first sentence it repeats (or itself).

    Exact repeats (ignoring punctuation and spaces) and near repeats whose
    character-bigram Jaccard similarity reaches `threshold` share the index of
    their earliest occurrence.
    """
    first_of_key: dict[str, int] = {}
    owner = list(range(len(sentences)))
    bigram_sets: list[set[str]] = [set()] * len(sentences)
    # Inverted index from bigram to earlier representatives: near repeats are
    # found without comparing every pair on a long page.
    postings: dict[str, list[int]] = {}
    for i, sentence in enumerate(sentences):
        key = normalized_key(sentence)
        if key in first_of_key:
            owner[i] = first_of_key[key]
            continue
        first_of_key[key] = i
        grams = set(char_bigrams(sentence))
        bigram_sets[i] = grams
        if grams:
            overlap: dict[int, int] = {}
            for g in grams:
                for j in postings.get(g, ()):
                    overlap[j] = overlap.get(j, 0) + 1
            for j, common in sorted(overlap.items()):
                union = len(grams) + len(bigram_sets[j]) - common
                if union and common / union >= threshold:
                    owner[i] = j
                    break
        if owner[i] == i:
            for g in grams:
                postings.setdefault(g, []).append(i)
    return owner


def _rouge_units(text: str) -> list[str]:
    # Characters, ignoring punctuation and spaces, as Chinese ROUGE usually is.
    return list(normalized_key(text))


def _f1(overlap: float, n_pred: int, n_ref: int) -> float:
    if overlap <= 0 or n_pred == 0 or n_ref == 0:
        return 0.0
    precision, recall = overlap / n_pred, overlap / n_ref
    return 2 * precision * recall / (precision + recall)


def rouge_n(summary: str, reference: str, n: int = 1) -> float:
    """ROUGE-N F1 over characters (clipped n-gram counts)."""
    from collections import Counter

    a, b = _rouge_units(summary), _rouge_units(reference)
    pred = Counter(tuple(a[i : i + n]) for i in range(len(a) - n + 1))
    ref = Counter(tuple(b[i : i + n]) for i in range(len(b) - n + 1))
    overlap = sum((pred & ref).values())
    return _f1(overlap, sum(pred.values()), sum(ref.values()))


def rouge_l(summary: str, reference: str) -> float:
    """ROUGE-L F1 over characters: longest common subsequence."""
    a, b = _rouge_units(summary), _rouge_units(reference)
    if not a or not b:
        return 0.0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, start=1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return _f1(prev[-1], len(a), len(b))

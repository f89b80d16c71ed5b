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
scikit-learn (about 1.4 s). Training counts every text's terms once
(`count_terms`) and fits vocabulary and idf from those counts as
scikit-learn's `TfidfVectorizer` would (`fit_counts`), for the whole corpus
and for each cross-validation fold; `FeatureSpace.to_sklearn` rebuilds
equivalent fitted vectorizers, which the tests use to check the numbers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from itertools import chain, repeat

import numpy as np

from .. import settings
from ..text.chars import CJK

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
# What separates the runs n-grams are taken from (`FeatureParams.char_span`): punctuation,
# symbols and spaces ("words"), spaces alone ("spaces"), or nothing ("text").
_NOISE = re.compile(rf"[^\w{CJK}]+")
SPANS = ("words", "spaces", "text")


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
    char_span: str = settings.CHAR_SPAN

    def resolved(self, texts: list[str]) -> "FeatureParams":
        """These settings with `char_span="auto"` decided by the training texts (`settings.HEADLINE_CHARS`)."""
        if self.char_span != "auto":
            return self
        lengths = sorted(len(_prepare(t, self.max_chars).strip()) for t in texts)
        short = bool(lengths) and lengths[len(lengths) // 2] <= settings.HEADLINE_CHARS
        return replace(self, char_span="text" if short else "words")

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
            "char_span": self.char_span,
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
            char_span=_stored_span(d),
        )
        lo, hi = params.char_ngrams
        wlo, whi = params.word_ngrams
        checks = {
            "char_ngrams": 1 <= lo <= hi <= 8,
            "word_ngrams": 1 <= wlo <= whi <= 4,
            "max_chars": 0 <= params.max_chars <= 10_000_000,
            "min_df": params.min_df >= 1,
            "weights": all(math.isfinite(w) and 0 <= w <= 100 for w in (params.word_weight, params.char_weight)),
            # A fitted model holds the span it was trained with, never "auto".
            "char_span": params.char_span in SPANS,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise ValueError(f"feature setting out of range: {', '.join(bad)}")
        return params


def _stored_span(d: dict) -> str:
    if "char_span" in d:
        return d["char_span"]
    # Models written before `char_span` said `char_symbols` (True: runs between spaces), and
    # before that nothing (runs of word characters).
    symbols = d.get("char_symbols", False)
    if isinstance(symbols, bool):
        return "spaces" if symbols else "words"
    return symbols  # not what zhnews writes: the checks refuse it


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
    """Text → character n-grams, digit runs read as one `0`, within runs of word characters
    (`span="words"`), within runs of anything but spaces ("spaces"), or across the whole text
    with each run of spaces read as one space ("text", as scikit-learn's `analyzer="char"`)."""

    def __init__(self, max_chars: int, ngrams: tuple[int, int], span: str = "words"):
        if span not in SPANS:
            raise ValueError(f"char_span must be one of {', '.join(SPANS)}, not {span!r}")
        self.max_chars = max_chars
        self.ngrams = ngrams
        self.span = span

    def __call__(self, text: str) -> list[str]:
        text = _DIGITS.sub("0", _prepare(text, self.max_chars).lower())
        lo, hi = self.ngrams
        out: list[str] = []
        runs = [_SPACE.sub(" ", text)] if self.span == "text" else (_NOISE if self.span == "words" else _SPACE).split(text)
        for run in runs:
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
    # n → lookups of the n-character terms (`_packed_vocabulary`), made on first use.
    packed: dict | None = field(default=None, init=False, repr=False)
    _index: dict | None = field(default=None, init=False, repr=False)

    @property
    def index(self) -> dict[str, int]:
        """Term → column, made on first use: the shortcuts of `FeatureSpace.transform` find
        the character block's 120,000 terms without it, so loading a model need not build it."""
        if self._index is None:
            self._index = dict(zip(self.terms, range(len(self.terms))))
        return self._index


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
        step = 8192
        for start in range(0, n_rows, step):
            stop = min(start + step, n_rows)
            lo, hi = self.indptr[start], self.indptr[stop]
            if hi == lo:
                continue
            indices, data = self.indices[lo:hi], self.data[lo:hi]
            row_of = np.repeat(np.arange(stop - start), np.diff(self.indptr[start : stop + 1]))
            # One matrix row at a time: a contiguous gather and contiguous weights, where a
            # (nnz, k) block of products made bincount copy each of its strided columns.
            for k, coef in enumerate(matrix):
                out[start:stop, k] = np.bincount(row_of, weights=coef.take(indices) * data, minlength=stop - start)
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
        self._reasons: tuple[np.ndarray, np.ndarray] | None = None  # made on first `reasons()`

    def analyzers(self) -> dict[str, object]:
        p = self.params
        return {
            "words": WordAnalyzer(p.max_chars, p.word_ngrams),
            "chars": CharAnalyzer(p.max_chars, p.char_ngrams, p.char_span),
        }

    def feature_names(self) -> list[str]:
        names: list[str] = []
        for b in self.blocks:
            names.extend(b.terms)
        return names

    def term(self, column: int) -> str:
        for b in self.blocks:
            if column < len(b.terms):
                return b.terms[column]
            column -= len(b.terms)
        raise IndexError("no such feature column")

    def reasons(self) -> tuple[np.ndarray, np.ndarray]:
        """Per column, the column that names it to a reader, and whether that name is shown.

        A character n-gram that is also a word is named by the word's column, so the two count
        as one reason. Shown are words of two characters or more (any term of two or more when
        the space has no words). Found from packed code points, as `transform` finds n-grams:
        naming every term of a model by its string took a cold start 80 ms.
        """
        if self._reasons is None:
            lengths = np.fromiter((len(t) for b in self.blocks for t in b.terms), dtype=np.int64, count=self.n_features)
            named = np.arange(self.n_features, dtype=np.int64)
            words = next((i for i, b in enumerate(self.blocks) if b.name == "words"), None)
            if words is None:
                shown = lengths >= 2
            else:
                offsets = np.cumsum([0] + [len(b.terms) for b in self.blocks])
                shown = np.zeros(self.n_features, dtype=bool)
                shown[offsets[words] : offsets[words + 1]] = True
                for i, block in enumerate(self.blocks):
                    if i != words:
                        at = _columns_in(block.terms, self.blocks[words], lengths[offsets[i] : offsets[i + 1]])
                        hit = np.flatnonzero(at >= 0)
                        named[offsets[i] + hit] = offsets[words] + at[hit]
                shown = shown[named] & (lengths >= 2)
            self._reasons = (named, shown)
        return self._reasons

    def analyze(self, texts: list[str]) -> list[dict[str, list[str]]]:
        """Tokens of each text for each block (the slow part: segmentation)."""
        analyzers = self.analyzers()
        names = [b.name for b in self.blocks] or list(analyzers)
        return [{name: analyzers[name](text) for name in names} for text in texts]

    def transform(self, texts: list[str]) -> SparseRows:
        """TF-IDF rows, identical to scikit-learn's `TfidfVectorizer(sublinear_tf=True)`.

        The usual blocks take shortcuts that give the same columns without making
        the tokens of `analyze`: single words are looked up as the segmenter
        gives them (the vocabulary holds content words only, so a stop word or a
        space finds no column, as if it had been filtered), and character
        n-grams up to three long become integers counted in numpy.
        """
        p = self.params
        hits = []
        for block in self.blocks:
            if block.name == "words" and tuple(p.word_ngrams) == (1, 1):
                hits.append(_word_hits(texts, block, p.max_chars))
            elif block.name == "chars" and p.char_ngrams[1] <= _MAX_PACKED:
                hits.append(_char_hits(texts, block, p.max_chars, p.char_ngrams, p.char_span))
            else:
                analyze = self.analyzers()[block.name]
                hits.append(_token_hits([analyze(t) for t in texts], block))
        return self._tfidf(len(texts), hits)

    def transform_analyzed(self, docs: list[dict[str, list[str]]]) -> SparseRows:
        return self._tfidf(len(docs), [_token_hits([d[b.name] for d in docs], b) for b in self.blocks])

    def _tfidf(self, n_docs: int, hits: list[tuple[np.ndarray, np.ndarray]]) -> SparseRows:
        # Python only finds each token's column; counting and arithmetic run in
        # numpy, once for the whole batch. `hits` holds (row, column) per block.
        n_blocks = len(self.blocks)
        keys, block_of_col, offset = [], [], 0
        for b, (block, (rows, cols)) in enumerate(zip(self.blocks, hits)):
            keys.append(rows * self.n_features + (cols + offset))
            block_of_col.append(np.full(len(block.terms), b, dtype=np.int64))
            offset += len(block.terms)
        key = np.concatenate(keys) if keys else np.zeros(0, np.int64)
        if n_docs * max(self.n_features, 1) < 2**31:
            key, counts = _count_small_keys(key.astype(np.int32))
        else:
            key, counts = np.unique(key, return_counts=True)
        row, idx = np.divmod(key.astype(np.int64), max(self.n_features, 1))
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


def _count_small_keys(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(key, return_counts=True)` of non-negative 32-bit keys.

    The sort is most of the counting. Numpy sorts 16-bit keys by radix, in linear time, so
    two stable passes (low half, then high half) sort these in 60% of its quicksort's time.
    """
    low_first = key[np.argsort(key.astype(np.uint16), kind="stable")]
    ordered = low_first[np.argsort((low_first >> 16).astype(np.uint16), kind="stable")]
    starts = np.empty(len(ordered), dtype=bool)
    starts[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    first = np.flatnonzero(starts)
    return ordered[first], np.diff(first, append=len(ordered))


def _token_hits(token_lists: list[list[str]], block: Block) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every token of every text that is in the block's vocabulary."""
    get = block.index.get
    tokens: list[str] = []
    for terms in token_lists:
        tokens.extend(terms)
    cols = np.fromiter(map(get, tokens, repeat(-1, len(tokens))), dtype=np.int64, count=len(tokens))
    rows = np.repeat(np.arange(len(token_lists), dtype=np.int64), [len(t) for t in token_lists])
    known = cols >= 0
    return rows[known], cols[known]


def _word_hits(texts: list[str], block: Block, max_chars: int) -> tuple[np.ndarray, np.ndarray]:
    """`_token_hits` of the segmenter's tokens, most of them found without hashing a string.

    The tokens are the text cut into pieces, in order, so each is also a span of the text's
    code points: one of up to three characters packs into an integer and is found as a
    character n-gram is. Only longer tokens are looked up by their string. A batch where
    some text's tokens do not add up to its length goes the plain way.
    """
    from ..text.segment import get_tokenizer

    segment = get_tokenizer().segment
    prepared = [_prepare(t, max_chars) for t in texts]
    token_lists = [segment(t) for t in prepared]
    counts = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    lengths = np.fromiter(map(len, chain.from_iterable(token_lists)), dtype=np.int64, count=int(counts.sum()))
    ends = np.cumsum(lengths)
    text_ends = np.concatenate([[0], ends])[np.cumsum(counts)]
    sizes = np.fromiter(map(len, prepared), dtype=np.int64, count=len(prepared))
    if not np.array_equal(text_ends, np.cumsum(sizes)):
        return _token_hits(token_lists, block)
    joined = "".join(prepared)
    codes = _codes(joined)
    starts = ends - lengths
    lookup = _packed_vocabulary(block)
    cols = np.full(len(lengths), -1, dtype=np.int64)
    for n in range(1, _MAX_PACKED + 1):
        if n not in lookup:
            continue
        which = np.flatnonzero(lengths == n)
        keys = _packed(codes, starts[which], n)
        if n == 1:
            table = lookup[1]
            cols[which] = table[np.minimum(keys, len(table) - 1)]
        else:
            cols[which] = lookup[n].find(keys)
    longer = np.flatnonzero(lengths > _MAX_PACKED)
    words = [joined[a:b] for a, b in zip(starts[longer].tolist(), ends[longer].tolist())]
    cols[longer] = np.fromiter(map(block.index.get, words, repeat(-1)), dtype=np.int64, count=len(words))
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    known = cols >= 0
    return rows[known], cols[known]


# Code points fit in 21 bits, so an n-gram of up to three characters packs into one int64.
_BITS = 21
_MAX_PACKED = 3


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


def _packed(codes: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    key = np.zeros(len(starts), dtype=np.int64)
    for j in range(n):
        key = (key << _BITS) | codes[starts + j]
    return key


def _char_hits(texts: list[str], block: Block, max_chars: int, ngrams,
               span: str = "words") -> tuple[np.ndarray, np.ndarray]:
    """What `CharAnalyzer` and a vocabulary lookup give, as arrays: each text is folded
    the same way (`_folded_codes`), and an n-gram is every window of n codes without a break."""
    codes, doc = _folded_codes(texts, max_chars, span)
    ok = codes != _BREAK_CODE
    lookup = _packed_vocabulary(block)
    rows, cols = [], []
    bigram_at = None  # where a two-character term starts, once they are found
    lo, hi = ngrams
    for n in range(lo, hi + 1):
        if len(codes) < n or n not in lookup:
            continue
        width = len(codes) - n + 1
        valid = ok[:width].copy()
        for j in range(1, n):
            valid &= ok[j : j + width]
        if n == 3 and bigram_at is not None and lookup["trigrams_of_bigrams"]:
            # Both halves of every trigram term are terms: only windows whose two bigrams
            # were found can hold one (a third of them in news text).
            valid &= bigram_at[:width] & bigram_at[1 : width + 1]
        starts = np.flatnonzero(valid)
        keys = _packed(codes, starts, n)
        if n == 1:
            # One character is its code point: a table indexed by code finds its column at once.
            table = lookup[1]
            col = table[np.minimum(keys, len(table) - 1)]
        else:
            col = lookup[n].find(keys)
        found = col >= 0
        if n == 2:
            bigram_at = np.zeros(len(codes), dtype=bool)
            bigram_at[starts[found]] = True
        rows.append(doc[starts[found]])
        cols.append(col[found])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows), np.concatenate(cols)


# What a character is to `CharAnalyzer`: part of a word, a digit (a run of them reads as one
# `0`), a break between runs (noise for "words", a space for "spaces"; the end of a text for
# all), or a space that n-grams hold (a run of them reads as one, for "text").
_WORD, _DIGIT, _BREAK, _BLANK = 0, 1, 2, 3
# Beyond Unicode: no term holds it, and it still packs into `_BITS`.
_BREAK_CODE = 0x110000
_KIND_TABLES: dict[str, np.ndarray] = {}


def _folded_codes(texts: list[str], max_chars: int, span: str) -> tuple[np.ndarray, np.ndarray]:
    """The code points `CharAnalyzer` takes its n-grams from, the texts joined by a break, and
    the text each comes from.

    The same n-grams as its substitutions (digit runs to `0`, for "text" space runs to one
    space) and splits with one table lookup per character instead: a break becomes one
    `_BREAK_CODE`, not a run of them, which changes no n-gram (no window holds a break)."""
    lowered = [_prepare(t, max_chars).lower() for t in texts]
    codes = _codes(" ".join(lowered))
    lengths = [len(t) + 1 for t in lowered]
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)[: len(codes)]
    kind = _char_kinds(codes, span)
    kind[np.cumsum(lengths[:-1], dtype=np.int64) - 1] = _BREAK  # where one text ends
    repeated = np.zeros(len(codes), dtype=bool)
    for folded, code in ((_DIGIT, 48), (_BLANK, 32)):
        mine = kind == folded
        repeated[1:] |= mine[1:] & mine[:-1]
        codes[mine] = code
    codes[kind == _BREAK] = _BREAK_CODE
    keep = ~repeated
    return codes[keep], doc[keep]


_SPAN_PATTERNS = {"words": (_NOISE, _BREAK), "spaces": (_SPACE, _BREAK), "text": (_SPACE, _BLANK)}


def _char_kinds(codes: np.ndarray, span: str) -> np.ndarray:
    table = _KIND_TABLES.get(span)
    if table is None:
        # Each pattern run once over the Basic Multilingual Plane (a few milliseconds).
        plane = np.arange(0x10000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
        table = np.zeros(0x10000, dtype=np.uint8)
        for pattern, kind in (_SPAN_PATTERNS[span], (_DIGITS, _DIGIT)):
            for m in pattern.finditer(plane):
                table[m.start() : m.end()] = kind
        _KIND_TABLES[span] = table
    kinds = table[np.minimum(codes, 0xFFFF)]
    if len(codes) and codes.max() > 0xFFFF:
        # Beyond the plane (emoji, rare ideographs): each distinct one asked of the patterns.
        where = np.flatnonzero(codes > 0xFFFF)
        distinct, inverse = np.unique(codes[where], return_inverse=True)
        kinds[where] = np.array([_char_kind(chr(c), span) for c in distinct.tolist()], dtype=np.uint8)[inverse]
    return kinds


def _char_kind(ch: str, span: str) -> int:
    pattern, kind = _SPAN_PATTERNS[span]
    if pattern.match(ch):
        return kind
    return _DIGIT if _DIGITS.match(ch) else _WORD


class _KeyIndex:
    """Packed n-gram keys → columns: an open-addressing hash table probed with numpy.

    A binary search takes some 17 dependent steps per n-gram through a table bigger than the
    cache; here most n-grams take one probe. Linear probing.
    """

    _EMPTY = -1  # packed keys are never negative

    def __init__(self, keys: np.ndarray, cols: np.ndarray, room: int = 2):
        # `room`: slots per key, at least. More probe faster (fewer keys share a home slot)
        # but take memory that a run of one article pays whole (tests/system/test_hostile.py
        # bounds its peak).
        bits = max(4, (room * len(keys)).bit_length())
        self._shift = np.uint64(64 - bits)
        self._mask = (1 << bits) - 1
        self._keys = np.full(1 << bits, self._EMPTY, dtype=np.int64)
        self._cols = np.empty(1 << bits, dtype=np.int32)  # read only where a key was put
        slot = self._home(keys)
        pending = np.arange(len(keys))
        while len(pending):
            free = np.flatnonzero(self._keys[slot] == self._EMPTY)
            # Keys that want the same free slot: the first takes it, the others probe on.
            taken, first = np.unique(slot[free], return_index=True)
            placed = free[first]
            self._keys[taken] = keys[pending[placed]]
            self._cols[taken] = cols[pending[placed]]
            left = np.ones(len(pending), dtype=bool)
            left[placed] = False
            pending, slot = pending[left], (slot[left] + 1) & self._mask

    def _home(self, keys: np.ndarray) -> np.ndarray:
        # Fibonacci hashing: the top bits of key * 2**64 / golden ratio.
        return ((keys.view(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> self._shift).astype(np.int64)

    def find(self, keys: np.ndarray) -> np.ndarray:
        """The column of each key, -1 for a key not in the table."""
        slot = self._home(keys)
        held = self._keys[slot]
        hit = held == keys
        cols = np.full(len(keys), -1, dtype=np.int64)
        found = np.flatnonzero(hit)
        cols[found] = self._cols[slot[found]]  # most n-grams are not terms: gather only the hits
        # Only the keys that met another key in their home slot probe on.
        todo = np.flatnonzero(~hit)
        todo = todo[held[todo] != self._EMPTY]
        slot = (slot[todo] + 1) & self._mask
        while len(todo):
            held = self._keys[slot]
            hit = held == keys[todo]
            cols[todo[hit]] = self._cols[slot[hit]]
            on = ~hit & (held != self._EMPTY)
            todo, slot = todo[on], (slot[on] + 1) & self._mask
        return cols


def _packed_vocabulary(block: Block) -> dict:
    """n → a `_KeyIndex` of the block's n-character terms (n = 1: a column by code point),
    and "trigrams_of_bigrams"; made once."""
    cached = block.packed
    if cached is None:
        lengths = np.fromiter(map(len, block.terms), dtype=np.int64, count=len(block.terms))
        codes = _codes("".join(block.terms))
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64) if len(lengths) else lengths
        cached = {}
        packed = {}
        for n in range(1, _MAX_PACKED + 1):
            cols = np.flatnonzero(lengths == n)
            if len(cols):
                keys = packed[n] = _packed(codes, starts[cols], n)
                if n == 1:
                    # Code → column of every single-character term, -1 elsewhere; the last slot
                    # stands for every code above the largest term's (at most 0x10FFFF + 2 slots).
                    table = np.full(int(keys.max()) + 2, -1, dtype=np.int64)
                    table[keys] = cols
                    cached[n] = table
                else:
                    # Bigrams are asked of every window, trigrams of a third: the room goes
                    # where the lookups are.
                    cached[n] = _KeyIndex(keys, cols, room=4 if n == 2 else 2)
        # Whether each trigram term's two halves are bigram terms (as min_df makes them, unless
        # max_features cut some): `_char_hits` then looks trigrams up only where both are.
        cached["trigrams_of_bigrams"] = 2 in cached and 3 in cached and all(
            bool(np.all(cached[2].find(half) >= 0))
            for half in (packed[3] >> _BITS, packed[3] & ((1 << 2 * _BITS) - 1)))
        block.packed = cached
    return cached


def _columns_in(terms: list[str], block: Block, lengths: np.ndarray) -> np.ndarray:
    """The column of each of `terms` in `block`, -1 where it has none (`lengths`: the terms')."""
    cols = np.full(len(terms), -1, dtype=np.int64)
    lookup = _packed_vocabulary(block)
    codes = _codes("".join(terms))
    starts = np.cumsum(lengths) - lengths
    for n in range(2, _MAX_PACKED + 1):
        which = np.flatnonzero(lengths == n)
        if len(which) and n in lookup:
            cols[which] = lookup[n].find(_packed(codes, starts[which], n))
    # One-character terms are never shown, so never named; longer ones by their string.
    longer = np.flatnonzero(lengths > _MAX_PACKED)
    cols[longer] = np.fromiter(map(block.index.get, (terms[k] for k in longer.tolist()), repeat(-1)),
                               dtype=np.int64, count=len(longer))
    return cols


def _fit_analyzers(params: FeatureParams) -> tuple[dict, list[str]]:
    analyzers = FeatureSpace(params, []).analyzers()
    weights = {"words": params.word_weight, "chars": params.char_weight}
    return analyzers, [n for n in ("words", "chars") if weights[n] > 0]


@dataclass
class TermCounts:
    """How often every term occurs in every text, per block: the training texts analysed once.

    Cross-validation fits a vocabulary, idf and model per fold; from these
    counts a fold needs only column sums and a slice, never the texts again,
    and no token list is kept (180,000 titles as token lists took 1.8 GB).
    Terms are sorted as scikit-learn sorts a vocabulary, so a fold's
    features come out exactly as `TfidfVectorizer` would make them.
    """

    terms: dict[str, list[str]]
    counts: dict[str, object]  # block name -> scipy CSR, texts × terms, float64 counts
    n_texts: int
    params: FeatureParams  # as the texts were analysed: `char_span` decided


def count_terms(texts, params: FeatureParams, *, batch: int = 5000) -> TermCounts:
    """Analyse `texts` once (the slow part: segmentation) into per-block term counts.

    Terms in only one text are dropped when every fold has at least two texts:
    no fold's training part can then reach `min_df` >= 2 with them. Character
    n-grams are cheap to make and many of them occur once (1.8 M distinct on
    180,000 titles, 0.5 M in two texts or more), so they are made twice: first
    only their hashes are counted, then only the terms that occur twice or
    more are kept as strings.
    """
    texts = list(texts)
    params = params.resolved(texts)
    analyzers, names = _fit_analyzers(params)
    prune = params.min_df >= 2 and len(texts) >= 3
    terms, counts = {}, {}
    for name in names:
        keep = _repeated_hashes(texts, analyzers[name], batch) if prune and name == "chars" else None
        terms[name], counts[name] = _count_block(texts, analyzers[name], batch, prune, keep)
    return TermCounts(terms, counts, len(texts), params)


def _repeated_hashes(texts: list[str], analyze, batch: int) -> np.ndarray:
    """Sorted hashes of the terms that occur in two texts or more."""
    seen = []
    for start in range(0, len(texts), batch):
        per_doc = [np.unique(np.fromiter(map(hash, analyze(t)), dtype=np.int64)) for t in texts[start : start + batch]]
        seen.append(np.concatenate(per_doc) if per_doc else np.zeros(0, np.int64))
    hashes, df = np.unique(np.concatenate(seen) if seen else np.zeros(0, np.int64), return_counts=True)
    return hashes[df >= 2]


def _count_block(texts: list[str], analyze, batch: int, prune: bool, keep: np.ndarray | None):
    """(sorted terms, texts × terms CSR of float64 counts) of one block."""
    from scipy.sparse import csr_matrix, vstack

    index: dict[str, int] = {}
    parts = []
    for start in range(0, len(texts), batch):
        chunk = texts[start : start + batch]
        cols: list[int] = []
        lengths = []
        for text in chunk:
            tokens = analyze(text)
            if keep is not None and tokens:
                hashes = np.fromiter(map(hash, tokens), dtype=np.int64, count=len(tokens))
                at = np.minimum(np.searchsorted(keep, hashes), max(len(keep) - 1, 0))
                wanted = keep[at] == hashes if len(keep) else np.zeros(len(tokens), bool)
                tokens = [t for t, w in zip(tokens, wanted) if w]
            lengths.append(len(tokens))
            cols.extend(index.setdefault(t, len(index)) for t in tokens)
        rows = np.repeat(np.arange(len(chunk), dtype=np.int64), lengths)
        parts.append(csr_matrix((np.ones(len(cols)), (rows, np.asarray(cols, dtype=np.int64))),
                                shape=(len(chunk), max(len(index), 1))))
    width = len(index)
    matrix = vstack([_widen(m, width) for m in parts]).tocsr() if parts else csr_matrix((0, width))
    del parts
    vocab = list(index)
    del index
    keep_cols = np.arange(width)
    if prune:
        keep_cols = np.flatnonzero(np.bincount(matrix.indices, minlength=width) >= 2)
    kept = [vocab[i] for i in keep_cols]
    del vocab
    order = sorted(range(len(kept)), key=kept.__getitem__)
    matrix = matrix[:, keep_cols[np.asarray(order, dtype=np.int64)]] if order else matrix[:, :0]
    matrix.sort_indices()
    return [kept[i] for i in order], matrix.tocsr()


def _widen(m, width: int):
    from scipy.sparse import csr_matrix

    if m.shape[1] >= width:
        return m[:, :width]
    return csr_matrix((m.data, m.indices, m.indptr), shape=(m.shape[0], width))


def _vocabulary(counts, n_docs: int, params: FeatureParams, limit: int) -> np.ndarray:
    """The columns a `TfidfVectorizer(min_df, max_features)` fitted on these rows would keep,
    in its order; the same steps as scikit-learn's `_limit_features`, on the same arrays."""
    dfs = np.bincount(counts.indices, minlength=counts.shape[1])
    tfs = np.asarray(counts.sum(axis=0)).ravel()
    seen = dfs > 0  # scikit-learn's vocabulary holds only the terms of these rows
    dfs, tfs, cols = dfs[seen], tfs[seen], np.flatnonzero(seen)
    mask = dfs >= min(params.min_df, max(1, n_docs))
    if limit and mask.sum() > limit:
        inds = (-tfs[mask]).argsort()[:limit]
        new_mask = np.zeros(len(dfs), dtype=bool)
        new_mask[np.where(mask)[0][inds]] = True
        mask = new_mask
    return cols[mask]


def fit_counts(counts: TermCounts, rows: np.ndarray, params: FeatureParams):
    """Vocabulary, idf and TF-IDF matrix from the texts `rows` of `counts` (scikit-learn's
    `TfidfTransformer`, as `TfidfVectorizer` uses it): (space, matrix, columns per block)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfTransformer

    if params.char_span == "auto":
        params = replace(params, char_span=counts.params.char_span)
    elif params.char_span != counts.params.char_span:
        raise ValueError(f"the texts were counted with char_span {counts.params.char_span!r}, not {params.char_span!r}")
    limits = {"words": params.max_word_features, "chars": params.max_char_features}
    weights = {"words": params.word_weight, "chars": params.char_weight}
    blocks, matrices, columns = [], [], {}
    whole = len(rows) == counts.n_texts and np.array_equal(rows, np.arange(counts.n_texts))
    for name, matrix in counts.counts.items():
        sub = matrix if whole else matrix[rows]  # 180,000 titles: every copy is 100 MB
        cols = _vocabulary(sub, len(rows), params, limits[name])
        if not len(cols):
            continue  # no term survives min_df (a tiny corpus)
        tfidf = TfidfTransformer(sublinear_tf=True, norm="l2")
        x = tfidf.fit_transform(sub[:, cols])
        del sub
        if weights[name] != 1.0:
            x.data *= weights[name]
        blocks.append(Block(name, [counts.terms[name][i] for i in cols], np.asarray(tfidf.idf_, dtype=np.float64),
                            weights[name]))
        matrices.append(x)
        columns[name] = cols
    if not blocks:
        raise ValueError("no features: the texts share no words or characters")
    return FeatureSpace(params, blocks), hstack(matrices).tocsr(), columns


def transform_counts(counts: TermCounts, rows: np.ndarray, space: "FeatureSpace", columns: dict):
    """TF-IDF rows of the texts `rows` of `counts` in a space fitted by `fit_counts`."""
    from scipy.sparse import hstack
    from sklearn.preprocessing import normalize

    matrices = []
    for block in space.blocks:
        x = counts.counts[block.name][rows][:, columns[block.name]].tocsr()
        x.data = (np.log(x.data) + 1.0) * block.idf[x.indices]
        x = normalize(x, norm="l2", copy=False)
        if block.weight != 1.0:
            x.data *= block.weight
        matrices.append(x)
    return hstack(matrices).tocsr()

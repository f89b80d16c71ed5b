"""Chinese word segmentation with a private jieba instance.

jieba's module-level functions share one global tokenizer; zhnews owns its own
instance so that its user dictionary never leaks into (or is changed by) other
code in the same process. It is built on first use, not at import.

Two engines run jieba's algorithm on jieba's dictionary and HMM:

* `rjieba`, the Python binding of jieba-rs (Rust), about 18x faster than
  jieba, which makes segmentation a small part of classifying and
  summarising instead of most of it. It is the default when installed.
* `jieba` itself, the reference and the fallback (a platform without an
  rjieba wheel, or `Tokenizer(engine="jieba")`).

Both give the same tokens except around hyphenated ASCII: jieba-rs keeps
`10-11` or `EB-5` whole where jieba splits them at the hyphen;
`tests/text/test_segment.py` measures the agreement on real text.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from pathlib import Path

from ..shipped import data_path
from .chars import CJK, is_cjk
from .tablecache import cache_dir

_CONTENT = re.compile(f"[{CJK}A-Za-z]")
_NUMBERISH = re.compile(r"^[\d.,%％\-:/年月日号时分秒万亿千百十余多第]+$")
_LATIN = re.compile(r"^[A-Za-z]+$")


def stopwords() -> frozenset[str]:
    text = data_path("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip())


ENGINES = ("auto", "rjieba", "jieba")
_MEMO_LIMIT = 200_000


def read_userdict(path: Path) -> list[tuple[str, int | None, str | None]]:
    """Lines of a jieba user dictionary: `word [freq] [tag]`."""
    entries = []
    for line in path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines():
        parts = line.split()
        if not parts:
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        entries.append((parts[0], freq, tag))
    return entries


class Tokenizer:
    """Word segmentation plus the filters every zhnews model shares.

    `cut` returns every token; `words` keeps content words only: no stop
    words, punctuation, numbers, dates or single Latin letters (pinyin
    fragments and mojibake leave those behind). `engine` is "rjieba",
    "jieba" or "auto" (rjieba when it is installed); `engine_` says which
    one runs.
    """

    def __init__(self, userdict: Path | None = None, engine: str = "auto", extra_words: tuple = ()):
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        entries = read_userdict(Path(userdict or data_path("userdict.txt"))) + list(extra_words)
        segmenter = _rjieba_segmenter(entries, required=engine == "rjieba") if engine != "jieba" else None
        if segmenter is not None:
            self.engine_, self._lcut = "rjieba", segmenter.cut  # cut(text, hmm=True): the HMM is on
        else:
            segmenter = _jieba_segmenter(entries)
            self.engine_, self._lcut = "jieba", segmenter.lcut  # lcut(text, HMM=True)
        self.segmenter_ = segmenter
        self._stop = stopwords()
        self._content: dict[str, bool] = {}

    def segment(self, text: str) -> list[str]:
        """Every token as the segmenter gives it, spaces included (no filter, no copy)."""
        return self._lcut(text)

    def cut(self, text: str) -> list[str]:
        tokens = self._lcut(text)
        return list(compress(tokens, map(str.strip, tokens)))

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Tokens with jieba's part-of-speech tags (nr: a person's name, ns: a place, nt: an organisation)."""
        if self.engine_ == "rjieba":
            # rjieba gives (word, tag) tuples already: keep them rather than build new ones.
            # Filtered in C: a pair stays when its word strips to something.
            pairs = self.segmenter_.tag(text)
            return list(compress(pairs, map(str.strip, map(itemgetter(0), pairs))))
        import jieba.posseg

        return [(p.word, p.flag) for p in jieba.posseg.POSTokenizer(self.segmenter_).cut(text) if p.word.strip()]

    def words(self, text: str) -> list[str]:
        # Tokens repeat across articles, so remember each verdict; the memo is
        # cleared when it grows large, which keeps a long stream bounded.
        known = self._content
        if len(known) > _MEMO_LIMIT:
            known.clear()
        tokens = self._lcut(text)
        # Look every verdict up in one C-level pass; only tokens never seen are judged in Python.
        verdicts = list(map(known.get, tokens))
        if None in verdicts:
            for i, ok in enumerate(verdicts):
                if ok is None:
                    verdicts[i] = known[tokens[i]] = self._judge(tokens[i])
        return list(compress(tokens, verdicts))

    def is_content(self, token: str) -> bool:
        """Whether `token` is a content word (remembered, as in `words`)."""
        known = self._content
        ok = known.get(token)
        if ok is None:
            if len(known) > _MEMO_LIMIT:
                known.clear()
            ok = known[token] = self._judge(token)
        return ok

    def _judge(self, token: str) -> bool:
        if len(token) < 2 and not is_cjk(token):
            return False
        if token in self._stop or not _CONTENT.search(token):
            return False
        if _NUMBERISH.match(token):
            return False
        if _LATIN.match(token) and len(token) < 2:
            return False
        return True


def _rjieba_segmenter(entries, required: bool):
    try:
        jieba_class = _rjieba_class()
    except ImportError:
        if required:
            raise
        return None
    seg = jieba_class()
    for word, freq, tag in entries:
        seg.add_word(word, freq, tag)
    return seg


def _rjieba_class():
    """rjieba's `Jieba` class, without running `rjieba/__init__.py` when we can.

    That file builds a default tokenizer at import (about 0.1 s, as long as ours); zhnews never
    uses it. Loading the compiled module alone gives the same class. Once `rjieba` itself is
    imported (or hidden with a None in `sys.modules`), the ordinary import decides.
    """
    if "rjieba" in sys.modules:
        import rjieba

        return rjieba.Jieba
    module = sys.modules.get("rjieba.rjieba") or _load_rjieba_extension()
    if module is None:
        import rjieba

        return rjieba.Jieba
    return module.Jieba


def _load_rjieba_extension():
    """The compiled `rjieba.rjieba`, registered so that a later `import rjieba` reuses it; None
    if the package is laid out differently."""
    import importlib.machinery
    import importlib.util

    package = importlib.util.find_spec("rjieba")  # finds, never executes, the package
    if package is None:
        raise ImportError("No module named 'rjieba'", name="rjieba")
    locations = package.submodule_search_locations
    spec = importlib.machinery.PathFinder.find_spec("rjieba.rjieba", locations) if locations else None
    if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not hasattr(module, "Jieba"):
        return None
    sys.modules["rjieba.rjieba"] = module
    return module


def _jieba_segmenter(entries):
    import logging

    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    # jieba rebuilds its prefix dictionary (about 1.5 s) unless it finds a
    # cache; keep its cache, and our faster one, in the user's cache folder.
    folder = cache_dir()
    if folder is None:
        # No safe cache folder: jieba builds its dictionary in memory (slower, never trusted from disk).
        tok.initialize()
    else:
        tok.tmp_dir = str(folder)
        _load_prefix_dict(tok, jieba)
    for word, freq, tag in entries:
        tok.add_word(word, freq, tag)
    return tok


_MISSING = object()


def import_jieba():
    """Import jieba without pkg_resources.

    jieba imports pkg_resources only to locate its own files and falls back
    to a plain path without it; hiding it saves about 0.2 s of every cold
    start and the deprecation warning new setuptools prints.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    saved = sys.modules.get("pkg_resources", _MISSING)
    if saved is _MISSING:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail fast
    try:
        import jieba
    finally:
        if saved is _MISSING:
            del sys.modules["pkg_resources"]
    return jieba


_TOTAL = "\x00total"  # the dictionary's total count, stored beside its words


def _load_prefix_dict(tok, jieba) -> None:
    """Give `tok` jieba's default prefix dictionary, from our table cache when we can.

    jieba's own cache is a marshal dump that takes 0.6-1 s to load; see
    `zhnews.tablecache` for ours.
    """
    from .tablecache import cached_table

    def build() -> dict:
        tok.initialize()
        return {**tok.FREQ, _TOTAL: tok.total}

    version = getattr(jieba, "__version__", "0")
    table = cached_table(Path(jieba.__file__).with_name("dict.txt"), f"jieba-prefix-{version}", build, "q",
                         Path(tok.tmp_dir))
    total = table.pop(_TOTAL, 0)
    if not tok.initialized:
        if total <= 0:
            tok.initialize()
            return
        tok.FREQ, tok.total, tok.initialized = table, total, True


# Words of the user's dictionary (`--user-dict`), added to the default tokenizer of this process.
_USER_WORDS: tuple = ()


def set_user_words(entries) -> None:
    """Use `entries` ((word, freq, tag) tuples) from now on in this process's default tokenizer."""
    global _USER_WORDS
    entries = tuple(entries)
    if entries != _USER_WORDS:
        _USER_WORDS = entries
        get_tokenizer.cache_clear()
        keyword_tokenizer.cache_clear()


@lru_cache(maxsize=1)
def get_tokenizer() -> Tokenizer:
    """The process-wide default tokenizer, built once on first use."""
    return Tokenizer(extra_words=_USER_WORDS)


@lru_cache(maxsize=1)
def keyword_tokenizer() -> Tokenizer:
    """The default tokenizer plus names of firms and places (`data/names.txt`), for keywords only.

    Keywords must not split a name (台积/电高雄厂, 百济/神州); the classifier keeps the
    segmentation its model was trained with.
    """
    return Tokenizer(extra_words=tuple(read_userdict(data_path("names.txt"))) + _USER_WORDS)

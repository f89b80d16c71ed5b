"""Chinese word segmentation with a private jieba instance.

jieba's module-level functions share one global tokenizer; zhnews owns its own
`jieba.Tokenizer` so that its user dictionary never leaks into (or is changed
by) other code in the same process. It is built on first use, not at import.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .tablecache import cache_dir

_CONTENT = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_NUMBERISH = re.compile(r"^[\d.,%％\-:/年月日号时分秒万亿千百十余多第]+$")
_LATIN = re.compile(r"^[A-Za-z]+$")


def _data_path(name: str) -> Path:
    return Path(str(resources.files("zhnews") / "data" / name))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = _data_path("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip())


class Tokenizer:
    """Word segmentation plus the filters every zhnews model shares.

    `cut` returns every token; `words` keeps content words only: no stop
    words, punctuation, numbers, dates or single Latin letters (pinyin
    fragments and mojibake leave those behind).
    """

    def __init__(self, userdict: Path | None = None):
        import logging

        jieba = import_jieba()
        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        # jieba rebuilds its prefix dictionary (about 1.5 s) unless it finds a
        # cache; keep its cache, and our faster one, in the user's cache folder.
        self._jieba.tmp_dir = str(cache_dir())
        _load_prefix_dict(self._jieba, jieba)
        self._jieba.load_userdict(str(userdict or _data_path("userdict.txt")))
        self._stop = stopwords()

    def cut(self, text: str) -> list[str]:
        return [t for t in self._jieba.lcut(text, HMM=True) if t.strip()]

    def words(self, text: str) -> list[str]:
        return [t for t in self._jieba.lcut(text, HMM=True) if self.is_content(t)]

    def is_content(self, token: str) -> bool:
        if len(token) < 2 and not ("\u4e00" <= token <= "\u9fff"):
            return False
        if token in self._stop or not _CONTENT.search(token):
            return False
        if _NUMBERISH.match(token):
            return False
        if _LATIN.match(token) and len(token) < 2:
            return False
        return True


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


@lru_cache(maxsize=1)
def get_tokenizer() -> Tokenizer:
    """The process-wide default tokenizer, built once on first use."""
    return Tokenizer()

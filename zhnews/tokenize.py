"""Chinese word segmentation with a private jieba instance.

jieba's module-level functions share one global tokenizer; zhnews owns its own
`jieba.Tokenizer` so that its user dictionary never leaks into (or is changed
by) other code in the same process. It is built on first use, not at import.
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

_CONTENT = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_NUMBERISH = re.compile(r"^[\d.,%％\-:/年月日号时分秒万亿千百十余多第]+$")
_LATIN = re.compile(r"^[A-Za-z]+$")


def _data_path(name: str) -> Path:
    return Path(str(resources.files("zhnews") / "data" / name))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = _data_path("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip())


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "zhnews"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path
    except OSError:
        return Path(tempfile.gettempdir())


class Tokenizer:
    """Word segmentation plus the filters every zhnews model shares.

    `cut` returns every token; `words` keeps content words only: no stop
    words, punctuation, numbers, dates or single Latin letters (pinyin
    fragments and mojibake leave those behind).
    """

    def __init__(self, userdict: Path | None = None):
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        # jieba rebuilds its prefix dictionary (about 1.5 s) unless it finds a
        # cache; keep ours in the user's cache folder so later runs are fast.
        self._jieba.tmp_dir = str(_cache_dir())
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


@lru_cache(maxsize=1)
def get_tokenizer() -> Tokenizer:
    """The process-wide default tokenizer, built once on first use."""
    return Tokenizer()

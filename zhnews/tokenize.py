"""Chinese word segmentation with a private jieba instance.

jieba's module-level functions share one global tokenizer; zhnews owns its own
`jieba.Tokenizer` so that its user dictionary never leaks into (or is changed
by) other code in the same process. It is built on first use, not at import.
"""

from __future__ import annotations

import array
import os
import re
import sys
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

        jieba = _import_jieba()
        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        # jieba rebuilds its prefix dictionary (about 1.5 s) unless it finds a
        # cache; keep its cache, and our faster one, in the user's cache folder.
        self._jieba.tmp_dir = str(_cache_dir())
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


def _import_jieba():
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


_PREFIX_MAGIC = b"zhnews-jieba-prefix-1\n"


def _load_prefix_dict(tok, jieba) -> None:
    """Give `tok` jieba's default prefix dictionary, from our cache when we can.

    jieba's own cache is a marshal dump that takes 0.6-1 s to load; the same
    500,000 entries as one string and one int64 array load in about 0.15 s.
    The cache is keyed by jieba's version and dictionary file, and is
    rebuilt from jieba's dictionary whenever it is missing or unreadable.
    """
    source = Path(jieba.__file__).with_name("dict.txt")
    try:
        st = source.stat()
        stamp = f"{getattr(jieba, '__version__', '0')}-{st.st_size}-{int(st.st_mtime)}"
    except OSError:
        tok.initialize()
        return
    path = Path(tok.tmp_dir) / f"jieba-prefix-{stamp}.bin"
    loaded = _read_prefix_cache(path)
    if loaded is not None:
        tok.FREQ, tok.total = loaded
        tok.initialized = True
        return
    tok.initialize()
    _write_prefix_cache(path, tok.FREQ, tok.total)


def _read_prefix_cache(path: Path) -> tuple[dict[str, int], int] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_PREFIX_MAGIC)
    if not data.startswith(_PREFIX_MAGIC) or len(data) < head + 16:
        return None
    total = int.from_bytes(data[head : head + 8], "little")
    n_bytes = int.from_bytes(data[head + 8 : head + 16], "little")
    start = head + 16
    try:
        keys = data[start : start + n_bytes].decode("utf-8").split("\n")
        values = array.array("q")
        values.frombytes(data[start + n_bytes :])
    except (UnicodeDecodeError, ValueError):
        return None
    if len(keys) != len(values) or total <= 0:
        return None
    return dict(zip(keys, values.tolist())), total


def _write_prefix_cache(path: Path, freq: dict[str, int], total: int) -> None:
    from .atomic import write_bytes_atomic

    if any("\n" in k for k in freq):
        return
    keys = "\n".join(freq).encode("utf-8")
    values = array.array("q", freq.values())
    try:
        write_bytes_atomic(
            path, _PREFIX_MAGIC + int(total).to_bytes(8, "little") + len(keys).to_bytes(8, "little") + keys + values.tobytes()
        )
    except OSError:
        pass  # a read-only cache folder only costs speed


@lru_cache(maxsize=1)
def get_tokenizer() -> Tokenizer:
    """The process-wide default tokenizer, built once on first use."""
    return Tokenizer()

"""Big word tables (jieba's dictionary, its IDF table) cached for fast loading.

Parsing jieba's text tables or unmarshalling its cache costs 0.3-1 s per
process, most of a cold start. The same table stored as one string of keys
and one numeric array loads in about a tenth of that. The cache lives in the
user's cache folder, is keyed by the source file's size and time, holds no
code (no pickle, no marshal), and is rebuilt whenever it is missing or does
not read back whole.
"""

from __future__ import annotations

import array
import hashlib
import os
import stat
import tempfile
from bisect import bisect_left
from itertools import repeat
from pathlib import Path
from typing import Callable

# Version 2 adds a sha256 of the payload: a table is used only if it reads back exactly.
_MAGIC = b"zhnews-table-2\n"


def cache_dir() -> Path | None:
    """The user's cache folder for zhnews, or a private one in the temp folder; None if neither is safe.

    A shared temp folder is never used as it is: another user could plant a table (or a FIFO)
    under a predictable name there.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "zhnews"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path
    except OSError:
        pass
    private = Path(tempfile.gettempdir()) / f"zhnews-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    try:
        private.mkdir(mode=0o700, exist_ok=True)
        st = private.lstat()
        if stat.S_ISDIR(st.st_mode) and (not hasattr(os, "getuid") or st.st_uid == os.getuid()) \
                and not st.st_mode & 0o077:
            return private
    except OSError:
        pass
    return None


def cached_table(source: Path, kind: str, build: Callable[[], dict], typecode: str, folder: Path | None = None) -> dict:
    """The table built from `source` by `build`, from the cache when it is current.

    `typecode` is the `array` type of the values: "q" (int64) or "d" (float64).
    """
    path = _cache_path(source, kind, folder)
    if path is None:
        return build()
    table = _read(path, typecode)
    if table is None:
        table = build()
        _write(path, table, typecode)
    return table


class SortedTable:
    """A read-only word table kept as its file holds it: sorted keys and their values.

    Building a dict of a few hundred thousand words costs more than the rest of a cold start
    of `summarize`; a lookup here is a binary search, remembered. A long run, past a few
    thousand searches, builds the dict after all and looks up in it from then on.
    """

    def __init__(self, keys: list[str], values):
        self._keys = keys
        self._values = values
        self._known: dict[str, float | None] = {}
        self._searches = 0
        self._whole = False

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, key: str, default=None):
        found = self._known.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self._find(key)
        return default if found is None else found

    def lookup(self, keys, default) -> list:
        """The value of each of `keys` (`default` for a key not in the table), in order."""
        if self._whole:
            return list(map(self._known.get, keys, repeat(default)))
        return [self.get(key, default) for key in keys]

    def _find(self, key: str):
        if self._whole:
            return None
        self._searches += 1
        if self._searches > _SEARCHES_BEFORE_DICT:
            # A long run: the whole dict now costs less than the searches still to come.
            self._known = dict(zip(self._keys, self._values.tolist()))
            self._whole = True
            return self._known.get(key)
        known = self._known
        if len(known) > _KNOWN_LIMIT:  # keys not in the table are remembered too: stay bounded
            known.clear()
        i = bisect_left(self._keys, key)
        value = self._values[i] if i < len(self._keys) and self._keys[i] == key else None
        known[key] = value
        return value


_UNSEEN = object()
_KNOWN_LIMIT = 500_000
_SEARCHES_BEFORE_DICT = 5_000


def cached_sorted_table(source: Path, kind: str, build: Callable[[], dict], typecode: str,
                        folder: Path | None = None) -> SortedTable:
    """`cached_table` as a `SortedTable`: no dict is built on loading.

    The cache file is only ever written sorted (under its own name), and is used only when its
    checksum matches, so its order is not checked again.
    """
    path = _cache_path(source, f"{kind}-sorted", folder)
    columns = _read_columns(path, typecode) if path is not None else None
    if columns is None:
        table = dict(sorted(build().items()))
        if path is not None:
            _write(path, table, typecode)
        columns = list(table), array.array(typecode, table.values())
    return SortedTable(*columns)


def _cache_path(source: Path, kind: str, folder: Path | None) -> Path | None:
    """Where the table built from `source` is cached, keyed by its size and time; None: no cache."""
    try:
        st = source.stat()
    except OSError:
        return None
    folder = folder or cache_dir()
    return None if folder is None else folder / f"{kind}-{st.st_size}-{int(st.st_mtime)}.bin"


def _read(path: Path, typecode: str) -> dict | None:
    columns = _read_columns(path, typecode)
    return None if columns is None else dict(zip(columns[0], columns[1].tolist()))


def _read_columns(path: Path, typecode: str) -> tuple[list[str], array.array] | None:
    try:
        if not stat.S_ISREG(path.lstat().st_mode):  # a FIFO would block, a link could point anywhere
            return None
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 1 + 8
    if not data.startswith(_MAGIC) or len(data) < head + 32 or data[len(_MAGIC)] != ord(typecode):
        return None
    digest, data = data[-32:], data[:-32]
    if hashlib.sha256(data).digest() != digest:
        return None
    n_bytes = int.from_bytes(data[len(_MAGIC) + 1 : head], "little")
    try:
        keys = data[head : head + n_bytes].decode("utf-8").split("\n")
        values = array.array(typecode)
        values.frombytes(data[head + n_bytes :])
    except (UnicodeDecodeError, ValueError):
        return None
    if len(keys) != len(values):
        return None
    return keys, values


def _write(path: Path, table: dict, typecode: str) -> None:
    from ..atomic import write_bytes_atomic

    if not table or any("\n" in k for k in table):
        return
    keys = "\n".join(table).encode("utf-8")
    values = array.array(typecode, table.values())
    try:
        payload = _MAGIC + typecode.encode() + len(keys).to_bytes(8, "little") + keys + values.tobytes()
        write_bytes_atomic(path, payload + hashlib.sha256(payload).digest())
    except OSError:
        pass  # a read-only cache folder only costs speed

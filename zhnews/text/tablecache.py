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
    try:
        st = source.stat()
    except OSError:
        return build()
    folder = folder or cache_dir()
    if folder is None:
        return build()
    path = folder / f"{kind}-{st.st_size}-{int(st.st_mtime)}.bin"
    table = _read(path, typecode)
    if table is None:
        table = build()
        _write(path, table, typecode)
    return table


def _read(path: Path, typecode: str) -> dict | None:
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
    return dict(zip(keys, values.tolist()))


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

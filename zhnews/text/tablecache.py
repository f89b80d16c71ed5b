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
import os
import tempfile
from pathlib import Path
from typing import Callable

_MAGIC = b"zhnews-table-1\n"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "zhnews"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path
    except OSError:
        return Path(tempfile.gettempdir())


def cached_table(source: Path, kind: str, build: Callable[[], dict], typecode: str, folder: Path | None = None) -> dict:
    """The table built from `source` by `build`, from the cache when it is current.

    `typecode` is the `array` type of the values: "q" (int64) or "d" (float64).
    """
    try:
        st = source.stat()
    except OSError:
        return build()
    path = (folder or cache_dir()) / f"{kind}-{st.st_size}-{int(st.st_mtime)}.bin"
    table = _read(path, typecode)
    if table is None:
        table = build()
        _write(path, table, typecode)
    return table


def _read(path: Path, typecode: str) -> dict | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 1 + 8
    if not data.startswith(_MAGIC) or len(data) < head or data[len(_MAGIC)] != ord(typecode):
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
        write_bytes_atomic(path, _MAGIC + typecode.encode() + len(keys).to_bytes(8, "little") + keys + values.tobytes())
    except OSError:
        pass  # a read-only cache folder only costs speed

"""Atomic writes: a reader sees the old file or the complete new one, never half."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# A temporary file this old beside a target is left over from a killed run (SIGKILL cannot be
# cleaned up after); a write in progress is never this old.
STALE_SECONDS = 3600


def remove_stale(path: Path) -> None:
    """Remove what killed runs left beside `path`: `.NAME.*.tmp` files and folders over an hour old."""
    import time

    try:
        leftovers = list(path.parent.glob(f".{path.name}.*.tmp"))
    except OSError:
        return
    for left in leftovers:
        try:
            if time.time() - left.lstat().st_mtime > STALE_SECONDS:
                shutil.rmtree(left) if left.is_dir() and not left.is_symlink() else left.unlink()
        except OSError:
            pass


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); the user expects what any
        # other write would give: the old file's mode, else the umask's.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: Path | str, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


@contextmanager
def atomic_directory(path: Path | str) -> Iterator[Path]:
    """Yield a fresh sibling directory; on success it replaces `path` whole.

    If the body raises (or the process is killed), `path` keeps its old
    contents: the new files only ever lived in the temporary sibling.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        os.chmod(tmp, _mode_for(path) | (0o111 if not path.exists() else 0))
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if path.exists():
        old = path.with_name(f".{path.name}.old-{os.getpid()}")
        os.replace(path, old)
    try:
        os.replace(tmp, path)
    except BaseException:
        if old is not None:
            os.replace(old, path)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _unlink_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass

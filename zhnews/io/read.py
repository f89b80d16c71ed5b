"""Find input files and turn them into raw records.

A record is either a *page* (a .txt/.md/.html file or plain stdin: one page
may hold several articles) or a *row* (one JSONL line or CSV row: one
article, with optional id, title, date, url and source fields).

`READERS` is the registry of input formats. Adding one: a module in
`zhnews.io` with a `records(text, source, encoding, errors)` generator (and,
for stdin, a `sniff(head)`), and one line here; the CLI's help and folder
walking follow the table.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .. import settings
from ..errors import ErrorLog, UsageError, printable
from . import html_page, page, rows
from .encoding import DecodeError, decode
from .record import RawRecord

MAX_FILE_BYTES = settings.MAX_FILE_BYTES
MAX_PAGE_BYTES = settings.MAX_PAGE_BYTES
MAX_RECORD_CHARS = settings.MAX_RECORD_CHARS
MAX_LINE_BYTES = 4 * MAX_RECORD_CHARS + 4
# The encoding of a JSONL file is decided on its first megabyte.
_SNIFF_BYTES = 1 << 20
# Codecs in which b"\n" only ever ends a line, so bytes can be split into lines.
_LINE_SAFE = ("utf-8", "gb18030", "gbk", "gb2312", "big5", "ascii")
# Ids remembered for the duplicate check (a stream of millions of rows stays bounded: 16 MB).
_MAX_IDS_TRACKED = 1_000_000


@dataclass(frozen=True)
class Reader:
    """One input format: the file endings it owns and how its text becomes records.

    `sniff(head)` recognises it on stdin (from the first 200 characters, lowered
    and stripped); `max_bytes` is the largest file read whole; `streamed`
    formats are read line by line instead, whatever their size; `extract`
    turns a record's text into (body text, metadata) before cleaning.
    """

    kind: str
    extensions: tuple[str, ...]
    records: Callable[[str, str, str, ErrorLog], Iterator[RawRecord]]
    sniff: Callable[[str], bool] | None = None
    max_bytes: int = MAX_PAGE_BYTES
    streamed: bool = False
    extract: Callable[[str], tuple[str, dict]] | None = None


READERS: dict[str, Reader] = {
    r.kind: r
    for r in (
        Reader("page", (".txt", ".md", ".text"), page.page_records),
        Reader("html", (".html", ".htm", ".xhtml"), html_page.html_records, html_page.sniff_html,
               extract=html_page.extract_html),
        Reader("jsonl", (".jsonl", ".ndjson"), rows.jsonl_records, rows.sniff_jsonl, MAX_FILE_BYTES, streamed=True),
        Reader("csv", (".csv",), rows.csv_records, rows.sniff_csv, max_bytes=MAX_FILE_BYTES),
        Reader("tsv", (".tsv",), rows.tsv_records, rows.sniff_tsv, max_bytes=MAX_FILE_BYTES),
    )
}
# Text on stdin that no reader sniffs is a page.
DEFAULT_READER = "page"
KNOWN_EXTENSIONS = {ext for r in READERS.values() for ext in r.extensions}


def reader_for(name: str, text: str = "", forced: str | None = None) -> Reader:
    """The reader of a file, by its ending; on stdin (`-`), by what its text starts with; or `forced`."""
    if forced:
        if forced not in READERS:
            raise UsageError(f"unknown input format {forced!r}; choose from {', '.join(READERS)}")
        return READERS[forced]
    if name != "-":
        suffix = Path(name).suffix.lower()
        for reader in READERS.values():
            if suffix in reader.extensions:
                return reader
        return READERS[DEFAULT_READER]
    head = text.lstrip()[:200].lower()
    for reader in READERS.values():
        if reader.sniff is not None and reader.sniff(head):
            return reader
    return READERS[DEFAULT_READER]


def check_inputs(inputs: list[str]) -> list[str]:
    """The inputs that do not exist; a usage error when none does (a typo), before any output."""
    if not inputs:
        raise UsageError("no input given: name files, folders, or - for stdin")
    missing = [i for i in inputs if i != "-" and not os.path.lexists(i)]
    if len(missing) == len(inputs):
        raise UsageError(f"{missing[0]}: no such file or folder")
    return missing


def check_output(path, inputs: list[str], option: str) -> None:
    """An output path must not be a folder, nor one of the inputs (a digest must never replace its source)."""
    if path is None or str(path) == "-":
        return
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{option} {target}: is a folder; name a file")
    if not target.exists():
        return
    for item in inputs:
        if item == "-" or not os.path.exists(item):
            continue
        try:
            same = os.path.samefile(item, target)
        except OSError:
            same = False
        if same:
            raise UsageError(f"{option} {target}: is one of the inputs; it would be overwritten")


def iter_files(inputs: list[str], errors: ErrorLog) -> Iterator[str]:
    """Expand folders (recursively, sorted, known extensions only); keep `-`."""
    missing = check_inputs(inputs)
    seen: set = set()
    for item in inputs:
        if item == "-":
            if "-" in seen:
                errors.note("stdin (-) given twice; read once")
                continue
            seen.add("-")
            yield item
            continue
        key = _identity(item)
        if key in seen:
            # The same file twice would come out as its own reprint.
            errors.note(f"{printable(item)} given twice; read once")
            continue
        seen.add(key)
        path = Path(item)
        if path.is_dir():
            yield from _walk(path, errors)
        elif path.is_file():
            yield str(path)
        elif path.is_symlink():
            errors.add(item, "broken symbolic link")
        elif item in missing:
            errors.add(item, "no such file or folder")
        else:
            errors.add(item, "not a regular file or folder")


_EXTENSION_LIST = " ".join(sorted(KNOWN_EXTENSIONS))


def _walk(root: Path, errors: ErrorLog) -> Iterator[str]:
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            errors.add(dirpath, f"unreadable folder: {exc.strerror}")
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen_dirs:
            errors.add(dirpath, "symbolic link loop")
            dirnames[:] = []
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        inside = []
        for d in sorted(d for d in dirnames if not d.startswith(".")):
            full = os.path.join(dirpath, d)
            # A link to a folder outside the one given (a link to /) is not walked: it is not the user's input.
            if os.path.islink(full) and not _within(full, root):
                errors.note(f"ignored {full}: a symbolic link to a folder outside {root}")
                continue
            inside.append(d)
        dirnames[:] = inside
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            full = os.path.join(dirpath, name)
            if Path(name).suffix.lower() not in KNOWN_EXTENSIONS:
                errors.note(f"ignored {os.path.join(dirpath, name)}: unknown extension (read: {_EXTENSION_LIST})")
                continue
            if not os.path.exists(full):
                errors.add(full, "broken symbolic link")
                continue
            if not _regular(full):
                # A FIFO would block the run forever, a device would be read without end.
                errors.add(full, "not a regular file (a pipe, device or socket)")
                continue
            yield full


def _identity(path: str):
    try:
        st = os.stat(path)
        return (st.st_dev, st.st_ino)
    except OSError:
        return path


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _within(path: str, root: Path) -> bool:
    try:
        Path(path).resolve().relative_to(root.resolve())
        return True
    except (OSError, ValueError):
        return False


def with_skipped_rows(records: Iterator[RawRecord], errors: ErrorLog) -> Iterator[RawRecord]:
    """`records`, with a `kind="skipped"` record in the place of every row that was reported and
    dropped while reading (malformed JSON, a ragged CSV row): row order survives for `--keep-skipped`."""
    dropped: list = []
    errors.listen(lambda problem: dropped.append(problem) if problem.line is not None else None)

    def placeholders():
        while dropped:
            problem = dropped.pop(0)
            yield RawRecord(text="", source=f"{problem.source}:{problem.line}", kind="skipped",
                            line=problem.line, fields={"error": problem.reason})

    for record in records:
        yield from placeholders()
        yield record
    yield from placeholders()


def read_records(inputs: list[str], errors: ErrorLog, encoding: str | None = None,
                 input_format: str | None = None) -> Iterator[RawRecord]:
    """The records of every input, in order; `input_format` (a key of READERS) overrides detection."""
    seen_ids = SeenIds()
    for name in iter_files(inputs, errors):
        source = "<stdin>" if name == "-" else printable(name)
        try:
            with _open_bytes(name) as fh:
                for record in _file_records(fh, name, source, errors, encoding, input_format):
                    given = record.fields.get("id")
                    if given is not None:
                        # Two rows with one id cannot be told apart downstream (joins, dedupe, labels).
                        first = seen_ids.where(given)
                        if first is not None:
                            errors.note(f"id {printable(given)!r} at {record.source} was already used at {first}")
                        elif len(seen_ids) < _MAX_IDS_TRACKED:
                            seen_ids.add(given, record.source, record.line)
                    yield record
        except OSError as exc:
            errors.add(source, f"unreadable: {exc.strerror or exc}")


class SeenIds:
    """The ids read so far and where each was first read, in about 16 bytes an id.

    A dict of a million id strings to their "file:line" strings took 250 MB, so a 1 GB JSONL
    grew the process by that much. Ids are kept as 64-bit hashes (a collision among a million
    has odds of about 1 in 30 million) with their file and line packed into one integer: new
    ones in a small dict, merged now and then into sorted numpy arrays.
    """

    _BUFFER = 16_384

    def __init__(self) -> None:
        import numpy as np

        self._np = np
        self._recent: dict[int, int] = {}
        self._keys = np.zeros(0, dtype=np.int64)
        self._places = np.zeros(0, dtype=np.int64)
        self._prefixes: list[str] = []  # file names, numbered by first use

    def __len__(self) -> int:
        return len(self._recent) + len(self._keys)

    def add(self, given: str, source: str, line: int | None) -> None:
        suffix = f":{line}"
        prefix = source[: -len(suffix)] if line is not None and source.endswith(suffix) else source
        # Rows come file after file: the file is nearly always the last one numbered.
        if not self._prefixes or self._prefixes[-1] != prefix:
            self._prefixes.append(prefix)
        number = len(self._prefixes) - 1
        self._recent[hash(given)] = (number << 32) | (line + 1 if line is not None and prefix != source else 0)
        if len(self._recent) >= self._BUFFER:
            self._merge()

    def where(self, given: str) -> str | None:
        key = hash(given)
        place = self._recent.get(key)
        if place is None and len(self._keys):
            at = int(self._np.searchsorted(self._keys, key))
            if at < len(self._keys) and self._keys[at] == key:
                place = int(self._places[at])
        if place is None:
            return None
        prefix, line = self._prefixes[place >> 32], (place & 0xFFFFFFFF) - 1
        return prefix if line < 0 else f"{prefix}:{line}"

    def _merge(self) -> None:
        np = self._np
        keys = np.concatenate([self._keys, np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))])
        places = np.concatenate([self._places, np.fromiter(self._recent.values(), dtype=np.int64,
                                                           count=len(self._recent))])
        order = np.argsort(keys, kind="stable")
        self._keys, self._places = keys[order], places[order]
        self._recent = {}


def _file_records(fh, name: str, source: str, errors: ErrorLog, encoding: str | None,
                  input_format: str | None = None) -> Iterator[RawRecord]:
    head = fh.read(_SNIFF_BYTES)
    if not head.strip():
        errors.add(source, "empty file")
        return
    wide = head.startswith(_WIDE_BOMS) or _looks_utf16(head)
    if not wide and reader_for(name, head[:200].decode("utf-8", "ignore"), input_format).streamed:
        # Decide the encoding on whole lines of the first megabyte (a NUL byte or a bad line there
        # costs its own line, not the file), then stream.
        cut = head.rfind(b"\n") + 1
        sample = _whole_characters(head[:cut] if cut else head).replace(b"\x00", b"")
        try:
            _, used = decode(sample, encoding)
        except DecodeError as exc:
            errors.add(source, str(exc))
            return
        codec = _line_codec(encoding or used)
        if codec is not None:
            yield from _jsonl_stream(_byte_lines(head, fh), source, used, codec, errors)
            return
    data = head + fh.read(MAX_FILE_BYTES + 1 - len(head))
    limit = reader_for(name, forced=input_format).max_bytes if name != "-" or input_format else MAX_PAGE_BYTES
    if len(data) > limit:
        what = "one page" if limit == MAX_PAGE_BYTES else "one file"
        errors.add(source, f"too large: over {limit // 2**20} MB for {what}; split it, or use JSONL")
        return
    try:
        text, used = decode(data, encoding)
    except DecodeError as exc:
        errors.add(source, str(exc))
        return
    if not text.strip():
        errors.add(source, "empty file (whitespace only)")
        return
    yield from reader_for(name, text, input_format).records(text, source, used, errors)


# UTF-16 and UTF-32 files (PowerShell writes UTF-16LE with a BOM) are decoded whole: their
# newline is two or four bytes, so they cannot be cut into lines as bytes.
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: ASCII-range text leaves every other byte zero."""
    sample = head[:2000]
    if len(sample) < 8:
        return False
    return sample[1::2].count(0) > 0.3 * len(sample) / 2 or sample[0::2].count(0) > 0.3 * len(sample) / 2


def _whole_characters(data: bytes) -> bytes:
    """`data` without a multi-byte character cut off at its end (a first line over a megabyte)."""
    for k in range(4):
        try:
            (data[: len(data) - k] if k else data).decode("utf-8")
            return data[: len(data) - k] if k else data
        except UnicodeDecodeError:
            continue
    return data


def _open_bytes(name: str):
    if name == "-":
        from contextlib import nullcontext

        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(sys.stdin.read().encode("utf-8"))
        return nullcontext(stream)
    return open(name, "rb")


def _line_codec(used: str) -> str | None:
    name = used.replace(" (BOM)", "").strip().lower().replace("_", "-")
    if name in ("utf-8", "utf8"):
        return "utf-8-sig"  # a BOM on the first line is not part of the JSON
    return name if name in _LINE_SAFE else None


def _byte_lines(head: bytes, fh) -> Iterator[bytes | None]:
    """Lines of `head` and then of the rest of `fh`; None for a line too long to keep."""
    # The head's whole lines by offset: slicing each line off the front copied the rest of the
    # megabyte every time (a thousand lines: half a gigabyte of copying).
    start = 0
    while (cut := head.find(b"\n", start)) >= 0:
        yield head[start : cut + 1]
        start = cut + 1
    pending = head[start:]
    while True:
        cut = pending.find(b"\n")
        if cut >= 0:
            yield pending[: cut + 1]
            pending = pending[cut + 1 :]
            continue
        more = fh.readline(MAX_LINE_BYTES + 1 - len(pending)) if len(pending) <= MAX_LINE_BYTES else b""
        if not more:
            if len(pending) > MAX_LINE_BYTES:
                yield None
                _skip_line(fh)
                pending = b""
                continue
            if pending:
                yield pending
            return
        pending += more


def _skip_line(fh) -> None:
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _jsonl_stream(lines, source: str, encoding: str, codec: str, errors: ErrorLog) -> Iterator[RawRecord]:
    for lineno, raw in enumerate(lines, start=1):
        if raw is None:
            errors.add(source, f"too large: line over {MAX_LINE_BYTES // 2**20} MB", lineno)
            continue
        if b"\x00" in raw:
            errors.add(source, "binary data (a NUL byte) in the line", lineno)
            continue
        try:
            line = raw.decode(codec if lineno == 1 else codec.replace("-sig", ""))
        except UnicodeDecodeError as exc:
            errors.add(source, f"not valid {encoding} (byte {exc.start} of the line)", lineno)
            continue
        row = rows.parse_json_line(line, source, lineno, errors)
        if row is not None:
            row.encoding = encoding
            yield row

"""Find input files and turn them into raw records.

A record is either a *page* (a .txt/.md/.html file or plain stdin: one page
may hold several articles) or a *row* (one JSONL line or CSV row: one
article, with optional id, title, date, url and source fields).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .encoding import DecodeError, decode
from .errors import ErrorLog, UsageError

PAGE_EXTENSIONS = {".txt", ".md", ".text", ".html", ".htm", ".xhtml"}
ROW_EXTENSIONS = {".jsonl", ".ndjson", ".csv", ".tsv"}
KNOWN_EXTENSIONS = PAGE_EXTENSIONS | ROW_EXTENSIONS
ROW_FIELDS = ("id", "title", "text", "date", "url", "source")
TEXT_ALIASES = ("text", "content", "body", "正文")
# A page or CSV file beyond these is not news but a dump; it is skipped, not
# read. JSONL is streamed line by line, so its files may be any size.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_RECORD_CHARS = 2_000_000
MAX_LINE_BYTES = 4 * MAX_RECORD_CHARS + 4
# The encoding of a JSONL file is decided on its first megabyte.
_SNIFF_BYTES = 1 << 20
# Codecs in which b"\n" only ever ends a line, so bytes can be split into lines.
_LINE_SAFE = ("utf-8", "gb18030", "gbk", "gb2312", "big5", "ascii")


@dataclass
class RawRecord:
    text: str
    source: str
    encoding: str = ""
    is_page: bool = True
    line: int | None = None
    fields: dict[str, str] = field(default_factory=dict)
    is_html: bool = False


def iter_files(inputs: list[str], errors: ErrorLog) -> Iterator[str]:
    """Expand folders (recursively, sorted, known extensions only); keep `-`."""
    if not inputs:
        raise UsageError("no input given: name files, folders, or - for stdin")
    missing = [i for i in inputs if i != "-" and not os.path.lexists(i)]
    if len(missing) == len(inputs):
        raise UsageError(f"{missing[0]}: no such file or folder")
    for item in inputs:
        if item == "-":
            yield item
            continue
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
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
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
            yield full


def read_records(inputs: list[str], errors: ErrorLog, encoding: str | None = None) -> Iterator[RawRecord]:
    for name in iter_files(inputs, errors):
        source = "<stdin>" if name == "-" else name
        try:
            with _open_bytes(name) as fh:
                yield from _file_records(fh, name, source, errors, encoding)
        except OSError as exc:
            errors.add(source, f"unreadable: {exc.strerror or exc}")


def _file_records(fh, name: str, source: str, errors: ErrorLog, encoding: str | None) -> Iterator[RawRecord]:
    head = fh.read(_SNIFF_BYTES)
    if not head.strip():
        errors.add(source, "empty file")
        return
    if _is_jsonl(name, head):
        # Decide the encoding on whole lines of the first megabyte, then stream.
        cut = head.rfind(b"\n") + 1 or len(head)
        try:
            _, used = decode(head[:cut], encoding)
        except DecodeError as exc:
            errors.add(source, str(exc))
            return
        codec = _line_codec(encoding or used)
        if codec is not None:
            yield from _jsonl_stream(_byte_lines(head, fh), source, used, codec, errors)
            return
    data = head + fh.read(MAX_FILE_BYTES + 1 - len(head))
    limit = MAX_FILE_BYTES if _kind(name, "") in ("csv", "tsv", "jsonl") else MAX_PAGE_BYTES
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
    kind = _kind(name, text)
    if kind == "jsonl":
        yield from _jsonl_rows(text, source, used, errors)
    elif kind in ("csv", "tsv"):
        yield from _csv_rows(text, source, used, errors, "\t" if kind == "tsv" else ",")
    else:
        yield RawRecord(text=text, source=source, encoding=used, is_html=kind == "html")


def _open_bytes(name: str):
    if name == "-":
        from contextlib import nullcontext

        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(sys.stdin.read().encode("utf-8"))
        return nullcontext(stream)
    return open(name, "rb")


def _is_jsonl(name: str, head: bytes) -> bool:
    if name != "-":
        return Path(name).suffix.lower() in (".jsonl", ".ndjson")
    return head.lstrip()[:1] == b"{"


def _line_codec(used: str) -> str | None:
    name = used.replace(" (BOM)", "").strip().lower().replace("_", "-")
    if name in ("utf-8", "utf8"):
        return "utf-8-sig"  # a BOM on the first line is not part of the JSON
    return name if name in _LINE_SAFE else None


def _byte_lines(head: bytes, fh) -> Iterator[bytes | None]:
    """Lines of `head` and then of the rest of `fh`; None for a line too long to keep."""
    pending = head
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
        try:
            line = raw.decode(codec if lineno == 1 else codec.replace("-sig", ""))
        except UnicodeDecodeError as exc:
            errors.add(source, f"not valid {encoding} (byte {exc.start} of the line)", lineno)
            continue
        row = parse_json_line(line, source, lineno, errors)
        if row is not None:
            row.encoding = encoding
            yield row


def _kind(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower() if name != "-" else ""
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return suffix[1:]
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if name == "-":
        head = text.lstrip()[:200].lower()
        if head.startswith("{"):
            return "jsonl"
        if head.startswith(("<!doctype html", "<html", "<head", "<body", "<div", "<p>")):
            return "html"
    return "page"


def _jsonl_rows(text: str, source: str, encoding: str, errors: ErrorLog) -> Iterator[RawRecord]:
    for lineno, line in enumerate(text.split("\n"), start=1):
        row = parse_json_line(line, source, lineno, errors)
        if row is not None:
            row.encoding = encoding
            yield row


def parse_json_line(line: str, source: str, lineno: int, errors: ErrorLog) -> RawRecord | None:
    """One JSONL line as a row record; bad lines go to `errors` and give None."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        errors.add(source, f"malformed JSON: {exc.msg}", lineno)
        return None
    return _row(obj, source, lineno, errors)


def _csv_rows(text: str, source: str, encoding: str, errors: ErrorLog, delimiter: str) -> Iterator[RawRecord]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except (StopIteration, csv.Error):
        errors.add(source, "no header row")
        return
    if not any(h in TEXT_ALIASES for h in header):
        errors.add(source, f"no text column: the header needs one of {', '.join(TEXT_ALIASES)}", 1)
        return
    try:
        for values in reader:
            lineno = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                errors.add(source, f"ragged row: {len(values)} fields, header has {len(header)}", lineno)
                continue
            row = _row(dict(zip(header, values)), source, lineno, errors)
            if row is not None:
                row.encoding = encoding
                yield row
    except csv.Error as exc:
        errors.add(source, f"malformed CSV: {exc}", reader.line_num)


def _row(obj: object, source: str, lineno: int, errors: ErrorLog) -> RawRecord | None:
    if not isinstance(obj, dict):
        errors.add(source, "not a JSON object", lineno)
        return None
    text = next((obj[k] for k in TEXT_ALIASES if k in obj), None)
    if text is None:
        errors.add(source, "missing field: text", lineno)
        return None
    if not isinstance(text, str):
        errors.add(source, f"wrong type: text is {type(text).__name__}, not a string", lineno)
        return None
    if not text.strip():
        errors.add(source, "empty text", lineno)
        return None
    if len(text) > MAX_RECORD_CHARS:
        errors.add(source, f"too large: text has {len(text)} characters", lineno)
        return None
    fields = {k: str(obj[k]) for k in ROW_FIELDS if k != "text" and obj.get(k) not in (None, "")}
    return RawRecord(text=text, source=f"{source}:{lineno}", is_page=False, line=lineno, fields=fields)

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
# A single record beyond this is not news but a dump; it is skipped, not read.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_RECORD_CHARS = 2_000_000


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
        else:
            raise UsageError(f"{item}: no such file or folder")


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
                continue
            if not os.path.exists(full):
                errors.add(full, "broken symbolic link")
                continue
            yield full


def read_records(inputs: list[str], errors: ErrorLog, encoding: str | None = None) -> Iterator[RawRecord]:
    for name in iter_files(inputs, errors):
        try:
            data = _read_bytes(name)
        except OSError as exc:
            errors.add(name, f"unreadable: {exc.strerror or exc}")
            continue
        source = "<stdin>" if name == "-" else name
        if len(data) > MAX_FILE_BYTES:
            errors.add(source, f"too large: {len(data) // 2**20} MB (limit {MAX_FILE_BYTES // 2**20} MB)")
            continue
        if not data.strip():
            errors.add(source, "empty file")
            continue
        try:
            text, used = decode(data, encoding)
        except DecodeError as exc:
            errors.add(source, str(exc))
            continue
        kind = _kind(name, text)
        if kind == "jsonl":
            yield from _jsonl_rows(text, source, used, errors)
        elif kind in ("csv", "tsv"):
            yield from _csv_rows(text, source, used, errors, "\t" if kind == "tsv" else ",")
        else:
            yield RawRecord(text=text, source=source, encoding=used, is_html=kind == "html")


def _read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    with open(name, "rb") as fh:
        return fh.read(MAX_FILE_BYTES + 1)


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
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.add(source, f"malformed JSON: {exc.msg}", lineno)
            continue
        row = _row(obj, source, lineno, errors)
        if row is not None:
            row.encoding = encoding
            yield row


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

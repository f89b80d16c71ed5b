"""Rows: one article per JSONL line or CSV/TSV row, with optional id, title, date, url, source."""

from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from .. import settings
from ..errors import ErrorLog
from .record import RawRecord

ROW_FIELDS = ("id", "title", "text", "date", "url", "source")
# A CSV field may be as long as a record may be (a long article); beyond, its row is reported.
csv.field_size_limit(max(csv.field_size_limit(), settings.MAX_RECORD_CHARS))
TEXT_ALIASES = ("text", "content", "body", "正文")


def jsonl_records(text: str, source: str, encoding: str, errors: ErrorLog) -> Iterator[RawRecord]:
    for lineno, line in enumerate(text.split("\n"), start=1):
        row = parse_json_line(line, source, lineno, errors)
        if row is not None:
            row.encoding = encoding
            yield row


def sniff_jsonl(head: str) -> bool:
    return head.startswith("{")


def sniff_csv(head: str) -> bool:
    """A header row naming a text column: `id,title,text` (stdin has no file ending to go by)."""
    return _sniff_header(head, ",")


def sniff_tsv(head: str) -> bool:
    return _sniff_header(head, "\t")


def _sniff_header(head: str, delimiter: str) -> bool:
    first = head.split("\n", 1)[0].strip().lstrip("\ufeff")
    fields = [f.strip().strip('"').lower() for f in first.split(delimiter)]
    return len(fields) >= 2 and any(f in TEXT_ALIASES for f in fields)


def parse_json_line(line: str, source: str, lineno: int, errors: ErrorLog) -> RawRecord | None:
    """One JSONL line as a row record; bad lines go to `errors` and give None."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        errors.add(source, f"malformed JSON: {exc.msg}", lineno)
        return None
    return row_record(obj, source, lineno, errors)


def csv_records(text: str, source: str, encoding: str, errors: ErrorLog) -> Iterator[RawRecord]:
    return _delimited(text, source, encoding, errors, ",")


def tsv_records(text: str, source: str, encoding: str, errors: ErrorLog) -> Iterator[RawRecord]:
    return _delimited(text, source, encoding, errors, "\t")


def _delimited(text: str, source: str, encoding: str, errors: ErrorLog, delimiter: str) -> Iterator[RawRecord]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        # Excel writes `Text`, `Title`: header names are matched without case.
        header = [h.strip().lstrip("\ufeff").lower() for h in next(reader)]
    except (StopIteration, csv.Error):
        errors.add(source, "no header row")
        return
    if not any(h in TEXT_ALIASES for h in header):
        errors.add(source, f"no text column: the header needs one of {', '.join(TEXT_ALIASES)}", 1)
        return
    # A row that breaks the CSV rules (an unclosed quote, a field over the size limit) is reported
    # with its line and reading goes on at the line after it, instead of the bad quote swallowing
    # every later row.
    lines = text.splitlines(keepends=True)
    start = reader.line_num  # lines consumed before the current reader (the header's)
    while start < len(lines):
        rest = csv.reader(lines[start:], delimiter=delimiter, strict=True)
        done = 0  # lines of `rest` that held complete rows
        try:
            for values in rest:
                lineno = start + rest.line_num
                done = rest.line_num
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(header):
                    errors.add(source, f"ragged row: {len(values)} fields, header has {len(header)}", lineno)
                    continue
                row = row_record(dict(zip(header, values)), source, lineno, errors)
                if row is not None:
                    row.encoding = encoding
                    yield row
            return
        except csv.Error as exc:
            bad = start + done + 1  # the failing row's first line
            errors.add(source, f"malformed CSV row: {exc}", bad)
            start = bad


def row_record(obj: object, source: str, lineno: int, errors: ErrorLog) -> RawRecord | None:
    """A parsed row (a dict) as a record; a row without usable text goes to `errors`."""
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
    if len(text) > settings.MAX_RECORD_CHARS:
        errors.add(source, f"too large: text has {len(text)} characters", lineno)
        return None
    fields = {}
    for key in ROW_FIELDS:
        value = obj.get(key)
        if key == "text" or value in (None, ""):
            continue
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            errors.add(source, f"wrong type: {key} is {type(value).__name__}, not text or a number", lineno)
            return None
        fields[key] = str(value)
    return RawRecord(text=text, source=f"{source}:{lineno}", kind="row", line=lineno, fields=fields)

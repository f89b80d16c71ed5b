"""read → normalise → clean → split: from input paths to `Article`s."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

from .clean import clean_page
from .document import Article
from .errors import ErrorLog
from .normalize import normalize
from .read import RawRecord, read_records
from .split import split_sentences

_DATE = re.compile(r"(20\d{2}|19\d{2})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})")
_DATE_HINT = re.compile(r"发布时间|发表时间|日期|时间|星期")


def load_articles(
    inputs: list[str], *, encoding: str | None = None, errors: ErrorLog | None = None
) -> Iterator[Article]:
    """Read files, folders or `-` and yield clean articles, lazily.

    Bad files and records are reported to `errors` and skipped, so one
    broken file never costs the rest of the run.
    """
    errors = errors if errors is not None else ErrorLog()
    for record in read_records(inputs, errors, encoding):
        yield from record_articles(record, errors)


def record_articles(record: RawRecord, errors: ErrorLog) -> list[Article]:
    """The articles of one record; a record that gives none is reported to `errors`."""
    found = list(articles_from_record(record))
    if not found:
        errors.add(record.source, why_empty(record.text))
    return found


def why_empty(text: str) -> str:
    """Why a record gave no article, for the error report."""
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text[:20000])
    if cjk < 4:
        return "no Chinese text found (zhnews reads Chinese news)"
    return "no article text found after cleaning (only page chrome)"


def articles_from_record(record: RawRecord) -> Iterable[Article]:
    text, meta = record.text, dict(record.fields)
    if record.is_html:
        from .html import extract_html

        text, html_meta = extract_html(text)
        for key, value in html_meta.items():
            meta.setdefault(key, value)
    text = normalize(text)
    pages = clean_page(text, allow_split=record.is_page)
    base = meta.get("id") or _base_id(record)
    date = normalize_date(meta.get("date", "")) or find_date(text)
    for i, page in enumerate(pages, start=1):
        title = page.title or normalize(meta.get("title", "")).strip()
        if not page.title and meta.get("title") and len(pages) == 1:
            title = normalize(meta["title"]).strip()
        body = page.text
        yield Article(
            id=base if len(pages) == 1 else f"{base}#{i}",
            title=title,
            text=body,
            sentences=split_sentences(body),
            source=meta.get("source") or record.source,
            encoding=record.encoding,
            date=date,
            url=meta.get("url", ""),
            flags=page.flags,
        )


def _base_id(record: RawRecord) -> str:
    if record.source == "<stdin>":
        return "stdin"
    if record.line is not None:
        return f"{Path(record.source.rsplit(':', 1)[0]).stem}:{record.line}"
    return Path(record.source).stem


def normalize_date(value: str) -> str:
    match = _DATE.search(value or "")
    if not match:
        return ""
    y, m, d = (int(g) for g in match.groups())
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{m:02d}-{d:02d}"


def find_date(text: str) -> str:
    """The page's own date: a full date near the top, preferring labelled ones."""
    lines = [line for line in text.split("\n")[:40] if line.strip()]
    for line in lines:
        if _DATE_HINT.search(line):
            found = normalize_date(line)
            if found:
                return found
    for line in lines[:15]:
        found = normalize_date(line)
        if found:
            return found
    return ""

"""read → normalise → clean → split: from input paths to `Article`s."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ErrorLog
from ..io.read import READERS, RawRecord, read_records
from ..records import Article
from ..text.chars import count_cjk
from ..text.clean import clean_page
from ..text.dates import find_date, normalize_date
from ..text.normalize import normalize
from ..text.split import split_sentences


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
    found = list(_clean_record(record))
    if not found:
        errors.add(record.source, why_empty(record.text))
    return found


def why_empty(text: str) -> str:
    """Why a record gave no article, for the error report."""
    cjk = count_cjk(text[:20000])
    if cjk < 4:
        return "no Chinese text found (zhnews reads Chinese news)"
    return "no article text found after cleaning (only page chrome)"


def _clean_record(record: RawRecord) -> Iterable[Article]:
    text, meta = record.text, dict(record.fields)
    reader = READERS.get(record.kind)
    if reader is not None and reader.extract is not None:
        text, page_meta = reader.extract(text)
        for key, value in page_meta.items():
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

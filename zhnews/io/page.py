"""Plain-text pages (.txt, .md): a scraped page, possibly a newspaper page of several articles."""

from __future__ import annotations

from typing import Iterator

from ..errors import ErrorLog
from .record import RawRecord


def page_records(text: str, source: str, encoding: str, errors: ErrorLog) -> Iterator[RawRecord]:
    yield RawRecord(text=text, source=source, encoding=encoding, kind="page")

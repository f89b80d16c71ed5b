"""The raw record: text as read, before any cleaning."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawRecord:
    """One page or row as read. `kind` is the reader that made it (a key of
    `io.read.READERS`, or "row" for a JSONL/CSV row): it decides how the text
    is extracted and whether it may hold several articles."""

    text: str
    source: str
    encoding: str = ""
    kind: str = "page"
    line: int | None = None
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def is_page(self) -> bool:
        """A page may hold several articles (a newspaper page); a row is one article."""
        return self.kind != "row"

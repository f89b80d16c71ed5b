"""The article record that flows from reading to rendering."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Article:
    """One cleaned news article.

    `text` is the cleaned body (paragraphs joined by newlines, title excluded);
    `sentences` is filled by the splitter. `source` names where it came from
    (a path, `path:line` for JSONL/CSV rows, or `<stdin>`).
    """

    id: str
    text: str
    title: str = ""
    sentences: list[str] = field(default_factory=list)
    source: str = ""
    encoding: str = ""
    date: str = ""
    url: str = ""
    flags: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def full_text(self) -> str:
        """Title and body, the text a classifier should see."""
        return f"{self.title}\n{self.text}" if self.title else self.text

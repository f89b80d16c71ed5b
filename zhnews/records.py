"""The data that flows: an article, what the models say of it, and the digest.

Everything here is plain data (dataclasses with `to_dict`), made by `run`,
read by `render`; no module of zhnews is imported, so every layer can use it.
"""

from __future__ import annotations

import math
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
    # The outlet, where the page names itself (og:site_name, the site part of <title>).
    site: str = ""
    # What cleaning removed from the page, as (line, rule), and where the title came from
    # (filled for `zhnews clean --explain`).
    removed: list[tuple[str, str]] = field(default_factory=list)
    title_source: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def full_text(self) -> str:
        """Title and body, the text a classifier should see."""
        return join_title(self.title, self.text)


def join_title(title: str, text: str) -> str:
    """Title and body as one text: the shape every model is trained and run on."""
    return f"{title}\n{text}" if title else text


@dataclass
class Classification:
    """The themes of one article, with every label's score and the reasons."""

    id: str
    title: str
    themes: list[str]
    scores: dict[str, float]
    why: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "themes": self.themes, "scores": self.scores, "why": self.why}


@dataclass
class Summary:
    """What `zhnews summarize` says of one article: its summary sentences and keywords."""

    id: str
    title: str
    summary: list[str]
    keywords: list[str]

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "summary": self.summary, "keywords": self.keywords}


@dataclass
class Skipped:
    """A record that gave no article, kept in the output's row order (`--keep-skipped`)."""

    id: str
    source: str
    line: int | None
    error: str

    def to_dict(self) -> dict:
        return {"id": self.id, "error": self.error, "source": self.source, "line": self.line}


@dataclass
class Reprint:
    id: str
    title: str
    source: str
    url: str = ""

    @property
    def source_name(self) -> str:
        return short_source(self.source) or self.id


def safe_url(url: str) -> str:
    """`url` if it is an http(s) link, else "": a scraped `javascript:` or `data:` URL is never a link."""
    url = (url or "").strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    return url if scheme in ("http", "https") and not any(c in url for c in "\r\n\t") else ""


def short_source(source: str) -> str:
    """The outlet, or for a scraped file its name without the folders."""
    if "/" in source or "\\" in source:
        return source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return source


@dataclass
class DigestItem:
    id: str
    title: str
    source: str
    url: str
    date: str
    themes: list[str]
    scores: dict[str, float]
    summary: list[str]
    keywords: list[str]
    chars: int
    reprints: list[Reprint] = field(default_factory=list)

    @property
    def source_name(self) -> str:
        return short_source(self.source)

    @property
    def primary(self) -> str | None:
        if not self.themes:
            return None
        return max(self.themes, key=lambda t: self.scores.get(t, 0.0))

    @property
    def rank_score(self) -> float:
        # Confidence first; substance (length, and being reprinted) breaks ties
        # between equally confident stories.
        confidence = self.scores.get(self.primary, 0.0) if self.primary else 0.0
        substance = min(1.0, math.log1p(self.chars) / math.log1p(3000))
        return confidence + 0.15 * substance + 0.05 * min(len(self.reprints), 3)


@dataclass
class Digest:
    date: str
    generated: str
    labels: list[str]
    sections: dict[str, list[DigestItem]]
    other: list[DigestItem]
    n_input: int
    n_duplicates: int
    # label -> (display name, colour), for every label in `labels`
    themes: dict = field(default_factory=dict)
    # The themes asked for (`digest --theme`); empty when the digest shows all of the model's.
    only: list[str] = field(default_factory=list)

    def name(self, label: str) -> str:
        theme = self.themes.get(label)
        return theme[0] if theme else label

    def color(self, label: str) -> str:
        theme = self.themes.get(label)
        return theme[1] if theme else "#4a5568"

    @property
    def counts(self) -> dict[str, int]:
        """Articles tagged with each theme (an article with two counts twice)."""
        counts = {label: 0 for label in self.labels}
        for item in self.items:
            for theme in item.themes:
                counts[theme] = counts.get(theme, 0) + 1
        return counts

    def elsewhere(self, label: str) -> int:
        """Stories tagged `label` that are listed under another (their strongest) theme."""
        return self.counts.get(label, 0) - len(self.sections.get(label, []))

    @property
    def items(self) -> list[DigestItem]:
        return [item for items in self.sections.values() for item in items] + self.other

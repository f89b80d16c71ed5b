"""Build a day's digest: dedupe, classify, summarize, group and rank.

The digest is a plain data structure; `render_html`, `render_markdown` and
`render_json` turn it into files. The classifier and the summarizer are
passed in, so the digest can be built with any model and any summarizer
that follow their interfaces.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Protocol, Sequence

from .dedupe import MinHashDeduper
from .document import Article
from .parallel import map_ordered
from .themes import theme_order


class Classifier(Protocol):
    labels_: list[str]

    def predict_proba(self, texts: Sequence[str]): ...

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        """The labels that apply to each text."""


@dataclass
class Reprint:
    id: str
    title: str
    source: str
    url: str = ""

    @property
    def source_name(self) -> str:
        return _short_source(self.source) or self.id


def _short_source(source: str) -> str:
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
        """The outlet, or for a scraped file its name without the folders."""
        return _short_source(self.source)

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

    @property
    def counts(self) -> dict[str, int]:
        """Articles tagged with each theme (an article with two counts twice)."""
        counts = {label: 0 for label in self.labels}
        for item in self.items:
            for theme in item.themes:
                counts[theme] = counts.get(theme, 0) + 1
        return counts

    @property
    def items(self) -> list[DigestItem]:
        return [item for items in self.sections.values() for item in items] + self.other


def select_date(articles: list[Article], day: str | None) -> list[Article]:
    """Keep the articles of `day` (YYYY-MM-DD); undated ones are kept, as they may be today's."""
    if not day:
        return articles
    return [a for a in articles if not a.date or a.date == day]


def build_digest(
    articles: list[Article],
    classifier: Classifier,
    summarize: Callable[[Article], list[str]],
    keywords: Callable[[Article], list[str]],
    *,
    day: str | None = None,
    dedupe_threshold: float = 0.5,
    threshold: float | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    timings: dict[str, float] | None = None,
    jobs: int = 1,
) -> Digest:
    """Group, rank and summarize `articles`; `timings` (if given) gets seconds per stage.

    With `jobs` > 1 the summaries and keywords are made by a pool of worker
    processes (then `summarize` and `keywords` must pickle: bound methods do).
    """
    clock = _Clock(timings)
    articles = select_date(articles, day)
    n_input = len(articles)
    stories = _merge_reprints(articles, dedupe_threshold)
    clock.lap("dedupe")
    labels = list(classifier.labels_)
    texts = [a.full_text for a, _ in stories]
    # In batches, so that memory stays flat however many stories there are.
    probs = [row for k in range(0, len(texts), 256) for row in classifier.predict_proba(texts[k : k + 256])]
    if not texts:
        chosen = []
    elif threshold is None and getattr(classifier, "thresholds_", None) is None:
        chosen = classifier.predict(texts)
    else:
        # Deciding from the probabilities already computed halves the model's work.
        cut = [threshold] * len(labels) if threshold is not None else list(classifier.thresholds_)
        chosen = [[l for l, p, t in zip(labels, row, cut) if p >= t] for row in probs]
    clock.lap("classify")
    described = map_ordered(
        _Describe(summarize, keywords),
        [article for article, _ in stories],
        jobs=jobs,
        progress=(lambda done, total: progress("summarize", done, total)) if progress else None,
    )
    items = []
    for (article, reprints), row, tags, (summary, found) in zip(stories, probs, chosen, described):
        scores = {label: float(p) for label, p in zip(labels, row)}
        themes = [label for label in tags if label in scores]
        items.append(
            DigestItem(
                id=article.id,
                title=article.title or (article.sentences[0] if article.sentences else article.id),
                source=article.source,
                url=article.url,
                date=article.date,
                themes=sorted(themes, key=lambda t: -scores[t]),
                scores=scores,
                summary=summary,
                keywords=found,
                chars=len(article.text),
                reprints=reprints,
            )
        )
    clock.lap("summarize")
    order = theme_order(labels)
    sections: dict[str, list[DigestItem]] = {label: [] for label in order}
    other = []
    for item in items:
        if item.primary is None:
            other.append(item)
        else:
            sections[item.primary].append(item)
    for label in sections:
        sections[label].sort(key=lambda it: -it.rank_score)
    other.sort(key=lambda it: -it.chars)
    dates = sorted({a.date for a in articles if a.date})
    shown_date = day or (dates[-1] if len(dates) == 1 else (f"{dates[0]} – {dates[-1]}" if dates else ""))
    return Digest(
        date=shown_date,
        generated=datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M"),
        labels=order,
        sections=sections,
        other=other,
        n_input=n_input,
        n_duplicates=n_input - len(stories),
    )


class _Describe:
    """An article's summary and keywords: one picklable callable for the pool."""

    def __init__(self, summarize: Callable[[Article], list[str]], keywords: Callable[[Article], list[str]]):
        self.summarize = summarize
        self.keywords = keywords

    def __call__(self, article: Article) -> tuple[list[str], list[str]]:
        return self.summarize(article), self.keywords(article)


class _Clock:
    def __init__(self, timings: dict[str, float] | None):
        import time

        self._now = time.perf_counter
        self.timings = timings
        self.last = self._now()

    def lap(self, stage: str) -> None:
        now = self._now()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def _merge_reprints(articles: list[Article], threshold: float) -> list[tuple[Article, list[Reprint]]]:
    """One story per group of near-duplicates: the longest version, listing the others."""
    if not articles:
        return []
    deduper = MinHashDeduper(threshold=threshold).fit([a.full_text for a in articles])
    stories = []
    for group in deduper.groups_:
        members = [articles[i] for i in group]
        main = max(members, key=lambda a: (len(a.text), -group[members.index(a)]))
        reprints = [Reprint(a.id, a.title, a.source, a.url) for a in members if a is not main]
        stories.append((main, reprints))
    return stories

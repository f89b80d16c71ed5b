"""Build a day's digest: dedupe, classify, summarize, group and rank.

The digest is plain data (`zhnews.records.Digest`); `zhnews.render` turns it
into files. The classifier and the summarizer are
passed in, so the digest can be built with any model and any summarizer
that follow their interfaces.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Callable, Protocol, Sequence

from .. import settings
from ..models.dedupe import MinHashDeduper
from ..records import Article, Digest, DigestItem, Reprint, short_source
from ..text.lines import split_run_in_headline, strip_lead
from ..themes import label_themes, theme_order
from .parallel import map_ordered


class Classifier(Protocol):
    labels_: list[str]

    def predict_proba(self, texts: Sequence[str]): ...

    def decide(self, proba, threshold=None) -> list[list[str]]:
        """The labels of each row of `predict_proba`: its own cut-offs, or those `threshold` sets."""


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
    dedupe_threshold: float = settings.DEDUPE_THRESHOLD,
    threshold=None,
    only: Sequence[str] = (),
    progress: Callable[[str, int, int], None] | None = None,
    timings: dict[str, float] | None = None,
    jobs: int = 1,
    proba: Sequence | None = None,
    signatures: Sequence | None = None,
) -> Digest:
    """Group, rank and summarize `articles`; `timings` (if given) gets seconds per stage.

    `threshold` overrides cut-offs (a number, or a dict by label); `only`
    keeps those themes: a story with none of them goes to "other", so the
    digest still counts and lists every story it read.
    With `jobs` > 1 the summaries and keywords are made by a pool of worker
    processes (then `summarize` and `keywords` must pickle: bound methods do).
    `proba` and `signatures`, when given, hold each article's label
    probabilities and MinHash signature, already computed (by the pool that
    cleaned them).
    """
    clock = _Clock(timings)
    known = {id(a): row for a, row in zip(articles, proba)} if proba is not None else None
    signed = {id(a): sig for a, sig in zip(articles, signatures)} if signatures is not None else None
    articles = select_date(articles, day)
    n_input = len(articles)
    stories = _merge_reprints(articles, dedupe_threshold, [signed[id(a)] for a in articles] if signed else None)
    clock.lap("dedupe")
    labels = list(classifier.labels_)
    texts = [a.full_text for a, _ in stories]
    # In batches, so that memory stays flat however many stories there are.
    step = settings.CLASSIFY_BATCH
    if known is not None:
        probs = [known[id(a)] for a, _ in stories]
    else:
        probs = [row for k in range(0, len(texts), step) for row in classifier.predict_proba(texts[k : k + step])]
    # Deciding from the probabilities already computed halves the model's work.
    chosen = classifier.decide(probs, threshold) if texts else []
    clock.lap("classify")
    titled = [_titled(article) for article, _ in stories]
    described = map_ordered(
        _Describe(summarize, keywords),
        titled,
        jobs=jobs,
        progress=(lambda done, total: progress("summarize", done, total)) if progress else None,
    )
    items = []
    for (article, reprints), shown, row, tags, (summary, found) in zip(stories, titled, probs, chosen, described):
        scores = {label: float(p) for label, p in zip(labels, row)}
        themes = [label for label in tags if label in scores and (not only or label in only)]
        items.append(
            DigestItem(
                id=article.id,
                title=shown.title or article.id,
                source=article.site or article.source,
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
    order = [label for label in theme_order(labels) if not only or label in only]
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
        themes={label: tuple(t) for label, t in label_themes(labels, getattr(classifier, "label_names_", None)).items()
                if label in order},
        only=list(order) if only else [],
    )


def _titled(article: Article) -> Article:
    """An untitled article is shown under its first sentence, which its summary then leaves out;
    or under the headline its first sentence runs in with a space (`戴尔降低盈利预期股价大跌 全球最大…`),
    the sentence staying its lead."""
    if article.title or not article.sentences:
        return article
    headline, lead = split_run_in_headline(strip_lead(article.sentences[0]))
    if headline:
        return replace(article, title=headline, sentences=[lead] + list(article.sentences[1:]))
    if len(article.sentences) < 2:
        return article
    return replace(article, title=strip_lead(article.sentences[0]), sentences=article.sentences[1:],
                   text=article.text.split("\n", 1)[1] if article.text.startswith(article.sentences[0] + "\n")
                   else article.text)


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


def _merge_reprints(articles: list[Article], threshold: float,
                    signatures: list | None = None) -> list[tuple[Article, list[Reprint]]]:
    """One story per group of near-duplicates: the longest version, listing the others."""
    if not articles:
        return []
    deduper = MinHashDeduper(threshold=threshold).fit([a.full_text for a in articles], signatures)
    stories = []
    for group in deduper.groups_:
        members = [articles[i] for i in group]
        # Keyed by position: a list lookup per member made 5,000 copies of one story quadratic.
        main = members[max(range(len(group)), key=lambda k: _originality(members[k], group[k]))]
        outlet = short_source(main.site or main.source)
        # A story never lists its own outlet among the others that carried it.
        reprints = [Reprint(a.id, a.title, a.site or a.source, a.url) for a in members
                    if a is not main and short_source(a.site or a.source) != outlet]
        stories.append((main, reprints))
    return stories


# Agencies and papers of record write the stories that portals reprint.
_AGENCIES = ("新华社", "新华网", "中新社", "中新网", "人民网", "人民日报", "央视", "中国新闻网", "经济日报", "光明日报")
_REPRINT_MARKS = ("免责声明", "转载", "来源：", "稿源", "原标题")


def _originality(article: Article, index: int) -> tuple:
    """Which version of a story to show: an agency's, then the earliest, then the fullest clean text."""
    outlet = article.site + " " + article.source
    agency = any(name in outlet for name in _AGENCIES)
    reprinted = any(mark in article.text for mark in _REPRINT_MARKS)
    # Undated articles sort as late; the earliest date wins, so its key is negated ordinal.
    day = -int(article.date.replace("-", "")) if article.date else -99999999
    return (agency, not reprinted, day, len(article.text), -index)


def make_digest(
    inputs: list[str],
    *,
    model_dir=None,
    method: str = settings.SUMMARIZER,
    length=None,
    keywords: int = settings.KEYWORDS,
    day: str | None = None,
    dedupe_threshold: float = settings.DEDUPE_THRESHOLD,
    threshold=None,
    only: Sequence[str] = (),
    encoding: str | None = None,
    input_format: str | None = None,
    errors=None,
    jobs: int = 1,
    on_read: Callable[[int], None] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Digest:
    """Read `inputs` and build their digest: what `zhnews digest` writes.

    The model loads before any input is read, so a bad model fails fast;
    `on_read(n)` is told how many articles were read. Raises `UsageError`
    when the input holds no article.
    """
    from ..errors import UsageError
    from ..models.keywords import KeywordExtractor, no_keywords
    from ..models.store import load_model
    from ..models.summarize import DEFAULT_LENGTH, get_summarizer
    from .articles import load_articles

    summarizer = get_summarizer(method, length or DEFAULT_LENGTH)
    extractor = KeywordExtractor(top_k=keywords)
    clf = load_model(model_dir)
    from .tasks import check_labels

    check_labels(only, clf.labels_, "--theme")
    try:
        clf.cut_offs(threshold)
    except ValueError as exc:
        raise UsageError(f"--threshold: {exc}") from None
    proba = signatures = None
    if jobs > 1:
        # Reading and cleaning cost as much as summarizing: the pool does them, with the model's scores.
        from ..io.read import read_records
        from .parallel import process
        from .tasks import ScoreTask

        from ..errors import ErrorLog

        errors = errors if errors is not None else ErrorLog()
        records = read_records(inputs, errors, encoding, input_format)
        scored = list(process(records, ScoreTask(model_dir), jobs=jobs, errors=errors))
        articles, proba, signatures = [a for a, _, _ in scored], [r for _, r, _ in scored], [g for _, _, g in scored]
    else:
        articles = list(load_articles(inputs, encoding=encoding, errors=errors, input_format=input_format))
    if not articles:
        raise UsageError("no articles found in the input; nothing was written")
    if on_read is not None:
        on_read(len(articles))
    return build_digest(
        articles,
        clf,
        summarizer.summarize,
        extractor.extract if keywords else no_keywords,
        day=day,
        dedupe_threshold=dedupe_threshold,
        threshold=threshold,
        only=only,
        progress=progress,
        jobs=jobs,
        proba=proba,
        signatures=signatures,
    )

"""The per-article jobs that run in batches: here, in a pool worker, or on Dask.

A task is small and picklable: it carries its options, never a model.
`setup()` loads what it needs once per process (the model, the tokenizer);
`run(articles)` returns one record per article, in order. The CLI's pool
(`run.parallel`) and the Dask path (`run.dask`) run these same classes, so
their records are the same.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from .. import settings
from ..errors import ErrorLog, UsageError
from ..records import Article, Classification, Skipped, Summary


class Task(Protocol):
    """A picklable job: `setup()` once per process, then `run(articles)` per batch.

    A task whose class sets `needs_sentences = False` gets articles whose
    `sentences` are left empty (the pool skips splitting them).
    """

    def setup(self) -> None: ...

    def run(self, articles: list[Article]) -> list: ...


class _Picklable:
    def __getstate__(self) -> dict:
        # What a process builds for itself (state ending in `_`: the model,
        # the summarizer) is not sent along; each worker sets itself up.
        return {k: v for k, v in self.__dict__.items() if not k.endswith("_")}


class ClassifyTask(_Picklable):
    """Themes, scores and why-terms (`zhnews classify`): the model loads once per process.

    `threshold` overrides cut-offs (one number, or a dict by label); `only`
    keeps those labels (and their scores) and drops the others.
    """

    # The model reads whole texts; splitting every body into sentences was a twentieth of the run.
    needs_sentences = False

    def __init__(self, model_dir=None, threshold=None, why_terms: int = settings.WHY_TERMS,
                 user_words: tuple = (), only: tuple = ()):
        self.model_dir = model_dir
        self.threshold = threshold
        self.why_terms = why_terms
        self.user_words = tuple(user_words)
        self.only = tuple(only)

    def setup(self) -> None:
        from ..models.store import load_model
        from ..text.segment import set_user_words

        set_user_words(self.user_words)
        if getattr(self, "model_", None) is None:
            model = load_model(self.model_dir)
            check_labels(self.only, model.labels_, "--theme")
            try:
                model.cut_offs(self.threshold)
            except ValueError as exc:
                raise UsageError(f"--threshold: {exc}") from None
            self.model_ = model

    @property
    def labels(self) -> list[str]:
        return [l for l in self.model_.labels_ if not self.only or l in self.only]

    @property
    def themes(self):
        """Display names and colours of the labels shown."""
        from ..themes import label_themes

        return {l: t for l, t in label_themes(self.model_.labels_, self.model_.label_names_).items() if l in self.labels}

    @property
    def cut_offs(self) -> dict[str, float]:
        return {l: round(t, 4) for l, t in self.model_.cut_offs(self.threshold).items() if l in self.labels}

    def run(self, articles: list[Article]) -> list[Classification]:
        from ..models.classify import classify_articles

        found = classify_articles(articles, self.model_, threshold=self.threshold, why_terms=self.why_terms)
        if not self.only:
            return list(found)
        keep = set(self.labels)
        return [replace(c, themes=[t for t in c.themes if t in keep],
                        scores={l: s for l, s in c.scores.items() if l in keep},
                        why={l: w for l, w in c.why.items() if l in keep}) for c in found]


class ScoreTask(_Picklable):
    """Cleaned articles with every label's probability and their MinHash signature (`zhnews digest
    --jobs`): cleaning, the model's work and shingle hashing run in the pool; thresholds, merging
    and grouping stay with the parent."""

    def __init__(self, model_dir=None):
        self.model_dir = model_dir

    def setup(self) -> None:
        # The user's dictionary is set in the parent before the pool forks, as for the summaries.
        from ..models.store import load_model

        if getattr(self, "model_", None) is None:
            self.model_ = load_model(self.model_dir)

    def run(self, articles: list[Article]) -> list[tuple]:
        from ..models.dedupe import MinHashDeduper

        texts = [a.full_text for a in articles]
        proba = self.model_.predict_proba(texts)
        # Hashing every shingle costs as much as the model: the pool does it too (merging reprints
        # then only compares signatures).
        deduper = MinHashDeduper()
        return list(zip(articles, proba, (deduper.signature(t) for t in texts)))


def check_labels(names, labels, option: str) -> None:
    """Every name in `names` is one of the model's `labels`, or a usage error says which is not."""
    unknown = [n for n in names if n not in labels]
    if unknown:
        raise UsageError(f"{option} {unknown[0]!r}: not a label of this model (its labels: {', '.join(labels)})")


class SummarizeTask(_Picklable):
    """Summary sentences and keywords (`zhnews summarize`)."""

    def __init__(self, method: str = settings.SUMMARIZER, length=None, keywords: int = settings.KEYWORDS,
                 user_words: tuple = ()):
        self.method = method
        self.length = length
        self.keywords = keywords
        self.user_words = tuple(user_words)

    def setup(self) -> None:
        from ..models.keywords import KeywordExtractor
        from ..models.summarize import DEFAULT_LENGTH, get_summarizer
        from ..text.segment import set_user_words

        set_user_words(self.user_words)
        if getattr(self, "summarizer_", None) is None:
            self.summarizer_ = get_summarizer(self.method, self.length or DEFAULT_LENGTH)
            self.extractor_ = KeywordExtractor(top_k=self.keywords)

    def run(self, articles: list[Article]) -> list[Summary]:
        return [
            Summary(a.id, a.title or _run_in_headline(a), self.summarizer_.summarize(a),
                    self.extractor_.extract(a) if self.keywords else [])
            for a in articles
        ]


def _run_in_headline(article: Article) -> str:
    """An untitled article's headline, where its first sentence runs one in (the summary leaves it out)."""
    from ..text.lines import split_run_in_headline, strip_lead

    return split_run_in_headline(strip_lead(article.sentences[0]))[0] if article.sentences else ""


class RecordTask(_Picklable):
    """Several tasks at once, their records merged into one dict per article (the Dask output)."""

    def __init__(self, tasks: tuple):
        self.tasks = tuple(tasks)

    def setup(self) -> None:
        for task in self.tasks:
            task.setup()

    def run(self, articles: list[Article]) -> list[dict]:
        merged: list[dict] = [{} for _ in articles]
        for task in self.tasks:
            for record, result in zip(merged, task.run(articles)):
                record.update(result.to_dict())
        return merged


def run_guarded(task: Task, articles: list[Article], errors: ErrorLog, keep_failed: bool = False) -> list:
    """`task.run(articles)`; if the batch fails, article by article, reporting the ones that fail.

    One odd article must not cost the others in its batch. With `keep_failed`, a failed
    article leaves a `Skipped` record in its place, so the output keeps the input's rows.
    """
    try:
        return task.run(articles)
    except Exception:
        pass
    out = []
    for article in articles:
        try:
            out.extend(task.run([article]))
        except Exception as exc:
            reason = f"failed: {type(exc).__name__}: {exc}"
            errors.add(article.source, reason)
            if keep_failed:
                out.append(Skipped(article.id, article.source, None, reason))
    return out


def check_count(name: str, value: int) -> int:
    """A count option (keywords, why-terms): 0 or more."""
    if value < 0:
        raise ValueError(f"{name} must be 0 or more")
    return value


def check_threshold(name: str, value: float | None) -> float | None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1")
    return value

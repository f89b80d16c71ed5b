"""What every summarizer shares: the length, the sentence graph, selection.

A summarizer takes an `Article` (or raw text and an optional title), keeps the
sentences worth quoting (`text.lines.summary_candidates`), merges exact and
near repeats, scores the sentences (its one job: `score(graph)`), and hands
the scores to the same selection: greedy with redundancy control (MMR plus a
similarity cap), under one length setting, returned in document order. So
the lead baseline and TextRank differ only in their scores and can be
compared fairly.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence, Union

import numpy as np

from ... import settings
from ...records import Article
from ...text.chars import has_cjk, normalized_key
from ...text.clauses import still_reports, truncate
from ...text.lines import (
    EVENT_START,
    MIN_STANDALONE_CJK,
    fact_score,
    is_aside,
    is_dependent,
    is_heading_unit,
    is_report_heading,
    is_short_report,
    is_teaser,
    stands_alone,
    summary_candidates,
    without_fluff,
)
from ...text.split import split_sentences

_DIGIT = re.compile(r"[0-9０-９]")



@dataclass(frozen=True)
class Length:
    """How long a summary may be: sentences, characters or a ratio of the text.

    Exactly one is set. A character budget counts the characters of the
    chosen sentences; a ratio is a character budget relative to the article.
    Invalid values raise `ValueError`.
    """

    sentences: int | None = None
    chars: int | None = None
    ratio: float | None = None

    def __post_init__(self) -> None:
        given = [v for v in (self.sentences, self.chars, self.ratio) if v is not None]
        if len(given) != 1:
            raise ValueError("give one summary length: -n SENTENCES, --chars CHARS or --ratio RATIO")
        if self.sentences is not None and self.sentences < 1:
            raise ValueError("the number of sentences must be at least 1")
        if self.chars is not None and self.chars < 1:
            raise ValueError("the character budget must be at least 1")
        if self.ratio is not None and not (0 < self.ratio <= 1):
            raise ValueError("the ratio must be above 0 and at most 1")

    @classmethod
    def from_options(cls, sentences: int | None = None, chars: int | None = None, ratio: float | None = None) -> "Length":
        """The length the user asked for, or the digest-line default."""
        if sentences is None and chars is None and ratio is None:
            return DEFAULT_LENGTH
        return cls(sentences=sentences, chars=chars, ratio=ratio)

    def char_budget(self, total_chars: int) -> int | None:
        if self.chars is not None:
            return self.chars
        if self.ratio is not None:
            return max(1, math.ceil(self.ratio * total_chars))
        return None


DEFAULT_LENGTH = Length(chars=settings.SUMMARY_CHARS)

Document = Union[Article, str]


@dataclass
class SentenceGraph:
    """The article as the summarizers see it: unique sentences and their similarities.

    `sim` is the pairwise TF-IDF cosine, `title_sim` each sentence's cosine
    to the title (zeros without one).
    """

    sentences: list[str]
    sim: np.ndarray
    title_sim: np.ndarray

    @classmethod
    def build(cls, sentences: Sequence[str], title: str = "", duplicate_threshold: float = 0.8,
              use_words: bool = False) -> "SentenceGraph":
        """Merge exact and near repeats (keeping the first), then measure similarity."""
        from ..similarity import (
            bigram_matrix,
            cosine_matrix,
            cosine_to,
            sentence_features,
            tfidf_matrix,
        )

        seen: set[str] = set()
        unique = []
        for sentence in sentences:
            key = normalized_key(sentence)
            if key not in seen:
                seen.add(key)
                unique.append(sentence)
        texts = unique + ([title] if title else [])
        vectors = tfidf_matrix(sentence_features(texts)) if use_words else bigram_matrix(texts)
        n = len(unique)
        sim = cosine_matrix(vectors[:n])
        keep = _first_of_near_repeats(sim, duplicate_threshold)
        if title:
            title_sim = cosine_to(vectors[:n], vectors[n : n + 1])
        else:
            title_sim = np.zeros(n)
        return cls([unique[i] for i in keep], sim[np.ix_(keep, keep)], title_sim[keep])


def _first_of_near_repeats(sim: np.ndarray, threshold: float) -> list[int]:
    # Each sentence's highest similarity to those kept so far, updated once per kept sentence
    # rather than gathered again for every sentence.
    closest = np.full(sim.shape[0], -np.inf)
    keep: list[int] = []
    for i in range(sim.shape[0]):
        if not keep or closest[i] < threshold:
            keep.append(i)
            np.maximum(closest, sim[:, i], out=closest)
    return keep


class Summarizer:
    """The interface: `summarize(doc, title="", length=None)` → sentences.

    Subclasses implement `score(graph)`; cleaning, repeat merging, selection
    and ordering are shared. Every parameter and its default is in the
    class's `PARAMS` table (a subclass extends or overrides its parent's), set
    by keyword in `__init__`; `length` can also be given per call.

    Shared parameters: `redundancy` (MMR's penalty on similarity to sentences
    already chosen), `max_similarity` (no sentence more similar than this to
    a chosen one is taken), `duplicate_threshold` (cosine from which two
    sentences are one repeated), `use_words` (jieba words beside character
    bigrams in the sentence vectors), `subheading_weight` (None: headings are
    never quoted; a number: in-article subheadings may be, see TextRank),
    `max_headings` (at most this many headings quoted), `bar_fragments`
    (never quote a unit that cannot stand alone: captions, credits,
    addresses, bare attributions, units under a dozen characters),
    `keep_context` (a sentence that leans on the one before it, 他/该/此外/这…,
    is taken only together with it; the article's first sentence, with nothing
    before it, may come alone when it opens on 该 or reports a figure), `min_gain` (once one sentence is chosen,
    others only while their score is at least this share of the best:
    fewer, complete sentences rather than a budget filled with scraps),
    `lead_repeats_title` (with `bar_fragments`: the article's lead may be
    quoted though it restates the title, when it carries a date or figure),
    `bar_asides` (never quote questions, salutations, bare chains of names
    or fact-less units trailing off in an ellipsis: `text.lines.is_aside`),
    `max_containment` (no sentence is added whose character bigrams are
    this share or more already in the chosen sentences: a restatement,
    当天大巴黎地区交通几乎完全瘫痪 after …首都巴黎交通几乎完全瘫痪…, that a
    cosine over whole sentences does not see), `trim_fluff` (a sentence
    is ranked and quoted without the scene-setting or slogan clauses it
    opens with, when the rest reports something, without an official preamble
    of purpose clauses (为贯彻落实…，进一步…，), and without a short
    rhetorical question run onto its end: `text.lines.without_fluff`),
    `cut_to_fit` (0: off; N: once a sentence is chosen, when the best one
    left does not fit and at least N characters of the budget remain, it is
    cut at a clause to the room left if the cut still reports,
    `text.clauses.still_reports`, instead of a lesser sentence that fits).
    """

    # One line for `--help`.
    description = ""
    PARAMS: dict = {
        "redundancy": 0.0,
        "max_similarity": 1.0,
        "duplicate_threshold": 0.8,
        "use_words": False,
        "subheading_weight": None,
        "max_headings": 1,
        "bar_fragments": False,
        "keep_context": False,
        "min_gain": 0.0,
        "report_headings_only": True,
        "lead_repeats_title": False,
        "bar_asides": False,
        "max_containment": 1.0,
        "trim_fluff": False,
        "cut_to_fit": 0,
    }

    def __init__(self, length: Length = DEFAULT_LENGTH, **params):
        unknown = sorted(set(params) - set(self.PARAMS))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no parameter {unknown[0]!r}; it has {', '.join(self.PARAMS)}")
        self.length = length
        for name, default in self.PARAMS.items():
            setattr(self, name, params.get(name, default))

    def get_params(self) -> dict:
        """The parameters, as `type(self)(**get_params())` rebuilds the summarizer."""
        return {"length": self.length, **{name: getattr(self, name) for name in self.PARAMS}}

    def summarize(self, doc: Document, title: str = "", length: Length | None = None) -> list[str]:
        """The summary of `doc` as a list of sentences in document order."""
        raw, title = _sentences_and_title(doc, title)
        sentences = summary_candidates(raw, title)
        if self.trim_fluff:
            sentences = [without_fluff(s) for s in sentences]
        if not sentences:
            return []
        graph = SentenceGraph.build(sentences, title, self.duplicate_threshold, self.use_words)
        scores = np.asarray(self.score(graph), dtype=float)
        scores = np.where(self._barred(graph), -np.inf, scores)
        chosen = self.select(graph, scores, length or self.length)
        return [graph.sentences[i] if isinstance(i, int) else i for i in chosen]

    def score(self, graph: SentenceGraph) -> np.ndarray:
        """One score per sentence of `graph`, higher is better."""
        raise NotImplementedError

    def _barred(self, graph: SentenceGraph) -> np.ndarray:
        """Units never to quote (unless there is nothing else to say).

        Teaser lines cut off with "..." always; headings too unless the
        summarizer uses subheadings (news sites put an item's key points in
        them), and then still the opening headline and any that repeat the
        title.
        """
        headings = np.array([is_heading_unit(s) for s in graph.sentences])
        teasers = np.array([is_teaser(s) for s in graph.sentences])
        if self.subheading_weight is not None and self.report_headings_only:
            # Slogans and section labels are never quoted; only subheadings that report news may be.
            teasers |= headings & ~np.array([is_report_heading(s) for s in graph.sentences])
        # The article's lead: its first unit that is not a heading.
        lead = int(np.argmin(headings)) if not headings.all() else -1
        if self.bar_fragments:
            teasers |= np.array([not stands_alone(s) for s in graph.sentences])
            # The digest shows the title above the summary: a sentence that repeats it adds nothing,
            # except a lead that restates it with its date or figures (4月14日,…大会召开。; …近日在京召开…):
            # that is the event itself, and readers fail a summary that leaves it out.
            repeats = graph.title_sim >= self.duplicate_threshold
            if self.lead_repeats_title and lead >= 0 and stands_alone(graph.sentences[lead]) \
                    and (_DIGIT.search(graph.sentences[lead]) or EVENT_START.search(graph.sentences[lead])):
                repeats[lead] = False
            teasers |= repeats
        if self.subheading_weight is None:
            barred = headings | teasers
        else:
            barred = teasers | (headings & (graph.title_sim >= self.duplicate_threshold))
            barred[0] |= headings[0]
        if self.bar_fragments and _is_cut_lead(graph, self.duplicate_threshold):
            # A newspaper page's item whose opening sentence the page cut off with "...": that
            # sentence still states the event (4月26日,市统计局发布…名单...), and it is all the lead there is.
            barred[0] = False
        if barred.all():
            barred = np.zeros_like(barred)  # nothing else to say: better the fragments than nothing
        if self.bar_asides:
            asides = np.array([is_aside(s, i == lead) for i, s in enumerate(graph.sentences)])
            if not (barred | asides).all():
                barred = barred | asides
        return barred

    def select(self, graph: SentenceGraph, scores: np.ndarray, length: Length) -> list:
        """Greedy MMR selection under `length`, returned in document order.

        Returns indices, or a single truncated string when the best sentence
        alone is longer than the character budget; with `cut_to_fit`, the last
        sentence taken may come as its truncated string in its place.
        """
        sentences, sim = graph.sentences, graph.sim
        n = len(sentences)
        lengths = np.array([len(s) for s in sentences])
        budget = length.char_budget(int(lengths.sum()))
        max_count = length.sentences if length.sentences is not None else n
        finite = np.isfinite(scores)
        base = unit_scale(np.where(finite, scores, 0.0))
        best = int(np.argmax(np.where(finite, base, -np.inf)))
        if budget is not None and lengths[best] > budget:
            # The best sentence is worth quoting even when it has to be cut.
            return [truncate(sentences[best], budget)]
        chosen: list[int] = []
        used = 0
        available = finite.copy()
        headings = np.array([is_heading_unit(s) for s in sentences])
        dependent = np.array([is_dependent(s) for s in sentences]) if self.keep_context else np.zeros(n, bool)
        if n and dependent[0] and (sentences[0].startswith("该") or fact_score(sentences[0]) >= 1):
            # The article's first sentence has nothing before it to bring along: one naming the
            # headline's subject (该公司是唯一一家…上市公司，…) or reporting a figure is the lead, and may
            # come alone; a feature's scene opener (这个“五一”长假里，…) still may not.
            dependent[0] = False
        # What a dependent may bring along: a sentence that may be quoted, or one barred only for being
        # short that reports whole (重庆银行披露2026年半年报。 before 上半年，该行…).
        companion = finite.copy()
        for i in np.flatnonzero(dependent[1:] & ~finite[:-1]).tolist():
            companion[i] = is_short_report(sentences[i]) and graph.title_sim[i] < self.duplicate_threshold
        n_headings = 0
        cut: dict[int, str] = {}
        while len(chosen) < max_count and available.any():
            gain = base
            if chosen:
                closest = sim[:, chosen].max(axis=1)
                gain = base - self.redundancy * closest
                available &= closest < self.max_similarity
                if self.min_gain and length.sentences is None:
                    # A character budget is a ceiling, not a quota: asked for N sentences, give N.
                    available &= base >= self.min_gain * base[chosen[0]]
            if budget is not None and self.cut_to_fit and chosen and budget - used >= self.cut_to_fit:
                # The best sentence left may not fit whole: cut at a clause, it says more than a
                # shorter, lesser one would.
                open_ = available & ~dependent
                top = int(np.argmax(np.where(open_, gain, -np.inf)))
                if open_.any() and lengths[top] > budget - used:
                    text = truncate(sentences[top], budget - used)
                    restates = self.max_containment < 1.0 and _contained(
                        sentences + [text], [n], chosen, self.max_containment)
                    if still_reports(text, sentences[top]) and not restates:
                        cut[top] = text
                        chosen.append(top)
                        break
            if budget is not None:
                available &= lengths <= budget - used
            if not available.any():
                break
            pick = int(np.argmax(np.where(available, gain, -np.inf)))
            available[pick] = False
            picks = [pick]
            if dependent[pick] and pick - 1 not in chosen:
                # Only with the sentence it leans on, and only if that one may be quoted.
                before = pick - 1
                fits = budget is None or lengths[before] + lengths[pick] <= budget - used
                # One that leans on its own predecessor would dangle in turn (正因为如此，… 但是…).
                leans = before >= 0 and dependent[before] and before - 1 not in chosen
                if before < 0 or not companion[before] or leans or not fits or len(chosen) + 2 > max_count:
                    continue
                picks = [before, pick]
                available[before] = False
            if self.max_containment < 1.0 and chosen and _contained(sentences, picks, chosen, self.max_containment):
                continue
            chosen.extend(picks)
            used += int(lengths[picks].sum())
            # A summary of bare subheadings reads like a table of contents.
            n_headings += int(headings[pick])
            if n_headings >= self.max_headings and not headings[available].all():
                available &= ~headings
        if not chosen:
            # Every candidate leaned on a sentence that could not come along: the best one alone
            # still says more than nothing.
            chosen = [best]
        return [cut.get(i, i) for i in sorted(chosen)]


def _contained(sentences: list[str], picks: list[int], chosen: list[int], limit: float) -> bool:
    """Whether the picked sentences say little that the chosen ones do not already say."""
    from ..similarity import char_bigrams

    have = set(char_bigrams("\n".join(sentences[i] for i in chosen)))
    new = set(char_bigrams("\n".join(sentences[i] for i in picks)))
    return bool(new) and len(new & have) / len(new) >= limit


def _is_cut_lead(graph: SentenceGraph, duplicate_threshold: float) -> bool:
    first = graph.sentences[0] if graph.sentences else ""
    return (is_teaser(first) and has_cjk(first, MIN_STANDALONE_CJK) and fact_score(first) >= 1
            and graph.title_sim[0] < duplicate_threshold)


def unit_scale(values: np.ndarray) -> np.ndarray:
    """Scale to [0, 1] (all zeros when there is no spread)."""
    values = np.asarray(values, dtype=float)
    low, high = values.min(), values.max()
    if high - low <= 1e-12:
        return np.zeros_like(values)
    return (values - low) / (high - low)


def _sentences_and_title(doc: Document, title: str) -> tuple[list[str], str]:
    if isinstance(doc, Article):
        return (doc.sentences or split_sentences(doc.text)), (title or doc.title)
    return split_sentences(doc), title

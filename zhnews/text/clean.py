"""From a normalised page to clean articles.

`clean_page` is the list of steps, in order; each is a function of its own.
Page lines first: `repair_latin1` and `strip_tags`, `drop_chrome` (see
`boilerplate`), `cut_related` (a related-articles list ends the page's own
content), `drop_link_boxes`; then `split_articles` (a newspaper page becomes
several articles; a one-article page is first cut at its title by
`anchor_title`). Then per article: `make_title`, and per paragraph
`strip_dateline`, `tidy_paragraph`, `drop_mojibake`; then `dedupe_paragraphs`
across the page and `join_broken`; last, `merge_continued` joins a cut
article with its continuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import boilerplate as bp
from .chars import normalized_key
from .lines import (
    CONTINUATION_END,
    MAX_HEADING,
    MAX_LEAD_HEADING,
    MAX_TITLE,
    TERMINAL_END,
    TRAILING_DOTS,
    is_article_start,
    is_body,
    is_heading,
    strip_dateline,
)
from .mojibake import drop_mojibake, repair_latin1
from .split import split_sentences

_TAG = re.compile(r"<[^<>\n]{1,200}>")
_BULLET = re.compile(r"^[•·●○■□◆◇▶►▪\-*]\s*")
# Articles with less body than this are headline fragments, not articles.
MIN_BODY_CHARS = 30
# Sentences shorter than this are too generic to count as repeats.
MIN_DEDUPE_SENTENCE = 8


@dataclass
class CleanArticle:
    title: str
    paragraphs: list[str]
    flags: dict[str, int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def strip_tags(line: str) -> str:
    return _TAG.sub("", line) if "<" in line else line


def drop_chrome(lines: list[str]) -> list[str]:
    kept = []
    for line in lines:
        line = _BULLET.sub("", strip_tags(line)).strip()
        # Link-box heads stay for `drop_link_boxes`, which needs to see them.
        if line and (bp.chrome_kind(line) is None or bp.is_soft_related_marker(line)):
            kept.append(line)
    return kept


def cut_related(lines: list[str]) -> list[str]:
    """Cut at the first related-articles heading that follows some body text."""
    seen_body = False
    for i, line in enumerate(lines):
        if bp.is_related_marker(line) and seen_body:
            return lines[:i]
        seen_body = seen_body or is_body(line)
    return lines


def anchor_title(raw_lines: list[str], lines: list[str]) -> list[str]:
    """Drop sidebars above the title of a one-article page.

    The title is found where a page names it: the last part of a breadcrumb,
    or the heading right above the meta line (date, author, view count).
    `raw_lines` still has the chrome; `lines` is what survived it.
    """
    title = None
    for i, line in enumerate(raw_lines[:60]):
        if bp.is_breadcrumb(line):
            last = re.split(r"[>»›＞/]", line)[-1].strip()
            if len(last) >= 6 and any(x.startswith(last.rstrip(".…")) for x in lines):
                title = last.rstrip(".…")
                break
        if bp.is_meta_line(line) and not bp._MASTHEAD.match(line):
            before = [x for x in raw_lines[:i] if x.strip() and bp.chrome_kind(x) is None]
            if before and is_heading(before[-1]):
                title = before[-1]
            break
    if title is None:
        return lines
    for j, line in enumerate(lines):
        if line.startswith(title):
            # Keep a kicker line (引题) right above the title.
            if j > 0 and lines[j - 1].endswith("——"):
                j -= 1
            return lines[j:]
    return lines


def split_articles(lines: list[str], allow_split: bool = True) -> list[tuple[list[str], list[str]]]:
    """Group lines into (heading lines, body lines) per article.

    A page holds several articles when it has two or more article starts
    (reporter bylines, `…讯(记者…)` datelines). Each article begins with the
    run of headings right above its start; a byline with body text above it
    takes the headings right below it as its title.
    """
    starts = [i for i, line in enumerate(lines) if is_article_start(line)]
    if not allow_split or len(starts) < 2:
        return [_take_title(lines)]
    bounds = []
    for m in starts:
        s = m
        while s > 0 and is_heading(lines[s - 1], MAX_LEAD_HEADING) and (not bounds or s - 1 > bounds[-1]):
            s -= 1
        if bounds and s <= bounds[-1]:
            continue
        bounds.append(s)
    if bounds[0] != 0:
        bounds[0] = 0
    chunks = [lines[a:b] for a, b in zip(bounds, bounds[1:] + [len(lines)])]
    return [_take_title(chunk) for chunk in chunks]


def _take_title(chunk: list[str]) -> tuple[list[str], list[str]]:
    i = 0
    while i < len(chunk) and not is_heading(chunk[i]) and bp.is_byline(chunk[i]):
        i += 1
    heads_start = i
    while i < len(chunk) and is_heading(chunk[i], MAX_LEAD_HEADING if i == heads_start else MAX_HEADING):
        i += 1
    heads = chunk[heads_start:i]
    rest = chunk[:heads_start] + chunk[i:]
    return heads, [line for line in rest if not bp.is_byline(line)]


def drop_link_boxes(lines: list[str]) -> list[str]:
    """A `相关链接` box lists headlines; only the last one, right above the
    next article's byline or body, is a real heading."""
    kept: list[str] = []
    i = 0
    while i < len(lines):
        if not bp.is_soft_related_marker(lines[i]):
            kept.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and is_heading(lines[j]):
            j += 1
        if j > i + 1:
            kept.append(lines[j - 1])
        i = j
    return kept


def merge_continued(articles: list["CleanArticle"]) -> list["CleanArticle"]:
    """A reprint that carries the rest of an earlier, cut article (same
    title) is appended to it rather than shown as a second article."""
    merged: list[CleanArticle] = []
    for article in articles:
        earlier = next((m for m in merged if _same_headline(m.title, article.title)), None)
        if earlier is not None:
            earlier.paragraphs = join_broken(earlier.paragraphs + article.paragraphs)
            for key, n in article.flags.items():
                earlier.flags[key] = earlier.flags.get(key, 0) + n
            continue
        merged.append(article)
    return merged


def _same_headline(a: str, b: str) -> bool:
    # The reprint may carry one headline line more or less than the original.
    n = min(len(a), len(b))
    return n >= 12 and a[:n] == b[:n]


def make_title(heads: list[str]) -> tuple[str, list[str]]:
    """Join the leading headings into a title; return it and the unused ones."""
    title = ""
    used = 0
    for head in heads:
        glue = "" if not title or title.endswith("——") else " "
        if title and len(title + glue + head) > MAX_TITLE:
            break
        title += glue + head
        used += 1
    return title, heads[used:]


def tidy_paragraph(paragraph: str) -> str:
    """`完成。...` loses its trailing dots; a teaser cut mid-sentence keeps them."""
    match = TRAILING_DOTS.search(paragraph)
    if match and paragraph[: match.start()][-1:] in "。！？!?”":
        return paragraph[: match.start()]
    return paragraph


class SeenSentences:
    """Sentences already kept on this page, with an index of their endings.

    A fragment that begins mid-sentence ("设达标面积43平方公里。") repeats the
    tail of a sentence kept earlier; indexing sentence endings finds it in
    constant time, so a page of 100,000 sentences still cleans in seconds.
    """

    _TAIL = MIN_DEDUPE_SENTENCE

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.tails: dict[str, list[str]] = {}

    def add(self, key: str) -> None:
        self.keys.add(key)
        self.tails.setdefault(key[-self._TAIL :], []).append(key)

    def __contains__(self, key: str) -> bool:
        if key in self.keys:
            return True
        return any(other.endswith(key) for other in self.tails.get(key[-self._TAIL :], ()))


def dedupe_paragraphs(paragraphs: list[str], seen: SeenSentences) -> list[str]:
    """Keep each paragraph, and each sentence, once across the page.

    `seen` holds sentences from earlier articles of the same page, so a
    reprinted article or a stray fragment of one comes out empty.
    """
    kept = []
    for paragraph in paragraphs:
        fresh = []
        for sentence in split_sentences(paragraph):
            key = normalized_key(sentence)
            if len(key) >= MIN_DEDUPE_SENTENCE:
                if key in seen:
                    continue
                seen.add(key)
            fresh.append(sentence)
        if fresh:
            kept.append("".join(fresh))
    return kept


def join_broken(paragraphs: list[str]) -> list[str]:
    """Rejoin a paragraph that a line break cut in the middle of a sentence."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and _is_cut(joined[-1]) and not is_heading(paragraph):
            joined[-1] += paragraph
        else:
            joined.append(paragraph)
    return joined


def _is_cut(paragraph: str) -> bool:
    last = paragraph[-1:]
    if last in CONTINUATION_END:
        return True
    if last in TERMINAL_END or paragraph.endswith(("...", "…")):
        return False
    # Headlines have no full stop and are short; a body paragraph without a
    # closing terminator was cut by a line break.
    return len(paragraph) > MAX_LEAD_HEADING or "。" in paragraph


def clean_page(text: str, allow_split: bool = True) -> list[CleanArticle]:
    """Normalised page text in, clean articles out (possibly none)."""
    raw_lines = [line.strip() for line in repair_latin1(text).split("\n")]
    raw_lines = [strip_tags(line) for line in raw_lines if line]
    lines = drop_link_boxes(cut_related(drop_chrome(raw_lines)))
    groups = split_articles(lines, allow_split)
    if len(groups) == 1:
        groups = split_articles(anchor_title(raw_lines, lines), allow_split=False)
    seen = SeenSentences()
    articles = []
    for heads, body in groups:
        flags: dict[str, int] = {}
        paragraphs = []
        title, subtitles = make_title(heads)
        for paragraph in subtitles + body:
            paragraph, dropped = drop_mojibake(tidy_paragraph(strip_dateline(paragraph)))
            if dropped:
                flags["mojibake_sentences_dropped"] = flags.get("mojibake_sentences_dropped", 0) + dropped
            if paragraph:
                paragraphs.append(paragraph)
        paragraphs = join_broken(dedupe_paragraphs(paragraphs, seen))
        if sum(len(p) for p in paragraphs) < MIN_BODY_CHARS:
            continue
        articles.append(CleanArticle(title, paragraphs, flags))
    return merge_continued(articles)

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
from functools import partial

from . import boilerplate as bp
from .chars import key_runs_and_gaps, normalized_key
from .lines import (
    ABSTRACT_LABEL,
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
from .mojibake import repair_latin1, split_mojibake
from .split import SENTENCE_END_MARKS, split_sentences

_TAG = re.compile(r"<[^<>\n]{1,200}>")
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
# A plug glued to the end of a paragraph: `…仍将持续。返回腾讯网首页>>`.
_TRAILING_PLUG = re.compile(
    r"(?<=[。！？!?”])\s*(返回\S{0,12}(首页|频道|列表)|点击查看更多|查看更多|更多精彩|[(（]\s*(完|终)\s*[)）]"
    r"|点击(进入|查看|阅读)[:：].{1,40}|(免责声明|版权声明|声明)[:：].{0,160})\s*[>»]*$"
)
_PLUG_WORDS = ("返回", "更多", "完", "终", "点击", "声明")
_TAG_END = re.compile(r"""(?:[A-Za-z][A-Za-z0-9_\-]*=\\*["'][^"'<>\n]{0,120}\\*["']\s*)+/?>|[A-Za-z0-9_\-./]+\.(?:jpe?g|png|gif)\\*["']\s*/?>""")
_BULLET = re.compile(r"^[•·●○■□◆◇▶►▪\-*]\s*")
# Articles with less body than this are headline fragments, not articles.
MIN_BODY_CHARS = 30
# Sentences shorter than this are too generic to count as repeats.
MIN_DEDUPE_SENTENCE = 8


@dataclass
class Trace:
    """What cleaning removed and why: `(line, rule)` pairs in page order, and where titles came from.

    Pass one to `clean_page` to see the work (`zhnews clean --explain`).
    """

    removed: list[tuple[str, str]] = field(default_factory=list)
    title_sources: list[str] = field(default_factory=list)

    def drop(self, line: str, rule: str) -> None:
        self.removed.append((line, rule))


_NO_TRACE = None


@dataclass
class CleanArticle:
    title: str
    paragraphs: list[str]
    flags: dict[str, int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def strip_tags(line: str) -> str:
    """Markup left in a line: whole tags, and the broken ends of tags (`pcms-style=\\"font-L\\">`)."""
    if "<" in line:
        line = _TAG.sub("", line)
    if "=" in line or '">' in line:
        line = _TAG_END.sub("", line)
    return line


def drop_chrome(lines: list[str], trace: Trace | None = None, edges_only: bool = False,
                edge_rules: frozenset | None = None) -> list[str]:
    """Drop the lines that are chrome as a whole (see `boilerplate.CHROME_RULES`).

    With `edges_only`, only chrome above the first and below the last line of
    content goes: the text is an extracted body, whose inner lines are the
    article's even where they look like chrome.
    """
    lines = [_BULLET.sub("", strip_tags(line)).strip() for line in lines]
    lines = [line for line in lines if line]
    # Related-list heads stay for `cut_related` and `drop_link_boxes`, which need to see them.
    # At the edges of a row only `edge_rules` may name a line: the other rules are not asked
    # of a line that none of them fits.
    if edges_only and edge_rules is not None:
        kind_of = partial(bp.chrome_kind_among, rules=edge_rules)
    else:
        kind_of = bp.chrome_kind
    if edges_only:
        kinds = _edge_kinds(lines, kind_of, bp.WHOLE_LINE_RULES & (bp.LINE_RULES if edge_rules is None else edge_rules))
    else:
        kinds = [None if _is_marker(line) else kind_of(line) for line in lines]
    kept = []
    for line, kind in zip(lines, kinds):
        if kind is None:
            kept.append(line)
        elif trace is not None:
            trace.drop(line, kind)
    return kept


def _is_marker(line: str) -> bool:
    return bp.is_related_marker(line) or bp.is_soft_related_marker(line)


def _edge_kinds(lines: list[str], kind_of, whole_rules: frozenset) -> list:
    """Chrome of an extracted body: only what stands at its edges.

    The head runs to the first line of running text (headings there are the
    title, its kicker and subtitle; a bare name there is a byline). Inside,
    only the rules that never match a sentence apply (`WHOLE_LINE_RULES`). The tail
    starts at an end mark after the body (`（完）`, `责任编辑：`), or after its
    last line; everything from an end mark on is the page's, not the
    article's, unless it holds more running text than the article.
    """
    # `kind_of(line)` is one of `whole_rules` exactly when `chrome_kind_among(line, whole_rules)` is
    # (both are the first rule that fits, if it is theirs): the inside is asked only those rules,
    # the edges all of `kind_of`'s.
    markers = [_is_marker(line) for line in lines]
    inside = [None if marker else bp.chrome_kind_among(line, whole_rules) for line, marker in zip(lines, markers)]
    # Running text by its shape: an ambiguous rule (a hotline, a Latin name) does not make it the page's.
    body = [i for i, (line, kind) in enumerate(zip(lines, inside)) if kind is None and _is_running(line)]
    if not body:
        return [None if marker else kind_of(line) for line, marker in zip(lines, markers)]
    first, last = body[0], body[-1]
    end = next((i for i in range(first + 1, len(lines)) if bp.is_end_mark(lines[i])), None)
    if end is not None and running_text(lines[end:]) <= running_text(lines[:end]):
        last = max(i for i in body if i < end)
    else:
        end = None
    out = []
    for i, (line, marker) in enumerate(zip(lines, markers)):
        if first <= i <= last:
            out.append(inside[i])
            continue
        kind = None if marker else kind_of(line)
        if end is not None and i >= end:
            out.append(kind or "after the end mark")
        elif i < first:
            out.append(kind or ("byline" if _BARE_NAME.match(line) else None))
        else:
            out.append(kind)
    return out


def _is_running(line: str) -> bool:
    """A line of the article's own text (not a headline, teaser or name)."""
    return is_body(line) and (len(line) >= 30 or line.endswith(("。", "！", "？", "!", "?", "”")))


def cut_related(lines: list[str], trace: Trace | None = None) -> list[str]:
    """Cut at the first related-articles heading that follows some body text."""
    seen_body = False
    for i, line in enumerate(lines):
        if bp.is_related_marker(line):
            if seen_body:
                if trace is not None:
                    for gone in lines[i:]:
                        trace.drop(gone, "related list")
                return lines[:i]
            if trace is not None:
                trace.drop(line, "related")
            lines = lines[:i] + [""] + lines[i + 1 :]  # a marker above the body goes alone
            continue
        seen_body = seen_body or is_body(line)
    return [line for line in lines if line]


def trim_tail(lines: list[str], trace: Trace | None = None) -> list[str]:
    """After the last body paragraph, headlines without a body are links to other stories."""
    end = len(lines)
    while end > 0 and is_heading(lines[end - 1]) and any(is_body(line) for line in lines[: end - 1]):
        end -= 1
    if trace is not None:
        for gone in lines[end:]:
            trace.drop(gone, "headline after the body")
    return lines[:end]


def anchor_title(raw_lines: list[str], lines: list[str], trace: Trace | None = None) -> list[str]:
    """Drop sidebars above the title of a one-article page.

    The title is found where a page names it, in the head of the page (above
    its first body paragraph): the last part of a breadcrumb, or the heading
    right above the meta line (date, author, view count). `raw_lines` still
    has the chrome; `lines` is what survived it. Body text above the title
    (an extractor that put the body first) is never cut.
    """
    title = None
    head = next((i for i, line in enumerate(raw_lines) if _is_paragraph(line)), len(raw_lines))
    for i, line in enumerate(raw_lines[: min(60, head)]):
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
            if any(_is_paragraph(x) for x in lines[:j]):
                return lines
            if trace is not None:
                for gone in lines[:j]:
                    trace.drop(gone, "above the title")
            return lines[j:]
    return lines


def _is_paragraph(line: str) -> bool:
    """A line of running text: long, with full stops (not a teaser, a heading or a link)."""
    return len(line) >= 60 and line.count("。") >= 2 and is_body(line)


def split_articles(lines: list[str], allow_split: bool = True,
                   trace: Trace | None = None) -> list[tuple[list[str], list[str]]]:
    """Group lines into (heading lines, body lines) per article.

    A page holds several articles when it has two or more article starts
    (reporter bylines, `…讯(记者…)` datelines). Each article begins with the
    run of headings right above its start; a byline with body text above it
    takes the headings right below it as its title.
    """
    if not allow_split:  # one article whatever its lines say: no need to look for starts
        return [_take_title(lines, trace)]
    starts = [i for i, line in enumerate(lines) if is_article_start(line)]
    if len(starts) < 2:
        return [_take_title(lines, trace)]
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
    return [_take_title(chunk, trace) for chunk in chunks]


def _take_title(chunk: list[str], trace: Trace | None = None) -> tuple[list[str], list[str]]:
    i = 0
    while i < len(chunk) and not is_heading(chunk[i]) and bp.is_byline(chunk[i]):
        i += 1
    heads_start = i
    while i < len(chunk) and is_heading(chunk[i], MAX_LEAD_HEADING if i == heads_start else MAX_HEADING):
        i += 1
    heads = chunk[heads_start:i]
    rest = chunk[:heads_start] + chunk[i:]
    # Asked once a line: the trace and the body both need the answer.
    bylines = list(map(bp.is_byline, rest))
    if trace is not None:
        for line, byline in zip(rest, bylines):
            if byline:
                trace.drop(line, "byline")
    return heads, [line for line, byline in zip(rest, bylines) if not byline]


def drop_link_boxes(lines: list[str], trace: Trace | None = None) -> list[str]:
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
        if trace is not None:
            for gone in lines[i : max(i + 1, j - 1)]:
                trace.drop(gone, "link box")
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


# A finance page's live quote after a stock's name: 先锋领航、(115.395, 2.79, 2.47%)等 (price, change, percent).
_QUOTE_WIDGET = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*[,，]\s*[-+]?\d+(?:\.\d+)?\s*[,，]\s*[-+]?\d+(?:\.\d+)?%\s*[)）]")


# The links a portal put after a stock's, a car's, a place's or a paper's name, left as text:
# G百联(行情,论坛)（600631）, 捷达(报价;图片), 丽江[图库], 《第一财经(相关:理财 证券)日报》, (专题 访谈 咨询).
_LINK_LABEL = r"(?:行情|论坛|留言|股吧|资料|诊股|图库|报价|图片|专题|访谈|咨询|博客|视频)"
_LINK_SEP = r"(?:\s*[,，、;；\-－|｜]\s*|\s+)"
_PORTAL_LINKS = re.compile(
    r"[(（\[]\s*(?:" + _LINK_LABEL + r"(?:" + _LINK_SEP + _LINK_LABEL + r")+|图库|相关\s*[:：][^()（）\[\]]{1,20}?)\s*[)）\]]"
)


# A site's address with its timestamp run onto a title: …的十理由 www.XINHUANET.com2006年02月01日20:00:35来源：新华网.
_TITLE_ADDRESS_TAIL = re.compile(r"\s+(?:https?://|www\.)\S*?\s*\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}.*$", re.IGNORECASE)


def tidy_title(title: str) -> str:
    """The title without an abstract's label, a portal's links (`(行情,论坛)`) or a site's address
    and timestamp after it."""
    title = _PORTAL_LINKS.sub("", title)
    if "." in title:
        title = _TITLE_ADDRESS_TAIL.sub("", title)
    stripped = ABSTRACT_LABEL.sub("", title, count=1)
    return stripped if stripped else title


def tidy_paragraph(paragraph: str) -> str:
    """`完成。...` loses its trailing dots, `…持续。返回腾讯网首页>>` its plug, a stock name its live
    quote `(115.395, 2.79, 2.47%)` and a portal's links `(行情,论坛)`; a teaser cut mid-sentence keeps its dots."""
    # Every plug ends within 200 characters of the end (after spaces and >>) and holds one of
    # these words: most paragraphs need no regex scan at all.
    tail = paragraph.rstrip().rstrip(">»").rstrip()[-200:]
    if any(word in tail for word in _PLUG_WORDS):
        paragraph = _TRAILING_PLUG.sub("", paragraph)
    # The pattern opens on a bracket, which the engine scans for: cheaper than any gate by words.
    paragraph = _PORTAL_LINKS.sub("", paragraph)
    if "%" in paragraph:
        unquoted = _QUOTE_WIDGET.sub("", paragraph)
        if unquoted != paragraph:
            # The quote stood for a linked name the page lost: `先锋领航、(…)等` keeps no empty list slot.
            paragraph = unquoted.replace("、等", "等")
    match = TRAILING_DOTS.search(paragraph) if paragraph.endswith((".", "…")) else None
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

    # Sentences sharing one ending that are kept for the fragment check: a page of 20,000
    # sentences all ending alike must not cost 20,000 comparisons a sentence.
    _PER_TAIL = 32

    def add(self, key: str) -> None:
        self.keys.add(key)
        same_end = self.tails.setdefault(key[-self._TAIL :], [])
        same_end.append(key)
        if len(same_end) > self._PER_TAIL:
            del same_end[0]

    def __contains__(self, key: str) -> bool:
        if key in self.keys:
            return True
        # Most keys share their ending with none kept: no generator for them.
        same_end = self.tails.get(key[-self._TAIL :])
        return same_end is not None and any(other.endswith(key) for other in same_end)


def dedupe_paragraphs(paragraphs: list[str], seen: SeenSentences | None = None,
                      trace: Trace | None = None) -> list[str]:
    """Keep each paragraph, and each sentence, once across the page.

    `seen` holds sentences from earlier articles of the same page, so a
    reprinted article or a stray fragment of one comes out empty. Without
    it the paragraphs are the page's only article: nothing was kept before
    them and nothing later asks what they held.
    """
    if seen is None:
        if not _may_repeat(paragraphs):
            # Nothing to drop: each paragraph as its sentences join up again, without splitting most.
            return [p if not _SPACE.search(p) else "".join(split_sentences(p)) for p in paragraphs
                    if p.strip()]
        seen = SeenSentences()
    kept = []
    for paragraph in paragraphs:
        fresh = []
        for sentence in split_sentences(paragraph):
            key = normalized_key(sentence)
            if len(key) >= MIN_DEDUPE_SENTENCE:
                if key in seen:
                    if trace is not None:
                        trace.drop(sentence, "repeat")
                    continue
                seen.add(key)
            fresh.append(sentence)
        if fresh:
            kept.append("".join(fresh))
    return kept


# Splitting strips these at the edges of lines and sentences; a paragraph without any is its sentences joined.
_SPACE = re.compile(r"\s")


def _may_repeat(paragraphs: list[str]) -> bool:
    """False when no sentence of `paragraphs` can repeat (or end) an earlier one, found without splitting.

    A sentence that `dedupe_paragraphs` drops has the same last
    `MIN_DEDUPE_SENTENCE` key characters as an earlier one. A sentence ends at a
    terminator or a line's end, so its key ends at a run of `key_runs_and_gaps` whose gap
    to the next run holds one: two equal tails before such gaps are needed for a
    drop. The gaps are more than sentence ends (a tail repeated before `…。`
    and before `。` says "may"), and then the paragraphs are split after all.
    """
    pairs = key_runs_and_gaps("\n".join(paragraphs) + "\n")
    key = "".join([run for run, _ in pairs])
    tail = MIN_DEDUPE_SENTENCE
    tails = []
    end = 0
    for run, gap in pairs:
        end += len(run)
        if end >= tail and _SENTENCE_GAP.search(gap):
            tails.append(key[end - tail : end])
    return len(set(tails)) < len(tails)


# What a gap after a sentence's last run holds: a mark a sentence ends on, or a line break (every
# character `str.splitlines` breaks at).
_SENTENCE_GAP = re.compile("[" + re.escape(SENTENCE_END_MARKS) + "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def join_broken(paragraphs: list[str]) -> list[str]:
    """Rejoin a paragraph that a line break cut in the middle of a sentence."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and ((_is_cut(joined[-1]) and not is_heading(paragraph)) or _continues(joined[-1], paragraph)):
            joined[-1] += paragraph
        else:
            joined.append(paragraph)
    return joined


# No paragraph opens on the particle 的 (…罕见跌停 | 的东山精密，此前…): a page that broke a line at
# a link left it there. Words that do start with 的 are not that particle.
_PARTICLE_START = re.compile(r"^的(?!确|士|哥|姐|卢|的)")


def _continues(before: str, paragraph: str) -> bool:
    return bool(_PARTICLE_START.match(paragraph)) and before[-1:] not in TERMINAL_END


def _is_cut(paragraph: str) -> bool:
    last = paragraph[-1:]
    if last in CONTINUATION_END:
        return True
    if last in TERMINAL_END or paragraph.endswith(("...", "…")):
        return False
    # Headlines have no full stop and are short; a body paragraph without a
    # closing terminator was cut by a line break.
    return len(paragraph) > MAX_LEAD_HEADING or "。" in paragraph


def clean_page(text: str, allow_split: bool = True, trace: Trace | None = None,
               edges_only: bool = False, row: bool = False) -> list[CleanArticle]:
    """Normalised page text in, clean articles out (possibly none).

    With `allow_split` (a page, not a JSONL/CSV row) a newspaper page may
    become several articles, and fragments too short to be articles are
    dropped; a page that is one article keeps whatever body it has, and a row
    with only a headline is that headline. `edges_only` cleans an already
    extracted body: chrome goes from its edges, never from inside it. A `row`
    (a JSONL/CSV text) is cleaned most conservatively: only lines that can
    never be an article's go from its edges, and trailing headlines stay.
    """
    raw_lines = [line.strip() for line in repair_latin1(text).split("\n")]
    raw_lines = [strip_tags(line) for line in raw_lines if line]
    lines = drop_chrome(raw_lines, trace, edges_only or row, bp.ROW_EDGE_RULES if row else None)
    lines = drop_link_boxes(cut_related(lines, trace), trace)
    if not row:
        lines = trim_tail(lines, trace)
    if allow_split and not (edges_only or row):
        groups = split_articles(lines, True)
        if len(groups) == 1:
            groups = split_articles(anchor_title(raw_lines, lines, trace), False, trace)
        else:
            groups = split_articles(lines, True, trace)
    else:
        groups = split_articles(lines, False, trace)
    # One article: its sentences are checked against each other only (see `dedupe_paragraphs`).
    seen = SeenSentences() if len(groups) > 1 else None
    articles = []
    for heads, body in groups:
        flags: dict[str, int] = {}
        paragraphs = []
        title, subtitles = make_title(heads)
        title = tidy_title(title)
        for paragraph in subtitles + body:
            paragraph, dropped = split_mojibake(tidy_paragraph(strip_dateline(paragraph)))
            if dropped:
                flags["mojibake_sentences_dropped"] = flags.get("mojibake_sentences_dropped", 0) + len(dropped)
                if trace is not None:
                    for sentence in dropped:
                        trace.drop(sentence, "mojibake")
            if paragraph:
                paragraphs.append(paragraph)
        paragraphs = join_broken(dedupe_paragraphs(paragraphs, seen, trace))
        if len(groups) > 1 and sum(len(p) for p in paragraphs) < MIN_BODY_CHARS:
            if trace is not None and (title or paragraphs):
                trace.drop(" ".join([title] + paragraphs).strip(), "fragment of a newspaper page")
            continue
        if not paragraphs and (allow_split or not title):
            continue
        articles.append(CleanArticle(title, paragraphs, flags))
    return merge_continued(articles)


def running_text(lines) -> int:
    """Characters of running text (paragraphs, not headings or links) among `lines`."""
    return sum(len(line) for line in lines if _is_paragraph(line))

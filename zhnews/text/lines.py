"""What a line or sentence of news is: a heading, a dateline, a teaser, a byline.

Cleaning (`text.clean`) and the summarizers (`models.summarize`) ask the same
questions of text; the answers live here once.
"""

from __future__ import annotations

import re
from typing import Sequence

from . import boilerplate as bp
from .chars import count_cjk

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》"
TERMINAL_END = SENTENCE_END + CLOSERS
CONTINUATION_END = ",，、;；:：（(“《"
# Longest line that still reads as a heading, and longest joined title.
MAX_HEADING = 50
MAX_TITLE = 64
# A headline above a dateline may be longer than a subheading.
MAX_LEAD_HEADING = 90
# A sentence unit without a full stop and this short is a heading, not a
# sentence to quote in a summary (units are split sentences, not page lines,
# so the limit is looser than a page line's).
MAX_UNIT_HEADING = 60
# A sentence with fewer Chinese characters than this says nothing on its own.
MIN_SENTENCE_CJK = 4

# `……`, `...`: a line cut off by the page (a teaser), or trailing dots after a full stop.
TRAILING_DOTS = re.compile(r"(\.{3,}|…+)$")
_UNIT_END = re.compile(r"[。！？!?…；;][”’」』)）]*$")

# Datelines, in the two places they matter. At the start of a paragraph:
# `株洲日报·掌上株洲讯(记者/刘芳)`, `新华社北京3月1日电`; they go from the body.
_DATELINE_PREFIX = re.compile(
    r"^[^，,。]{0,24}?讯\s*[(（][^)）]{0,40}[)）]\s*|^(新华社|中新社|中新网)[^，,。]{0,12}电\s*"
)
# A line that opens an article on a newspaper page (where one article ends and the next starts).
_DATELINE = re.compile(
    r"^[^，,。]{0,24}?(讯|电)\s*[(（]|^[^，,。]{0,24}?讯\s*[(（]?\s*(记者|通讯员)|^新华社[^，,。]{0,12}电|^本报讯|^中新[网社][^，,。]{0,12}电"
)
# At the start of a summary sentence, station idents as well:
# 央视网消息（新闻联播）：本台消息，新华社北京3月1日电（记者 王某）
_LEAD_PREFIXES = (
    re.compile(r"^[^\s，。：:；;（(]{1,12}?消息\s*[(（][^)）]{0,20}[)）]\s*[：:；;，,]?\s*"),
    re.compile(r"^[^\s，。：:；;（(]{1,8}?消息\s*[：:；;，,]\s*"),
    re.compile(r"^(新华社|中新社|中新网|人民网|央视网|本报)[^，,。]{0,16}?(电|讯)\s*([(（][^)）]{0,30}[)）])?\s*[：:，,]?\s*"),
    re.compile(r"^[(（](记者|通讯员)[^)）]{0,30}[)）]\s*"),
)


def is_heading(line: str, max_len: int = MAX_HEADING) -> bool:
    """A page line that is a headline or subheading (no full stop, not a byline, short)."""
    if len(line) > max_len or bp.is_byline(line):
        return False
    if line.endswith("——"):
        return True
    core = line.rstrip(CLOSERS)
    if not core or core[-1] in SENTENCE_END + CONTINUATION_END:
        return False
    return "。" not in line and "！" not in line and "？" not in line


def is_heading_unit(sentence: str) -> bool:
    """A split sentence that is a headline or subheading rather than a sentence."""
    return len(sentence) <= MAX_UNIT_HEADING and not _UNIT_END.search(sentence)


def is_body(line: str) -> bool:
    return not is_heading(line) and not bp.is_byline(line)


def is_article_start(line: str) -> bool:
    """A reporter byline or a dateline: where an article of a newspaper page begins."""
    return bp.is_byline(line) or bool(_DATELINE.match(line))


def strip_dateline(paragraph: str) -> str:
    """`株洲日报·掌上株洲讯(记者/刘芳) 4月26日,…` → `4月26日,…`."""
    return _DATELINE_PREFIX.sub("", paragraph, count=1) or paragraph


def strip_lead(sentence: str) -> str:
    """Drop datelines and station idents from the start of a sentence."""
    text = sentence.strip()
    changed = True
    while changed:
        changed = False
        for pattern in _LEAD_PREFIXES:
            stripped = pattern.sub("", text, count=1)
            # Keep the prefix when it is all there is (a one-line dateline).
            if stripped != text and count_cjk(stripped) >= MIN_SENTENCE_CJK:
                text, changed = stripped.strip(), True
    return text


def is_teaser(sentence: str) -> bool:
    """A line cut off with "..." by the page (a teaser of another article)."""
    return bool(TRAILING_DOTS.search(sentence)) and not sentence.endswith("……")


def ends_sentence(unit: str) -> bool:
    """The unit closes with a sentence end (so it can be run on with the next)."""
    return bool(_UNIT_END.search(unit))


def summary_candidates(sentences: Sequence[str]) -> list[str]:
    """Sentences worth ranking for a summary: no chrome, no datelines, no empty bits."""
    out = []
    for raw in sentences:
        sentence = strip_lead(raw)
        if count_cjk(sentence) < MIN_SENTENCE_CJK or bp.chrome_kind(sentence) is not None:
            continue
        out.append(sentence)
    return out

"""Dates in news text: `2026年11月30日`, `2026-11-30`, `2026.11.30` → `2026-11-30`."""

from __future__ import annotations

import re
from datetime import date

_DATE = re.compile(r"(20\d{2}|19\d{2})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})")
_DATE_HINT = re.compile(r"发布时间|发表时间|日期|时间|星期")


def normalize_date(value: str) -> str:
    """The first full date in `value` as YYYY-MM-DD, or "" if there is none."""
    match = _DATE.search(value or "")
    if not match:
        return ""
    y, m, d = (int(g) for g in match.groups())
    try:
        return date(y, m, d).isoformat()  # 2026-11-31 and 2026-02-30 are not dates
    except ValueError:
        return ""


def find_date(text: str) -> str:
    """The page's own date: a full date near the top, preferring labelled ones."""
    # Only the first 40 lines are read: a long text is not split whole for them.
    lines = [line for line in text.split("\n", 40)[:40] if line.strip()]
    # A date inside one line is a date in them all joined: most texts hold none, and one scan
    # of the head says so (the lines are searched one by one only when there is one).
    if not _DATE.search("\n".join(lines)):
        return ""
    for line in lines:
        if _DATE_HINT.search(line):
            found = normalize_date(line)
            if found:
                return found
    for line in lines[:15]:
        found = normalize_date(line)
        if found:
            return found
    return ""

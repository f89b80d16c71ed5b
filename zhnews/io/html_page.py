"""Main-content extraction from HTML pages, with trafilatura.

trafilatura is imported here only, on the first HTML page, because it pulls
in lxml and friends that plain-text runs never need.
"""

from __future__ import annotations

import re

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """Return (main text with one paragraph a line, metadata: title, date, url)."""
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
        with_metadata=True,
    )
    meta: dict[str, str] = {}
    text = ""
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        text = data.get("text") or ""
        for key in ("title", "date", "url"):
            if data.get(key):
                meta[key] = str(data[key])
    if not text.strip():
        # Pages too small for trafilatura's heuristics: fall back to the tag-stripped body.
        text = _strip_all_tags(html)
    if "title" not in meta:
        match = _TITLE.search(html)
        if match:
            meta["title"] = _strip_all_tags(match.group(1)).strip()
    return text, meta


def _strip_all_tags(html: str) -> str:
    import html as htmllib

    html = re.sub(r"(?is)<(script|style|noscript)[^>]*>.*?</\1>", "", html)
    html = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</h\d>", "\n", html)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<div", "<p>")


def sniff_html(head: str) -> bool:
    return head.lower().startswith(_HTML_STARTS)


def html_records(text: str, source: str, encoding: str, errors):
    from .record import RawRecord

    yield RawRecord(text=text, source=source, encoding=encoding, kind="html")

"""HTML pages read by their structure: the title from the page's own signals, the body as one block.

* Title: the page's headings (`<h1>`–`<h4>`, elements whose class or id says
  title) are compared with what the page says its title is (`og:title`,
  `<title>`); the heading that `<title>` contains is the headline, without
  the site name and section that `<title>` adds. Without such a heading,
  `<title>` less its site suffix.
* Body: the main content block (readability's scoring of the DOM), with
  link-dense blocks (related lists, recommendation rails, tag clouds),
  comment, share and form widgets and photo captions (`<figcaption>`,
  `class="caption"`) removed as blocks; one block element a
  line. If that block holds little text, trafilatura's extraction, then the
  page's text, are used instead.

Cleaning then trims the edges of the block (editorial lines above the first
and below the last paragraph); it never re-judges the lines inside it.
lxml, readability and trafilatura are imported on the first HTML page only.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..text.chars import normalized_key

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<div", "<p>")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Separators between a headline and the site or section names `<title>` adds.
_TITLE_PARTS = re.compile(r"\s*(?:_|\||｜|--|—|-\s|\s-|–|::|·\s)\s*")
_BLOCKS = {"p", "div", "li", "ul", "ol", "table", "tr", "td", "th", "section", "article", "h1", "h2", "h3",
           "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "dl", "center", "figure", "figcaption", "header",
           "footer", "br", "hr"}
# Widgets that are never the article, by their class or id.
_WIDGET = re.compile(r"comment|share|social|related|recommend|hot-?news|tags?\b|keyword|sidebar|toolbar|"
                     r"breadcrumb|crumb|footer|copyright|login|advert|\bad\b|qrcode|erweima|pager|page-?nav",
                     re.I)
# Photo captions, by their markup: `<figcaption>`, `<p class="caption">`, `<div class="pic-desc">`.
_CAPTION = re.compile(r"caption|img-?(desc|txt|text|info|note)|pic-?(desc|txt|text|info|note)|photo-?(desc|txt|text|info)|"
                      r"imgtxt|pictext|tuzhu", re.I)
_MAX_CAPTION_CHARS = 120
_MIN_BLOCK_CHARS = 80
_CONTINUES = ",，、。；;：:！？!?)）”’"
_FINISHED = "。！？!?”’」』)）>》】…"
_LINK_DENSE = 0.5


def sniff_html(head: str) -> bool:
    return head.lower().startswith(_HTML_STARTS)


def html_records(text: str, source: str, encoding: str, errors):
    from .record import RawRecord

    yield RawRecord(text=text, source=source, encoding=encoding, kind="html")


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """Return (main text with one block a line, metadata: title, title_source, date, url)."""
    meta: dict[str, str] = {}
    try:
        doc = _parse(html)
    except Exception:  # lxml refuses some broken pages: read their text instead
        doc = None
    if doc is not None:
        title, source = page_title(doc)
        if title:
            meta["title"], meta["title_source"] = title, source
        site = site_name(doc, title)
        if site:
            meta["site"] = site
    text = _main_block(html, doc) if doc is not None else ""
    if len(normalized_key(text)) < _MIN_BLOCK_CHARS:
        other, extra = _trafilatura(html)
        # The block of a short page may be all there is: trafilatura's text wins only if it has more.
        if len(normalized_key(other)) > len(normalized_key(text)):
            text = other
        for key, value in extra.items():
            meta.setdefault(key, value)
    if not text.strip():
        # Pages too small for any content scoring: the tag-stripped page.
        text = _strip_all_tags(html)
    if "title" not in meta:
        match = _TITLE.search(html)
        if match:
            meta["title"] = site_title_headline(_strip_all_tags(match.group(1)).strip())
            meta["title_source"] = "<title>"
    return text, meta


def _parse(html: str):
    from lxml import html as lhtml

    return lhtml.document_fromstring(_XML_DECLARATION.sub("", html))


# -- the title ------------------------------------------------------------------------------------


def page_title(doc) -> tuple[str, str]:
    """The headline and where it came from: a heading matched against `<title>`/og:title, or `<title>`."""
    stated = [(_clean(t), name) for t, name in _stated_titles(doc) if _clean(t)]
    headings = _headings(doc)
    best, best_score = "", 0.0
    for heading in headings:
        key = normalized_key(heading)
        if len(key) < 4:
            continue
        for title, _ in stated:
            score = _overlap(key, normalized_key(title))
            # The headline is (nearly) all inside the stated title; a longer heading wins a tie.
            if score >= 0.8 and (score, len(key)) > (best_score, len(normalized_key(best))):
                best, best_score = heading, score
    if best:
        return best, "heading matching <title>"
    for title, name in stated:
        return site_title_headline(title), name
    if headings:
        return headings[0], "first heading"
    return "", ""


def site_name(doc, headline: str = "") -> str:
    """The outlet: og:site_name, else the last part of `<title>` that is not the headline."""
    named = [_clean(str(v)) for v in doc.xpath('//meta[@property="og:site_name"]/@content') if _clean(str(v))]
    if named:
        return named[0][:40]
    title = _clean(" ".join(doc.xpath("//title//text()")))
    parts = [p.strip() for p in _TITLE_PARTS.split(title) if p.strip()]
    key = normalized_key(headline)
    rest = [p for p in parts if normalized_key(p) and normalized_key(p) not in key and key not in normalized_key(p)]
    return rest[-1][:40] if len(parts) > 1 and rest else ""


def _stated_titles(doc):
    for xpath, name in (('//meta[@property="og:title"]/@content', "og:title"),
                        ('//meta[@name="title"]/@content', "meta title"), ("//title//text()", "<title>")):
        values = doc.xpath(xpath)
        if values:
            yield " ".join(str(v) for v in values), name


def _headings(doc) -> list[str]:
    found = []
    for el in doc.xpath("//h1|//h2|//h3|//h4|//*[contains(@class,'title') or contains(@id,'title')]"):
        if el.tag in ("title", "meta", "head", "html", "body"):
            continue
        text = _clean(el.text_content())
        if 4 <= len(text) <= 120 and text not in found:
            found.append(text)
    return found


def _overlap(part: str, whole: str) -> float:
    """Share of `part` found in `whole` as one run (1.0: `part` is a substring)."""
    if not part or not whole:
        return 0.0
    if part in whole:
        return 1.0
    match = SequenceMatcher(None, part, whole, autojunk=False).find_longest_match(0, len(part), 0, len(whole))
    return match.size / len(part)


def site_title_headline(title: str) -> str:
    """`<title>` less the site and section names around the headline: its longest part."""
    parts = [p.strip() for p in _TITLE_PARTS.split(title) if p.strip()]
    if len(parts) <= 1:
        return title.strip()
    return max(parts, key=lambda p: len(normalized_key(p)))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


# -- the body -----------------------------------------------------------------------------------


def _main_block(html: str, doc) -> str:
    import logging

    from lxml import html as lhtml
    from readability import Document

    logging.getLogger("readability").setLevel(logging.ERROR)
    try:
        block = lhtml.fragment_fromstring(Document(_XML_DECLARATION.sub("", html)).summary(html_partial=True))
    except Exception:
        return ""
    _drop_widgets(block)
    return _block_text(block)


def _drop_widgets(block) -> None:
    """Link-dense blocks and comment/share/form widgets go whole, not line by line."""
    for el in list(block.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag in ("form", "button", "select", "input", "textarea", "script", "style", "nav", "aside"):
            el.drop_tree()
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')}"
        if marks.strip() and _WIDGET.search(marks) and len(normalized_key(el.text_content())) < 400:
            el.drop_tree()
            continue
        if (el.tag == "figcaption" or (marks.strip() and _CAPTION.search(marks))) \
                and len(normalized_key(el.text_content())) <= _MAX_CAPTION_CHARS:
            # A photo's caption describes the photo, not the story (the rubric counts it as chrome).
            el.drop_tree()
            continue
        if el.tag in ("ul", "ol", "div", "table", "section", "p", "li", "dl"):
            text = normalized_key(el.text_content())
            if not text:
                continue
            links = sum(len(normalized_key(a.text_content())) for a in el.iter("a"))
            if links / len(text) > _LINK_DENSE and (el.tag != "p" or len(text) < 200):
                el.drop_tree()


def _block_text(block) -> str:
    """One line per block element, inline markup joined."""
    for el in block.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag not in ("br", "hr"):
                el.text = "\n" + (el.text or "")
    lines: list[str] = []
    for line in (_clean(line) for line in block.text_content().split("\n")):
        if not line:
            continue
        # Broken markup splits a sentence around an inline link (`…突然放量` `跌停` `,`): a line that
        # starts with punctuation, or a few characters after an unfinished line, goes back into it.
        short = len(line) <= 6 and not any(mark in line for mark in ":：|")
        if lines and (line[0] in _CONTINUES or (short and lines[-1][-1] not in _FINISHED)):
            lines[-1] += line
        else:
            lines.append(line)
    return "\n".join(lines)


def _trafilatura(html: str) -> tuple[str, dict[str, str]]:
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, favor_recall=True,
                                      with_metadata=True)
    if doc is None:
        return "", {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    meta = {key: str(data[key]) for key in ("date", "url") if data.get(key)}
    if data.get("title"):
        meta["title"], meta["title_source"] = str(data["title"]), "trafilatura"
    return data.get("text") or "", meta


def _strip_all_tags(html: str) -> str:
    import html as htmllib

    html = re.sub(r"(?is)<(script|style|noscript)[^>]*>.*?</\1>", "", html)
    html = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</h\d>", "\n", html)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))

"""Write cleaned articles for people (text) or programs (JSONL, JSON)."""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from ..records import Article
from . import jsonl_line

_FIELDS = ("id", "title", "text", "sentences", "source", "encoding", "date", "url", "flags", "site")


def article_record(article: Article, explain: bool = False) -> dict:
    # The fields themselves, not `to_dict()`: its deep copy of every sentence list cost clean a
    # twentieth of its time, and the record is only written, never kept.
    record = {key: getattr(article, key) for key in _FIELDS}
    if explain:
        record["title_source"] = article.title_source
        record["removed"] = [{"line": line, "rule": rule} for line, rule in article.removed]
    return record


def write_articles(articles: Iterable[Article], out: TextIO, fmt: str = "text", explain: bool = False) -> int:
    """Write cleaned articles; with `explain`, what cleaning removed from each page and why."""
    count = 0
    if fmt == "json":
        records = [article_record(a, explain) for a in articles]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return len(records)
    for article in articles:
        count += 1
        if fmt == "jsonl":
            out.write(jsonl_line(article_record(article, explain)) + "\n")
        else:
            out.write(_readable(article) + (_explained(article) if explain else ""))
        out.flush()
    return count


def _readable(article: Article) -> str:
    head = f"=== {article.id}"
    if article.title:
        head += f" | {article.title}"
    details = [article.source]
    if article.encoding:
        details.append(article.encoding)
    if article.date:
        details.append(article.date)
    details.append(f"{len(article.sentences)} sentences")
    for key, n in article.flags.items():
        details.append(f"{key.replace('_', ' ')}: {n}")
    return f"{head}\n({'; '.join(details)})\n\n{article.text}\n\n"


def _explained(article: Article) -> str:
    lines = [f"--- title: {article.title_source or 'none'}"]
    if article.removed:
        lines.append(f"--- removed from the page ({len(article.removed)}):")
        lines += [f"  [{rule}] {line}" for line, rule in article.removed]
    elif article.id.endswith("#1") or "#" not in article.id:
        lines.append("--- removed from the page: nothing")
    return "\n".join(lines) + "\n\n"

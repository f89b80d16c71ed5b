"""Write cleaned articles for people (text) or programs (JSONL, JSON)."""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from ..records import Article

_FIELDS = ("id", "title", "text", "sentences", "source", "encoding", "date", "url", "flags")


def article_record(article: Article) -> dict:
    data = article.to_dict()
    return {key: data[key] for key in _FIELDS}


def write_articles(articles: Iterable[Article], out: TextIO, fmt: str = "text") -> int:
    count = 0
    if fmt == "json":
        records = [article_record(a) for a in articles]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return len(records)
    for article in articles:
        count += 1
        if fmt == "jsonl":
            out.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
        else:
            out.write(_readable(article))
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

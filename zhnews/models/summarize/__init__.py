"""Extractive summarizers behind one interface, and their registry.

Adding a summarizer: a module here with a `Summarizer` subclass (it only
implements `score(graph)`), and one line in `SUMMARIZERS`. The CLI's
`--method` choices, its help and the contract tests are built from this table.
"""

from __future__ import annotations

from ... import settings
from .base import DEFAULT_LENGTH, Length, SentenceGraph, Summarizer, truncate
from .lead import LeadSummarizer
from .textrank import TextRankSummarizer, pagerank

SUMMARIZERS: dict[str, type[Summarizer]] = {
    "textrank": TextRankSummarizer,
    "lead": LeadSummarizer,
}

__all__ = [
    "DEFAULT_LENGTH", "Length", "LeadSummarizer", "SUMMARIZERS", "SentenceGraph", "Summarizer",
    "TextRankSummarizer", "get_summarizer", "pagerank", "truncate",
]


def get_summarizer(name: str = settings.SUMMARIZER, length: Length = DEFAULT_LENGTH) -> Summarizer:
    """The registered summarizer `name`; an unknown name raises `ValueError`."""
    try:
        return SUMMARIZERS[name](length=length)
    except KeyError:
        raise ValueError(f"unknown summarizer {name!r}; choose from {', '.join(SUMMARIZERS)}") from None

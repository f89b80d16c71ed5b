"""The lead baseline: the article's first sentences."""

from __future__ import annotations

import numpy as np

from .base import SentenceGraph, Summarizer


class LeadSummarizer(Summarizer):
    """The first sentences: the baseline every summarizer must beat."""

    description = "the first sentences, the baseline"

    def score(self, graph: SentenceGraph) -> np.ndarray:
        return -np.arange(len(graph.sentences), dtype=float)

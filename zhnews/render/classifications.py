"""`zhnews classify` output: a table for people, JSONL, JSON or CSV for programs."""

from __future__ import annotations

import csv
import json
import unicodedata
from typing import Iterable, TextIO

from ..records import Classification
from ..themes import Theme, display_name
from . import jsonl_line

FORMATS = ("table", "jsonl", "json", "csv")


def write_classifications(
    results: Iterable[Classification], stream: TextIO, fmt: str, labels: list[str],
    themes: dict[str, Theme] | None = None, cut_offs: dict[str, float] | None = None,
) -> int:
    """Print classifications as a table, JSONL, one JSON array, or CSV; returns the count.

    `cut_offs` (each label's threshold in use) heads the table and is in every JSONL/JSON row, so
    a score can be read against the line it had to reach.
    """
    n = 0
    extra = {"thresholds": cut_offs} if cut_offs else {}
    if fmt == "json":
        items = [{**r.to_dict(), **extra} for r in results]
        stream.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        return len(items)
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["id", "title", "themes"] + [f"score:{l}" for l in labels] + ["why"])
        for r in results:
            why = "; ".join(f"{l}: {' '.join(terms)}" for l, terms in r.why.items())
            writer.writerow([r.id, r.title, "|".join(r.themes)] + [f"{r.scores[l]:.4f}" for l in labels] + [why])
            n += 1
        return n
    if fmt == "jsonl":
        for r in results:
            stream.write(jsonl_line({**r.to_dict(), **extra}) + "\n")
            n += 1
        return n
    short = {l: display_name(l, themes) for l in labels}
    # Each score column is as wide as its theme's name, so no name is cut.
    widths = {l: max(6, display_width(short[l])) for l in labels}
    if cut_offs:
        stream.write("thresholds: " + "  ".join(f"{short[l]} {cut_offs[l]:.2f}" for l in labels if l in cut_offs)
                     + "  (* marks a score at or above its theme's threshold)\n")
    header = pad("id", 28) + " " + pad("themes", 24) + " " + " ".join(pad(short[l], widths[l], right=True) for l in labels)
    stream.write(header + "  title\n")
    for r in results:
        themes_shown = ",".join(short[t] for t in r.themes) or "-"
        scores = " ".join(pad(f"{r.scores[l]:.2f}" + ("*" if l in r.themes else " "), widths[l], right=True)
                          for l in labels)
        stream.write(f"{pad(r.id, 28)} {pad(themes_shown, 24)} {scores}  {clip(r.title, 40)}\n")
        n += 1
    return n


def display_width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """Pad (or cut, with …) to a display width."""
    while display_width(text) > width:
        text = text[:-2] + "…"
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

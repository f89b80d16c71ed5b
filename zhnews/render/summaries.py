"""`zhnews summarize` output: readable text, JSONL (streamed) or one JSON list."""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from ..records import Summary
from ..text.lines import ends_sentence
from . import jsonl_line

FORMATS = ("text", "jsonl", "json")


def write_summaries(records: Iterable[Summary], out: TextIO, fmt: str = "text") -> int:
    """Write summaries in `fmt`; returns the count."""
    if fmt == "json":
        items = [r.to_dict() for r in records]
        out.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        return len(items)
    count = 0
    for record in records:
        count += 1
        if fmt == "jsonl":
            out.write(jsonl_line(record.to_dict()) + "\n")
        else:
            head = f"=== {record.id}" + (f" | {record.title}" if record.title else "")
            # A subheading has no full stop; a space keeps it apart from the next.
            text = "".join(s if ends_sentence(s) else s + " " for s in record.summary).strip()
            lines = [head, text or "(no summary: no sentences found)"]
            if record.keywords:
                lines.append("keywords: " + ", ".join(record.keywords))
            out.write("\n".join(lines) + "\n\n")
        out.flush()
    return count

"""Records → text. Renderers never call a model: they format what `run` made.

`DIGEST_FORMATS` is the registry of digest outputs. Adding one: a module
`digest_<name>.py` with a `render(digest) -> str`, and one line here; the
CLI's `--format` choices, the extension `-o` recognises and the contract
tests come from this table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable

from ..errors import UsageError
from ..records import Digest


# One JSON line of a record: `json.dumps(..., ensure_ascii=False)` builds a new encoder for
# every call, which a stream of records pays once a line.
jsonl_line = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(frozen=True)
class DigestFormat:
    name: str
    module: str  # imported on first use: the HTML renderer is not needed for Markdown
    extensions: tuple[str, ...]
    description: str

    def renderer(self) -> Callable[[Digest], str]:
        return import_module(f"{__name__}.{self.module}").render


DIGEST_FORMATS: dict[str, DigestFormat] = {
    f.name: f
    for f in (
        DigestFormat("html", "digest_html", (".html", ".htm"), "one self-contained page"),
        DigestFormat("md", "digest_markdown", (".md", ".markdown"), "Markdown, for chat and email"),
        DigestFormat("json", "digest_json", (".json",), "the full structure, for programs"),
    )
}
DEFAULT_DIGEST_FORMAT = "md"


def format_for(output: str | None, fmt: str | None) -> str:
    """The format asked for with --format, else the one -o's extension implies, else Markdown."""
    if fmt:
        if fmt not in DIGEST_FORMATS:
            raise UsageError(f"unknown digest format {fmt!r}; choose from {', '.join(DIGEST_FORMATS)}")
        return fmt
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        for f in DIGEST_FORMATS.values():
            if suffix in f.extensions:
                return f.name
        names = [f.extensions[0] for f in DIGEST_FORMATS.values()]
        names = ", ".join(names[:-1]) + " or " + names[-1]
        raise UsageError(f"cannot tell the format from {output!r}; name it {names}, or pass --format")
    return DEFAULT_DIGEST_FORMAT


def renderer(fmt: str) -> Callable[[Digest], str]:
    return DIGEST_FORMATS[fmt].renderer()


def summary_line(digest: Digest) -> str:
    """One line for the terminal: how many stories, per theme, and reprints merged."""
    parts = []
    for label, n in digest.counts.items():
        also = digest.elsewhere(label)
        parts.append(f"{label} {n}" + (f" ({also} of them listed under another theme)" if also else ""))
    return (f"digest of {len(digest.items)} stories ({', '.join(parts)}; other {len(digest.other)}; "
            f"{digest.n_duplicates} reprints merged)")

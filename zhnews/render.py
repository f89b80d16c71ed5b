"""Pick a digest renderer by name or by the output file's extension."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .digest import Digest
from .errors import UsageError

FORMATS = ("html", "md", "json")
_EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


def format_for(output: str | None, fmt: str | None) -> str:
    """The format asked for with --format, else the one -o's extension implies, else Markdown."""
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(f"unknown digest format {fmt!r}; choose from {', '.join(FORMATS)}")
        return fmt
    if output and output != "-":
        suffix = Path(output).suffix.lower()
        if suffix not in _EXTENSIONS:
            raise UsageError(
                f"cannot tell the format from {output!r}; name it .html, .md or .json, or pass --format"
            )
        return _EXTENSIONS[suffix]
    return "md"


def renderer(fmt: str) -> Callable[[Digest], str]:
    if fmt == "html":
        from .render_html import render_html

        return render_html
    if fmt == "json":
        from .render_json import render_json

        return render_json
    from .render_markdown import render_markdown

    return render_markdown

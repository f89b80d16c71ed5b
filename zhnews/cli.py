"""The `zhnews` command line: parse options, call the library, print.

Exit codes: 0 all input processed; 1 some input skipped (see the report on
stderr, or --errors FILE); 2 usage error (bad option, missing path, nothing to
read); 3 model problem (missing, corrupt, untrusted, training failed);
130 interrupted.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from . import __version__
from .errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_SKIPPED, ErrorLog, ZhnewsError

app = typer.Typer(
    name="zhnews",
    help=(
        "Read Chinese regional and industry news pages, tell what each article is about "
        "and what it says.\n\n"
        "Examples:\n\n"
        "  zhnews digest seeds/ -o digest.html     # the day's digest, grouped by theme\n\n"
        "  zhnews clean page.txt                   # see the cleaned articles\n\n"
        "  zhnews classify seeds/ --format jsonl   # themes with confidences\n\n"
        "  zhnews summarize seeds/ -n 2            # two-sentence summaries\n\n"
        "  cat articles.jsonl | zhnews classify -  # pipelines: JSONL on stdin\n\n"
        "Exit codes: 0 ok, 1 some input skipped, 2 usage error, 3 model problem, 130 interrupted."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

INPUTS_HELP = "Files, folders (read recursively) or - for stdin: .txt .md .html .jsonl .csv .tsv"


class TextFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zhnews {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    pass


def echo_err(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def run_errors(errors: ErrorLog, errors_file: Optional[Path] = None) -> Iterator[None]:
    """Turn library errors into one-line messages and documented exit codes."""
    try:
        yield
    except ZhnewsError as exc:
        echo_err(f"zhnews: error: {exc}")
        _report(errors, errors_file, quiet=True)
        raise typer.Exit(exc.exit_code)
    except KeyboardInterrupt:
        echo_err("zhnews: interrupted; nothing was overwritten")
        raise typer.Exit(EXIT_INTERRUPTED)
    code = _report(errors, errors_file)
    if code:
        raise typer.Exit(code)


def _report(errors: ErrorLog, errors_file: Optional[Path], quiet: bool = False) -> int:
    if errors_file is not None:
        errors.write_jsonl(errors_file)
    if not errors.problems:
        return EXIT_OK
    if not quiet:
        for problem in errors.problems[:20]:
            echo_err(f"zhnews: skipped {problem}")
        if len(errors.problems) > 20:
            echo_err(f"zhnews: ... and {len(errors.problems) - 20} more (use --errors FILE for all)")
        echo_err(f"zhnews: {errors.summary()}")
    return EXIT_SKIPPED


ERRORS_OPTION = typer.Option(None, "--errors", help="Write skipped inputs and reasons to FILE as JSONL.")
STRICT_OPTION = typer.Option(False, "--strict", help="Stop at the first bad file or record.")
ENCODING_OPTION = typer.Option(None, "--encoding", help="Force the input encoding (e.g. gbk, big5); default: detect.")


@app.command()
def clean(
    inputs: List[str] = typer.Argument(..., help=INPUTS_HELP, show_default=False),
    format: TextFormat = typer.Option(TextFormat.text, "--format", "-f", help="text (readable), jsonl or json."),
    encoding: Optional[str] = ENCODING_OPTION,
    strict: bool = STRICT_OPTION,
    errors_file: Optional[Path] = ERRORS_OPTION,
) -> None:
    """Show the cleaned articles exactly as the models will see them.

    Removes page chrome (breadcrumbs, menus, contact and share lines,
    copyright notices, related-article lists), converts traditional
    characters to simplified, splits newspaper pages into articles and
    articles into sentences.

    Examples:

      zhnews clean seeds/

      zhnews clean page.html --format jsonl > articles.jsonl

      cat page.txt | zhnews clean - --encoding gbk
    """
    from .pipeline import load_articles
    from .render_text import write_articles

    errors = ErrorLog(strict=strict)
    with run_errors(errors, errors_file):
        articles = load_articles(inputs, encoding=encoding, errors=errors)
        write_articles(articles, sys.stdout, format.value)


def main() -> None:
    app()

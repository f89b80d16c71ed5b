"""`zhnews clean`: the cleaned articles, exactly as the models see them."""

from __future__ import annotations

import sys

import typer
from typing_extensions import Annotated

from ..errors import ErrorLog
from ._options import (
    Encoding,
    ErrorsFile,
    InputFormat,
    Inputs,
    Strict,
    TextFormat,
    TextOutput,
)
from ._report import check_io, run_errors

NAME = "clean"


def command(
    inputs: Inputs,
    fmt: TextOutput = "text",
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Also list every line removed from each page, with the rule that removed "
                     "it, and where the title came from."),
    ] = False,
    encoding: Encoding = None,
    input_format: InputFormat = None,
    strict: Strict = False,
    errors_file: ErrorsFile = None,
) -> None:
    """Show the cleaned articles exactly as the models will see them.

    Removes page chrome (breadcrumbs, menus, contact and share lines,
    copyright notices, related-article lists), converts traditional
    characters to simplified, splits newspaper pages into articles and
    articles into sentences. --explain shows the work: every removed line
    and the rule that removed it (report a false removal with it).

    Examples:

      zhnews clean seeds/

      zhnews clean page.html --explain

      zhnews clean page.html --format jsonl > articles.jsonl

      cat page.txt | zhnews clean - --encoding gbk
    """
    from ..render.articles import write_articles
    from ..run.articles import load_articles

    errors = ErrorLog(strict=strict)
    with run_errors(errors):
        check_io(inputs, encoding, errors_file, None, errors)
        articles = load_articles(inputs, encoding=encoding, errors=errors, explain=explain,
                                 input_format=input_format.value if input_format else None)
        write_articles(articles, sys.stdout, TextFormat(fmt).value, explain=explain)

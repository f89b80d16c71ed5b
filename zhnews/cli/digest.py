"""`zhnews digest`: the day's articles grouped by theme, each with a summary."""

from __future__ import annotations

import sys
from typing import Optional

import typer
from typing_extensions import Annotated

from .. import settings
from ..errors import ErrorLog, OutputError, UsageError
from ..render import DIGEST_FORMATS
from ._options import (
    Chars,
    DigestFormat,
    Encoding,
    ErrorsFile,
    InputFormat,
    Inputs,
    Jobs,
    Keywords,
    ModelDir,
    Progress,
    Quiet,
    Ratio,
    Sentences,
    Strict,
    SummaryMethod,
    Themes,
    Threshold,
    UserDict,
    listed,
    parse_thresholds,
)
from ._progress import ProgressReport
from ._report import as_usage, check_io, echo_err, run_errors
from ._report import user_words as _user_words

NAME = "digest"
_EXTENSIONS = listed(f.extensions[0] for f in DIGEST_FORMATS.values())


def command(
    inputs: Inputs,
    output: Annotated[
        Optional[str],
        typer.Option("--output", "-o", help=f"File to write: {_EXTENSIONS} (default: Markdown on stdout)."),
    ] = None,
    fmt: Annotated[
        Optional[DigestFormat],
        typer.Option("--format", "-f", help=f"{listed(DIGEST_FORMATS)} (overrides -o's extension)."),
    ] = None,
    date: Annotated[
        Optional[str], typer.Option("--date", "-d", help="Only this day (YYYY-MM-DD); undated articles are kept.")
    ] = None,
    model: ModelDir = None,
    threshold: Threshold = None,
    theme: Themes = None,
    method: SummaryMethod = settings.SUMMARIZER,
    sentences: Sentences = None,
    chars: Chars = None,
    ratio: Ratio = None,
    keywords: Keywords = settings.KEYWORDS,
    dedupe: Annotated[
        float, typer.Option("--dedupe", help="Similarity (0-1] from which two articles count as one story reprinted.")
    ] = settings.DEDUPE_THRESHOLD,
    progress: Progress = False,
    quiet: Quiet = False,
    jobs: Jobs = settings.JOBS,
    encoding: Encoding = None,
    user_dict: UserDict = None,
    input_format: InputFormat = None,
    strict: Strict = False,
    errors_file: ErrorsFile = None,
) -> None:
    """Build the day's digest: articles grouped by theme, each with a summary.

    Cleans and splits the pages, shows a story reprinted by several sites
    once (listing the others), tags themes with the model, summarizes and
    picks keywords, and ranks each theme's articles by confidence and
    substance. Articles with no theme go to a collapsed "other news"
    section (with --theme, so do those of the other themes). The output
    file is replaced only once the new digest is
    complete; if the run fails, the old one stays.

    Examples:

      zhnews digest seeds/ -o digest.html

      zhnews digest scraped/ --date 2026-11-30 -o today.md

      zhnews digest scraped/ --theme parks -o parks.html    # the park team's digest

      cat articles.jsonl | zhnews digest - --format json > digest.json

      zhnews digest archive/ --jobs 4 -o week.html
    """
    from ..atomic import write_text_atomic
    from ..models.summarize import Length
    from ..render import format_for, renderer, summary_line
    from ..run.digest import make_digest
    from ..run.parallel import check_jobs
    from ..run.tasks import check_count
    from ..text.dates import normalize_date

    errors = ErrorLog(strict=strict)
    with run_errors(errors):
        check_io(inputs, encoding, errors_file, output, errors)
        kind = format_for(output, fmt.value if fmt else None)
        day = None
        if date:
            day = normalize_date(date)
            if not day:
                raise UsageError(f"--date {date!r} is not a date; use YYYY-MM-DD")
        as_usage(check_count, "--keywords", keywords)
        if not 0.0 < dedupe <= 1.0:
            raise UsageError("--dedupe must be in (0, 1]")
        length = as_usage(Length.from_options, sentences, chars, ratio)
        _user_words(user_dict)
        show = not quiet and (progress or sys.stderr.isatty())

        def read(n: int) -> None:
            if show:
                echo_err(f"zhnews: read {n} articles; classifying and summarizing")

        with ProgressReport("summarized", forced=progress, quiet=quiet) as bar:
            result = make_digest(
                inputs, model_dir=model, method=getattr(method, "value", method), length=length, keywords=keywords,
                day=day, dedupe_threshold=dedupe, threshold=parse_thresholds(threshold), only=tuple(theme or ()),
                encoding=encoding, errors=errors,
                input_format=input_format.value if input_format else None,
                jobs=check_jobs(jobs), on_read=read, progress=lambda stage, done, total: bar.update(done, total),
            )
        if day and not result.n_input:
            echo_err(f"zhnews: warning: no article is dated {day}; the digest is empty")
        text = renderer(kind)(result)
        if output is None or output == "-":
            sys.stdout.write(text)
        else:
            try:
                write_text_atomic(output, text)
            except OSError as exc:
                raise OutputError(f"--output {output}: cannot write it ({exc.strerror or exc}); "
                                  "the previous file, if any, is unchanged") from None
            echo_err(f"zhnews: {summary_line(result)} written to {output}")

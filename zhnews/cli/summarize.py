"""`zhnews summarize`: a few of each article's own sentences, with keywords."""

from __future__ import annotations

import sys

from .. import settings
from ..errors import ErrorLog, UsageError
from ._options import (
    Chars,
    Encoding,
    ErrorsFile,
    InputFormat,
    Inputs,
    Jobs,
    KeepSkipped,
    Keywords,
    Progress,
    Quiet,
    Ratio,
    Sentences,
    Strict,
    SummaryMethod,
    TextFormat,
    TextOutput,
    UserDict,
)
from ._progress import ProgressReport, run_with_progress
from ._report import as_usage, check_io, run_errors
from ._report import user_words as _user_words

NAME = "summarize"


def command(
    inputs: Inputs,
    sentences: Sentences = None,
    chars: Chars = None,
    ratio: Ratio = None,
    method: SummaryMethod = settings.SUMMARIZER,
    keywords: Keywords = settings.KEYWORDS,
    fmt: TextOutput = "text",
    progress: Progress = False,
    quiet: Quiet = False,
    jobs: Jobs = settings.JOBS,
    keep_skipped: KeepSkipped = False,
    encoding: Encoding = None,
    user_dict: UserDict = None,
    input_format: InputFormat = None,
    strict: Strict = False,
    errors_file: ErrorsFile = None,
) -> None:
    """Summarize each article in a few of its own sentences, with keywords.

    Give one length: -n sentences, --chars characters or --ratio of the
    article; the default (120 characters) fits a digest line. Sentences
    come out in the article's order, never twice. JSONL in (id, title,
    text) gives JSONL out (id, title, summary as a list of sentences,
    keywords).

    Examples:

      zhnews summarize seeds/ -n 2

      zhnews summarize page.html --chars 80

      cat articles.jsonl | zhnews summarize - --format jsonl > summaries.jsonl

      zhnews summarize archive.jsonl --jobs 4 --format jsonl > summaries.jsonl
    """
    from ..models.summarize import Length
    from ..render.summaries import write_summaries
    from ..run.parallel import check_jobs
    from ..run.tasks import SummarizeTask, check_count

    errors = ErrorLog(strict=strict)
    with run_errors(errors):
        check_io(inputs, encoding, errors_file, None, errors)
        length = as_usage(Length.from_options, sentences, chars, ratio)
        as_usage(check_count, "--keywords", keywords)
        n_jobs = check_jobs(jobs)
        if keep_skipped and TextFormat(fmt).value not in ("jsonl", "json"):
            raise UsageError("--keep-skipped writes rows: use --format jsonl or json")
        task = SummarizeTask(getattr(method, "value", method), length, keywords, user_words=_user_words(user_dict))
        with ProgressReport("summarized", forced=progress, quiet=quiet) as report:
            records = run_with_progress(inputs, task, report, errors=errors, encoding=encoding,
                                        input_format=input_format, jobs=n_jobs, keep_skipped=keep_skipped)
            write_summaries(records, sys.stdout, TextFormat(fmt).value)

"""`zhnews summarize`: a few of each article's own sentences, with keywords."""

from __future__ import annotations

import sys

from .. import settings
from ..errors import ErrorLog
from ._options import (
    Chars,
    Encoding,
    ErrorsFile,
    Inputs,
    Jobs,
    Keywords,
    Progress,
    Ratio,
    Sentences,
    Strict,
    SummaryMethod,
    TextFormat,
    TextOutput,
)
from ._report import as_usage, echo_err, run_errors

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
    jobs: Jobs = settings.JOBS,
    encoding: Encoding = None,
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
    from ..io.encoding import check_encoding
    from ..io.read import check_inputs, read_records
    from ..models.summarize import Length
    from ..render.summaries import write_summaries
    from ..run.parallel import check_jobs, process
    from ..run.tasks import SummarizeTask, check_count

    errors = ErrorLog(strict=strict)
    with run_errors(errors, errors_file):
        check_inputs(inputs)
        check_encoding(encoding)
        length = as_usage(Length.from_options, sentences, chars, ratio)
        as_usage(check_count, "--keywords", keywords)
        n_jobs = check_jobs(jobs)
        show = progress or sys.stderr.isatty()
        task = SummarizeTask(getattr(method, "value", method), length, keywords)

        def records():
            count = 0
            for count, record in enumerate(
                process(read_records(inputs, errors, encoding), task, jobs=n_jobs, errors=errors), start=1
            ):
                yield record
                if show and count % 100 == 0:
                    echo_err(f"zhnews: summarized {count} articles")
            if show:
                echo_err(f"zhnews: summarized {count} articles")

        write_summaries(records(), sys.stdout, TextFormat(fmt).value)

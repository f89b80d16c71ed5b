"""`zhnews classify`: zero, one or several themes per article, with confidences."""

from __future__ import annotations

import sys

import typer
from typing_extensions import Annotated

from .. import settings
from ..errors import ErrorLog, UsageError
from ._options import (
    ClassifyFormat,
    ClassifyOutput,
    Encoding,
    ErrorsFile,
    InputFormat,
    Inputs,
    Jobs,
    KeepSkipped,
    ModelDir,
    Progress,
    Quiet,
    Strict,
    Themes,
    Threshold,
    UserDict,
    parse_thresholds,
)
from ._progress import ProgressReport, run_with_progress
from ._report import as_usage, check_io, run_errors
from ._report import user_words as _user_words

NAME = "classify"


def command(
    inputs: Inputs,
    fmt: ClassifyOutput = "table",
    model: ModelDir = None,
    threshold: Threshold = None,
    theme: Themes = None,
    why: Annotated[int, typer.Option("--why", help="Terms shown per theme as the reason; 0 for none.")] = settings.WHY_TERMS,
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
    """Tag each article with zero, one or several themes, with confidences.

    Every label gets a probability; a theme applies when it reaches that
    theme's threshold (chosen by cross-validation when the model was
    trained). No theme is a normal answer. The machine formats carry `id`,
    `title`, `themes`, `scores` (every label), `why` (the terms that
    pushed each theme) and `thresholds` (the cut-offs in use; the table
    prints them above its header).

    Examples:

      zhnews classify seeds/

      zhnews classify page.html --format jsonl

      cat articles.jsonl | zhnews classify - --format csv > themes.csv

      zhnews classify news/ --model my_model/ --threshold 0.6

      zhnews classify news/ --theme parks --threshold parks=0.5

      zhnews classify archive.jsonl --jobs 4 --format jsonl > themes.jsonl
    """
    from ..render.classifications import write_classifications
    from ..run.parallel import check_jobs
    from ..run.tasks import ClassifyTask, check_count

    errors = ErrorLog(strict=strict)
    with run_errors(errors):
        check_io(inputs, encoding, errors_file, None, errors)
        as_usage(check_count, "--why", why)
        n_jobs = check_jobs(jobs)
        if keep_skipped and ClassifyFormat(fmt).value not in ("jsonl", "json"):
            raise UsageError("--keep-skipped writes rows: use --format jsonl or json")
        task = ClassifyTask(model, parse_thresholds(threshold), why, user_words=_user_words(user_dict), only=tuple(theme or ()))
        task.setup()  # a bad model stops the run before any input is read
        with ProgressReport("classified", forced=progress, quiet=quiet) as report:
            results = run_with_progress(inputs, task, report, errors=errors, encoding=encoding,
                                        input_format=input_format, jobs=n_jobs, keep_skipped=keep_skipped)
            write_classifications(results, sys.stdout, ClassifyFormat(fmt).value, task.labels,
                                  themes=task.themes, cut_offs=task.cut_offs)

"""`zhnews evaluate`: precision, recall, F1 and confusions of a model on labelled data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from typing_extensions import Annotated

from .. import settings
from ..errors import ErrorLog, UsageError
from ._options import DataLimit, ModelDir, ReportFormat, Threshold, parse_thresholds
from ._report import echo_err, run_errors

NAME = "evaluate"


def command(
    data: Annotated[
        List[Path], typer.Argument(help="Labelled data, in any format `zhnews train` reads.", show_default=False)
    ],
    model: ModelDir = None,
    compare: Annotated[
        Optional[str],
        typer.Option("--compare", metavar="MODEL",
                     help="A second model folder (or `shipped`) scored on the same data, side by side."),
    ] = None,
    threshold: Threshold = None,
    plot: Annotated[
        Optional[Path], typer.Option("--plot", help="Save a PNG of the confusions (needs zhnews[plot]).")
    ] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="text or json.")] = "text",
    data_limit: DataLimit = settings.TRAIN_MAX_CHARS,
) -> None:
    """Score a model on labelled articles it was not trained on.

    Per label: precision, recall, F1, TP/FP/FN/TN and support; micro and
    macro averages (labels the data never has are left out of the macro
    average, and the report says so); the label × label confusions; and
    each misclassified article with its title, true and predicted labels
    and its scores against the thresholds. The data's labels must all be
    the model's (exit 3 otherwise). With --compare, two models side by
    side and the articles whose labels change.

    Examples:

      zhnews evaluate heldout.jsonl

      zhnews evaluate heldout.jsonl --model my_model/ --compare shipped

      zhnews evaluate heldout.jsonl --model my_model/ --plot confusions.png

      zhnews evaluate heldout.jsonl --format json > report.json
    """
    from ..render.evaluation import format_comparison, format_report, plot_report
    from ..run.train import evaluate_model

    errors = ErrorLog()
    with run_errors(errors):
        if plot is not None and compare is not None:
            raise UsageError("--plot draws one model: leave out --compare, or plot each model on its own")
        result = evaluate_model([str(p) for p in data], model, threshold=parse_thresholds(threshold),
                                data_limit=data_limit, compare_with=compare)
        if plot is not None:
            plot_report(result, plot)
        if ReportFormat(fmt).value == "json":
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        elif compare is not None:
            typer.echo(format_comparison(result))
        else:
            typer.echo(format_report(result))
        if plot is not None:
            echo_err(f"zhnews: plot written to {plot}")

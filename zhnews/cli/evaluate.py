"""`zhnews evaluate`: precision, recall, F1 and confusions of a model on labelled data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from typing_extensions import Annotated

from .. import settings
from ..errors import ErrorLog
from ._options import DataLimit, ModelDir, ReportFormat, Threshold
from ._report import echo_err, run_errors

NAME = "evaluate"


def command(
    data: Annotated[
        List[Path], typer.Argument(help="Labelled data, in any format `zhnews train` reads.", show_default=False)
    ],
    model: ModelDir = None,
    threshold: Threshold = None,
    plot: Annotated[
        Optional[Path], typer.Option("--plot", help="Save a PNG of the confusions (needs zhnews[plot]).")
    ] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="text or json.")] = "text",
    data_limit: DataLimit = settings.TRAIN_MAX_CHARS,
) -> None:
    """Score a model on labelled articles it was not trained on.

    Per label: precision, recall, F1 and TP/FP/FN/TN; micro and macro
    averages; and for the false positives, which themes those articles
    really had. Labels the model does not know are ignored.

    Examples:

      zhnews evaluate heldout.jsonl

      zhnews evaluate heldout.jsonl --model my_model/ --plot confusions.png

      zhnews evaluate heldout.jsonl --format json > report.json
    """
    from ..models.evaluate import format_report, plot_report
    from ..run.train import evaluate_model

    errors = ErrorLog()
    with run_errors(errors):
        report, unknown = evaluate_model([str(p) for p in data], model, threshold=threshold, data_limit=data_limit)
        if unknown:
            echo_err(f"zhnews: warning: labels unknown to the model are ignored: {', '.join(unknown)}")
        if plot is not None:
            plot_report(report, plot)
        if ReportFormat(fmt).value == "json":
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            typer.echo(format_report(report))
        if plot is not None:
            echo_err(f"zhnews: plot written to {plot}")

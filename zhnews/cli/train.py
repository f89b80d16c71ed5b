"""`zhnews train`: a theme model from labelled samples, with its cross-validated scores."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from typing_extensions import Annotated

from .. import settings
from ..errors import ErrorLog, UsageError
from ._options import DataLimit
from ._report import echo_err, run_errors

NAME = "train"


def command(
    data: Annotated[
        List[Path],
        typer.Argument(help="JSONL, CSV/TSV files, or folders of them, or one folder per label.", show_default=False),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Model folder to write (replaced only if training succeeds).")
    ],
    with_default_data: Annotated[
        bool,
        typer.Option("--with-default-data", help="Add the shipped corpus, so your examples extend the default themes."),
    ] = False,
    labels: Annotated[
        Optional[str], typer.Option("--labels", help="Comma-separated allowed labels; others are errors.")
    ] = None,
    min_examples: Annotated[
        int, typer.Option("--min-examples", help="Fewest examples a label may have.")
    ] = settings.MIN_EXAMPLES,
    cv: Annotated[
        int, typer.Option("--cv", help="Cross-validation folds for thresholds and metrics (0: none).")
    ] = settings.CV_FOLDS,
    c: Annotated[float, typer.Option("--C", help="Inverse regularisation strength of each label's model.")] = settings.C,
    nb_alpha: Annotated[
        float,
        typer.Option("--nb-alpha", help="Smoothing of the naive-Bayes scaling of each feature (0: plain logistic regression)."),
    ] = settings.NB_ALPHA,
    max_chars: Annotated[
        int, typer.Option("--max-chars", help="Read only the first N characters of each article.")
    ] = settings.MAX_CHARS,
    char_span: Annotated[
        str,
        typer.Option("--char-span", metavar="auto|words|spaces|text",
                     help="What character n-grams may cross: nothing (words: runs of word characters), "
                          "punctuation (spaces), or everything (text: punctuation and spaces kept, as headline "
                          "classifiers do). auto: text when the examples are headline-short (median "
                          f"{settings.HEADLINE_CHARS} characters or less), else words."),
    ] = settings.CHAR_SPAN,
    heldout: Annotated[
        bool, typer.Option("--heldout-by-file", help="Also score each training file with a model trained on the others.")
    ] = False,
    heldout_data: Annotated[
        Optional[List[Path]],
        typer.Option("--heldout", metavar="FILE",
                     help="Real labelled articles kept out of training: the new model is scored on them in the same "
                          "run (repeatable; any format train reads)."),
    ] = None,
    label_names: Annotated[
        Optional[Path],
        typer.Option("--label-names", metavar="JSON",
                     help='Display names (and colours) of the labels: {"new_energy": "新能源"} or '
                          '{"new_energy": {"name": "新能源", "color": "#2c7a7b"}} (default: a labels.json '
                          "in the data folder; the four default themes have theirs)."),
    ] = None,
    data_limit: DataLimit = settings.TRAIN_MAX_CHARS,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0,
                     help="Worker processes fitting the labels' models side by side (0: one per CPU). Faster, "
                          "but each holds its own copy of the training matrix; the model is the same for any number."),
    ] = settings.TRAIN_JOBS,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Train a theme model and print its cross-validated scores.

    Data: JSONL with `text`, optional `title`, and `labels` (a list; [] is
    no theme); CSV/TSV with columns `text` and `labels` (separated by | or
    ,); or one folder per label (DIR/<label>/*.txt, `_none` for no theme).
    Any label names work; their display names (for tables and the digest)
    come from --label-names or a labels.json beside the data. The model is
    written atomically: if anything fails, the old --out folder is left as
    it was.

    Cross-validation tests on articles like the training ones. For a label
    with few examples, or whose examples all come from one file, train
    warns that those scores say little; --heldout FILE scores the new model
    on real articles instead, and `zhnews evaluate FILE --model OUT
    --compare shipped` shows it beside the shipped model.

    Examples:

      zhnews train training/ --out model/        # rebuild the shipped model

      zhnews train my_labels.jsonl --with-default-data --out my_model/ --heldout real.jsonl

      zhnews train corpus/ --out my_model/ --labels new_energy,finance
    """
    from ..render.evaluation import format_metrics, format_report
    from ..run.train import (
        cv_groups,
        find_label_names,
        load_heldout,
        load_training_data,
        make_classifier,
        train_and_save,
    )

    errors = ErrorLog()
    with run_errors(errors):
        from ..models.features import SPANS

        if char_span not in ("auto", *SPANS):
            raise UsageError(f"--char-span {char_span!r}: use auto, {', '.join(SPANS)}")
        allowed = [l.strip() for l in labels.split(",") if l.strip()] if labels else None
        dataset = load_training_data(
            [str(p) for p in data], with_default_data=with_default_data, labels=allowed, min_examples=min_examples,
            data_limit=data_limit,
        )
        names = find_label_names([str(p) for p in data], label_names)
        held = load_heldout([str(p) for p in heldout_data], dataset.labels(), data_limit) if heldout_data else None
        shown = settings.SKIPPED_SHOWN
        for warning in dataset.warnings[:shown]:
            echo_err(f"zhnews: warning: {warning}")
        if len(dataset.warnings) > shown:
            echo_err(f"zhnews: warning: ... and {len(dataset.warnings) - shown} more")
        counts = ", ".join(f"{l} {n}" for l, n in dataset.label_counts().items())
        echo_err(f"zhnews: {len(dataset)} examples ({counts}, no theme {dataset.summary()['no_theme']})")
        progress = (lambda m: None) if quiet else (lambda m: echo_err(f"zhnews: {m}"))
        classifier = make_classifier(C=c, cv=cv, nb_alpha=nb_alpha, max_chars=max_chars, char_span=char_span,
                                     n_jobs=jobs)
        model, report, on_heldout = train_and_save(dataset, out, classifier, heldout=heldout, heldout_data=held,
                                                   label_names=names, progress=progress)
        if model.cv_metrics_:
            how = "grouped by file" if cv_groups(dataset, cv) else "stratified"
            typer.echo(format_metrics(model.cv_metrics_, f"cross-validated ({cv} folds, {how}) at the chosen thresholds:"))
        typer.echo(f"character n-grams: {model.features_.params.char_span}")
        typer.echo("thresholds: " + ", ".join(f"{l} {t:.2f}" for l, t in zip(model.labels_, model.thresholds_)))
        if report is not None:
            typer.echo(format_report(report, "held out by file (trained on the other files):", errors_shown=0))
        if on_heldout is not None:
            where = ", ".join(str(p) for p in heldout_data)
            typer.echo(format_report(on_heldout, f"on the held-out articles ({where}), at these thresholds:",
                                     errors_shown=20))
        typer.echo(f"model written to {out}")

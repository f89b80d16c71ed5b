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
    if errors.notes and not quiet:
        for note in errors.notes[:5]:
            echo_err(f"zhnews: note: {note}")
        if len(errors.notes) > 5:
            echo_err(f"zhnews: note: ... and {len(errors.notes) - 5} more files ignored")
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
JOBS_OPTION = typer.Option(
    1, "--jobs", "-j", help="Worker processes (0: one per CPU); the output is the same as with 1."
)
SENTENCES_OPTION = typer.Option(None, "-n", "--sentences", help="Summary length in sentences.")
CHARS_OPTION = typer.Option(None, "--chars", help="Summary length in characters (default 120).")
RATIO_OPTION = typer.Option(None, "--ratio", help="Summary length as a share of the article (0-1].")
KEYWORDS_OPTION = typer.Option(5, "--keywords", "-k", help="Keywords per article; 0 for none.")
PROGRESS_OPTION = typer.Option(False, "--progress", help="Report progress on stderr (default: only on a terminal).")
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


@app.command()
def summarize(
    inputs: List[str] = typer.Argument(..., help=INPUTS_HELP, show_default=False),
    sentences: Optional[int] = SENTENCES_OPTION,
    chars: Optional[int] = CHARS_OPTION,
    ratio: Optional[float] = RATIO_OPTION,
    method: str = typer.Option("textrank", "--method", help="textrank, or lead (the first sentences)."),
    keywords: int = KEYWORDS_OPTION,
    format: TextFormat = typer.Option(TextFormat.text, "--format", "-f", help="text (readable), jsonl or json."),
    progress: bool = PROGRESS_OPTION,
    jobs: int = JOBS_OPTION,
    encoding: Optional[str] = ENCODING_OPTION,
    strict: bool = STRICT_OPTION,
    errors_file: Optional[Path] = ERRORS_OPTION,
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
    from .errors import UsageError
    from .parallel import check_jobs, process
    from .read import read_records
    from .summarize import Length, SummarizeTask, get_summarizer, write_summaries

    errors = ErrorLog(strict=strict)
    with run_errors(errors, errors_file):
        length = Length.from_options(sentences, chars, ratio)
        get_summarizer(method, length)  # an unknown method is a usage error before any work
        if keywords < 0:
            raise UsageError("--keywords must be 0 or more")
        n_jobs = check_jobs(jobs)
        show = progress or sys.stderr.isatty()
        task = SummarizeTask(method, length, keywords)

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

        write_summaries(records(), sys.stdout, format.value)


class ClassifyFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


MODEL_OPTION = typer.Option(None, "--model", "-m", help="Model folder (default: the shipped model).")


def _threshold(value: Optional[float]) -> Optional[float]:
    if value is not None and not 0.0 <= value <= 1.0:
        raise typer.BadParameter("must be between 0 and 1")
    return value


THRESHOLD_OPTION = typer.Option(
    None, "--threshold", "-t", callback=_threshold, help="One cut-off for every theme (default: each theme's own)."
)


@app.command()
def classify(
    inputs: List[str] = typer.Argument(..., help=INPUTS_HELP, show_default=False),
    format: ClassifyFormat = typer.Option(ClassifyFormat.table, "--format", "-f", help="table, jsonl, json or csv."),
    model: Optional[Path] = MODEL_OPTION,
    threshold: Optional[float] = THRESHOLD_OPTION,
    why: int = typer.Option(5, "--why", help="Terms shown per theme as the reason; 0 for none."),
    jobs: int = JOBS_OPTION,
    encoding: Optional[str] = ENCODING_OPTION,
    strict: bool = STRICT_OPTION,
    errors_file: Optional[Path] = ERRORS_OPTION,
) -> None:
    """Tag each article with zero, one or several themes, with confidences.

    Every label gets a probability; a theme applies when it reaches that
    theme's threshold (chosen by cross-validation when the model was
    trained). No theme is a normal answer. The machine formats carry `id`,
    `title`, `themes`, `scores` (every label) and `why` (the terms that
    pushed each theme).

    Examples:

      zhnews classify seeds/

      zhnews classify page.html --format jsonl

      cat articles.jsonl | zhnews classify - --format csv > themes.csv

      zhnews classify news/ --model my_model/ --threshold 0.6

      zhnews classify archive.jsonl --jobs 4 --format jsonl > themes.jsonl
    """
    from .classify import ClassifyTask, write_classifications
    from .errors import UsageError
    from .parallel import check_jobs, process
    from .persist import load_model
    from .read import read_records

    errors = ErrorLog(strict=strict)
    with run_errors(errors, errors_file):
        if why < 0:
            raise UsageError("--why must be 0 or more")
        n_jobs = check_jobs(jobs)
        task = ClassifyTask(model, threshold, why)
        task.model_ = load_model(model)  # a bad model stops the run before any input is read
        results = process(read_records(inputs, errors, encoding), task, jobs=n_jobs, errors=errors)
        write_classifications(results, sys.stdout, format.value, list(task.model_.labels_))


@app.command()
def train(
    data: List[Path] = typer.Argument(..., help="JSONL, CSV/TSV files, or folders of them, or one folder per label.",
                                      show_default=False),
    out: Path = typer.Option(..., "--out", "-o", help="Model folder to write (replaced only if training succeeds)."),
    with_default_data: bool = typer.Option(
        False, "--with-default-data", help="Add the shipped corpus, so your examples extend the default themes."
    ),
    labels: Optional[str] = typer.Option(None, "--labels", help="Comma-separated allowed labels; others are errors."),
    min_examples: int = typer.Option(5, "--min-examples", help="Fewest examples a label may have."),
    cv: int = typer.Option(5, "--cv", help="Cross-validation folds for thresholds and metrics (0: none)."),
    c: float = typer.Option(0.5, "--C", help="Inverse regularisation strength of each label's model."),
    nb_alpha: float = typer.Option(
        1.0, "--nb-alpha",
        help="Smoothing of the naive-Bayes scaling of each feature (0: plain logistic regression).",
    ),
    max_chars: int = typer.Option(3000, "--max-chars", help="Read only the first N characters of each article."),
    heldout: bool = typer.Option(
        False, "--heldout-by-file", help="Also score each training file with a model trained on the others."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on stderr."),
) -> None:
    """Train a theme model and print its cross-validated scores.

    Data: JSONL with `text`, optional `title`, and `labels` (a list; [] is
    no theme); CSV/TSV with columns `text` and `labels` (separated by | or
    ,); or one folder per label (DIR/<label>/*.txt, `_none` for no theme).
    Any label names work. The model is written atomically: if anything
    fails, the old --out folder is left as it was.

    Examples:

      zhnews train training/ --out model/        # rebuild the shipped model

      zhnews train my_labels.jsonl --with-default-data --out my_model/

      zhnews train corpus/ --out my_model/ --labels new_energy,finance
    """
    from .classify import ThemeClassifier
    from .evaluate import format_metrics, format_report
    from .features import FeatureParams
    from .train import heldout_by_file, load_training_data, save
    from .train import train as fit

    errors = ErrorLog()
    with run_errors(errors):
        allowed = [l.strip() for l in labels.split(",") if l.strip()] if labels else None
        dataset = load_training_data(
            [str(p) for p in data], with_default_data=with_default_data, labels=allowed, min_examples=min_examples
        )
        for warning in dataset.warnings[:20]:
            echo_err(f"zhnews: warning: {warning}")
        if len(dataset.warnings) > 20:
            echo_err(f"zhnews: warning: ... and {len(dataset.warnings) - 20} more")
        counts = ", ".join(f"{l} {n}" for l, n in dataset.label_counts().items())
        echo_err(f"zhnews: {len(dataset)} examples ({counts}, no theme {dataset.summary()['no_theme']})")
        progress = (lambda m: None) if quiet else (lambda m: echo_err(f"zhnews: {m}"))
        params = dict(C=c, cv=cv, nb_alpha=nb_alpha, features=FeatureParams(max_chars=max_chars))
        model = fit(dataset, classifier=ThemeClassifier(**params), progress=progress)
        extra = {}
        if heldout:
            report = heldout_by_file(dataset, params, progress=progress)
            extra["heldout_by_file"] = {k: v for k, v in report.to_dict().items() if k != "errors"}
        save(model, dataset, out, extra=extra)
        if model.cv_metrics_:
            typer.echo(format_metrics(model.cv_metrics_, f"cross-validated ({cv} folds) at the chosen thresholds:"))
        typer.echo("thresholds: " + ", ".join(f"{l} {t:.2f}" for l, t in zip(model.labels_, model.thresholds_)))
        if heldout:
            typer.echo(format_report(report, "held out by file (trained on the other files):"))
        typer.echo(f"model written to {out}")


@app.command()
def evaluate(
    data: List[Path] = typer.Argument(..., help="Labelled data, in any format `zhnews train` reads.",
                                      show_default=False),
    model: Optional[Path] = MODEL_OPTION,
    threshold: Optional[float] = THRESHOLD_OPTION,
    plot: Optional[Path] = typer.Option(None, "--plot", help="Save a PNG of the confusions (needs zhnews[plot])."),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text or json."),
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
    import json

    from .dataset import load_dataset
    from .errors import UsageError
    from .evaluate import evaluate as score_model
    from .evaluate import format_report, plot_report
    from .persist import load_model

    errors = ErrorLog()
    with run_errors(errors):
        clf = load_model(model)
        dataset = load_dataset([str(p) for p in data])
        if not len(dataset):
            raise UsageError("no labelled examples found")
        unknown = sorted(set(dataset.labels()) - set(clf.labels_))
        if unknown:
            echo_err(f"zhnews: warning: labels unknown to the model are ignored: {', '.join(unknown)}")
        report = score_model(clf, dataset, threshold=threshold)
        if plot is not None:
            plot_report(report, plot)
        if format is ReportFormat.json:
            typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            typer.echo(format_report(report))
        if plot is not None:
            echo_err(f"zhnews: plot written to {plot}")


class DigestFormat(str, Enum):
    html = "html"
    md = "md"
    json = "json"


@app.command()
def digest(
    inputs: List[str] = typer.Argument(..., help=INPUTS_HELP, show_default=False),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", help="File to write: .html, .md or .json (default: Markdown on stdout)."
    ),
    format: Optional[DigestFormat] = typer.Option(None, "--format", "-f", help="html, md or json (overrides -o's extension)."),
    date: Optional[str] = typer.Option(None, "--date", "-d", help="Only this day (YYYY-MM-DD); undated articles are kept."),
    model: Optional[Path] = MODEL_OPTION,
    threshold: Optional[float] = THRESHOLD_OPTION,
    sentences: Optional[int] = SENTENCES_OPTION,
    chars: Optional[int] = CHARS_OPTION,
    ratio: Optional[float] = RATIO_OPTION,
    keywords: int = KEYWORDS_OPTION,
    dedupe: float = typer.Option(
        0.5, "--dedupe", help="Similarity (0-1] from which two articles count as one story reprinted."
    ),
    progress: bool = PROGRESS_OPTION,
    jobs: int = JOBS_OPTION,
    encoding: Optional[str] = ENCODING_OPTION,
    strict: bool = STRICT_OPTION,
    errors_file: Optional[Path] = ERRORS_OPTION,
) -> None:
    """Build the day's digest: articles grouped by theme, each with a summary.

    Cleans and splits the pages, shows a story reprinted by several sites
    once (listing the others), tags themes with the model, summarizes and
    picks keywords, and ranks each theme's articles by confidence and
    substance. Articles with no theme go to a collapsed "other news"
    section. The output file is replaced only once the new digest is
    complete; if the run fails, the old one stays.

    Examples:

      zhnews digest seeds/ -o digest.html

      zhnews digest scraped/ --date 2026-11-30 -o today.md

      cat articles.jsonl | zhnews digest - --format json > digest.json

      zhnews digest archive/ --jobs 4 -o week.html
    """
    from .atomic import write_text_atomic
    from .digest import build_digest
    from .errors import UsageError
    from .keywords import KeywordExtractor, no_keywords
    from .parallel import check_jobs
    from .persist import load_model
    from .pipeline import load_articles, normalize_date
    from .render import format_for, renderer
    from .summarize import Length, get_summarizer

    errors = ErrorLog(strict=strict)
    with run_errors(errors, errors_file):
        fmt = format_for(output, format.value if format else None)
        day = None
        if date:
            day = normalize_date(date)
            if not day:
                raise UsageError(f"--date {date!r} is not a date; use YYYY-MM-DD")
        if keywords < 0:
            raise UsageError("--keywords must be 0 or more")
        if not 0.0 < dedupe <= 1.0:
            raise UsageError("--dedupe must be in (0, 1]")
        summarizer = get_summarizer("textrank", Length.from_options(sentences, chars, ratio))
        extractor = KeywordExtractor(top_k=keywords)
        show = progress or sys.stderr.isatty()
        clf = load_model(model)
        articles = list(load_articles(inputs, encoding=encoding, errors=errors))
        if not articles:
            raise UsageError("no articles found in the input; nothing was written")
        if show:
            echo_err(f"zhnews: read {len(articles)} articles; classifying and summarizing")

        shown = [0]

        def report(stage: str, done: int, total: int) -> None:
            # Workers report in batches, so "every 100" means "100 or more since the last line".
            if show and (done - shown[0] >= 100 or done == total):
                shown[0] = done
                echo_err(f"zhnews: {stage} {done}/{total}")

        result = build_digest(
            articles,
            clf,
            summarizer.summarize,
            extractor.extract if keywords else no_keywords,
            day=day,
            dedupe_threshold=dedupe,
            threshold=threshold,
            progress=report,
            jobs=check_jobs(jobs),
        )
        if day and not result.n_input:
            echo_err(f"zhnews: warning: no article is dated {day}; the digest is empty")
        text = renderer(fmt)(result)
        if output is None or output == "-":
            sys.stdout.write(text)
        else:
            write_text_atomic(output, text)
            counts = ", ".join(f"{label} {n}" for label, n in result.counts.items())
            echo_err(
                f"zhnews: digest of {len(result.items)} stories ({counts}; other {len(result.other)}; "
                f"{result.n_duplicates} reprints merged) written to {output}"
            )


def _terminated(signum, frame) -> None:
    # SIGTERM (cron timeouts, `kill`) unwinds like Ctrl-C, so temporary
    # files are removed and the previous outputs stay as they were.
    raise KeyboardInterrupt


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    app()

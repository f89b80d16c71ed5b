"""Train a theme model from labelled data and save it.

`zhnews train training/ --out model/` rebuilds the shipped model; with the
same data and settings the files come out byte-identical (fixed seeds,
deterministic solver, sorted vocabulary), except meta.json's `created`.
"""

from __future__ import annotations

from pathlib import Path

from .. import settings
from ..errors import ModelError, UsageError
from ..io.dataset import Dataset, load_dataset, validate
from ..models.classify import Progress, ThemeClassifier
from ..models.evaluate import Report, score
from ..shipped import default_training_dir
from .memory import return_freed_arrays


def load_training_data(
    paths: list[str], *, with_default_data: bool = False, labels: list[str] | None = None,
    min_examples: int = settings.MIN_EXAMPLES, data_limit: int = settings.TRAIN_MAX_CHARS,
) -> Dataset:
    """Read and check the training data; warnings are on the returned dataset."""
    data = load_dataset(list(paths), max_chars=data_limit)
    if with_default_data:
        default = load_dataset([default_training_dir()])
        new = sorted(set(data.labels()) - set(default.labels()))
        mine = len(data.examples)
        data = Dataset(default.examples + data.examples, data.warnings)
        if mine < len(default.examples) / 4:
            share = mine / (mine + len(default.examples))
            # Twelve examples beside 2,592 are not "0%" of anything.
            shown = f"{share:.0%}" if share >= 0.01 else "less than 1%"
            data.warnings.append(
                f"your {mine} example(s) are {shown} of the training data: the "
                f"cross-validated scores below are mostly the default corpus's; whether your examples changed "
                f"anything shows on real held-out articles (--heldout FILE, or zhnews evaluate FILE --model OUT "
                f"--compare shipped)"
            )
        if new:
            data.warnings.append(
                f"new label(s) {', '.join(new)}: the default corpus has none of them, so its articles "
                f"count as negatives for them"
            )
    return validate(data, labels=labels, min_examples=min_examples)


def cv_groups(data: Dataset, folds: int) -> list[str] | None:
    """Source files as cross-validation groups, when there are enough of them.

    Articles of one file (one author, one batch, one outlet) resemble each
    other; keeping each file inside one fold gives thresholds and scores that
    hold better on articles from elsewhere (bench/README.md, themes_dev).
    """
    groups = data.groups()
    return groups if folds > 1 and len(set(groups)) >= folds else None


def train(data: Dataset, *, classifier: ThemeClassifier | None = None, progress: Progress = lambda m: None):
    """Fit a classifier (with cross-validated thresholds, grouped by file where it can) on a checked dataset."""
    model = classifier or ThemeClassifier()
    return_freed_arrays()
    try:
        model.fit(data.texts(), data.label_lists(), label_set=data.labels(), progress=progress,
                  groups=cv_groups(data, model.cv or 0))
    except ValueError as exc:
        raise UsageError(f"cannot train: {exc}") from None
    return model


def save(model: ThemeClassifier, data: Dataset, out: Path, *, extra: dict | None = None) -> Path:
    from ..models.store import META, read_meta, save_model, unexpected_entries

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is a file, not a model folder; choose an empty or new --out")
    if out.is_dir() and any(out.iterdir()):
        # Saving replaces the folder whole: only a folder zhnews made (its meta.json, its files and
        # nothing else) may be replaced, never one that merely holds a meta.json beside other files.
        strangers = unexpected_entries(out)
        if strangers or not (out / META).is_file():
            raise UsageError(f"{out}: exists and is not a zhnews model folder ({', '.join(strangers[:5]) or 'no meta.json'}); "
                             "choose an empty or new --out")
        try:
            read_meta(out)
        except ModelError:
            raise UsageError(f"{out}: holds a meta.json that zhnews did not write; choose an empty or new --out") from None
    try:
        return save_model(model, out, training=data.summary(), extra=extra)
    except OSError as exc:
        raise ModelError(f"{out}: cannot write the model ({exc}); the previous model, if any, is unchanged") from None


def heldout_by_file(data: Dataset, params: dict, progress: Progress = lambda m: None) -> Report:
    """Leave one source file out at a time: train on the others, score it.

    Stricter than cross-validation: articles from one file (one author, one
    batch) never help predict each other, which is closer to classifying
    articles nobody on the team wrote.
    """
    files = sorted(set(data.groups()))
    if len(files) < 2:
        raise UsageError("held-out evaluation by file needs at least two training files")
    labels = data.labels()
    true, pred, ids = [], [], []
    for k, name in enumerate(files, start=1):
        progress(f"held-out by file {k}/{len(files)}: {name}")
        train_ex = [e for e in data.examples if e.source != name]
        test_ex = [e for e in data.examples if e.source == name]
        present = [l for l in labels if 0 < sum(l in e.labels for e in train_ex) < len(train_ex)]
        model = ThemeClassifier(**params)
        model.fit([e.full_text for e in train_ex], [e.labels for e in train_ex], label_set=present)
        pred.extend(model.predict([e.full_text for e in test_ex]))
        true.extend(e.labels for e in test_ex)
        ids.extend(e.id or e.where for e in test_ex)
    return score(true, pred, labels, ids)


def make_classifier(
    *, C: float = settings.C, cv: int = settings.CV_FOLDS, nb_alpha: float = settings.NB_ALPHA,
    max_chars: int = settings.MAX_CHARS, threshold_beta: float = settings.THRESHOLD_BETA,
    char_span: str = settings.CHAR_SPAN, n_jobs: int = settings.TRAIN_JOBS,
) -> ThemeClassifier:
    """The estimator `zhnews train` fits, from its options."""
    from ..models.features import FeatureParams

    return ThemeClassifier(C=C, cv=cv, nb_alpha=nb_alpha, threshold_beta=threshold_beta,
                           label_betas=dict(settings.LABEL_THRESHOLD_BETA),
                           features=FeatureParams(max_chars=max_chars, char_span=char_span), n_jobs=n_jobs)


def train_and_save(
    data: Dataset, out: Path, classifier: ThemeClassifier, *, heldout: bool = False,
    heldout_data: Dataset | None = None, label_names: dict | None = None,
    progress: Progress = lambda m: None,
) -> tuple[ThemeClassifier, Report | None, Report | None]:
    """What `zhnews train` does after reading: fit, optionally score held out by file and on
    `heldout_data` (real articles kept apart), save atomically with the labels' display names.

    Returns the model, the held-out-by-file report and the held-out-data report.
    """
    from ..models.evaluate import evaluate

    model = train(data, classifier=classifier, progress=progress)
    model.label_names_ = {l: t for l, t in (label_names or {}).items() if l in model.labels_}
    by_file, on_heldout, extra = None, None, {}
    if heldout:
        by_file = heldout_by_file(data, classifier.get_params(), progress=progress)
        extra["heldout_by_file"] = _summary(by_file)
    if heldout_data is not None:
        on_heldout = evaluate(model, heldout_data)
        extra["heldout"] = _summary(on_heldout)
    save(model, data, out, extra=extra)
    return model, by_file, on_heldout


def _summary(report: Report) -> dict:
    return {k: v for k, v in report.to_dict().items() if k not in ("errors", "confusions")}


def load_heldout(paths: list[str], labels: list[str], data_limit: int = settings.TRAIN_MAX_CHARS) -> Dataset:
    """Labelled articles to score the new model on; their labels must be among the training data's."""
    data = load_dataset(list(paths), max_chars=data_limit)
    if not len(data):
        raise UsageError("--heldout: no labelled examples found")
    unknown = sorted(set(data.labels()) - set(labels))
    if unknown:
        raise UsageError(f"--heldout: label(s) {', '.join(unknown)} are not in the training data "
                         f"(its labels: {', '.join(labels)})")
    return data


def find_label_names(paths: list[str], names_file=None) -> dict:
    """Display names: from `names_file`, else from a `labels.json` in a data folder (or beside a data file)."""
    from ..themes import LABEL_NAMES_FILE, read_label_names

    if names_file is not None:
        return read_label_names(Path(names_file))
    found: dict = {}
    for item in paths:
        path = Path(item)
        candidate = (path if path.is_dir() else path.parent) / LABEL_NAMES_FILE
        if candidate.is_file():
            found.update(read_label_names(candidate))
    return found


SHIPPED = "shipped"  # `evaluate --compare shipped`: the model that ships with zhnews


def evaluate_model(
    paths: list[str], model_dir=None, *, threshold=None, data_limit: int = settings.TRAIN_MAX_CHARS,
    compare_with=None,
):
    """Score a model on labelled files: a `Report`, or with `compare_with` (a model folder, or
    "shipped") a `Comparison` of the two.

    Raises `ModelError` when the data has labels the model does not know: its scores would
    silently leave those articles' themes out.
    """
    from ..models.evaluate import compare, evaluate
    from ..models.store import load_model

    model = load_model(model_dir)
    other = None
    if compare_with is not None:
        other = load_model(None if str(compare_with) == SHIPPED and not Path(compare_with).exists() else compare_with)
    dataset = load_dataset(list(paths), max_chars=data_limit)
    if not len(dataset):
        raise UsageError("no labelled examples found")
    # The model under test must know every label of the data. The one it is compared with (often
    # the shipped model, next to a model that adds themes) may lack some: the comparison says so.
    unknown = sorted(set(dataset.labels()) - set(model.labels_))
    if unknown:
        raise ModelError(
            f"the data has label(s) {', '.join(unknown)} that the model {model_dir or SHIPPED} does not know "
            f"(its labels: {', '.join(model.labels_)}); score it on data of its own labels, or retrain it "
            f"with these (zhnews train ... --with-default-data)"
        )
    try:
        if other is None:
            return evaluate(model, dataset, threshold=threshold)
        return compare(model, other, dataset, (str(model_dir or SHIPPED), str(compare_with)), threshold=threshold)
    except ValueError as exc:
        raise UsageError(f"--threshold: {exc}") from None

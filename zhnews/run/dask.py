"""Classify and summarize a corpus too large for one machine, on Dask.

Needs the optional extra: ``pip install 'zhnews[dask]'``.

The input is JSONL, one article per line (``text`` required; ``id``,
``title``, ``date``, ``url``, ``source`` optional), in as many files as you
like: local paths, a glob, or any fsspec URL (``s3://``, ``hdfs://``,
``gs://``; ``.gz``/``.bz2`` are decompressed). Each file is one partition
(or, with ``blocksize``, each block of that many bytes). Every partition is
read, cleaned, classified and summarized in batches on a worker, and written
as one JSONL partition ``part-00000.jsonl``, ``part-00001.jsonl``, ... under
``out_dir``, in input order, one record per article::

    {"id", "title", "themes", "scores", "why", "summary", "keywords"}

The first five fields are exactly what ``zhnews classify --format jsonl``
prints for the same article, the last two what ``zhnews summarize --format
jsonl`` prints (same reading, cleaning, model and options: this module calls
the same library functions). With ``classify=False`` or ``summarize=False``
the record is just that command's record.

The model is not shipped with each task: workers get its *path* and load it
once per worker process, on first use (or up front, ``warm=True``), into a
module-level cache. So on a real cluster the model folder must be readable
by every worker under the same path (shared storage, or the same install of
zhnews on each worker, which brings the shipped model). The shipped model
(``model_dir=None``) is always found by each worker's own zhnews.

Bad lines (malformed JSON, bytes that are not valid in ``encoding``, no
``text``, empty after cleaning) never fail a partition: they are skipped and
returned in `CorpusResult.problems`, like the CLI's ``--errors`` report.
Unlike the CLI, which guesses each file's encoding from its first
megabyte, workers read the ``encoding`` given (default UTF-8), so one bad
byte costs its line, not its file.

Write to a new or empty ``out_dir``: partitions from an earlier, larger run
are not removed.

Ids: rows without an ``id`` get the CLI's ``<file stem>:<line>`` when each
file is one partition (the default). With ``blocksize`` a worker does not
know how many lines came before its block, so such rows get
``<file stem>@<partition>:<line in block>`` instead, and skipped lines are
reported as ``<path>@<partition>``, line in block; give your rows ids (or
keep one partition per file) when ids must match the single-machine run.

Python API::

    from dask.distributed import Client
    from zhnews.distributed import process_corpus

    client = Client("tcp://scheduler:8786")
    result = process_corpus("s3://bucket/news/2026-*.jsonl", "s3://bucket/out/", client=client)
    print(result.n_articles, result.n_skipped)

Command line: ``python -m zhnews.distributed --help``.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from .. import settings
from ..errors import ErrorLog, Problem, UsageError
from .tasks import (
    ClassifyTask,
    RecordTask,
    SummarizeTask,
    check_count,
    check_threshold,
    run_guarded,
)

OUTPUT_PATTERN = "part-*.jsonl"

# -- worker state -----------------------------------------------------------
# Dask has no pool initializer: a worker process keeps the tasks it has set
# up for every later partition with the same options, and each model once
# for every task that uses it. Keyed by options / model folder ("" = shipped).
_TASKS: dict[Any, RecordTask] = {}
_MODELS: dict[str, Any] = {}
_LOCK = threading.RLock()
_STATS: Counter[str] = Counter()


def worker_task(options: "Options") -> RecordTask:
    """The set-up task for `options` in this process, built once (thread-safe)."""
    task = _TASKS.get(options)
    if task is not None:
        return task
    with _LOCK:
        task = _TASKS.get(options)
        if task is None:
            task = options.task()
            for part in task.tasks:
                if isinstance(part, ClassifyTask):
                    part.model_ = worker_model(options.model_dir)
            task.setup()
            _TASKS[options] = task
    return task


def worker_model(model_dir: str | None):
    """The model of `model_dir` in this process, loaded once (thread-safe)."""
    key = model_dir or ""
    with _LOCK:
        model = _MODELS.get(key)
        if model is None:
            from ..models.store import load_model

            model = _MODELS[key] = load_model(model_dir)
            _STATS["model_loads"] += 1
    return model


def worker_stats() -> dict[str, int]:
    """This process's counters: ``model_loads`` and ``partitions`` processed.

    ``client.run(worker_stats)`` gives them per worker.
    """
    with _LOCK:
        return dict(_STATS)


def reset_worker_state() -> None:
    """Forget the set-up tasks, the models and the counters of this process."""
    with _LOCK:
        _TASKS.clear()
        _MODELS.clear()
        _STATS.clear()


def warm_worker(options: "Options") -> dict[str, int]:
    """Load the model and the tokenizer in this process now (``client.run``)."""
    worker_task(options)
    if options.summarize:
        from ..text.segment import get_tokenizer

        get_tokenizer()
    return worker_stats()


# -- options ----------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What each partition needs to know: small, hashable and picklable (no model)."""

    model_dir: str | None = None
    classify: bool = True
    summarize: bool = True
    threshold: float | None = None
    why: int = settings.WHY_TERMS
    method: str = settings.SUMMARIZER
    length: Any = None  # zhnews.models.summarize.Length; None = the CLI default
    keywords: int = settings.KEYWORDS
    encoding: str = "utf-8"
    split_files: bool = False  # True when `blocksize` cuts files into blocks

    def task(self) -> RecordTask:
        """The CLI's own tasks: `zhnews classify`'s record, then `zhnews summarize`'s."""
        tasks = []
        if self.classify:
            tasks.append(ClassifyTask(self.model_dir, self.threshold, self.why))
        if self.summarize:
            tasks.append(SummarizeTask(self.method, self.length, self.keywords))
        return RecordTask(tuple(tasks))


def make_options(
    *,
    model_dir: str | Path | None = None,
    classify: bool = True,
    summarize: bool = True,
    threshold: float | None = None,
    why: int = settings.WHY_TERMS,
    method: str = settings.SUMMARIZER,
    sentences: int | None = None,
    chars: int | None = None,
    ratio: float | None = None,
    keywords: int = settings.KEYWORDS,
    encoding: str = "utf-8",
    split_files: bool = False,
) -> Options:
    """Check the options as the CLI does (raising `UsageError`) and bundle them."""
    from ..models.summarize import Length, get_summarizer

    if not classify and not summarize:
        raise UsageError("nothing to do: classify and summarize are both off")
    try:
        check_threshold("threshold", threshold)
        check_count("why", why)
        check_count("keywords", keywords)
        length = Length.from_options(sentences, chars, ratio)
        get_summarizer(method, length)  # an unknown method fails here, not on a worker
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return Options(
        model_dir=str(model_dir) if model_dir is not None else None,
        classify=classify,
        summarize=summarize,
        threshold=threshold,
        why=why,
        method=method,
        length=length,
        keywords=keywords,
        encoding=encoding,
        split_files=split_files,
    )


# -- one partition ----------------------------------------------------------

def process_partition(
    items: Iterable[tuple[str, str]], index: int, options: Options
) -> tuple[list[dict], list[Problem]]:
    """Lines ``(line, path)`` of one partition → (article records, skipped lines).

    Both in input order. Reading and cleaning are the CLI's own
    (`io.rows`, `run.articles`), and the work is the CLI's tasks
    (`run.tasks`), batched over the partition; `index` (the partition's
    number) only names rows without an id when files are cut into blocks.
    """
    from ..io.rows import parse_json_line
    from .articles import record_articles

    errors = ErrorLog(keep=None)
    articles = []
    line_numbers: Counter[str] = Counter()
    for line, path in items:
        line_numbers[path] += 1
        lineno = line_numbers[path]
        # A block does not know its first line's number in the file: name
        # the block (`path@partition`) so that line numbers stay true.
        source = f"{path}@{index}" if options.split_files else path
        bad = _undecodable(line)
        if bad is not None:
            at = _byte_offset(line, bad, options.encoding)
            errors.add(source, f"not valid {options.encoding} (byte {at} of the line)", lineno)
            continue
        # The CLI's own line parser: JSON, then the `text`/`id`/`title`... fields.
        record = parse_json_line(line, source, lineno, errors)
        if record is None:
            continue
        record.encoding = options.encoding
        if options.split_files and "id" not in record.fields:
            record.fields["id"] = f"{Path(path).stem}@{index}:{lineno}"
        try:
            articles.extend(record_articles(record, errors))
        except Exception as exc:  # one odd record must not cost the partition
            errors.add(record.source, f"failed: {type(exc).__name__}: {exc}")

    records = run_guarded(worker_task(options), articles, errors) if articles else []
    return records, list(errors.problems)


def _process_and_write(
    items: Iterable[tuple[str, str]], target: Sequence[tuple[int, Any]], options: Options
) -> list[dict]:
    """One task: process a partition, write its JSONL output file, return its counts and problems."""
    [(index, out_file)] = target
    records, problems = process_partition(items, index, options)
    with out_file as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with _LOCK:
        _STATS["partitions"] += 1
    return [{"articles": len(records), "problems": [_problem_dict(p) for p in problems]}]


_UNDECODED = re.compile("[\udc80-\udcff]")


def _undecodable(line: str) -> int | None:
    """Index of the first byte that did not decode (read with surrogateescape), or None."""
    found = _UNDECODED.search(line)
    return found.start() if found else None


def _byte_offset(line: str, index: int, encoding: str) -> int:
    return len(line[:index].encode(_read_codec(encoding).replace("-sig", ""), "surrogateescape"))


def _problem_dict(problem: Problem) -> dict:
    return {"source": problem.source, "reason": problem.reason, "line": problem.line}


def _read_codec(encoding: str) -> str:
    # As in the CLI: a BOM at the start of a UTF-8 file is not part of the JSON.
    return "utf-8-sig" if encoding.strip().lower().replace("_", "-") in ("utf-8", "utf8") else encoding


def _part_name(i: int) -> str:
    return f"{i:05d}"


# -- the corpus -------------------------------------------------------------


@dataclass
class CorpusResult:
    """What `process_corpus` did: the partitions written, articles, skipped lines."""

    outputs: list[str]
    n_articles: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def n_skipped(self) -> int:
        return len(self.problems)

    def summary(self) -> str:
        log = ErrorLog(problems=list(self.problems), keep=None)
        skipped = f"; {log.summary()}" if self.problems else ""
        return f"{self.n_articles} articles in {len(self.outputs)} partitions{skipped}"


def build_bag(paths: str | Sequence[str], out_dir: str, options: Options, *, blocksize=None,
              storage_options: dict | None = None):
    """The lazy work: a bag with one item per partition, ``{articles, problems}``.

    Computing it reads, processes and writes every partition once. For
    callers that want to add to the graph; most want `process_corpus`.
    """
    import dask.bag as db
    from fsspec import open_files

    lines = db.read_text(
        paths if isinstance(paths, str) else list(paths),
        blocksize=blocksize,
        encoding=_read_codec(options.encoding),
        # Lines end at "\n" only, as in the CLI's JSONL reader; bytes that do
        # not decode are kept (escaped) so that their line alone is skipped.
        linedelimiter="\n",
        errors="surrogateescape",
        include_path=True,
        storage_options=storage_options,
    )
    n = lines.npartitions
    # Where each partition goes, as in `Bag.to_textfiles`.
    files = open_files(
        out_dir.rstrip("/") + "/" + OUTPUT_PATTERN,
        mode="wt",
        encoding="utf-8",
        name_function=_part_name,
        num=n,
        **(storage_options or {}),
    )
    # A one-element bag per partition hands each task its number and output file.
    targets = db.from_sequence(list(enumerate(files)), npartitions=n)
    # Writing in the same task as processing (rather than `to_textfiles` on
    # a filtered bag) keeps it one chain: every partition is processed once.
    return lines.map_partitions(_process_and_write, targets, options)


def process_corpus(
    paths: str | Path | Sequence[str | Path],
    out_dir: str | Path,
    *,
    client=None,
    model_dir: str | Path | None = None,
    classify: bool = True,
    summarize: bool = True,
    threshold: float | None = None,
    why: int = 5,
    method: str = "textrank",
    sentences: int | None = None,
    chars: int | None = None,
    ratio: float | None = None,
    keywords: int = 5,
    blocksize: int | str | None = None,
    encoding: str = "utf-8",
    storage_options: dict | None = None,
    warm: bool = True,
) -> CorpusResult:
    """Classify and summarize JSONL articles on Dask; write JSONL partitions to `out_dir`.

    `paths`: a path, a glob or a list of them, local or any fsspec URL.
    `client`: a `dask.distributed.Client` (default: the current client if
    there is one, else dask's local scheduler). `model_dir`: a model folder
    every worker can read under this path (default: the shipped model).
    `threshold`, `why` are `zhnews classify`'s options; `method`,
    `sentences` / `chars` / `ratio` (one of them; default 120 characters)
    and `keywords` are `zhnews summarize`'s. `blocksize` (e.g. ``"64MiB"``)
    cuts large files into several partitions; None keeps one per file.
    `warm` loads the model and tokenizer on every worker of `client` first.

    Raises `UsageError` for bad options, `ModelError` (possibly from a
    worker) for a bad model. Skipped lines are in the result, not raised.
    """
    options = make_options(
        model_dir=model_dir, classify=classify, summarize=summarize, threshold=threshold, why=why, method=method,
        sentences=sentences, chars=chars, ratio=ratio, keywords=keywords, encoding=encoding,
        split_files=blocksize is not None,
    )
    if isinstance(paths, (str, Path)):
        paths = str(paths)
    else:
        paths = [str(p) for p in paths]
        if not paths:
            raise UsageError("no input given")
    out = str(out_dir)
    if "://" not in out:
        Path(out).mkdir(parents=True, exist_ok=True)
    if options.model_dir is not None and "://" not in options.model_dir and Path(options.model_dir).exists():
        from ..models.store import read_meta

        read_meta(options.model_dir)  # fail fast on a folder that is not a model
    if client is not None and warm:
        client.run(warm_worker, options)

    try:
        bag = build_bag(paths, out, options, blocksize=blocksize, storage_options=storage_options)
        parts = bag.compute(scheduler=client) if client is not None else bag.compute()
    except FileNotFoundError as exc:
        raise UsageError(f"no such input: {exc.filename or exc}") from None
    except ValueError as exc:
        if "No files found" not in str(exc):
            raise
        raise UsageError(f"no input file matches {paths!r}") from None
    return CorpusResult(
        outputs=[out.rstrip("/") + "/" + OUTPUT_PATTERN.replace("*", _part_name(i)) for i in range(len(parts))],
        n_articles=sum(part["articles"] for part in parts),
        problems=[Problem(d["source"], d["reason"], d["line"]) for part in parts for d in part["problems"]],
    )

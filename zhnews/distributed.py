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

from .errors import ErrorLog, Problem, UsageError

OUTPUT_PATTERN = "part-*.jsonl"

# -- worker state -----------------------------------------------------------
# One model per worker process: loaded on first use, kept for every later
# partition that process runs. Keyed by model folder ("" = the shipped model).
_MODELS: dict[str, Any] = {}
_LOCK = threading.Lock()
_STATS: Counter[str] = Counter()


def worker_model(model_dir: str | None):
    """The model of `model_dir` in this process, loaded once (thread-safe)."""
    key = model_dir or ""
    model = _MODELS.get(key)
    if model is not None:
        return model
    with _LOCK:
        model = _MODELS.get(key)
        if model is None:
            from .persist import load_model

            model = load_model(model_dir)
            _MODELS[key] = model
            _STATS["model_loads"] += 1
    return model


def worker_stats() -> dict[str, int]:
    """This process's counters: ``model_loads`` and ``partitions`` processed.

    ``client.run(worker_stats)`` gives them per worker.
    """
    with _LOCK:
        return dict(_STATS)


def reset_worker_state() -> None:
    """Forget the cached models and counters of this process."""
    with _LOCK:
        _MODELS.clear()
        _STATS.clear()


def warm_worker(model_dir: str | None = None, classify: bool = True, summarize: bool = True) -> dict[str, int]:
    """Load the model and the tokenizer in this process now (``client.run``)."""
    if classify:
        worker_model(model_dir)
    if summarize:
        from .tokenize import get_tokenizer

        get_tokenizer()
    return worker_stats()


# -- options ----------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What each partition needs to know: small and picklable (no model)."""

    model_dir: str | None = None
    classify: bool = True
    summarize: bool = True
    threshold: float | None = None
    why: int = 5
    method: str = "textrank"
    length: Any = None  # zhnews.summarize.Length; None = the CLI default
    keywords: int = 5
    encoding: str = "utf-8"
    split_files: bool = False  # True when `blocksize` cuts files into blocks


def make_options(
    *,
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
    encoding: str = "utf-8",
    split_files: bool = False,
) -> Options:
    """Check the options as the CLI does (raising `UsageError`) and bundle them."""
    from .summarize import Length, get_summarizer

    if not classify and not summarize:
        raise UsageError("nothing to do: classify and summarize are both off")
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise UsageError("threshold must be between 0 and 1")
    if why < 0:
        raise UsageError("why must be 0 or more")
    if keywords < 0:
        raise UsageError("keywords must be 0 or more")
    length = Length.from_options(sentences, chars, ratio)
    get_summarizer(method, length)  # an unknown method fails here, not on a worker
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

    Both in input order. Reading, cleaning, classifying and summarizing are
    the library's own (`read`, `pipeline`, `classify`, `summarize`,
    `keywords`), batched over the partition; `index` (the partition's
    number) only names rows without an id when files are cut into blocks.
    """
    from .pipeline import record_articles
    from .read import parse_json_line

    errors = ErrorLog()
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

    records: list[dict] = [{} for _ in articles]
    if articles and options.classify:
        from .classify import classify_articles

        model = worker_model(options.model_dir)
        results = classify_articles(articles, model, threshold=options.threshold, why_terms=options.why)
        for rec, result in zip(records, results):
            rec.update(result.to_dict())
    if articles and options.summarize:
        _summarize_into(records, articles, options, errors)
    return [rec for rec in records if rec], list(errors.problems)


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


def _summarize_into(records: list[dict], articles: list, options: Options, errors: ErrorLog) -> None:
    from .keywords import KeywordExtractor
    from .summarize import Length, get_summarizer, summary_record

    summarizer = get_summarizer(options.method, options.length or Length.from_options())
    extractor = KeywordExtractor(top_k=options.keywords)
    for i, article in enumerate(articles):
        try:
            found = extractor.extract(article) if options.keywords else []
            summary = summary_record(article, summarizer.summarize(article), found)
        except Exception as exc:  # keep the partition going; report the article
            errors.add(article.source, f"failed: {type(exc).__name__}: {exc}")
            records[i] = {}
            continue
        records[i].update(summary)


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
        log = ErrorLog(problems=list(self.problems))
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
        from .persist import read_meta

        read_meta(options.model_dir)  # fail fast on a folder that is not a model
    if client is not None and warm:
        client.run(warm_worker, options.model_dir, options.classify, options.summarize)

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


# -- command line -----------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m zhnews.distributed``: the same work from a shell."""
    import argparse
    import sys

    from .errors import EXIT_OK, EXIT_SKIPPED, ZhnewsError

    parser = argparse.ArgumentParser(
        prog="python -m zhnews.distributed",
        description=(
            "Classify and summarize JSONL articles (id, title, text) on a Dask cluster; write one JSONL "
            "record per article (id, title, themes, scores, why, summary, keywords) as partitions "
            "OUT/part-NNNNN.jsonl. Needs zhnews[dask]."
        ),
        epilog=(
            "examples:\n"
            "  python -m zhnews.distributed 'news/*.jsonl' --out out/ --local 4\n"
            "  python -m zhnews.distributed 's3://bucket/news/*.jsonl.gz' --out s3://bucket/out/ "
            "--scheduler tcp://scheduler:8786\n"
            "exit codes: 0 ok, 1 some lines skipped, 2 usage error, 3 model problem"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", help="JSONL files, globs or fsspec URLs (s3://, hdfs://, ...)")
    parser.add_argument("--out", "-o", required=True, help="Folder (or URL) for the output partitions.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786).")
    where.add_argument("--local", type=int, metavar="N", help="Start a local cluster of N worker processes.")
    parser.add_argument("--model", "-m", help="Model folder, readable by every worker (default: the shipped model).")
    parser.add_argument("--threshold", "-t", type=float, help="One cut-off for every theme.")
    parser.add_argument("--why", type=int, default=5, help="Terms shown per theme as the reason; 0 for none.")
    length = parser.add_mutually_exclusive_group()
    length.add_argument("-n", "--sentences", type=int, help="Summary length in sentences.")
    length.add_argument("--chars", type=int, help="Summary length in characters (default 120).")
    length.add_argument("--ratio", type=float, help="Summary length as a share of the article (0-1].")
    parser.add_argument("--method", default="textrank", help="textrank, or lead.")
    parser.add_argument("--keywords", "-k", type=int, default=5, help="Keywords per article; 0 for none.")
    parser.add_argument("--no-classify", action="store_true", help="Summaries only.")
    parser.add_argument("--no-summarize", action="store_true", help="Themes only.")
    parser.add_argument("--blocksize", help="Cut files into blocks of this size (e.g. 64MiB); default one per file.")
    parser.add_argument("--encoding", default="utf-8", help="Input encoding (default utf-8).")
    parser.add_argument("--errors", help="Write skipped lines and reasons to this file as JSONL.")
    args = parser.parse_args(argv)

    try:
        import dask  # noqa: F401
        from dask.distributed import Client, LocalCluster
    except ImportError:
        print("zhnews: error: needs Dask: pip install 'zhnews[dask]'", file=sys.stderr)
        return 2

    cluster = client = None
    try:
        if args.scheduler:
            client = Client(args.scheduler)
        elif args.local:
            cluster = LocalCluster(n_workers=args.local, threads_per_worker=1, processes=True)
            client = Client(cluster)
        result = process_corpus(
            args.inputs if len(args.inputs) > 1 else args.inputs[0],
            args.out,
            client=client,
            model_dir=args.model,
            classify=not args.no_classify,
            summarize=not args.no_summarize,
            threshold=args.threshold,
            why=args.why,
            method=args.method,
            sentences=args.sentences,
            chars=args.chars,
            ratio=args.ratio,
            keywords=args.keywords,
            blocksize=args.blocksize,
            encoding=args.encoding,
        )
    except ZhnewsError as exc:
        print(f"zhnews: error: {exc}", file=sys.stderr)
        return exc.exit_code
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    if args.errors:
        log = ErrorLog(problems=list(result.problems))
        log.write_jsonl(Path(args.errors))
    for problem in result.problems[:20]:
        print(f"zhnews: skipped {problem}", file=sys.stderr)
    if result.n_skipped > 20:
        print(f"zhnews: ... and {result.n_skipped - 20} more (use --errors FILE for all)", file=sys.stderr)
    print(f"zhnews: {result.summary()}; written to {args.out}", file=sys.stderr)
    return EXIT_SKIPPED if result.problems else EXIT_OK


if __name__ == "__main__":
    # Run through the imported module, not __main__, so that the functions
    # workers receive (and their per-process model cache) live in
    # `zhnews.distributed`, importable on every worker.
    from zhnews.distributed import main as _main

    raise SystemExit(_main())

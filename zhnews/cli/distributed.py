"""`python -m zhnews.distributed`: classify and summarize JSONL on a Dask cluster, from a shell.

An argparse front (it runs where typer's `zhnews` may not be the entry point),
over `zhnews.run.dask.process_corpus`, with the same report and exit codes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from .. import settings
from ..errors import EXIT_CODES_HELP, EXIT_OK, EXIT_SKIPPED, ErrorLog, ZhnewsError
from ..models.summarize import SUMMARIZERS
from ..run.dask import process_corpus
from ._options import listed
from ._report import print_report


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m zhnews.distributed``: the same work from a shell."""
    import argparse

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
            f"exit codes: {EXIT_CODES_HELP}"
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
    parser.add_argument("--why", type=int, default=settings.WHY_TERMS,
                        help="Terms shown per theme as the reason; 0 for none.")
    length = parser.add_mutually_exclusive_group()
    length.add_argument("-n", "--sentences", type=int, help="Summary length in sentences.")
    length.add_argument("--chars", type=int, help=f"Summary length in characters (default {settings.SUMMARY_CHARS}).")
    length.add_argument("--ratio", type=float, help="Summary length as a share of the article (0-1].")
    parser.add_argument("--method", default=settings.SUMMARIZER, choices=list(SUMMARIZERS),
                        help=f"How sentences are ranked: {listed(SUMMARIZERS)}.")
    parser.add_argument("--keywords", "-k", type=int, default=settings.KEYWORDS, help="Keywords per article; 0 for none.")
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
    log = ErrorLog(problems=list(result.problems), keep=None)
    if args.errors:
        log.write_jsonl(Path(args.errors))
    print_report(log, sys.stderr, summary=False)
    print(f"zhnews: {result.summary()}; written to {args.out}", file=sys.stderr)
    return EXIT_SKIPPED if result.problems else EXIT_OK

"""The documented Dask entry points: `from zhnews.distributed import process_corpus`
and `python -m zhnews.distributed`. The work lives in `zhnews.run.dask`, the
command line in `zhnews.cli.distributed`."""

from .run.dask import (  # noqa: F401
    CorpusResult,
    Options,
    build_bag,
    make_options,
    process_corpus,
    process_partition,
    reset_worker_state,
    warm_worker,
    worker_model,
    worker_stats,
)

if __name__ == "__main__":
    from zhnews.cli.distributed import main

    raise SystemExit(main())

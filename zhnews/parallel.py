"""Run a per-article task over many input records, here or in a pool of worker processes.

Reading stays in the calling process (it is cheap and owns the error report);
cleaning and the task itself run in the workers, in batches. Each worker sets
its task up once (loads the model, builds the tokenizer), and results come
back in input order, so `jobs=4` gives exactly what `jobs=1` gives.
"""

from __future__ import annotations

import os
from itertools import islice
from typing import Iterable, Iterator, Protocol

from .document import Article
from .errors import ErrorLog, Problem, UsageError
from .read import RawRecord


class Task(Protocol):
    """A picklable job: `setup()` once per process, then `run(articles)` per batch."""

    def setup(self) -> None: ...

    def run(self, articles: list[Article]) -> list: ...


def check_jobs(jobs: int) -> int:
    """The number of processes to use: `jobs`, or every CPU for 0."""
    if jobs < 0:
        raise UsageError("--jobs must be 0 (all CPUs) or more")
    return jobs or (os.cpu_count() or 1)


def process(
    records: Iterable[RawRecord], task: Task, *, jobs: int = 1, errors: ErrorLog | None = None, batch: int = 64
) -> Iterator:
    """Yield the task's results for every article of `records`, in order."""
    errors = errors if errors is not None else ErrorLog()
    batches = _batched(records, batch)
    if jobs <= 1:
        task.setup()
        for chunk in batches:
            results, problems = _work_with(task, chunk)
            _report(problems, errors)
            yield from results
        return
    import multiprocessing

    with multiprocessing.get_context().Pool(jobs, initializer=_init, initargs=(task,)) as pool:
        # imap keeps input order; a few batches in flight per worker keep them busy.
        for results, problems in pool.imap(_work, batches, chunksize=1):
            _report(problems, errors)
            yield from results


def _batched(records: Iterable[RawRecord], size: int) -> Iterator[list[RawRecord]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def _report(problems: list[Problem], errors: ErrorLog) -> None:
    for p in problems:
        errors.add(p.source, p.reason, p.line)


def _work_with(task: Task, records: list[RawRecord]) -> tuple[list, list[Problem]]:
    from .pipeline import record_articles

    # Collected here and reported by the parent, which owns the run's log.
    problems = ErrorLog()
    articles = [a for record in records for a in record_articles(record, problems)]
    return (task.run(articles) if articles else []), problems.problems


# The worker's task, set up once by the pool's initializer.
_TASK: Task | None = None


def _init(task: Task) -> None:
    import signal

    global _TASK
    # Ctrl-C and SIGTERM are the parent's to handle: it stops the pool and
    # reports once, instead of every worker printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    task.setup()
    _TASK = task


def _work(records: list[RawRecord]) -> tuple[list, list[Problem]]:
    assert _TASK is not None
    return _work_with(_TASK, records)

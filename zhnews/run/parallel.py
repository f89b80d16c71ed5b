"""Run a per-article task over many input records, here or in a pool of worker processes.

Reading stays in the calling process (it is cheap and owns the error report);
cleaning and the task itself run in the workers, in batches. Each worker sets
its task up once (loads the model, builds the tokenizer), and results come
back in input order, so `jobs=4` gives exactly what `jobs=1` gives.
"""

from __future__ import annotations

import os
from itertools import islice
from typing import Callable, Iterable, Iterator

from .. import settings
from ..errors import ErrorLog, Problem, UsageError, WorkerError
from ..io.read import RawRecord
from ..records import Skipped
from .articles import record_articles, record_id
from .tasks import Task, run_guarded


def check_jobs(jobs: int) -> int:
    """The number of processes to use: `jobs`, or every CPU for 0; at most four per CPU."""
    cpus = os.cpu_count() or 1
    if jobs < 0:
        raise UsageError("--jobs must be 0 (all CPUs) or more")
    if jobs > settings.MAX_JOBS_PER_CPU * cpus:
        raise UsageError(f"--jobs {jobs} is more than {settings.MAX_JOBS_PER_CPU} per CPU ({cpus} here); "
                         "more processes than that only wait for each other")
    return jobs or cpus


def process(
    records: Iterable[RawRecord], task: Task, *, jobs: int = 1, errors: ErrorLog | None = None,
    batch: int = settings.POOL_BATCH, keep_skipped: bool = False,
) -> Iterator:
    """Yield the task's results for every article of `records`, in order.

    With `keep_skipped`, a record that gives no article yields a `records.Skipped` in its
    place (it is still reported to `errors`), so rows can be joined with the input's.
    """
    errors = errors if errors is not None else ErrorLog()
    batches = _batched(records, batch)
    if jobs <= 1:
        task.setup()
        for chunk in batches:
            results, problems = _work_with(task, chunk, keep_skipped)
            _report(problems, errors)
            yield from results
        return
    jobs_in = ((chunk, keep_skipped) for chunk in batches)
    for results, problems in _in_pool(jobs, _init, (task,), _work, jobs_in):
        _report(problems, errors)
        yield from results


def map_ordered(func: Callable, items: list, *, jobs: int = 1, batch: int = settings.MAP_BATCH,
                progress: Callable[[int, int], None] | None = None) -> list:
    """`[func(x) for x in items]`, by a pool of `jobs` processes when jobs > 1.

    `func` is pickled once per worker (a bound method of a summarizer is
    fine, a lambda is not); `progress(done, total)` is called as results come.
    """
    total = len(items)
    if jobs <= 1 or total <= batch:
        out = []
        for item in items:
            out.append(func(item))
            if progress:
                progress(len(out), total)
        return out
    out = []
    for part in _in_pool(jobs, _init_func, (func,), _apply, _batched(items, batch)):
        out.extend(part)
        if progress:
            progress(len(out), total)
    return out


def _in_pool(jobs: int, initializer, initargs: tuple, work: Callable, inputs: Iterable) -> Iterator:
    """`work(x)` for each of `inputs` in `jobs` worker processes, results in input order.

    A few inputs per worker are in flight (so memory stays bounded however long the input).
    A worker that dies (killed, out of memory) stops the run with an error instead of a hang;
    on an interrupt the workers are stopped, not left behind.
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(),
                               initializer=initializer, initargs=initargs)
    pending: deque = deque()
    it = iter(inputs)
    finished = complete = False
    try:
        while True:
            while not finished and len(pending) < 2 * jobs:
                try:
                    pending.append(pool.submit(work, next(it)))
                except StopIteration:
                    finished = True
            if not pending:
                complete = True
                break
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise WorkerError("a worker process died (killed, or out of memory); the output is incomplete") from None
    finally:
        if complete:
            # Every result is in: the idle workers exit cleanly. Terminating them here left the
            # pool's wake-up pipe closed under its exit hook, which printed a traceback at exit.
            pool.shutdown(wait=True)
        else:
            for future in pending:
                future.cancel()
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                if process.is_alive():
                    process.terminate()
            # Taken before shutdown(), which drops the pool's reference to it.
            manager = getattr(pool, "_executor_manager_thread", None)
            pool.shutdown(wait=False, cancel_futures=True)
            # Let the manager thread see its workers gone and close its wake-up pipe now:
            # Python 3.11's exit hook writes to that pipe unlocked, and racing the thread's close
            # it printed a "Bad file descriptor" traceback after the error (CI, a killed worker).
            if manager is not None:
                manager.join(timeout=30)


def _batched(records: Iterable, size: int) -> Iterator[list]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def _report(problems: list[Problem], errors: ErrorLog) -> None:
    for p in problems:
        errors.add(p.source, p.reason, p.line)


def _work_with(task: Task, records: list[RawRecord], keep_skipped: bool = False) -> tuple[list, list[Problem]]:
    # Collected here and reported by the parent, which owns the run's log.
    problems = ErrorLog()
    split = getattr(task, "needs_sentences", True)
    if not keep_skipped:
        articles = [a for record in records for a in record_articles(record, problems, split=split)]
        return (run_guarded(task, articles, problems) if articles else []), problems.problems
    out = []
    for record in records:
        if record.kind == "skipped":  # reported while reading; only its row is kept
            out.append(Skipped(record_id(record), record.source.rsplit(":", 1)[0], record.line, record.fields["error"]))
            continue
        before = len(problems.problems)
        found = record_articles(record, problems, split=split)
        if found:
            out.extend(run_guarded(task, found, problems, keep_failed=True))
        else:
            problem = problems.problems[before]
            out.append(Skipped(record_id(record), problem.source, problem.line, problem.reason))
    return out, problems.problems


# The worker's task, set up once by the pool's initializer.
_TASK: Task | None = None


def _worker_setup() -> None:
    import signal

    # Ctrl-C and SIGTERM are the parent's to handle: it stops the pool and
    # reports once, instead of every worker printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # The pool is the parallelism: BLAS threads in every worker (numpy's
    # default) oversubscribe the CPUs and made a 2-process pool slower than
    # one process on 2 cores.
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:
        pass


def _init(task: Task) -> None:
    global _TASK
    _worker_setup()
    task.setup()
    _TASK = task


_FUNC: Callable | None = None


def _init_func(func: Callable) -> None:
    global _FUNC
    _worker_setup()
    _FUNC = func


def _apply(items: list) -> list:
    assert _FUNC is not None
    return [_FUNC(item) for item in items]


def _work(job: tuple[list[RawRecord], bool]) -> tuple[list, list[Problem]]:
    assert _TASK is not None
    records, keep_skipped = job
    return _work_with(_TASK, records, keep_skipped)

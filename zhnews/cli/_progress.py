"""Progress on stderr for long commands: a live bar on a terminal, plain lines when asked for elsewhere.

On a terminal: count, rate and, where the total is known, time left (rich,
which typer brings). Elsewhere (a pipe, a log file, cron) nothing, unless
`--progress` asks for it: then a plain line every 100 articles and at the end.
`--quiet` silences both.
"""

from __future__ import annotations

import sys


class ProgressReport:
    def __init__(self, verb: str, *, forced: bool = False, quiet: bool = False, every: int = 100):
        self.verb = verb
        self.every = every
        self.count = 0
        self._shown = 0
        self._live = None
        self._task = None
        self.plain = not quiet and forced and not sys.stderr.isatty()
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._live = Progress(
                TextColumn(f"zhnews: {verb}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                console=Console(stderr=True), transient=True,
            )

    def __enter__(self) -> "ProgressReport":
        if self._live is not None:
            self._live.start()
            self._task = self._live.add_task(self.verb, total=None, rate="")
        return self

    def update(self, done: int, total: int | None = None) -> None:
        """`done` articles so far (of `total`, when it is known)."""
        self.count = done
        if self._live is not None:
            elapsed = self._live.tasks[0].elapsed or 0.0
            rate = f"{done / elapsed:.0f} art/s" if elapsed > 0.5 else ""
            self._live.update(self._task, completed=done, total=total, rate=rate)
        elif self.plain and (done - self._shown >= self.every or (total is not None and done == total)):
            self._shown = done
            print(f"zhnews: {self.verb} {done}" + (f"/{total}" if total else "") + " articles", file=sys.stderr)

    def advance(self, n: int = 1) -> None:
        self.update(self.count + n)

    def __exit__(self, *exc) -> None:
        if self._live is not None:
            self._live.stop()
            if exc[0] is None:
                print(f"zhnews: {self.verb} {self.count} articles", file=sys.stderr)
        elif self.plain and exc[0] is None and self._shown != self.count:
            print(f"zhnews: {self.verb} {self.count} articles", file=sys.stderr)


def run_with_progress(inputs, task, report: ProgressReport, *, errors, encoding, input_format, jobs: int,
                      keep_skipped: bool):
    """What `classify` and `summarize` print: each record of `task` over the inputs' articles,
    in order, the bar advancing as they come (skipped rows kept in place with `keep_skipped`)."""
    from ..io.read import read_records, with_skipped_rows
    from ..run.parallel import process

    rows = read_records(inputs, errors, encoding, input_format.value if input_format else None)
    if keep_skipped:
        rows = with_skipped_rows(rows, errors)
    for result in process(rows, task, jobs=jobs, errors=errors, keep_skipped=keep_skipped):
        yield result
        report.advance()

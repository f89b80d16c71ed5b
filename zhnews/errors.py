"""User-facing errors and the report of skipped input.

Commands never show a traceback for a problem the user can fix: they raise a
`ZhnewsError` (or record a `Problem` in an `ErrorLog`) and the CLI turns it
into one line naming the file, and a documented exit code.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Exit codes: their one home (the README's table and both command lines' help
# are written from these).
EXIT_OK = 0
EXIT_SKIPPED = 1  # the run finished, but some input was skipped
EXIT_USAGE = 2  # bad options, missing paths, nothing to read
EXIT_MODEL = 3  # the model could not be loaded, trained or written
EXIT_OUTPUT = 4  # an output (a file, --errors, standard output) could not be written
EXIT_INTERRUPTED = 130
EXIT_CODES_HELP = "0 ok, 1 some input skipped, 2 usage error, 3 model problem, 4 output not written, 130 interrupted"


def printable(name: str) -> str:
    """A file name as it can be printed and written to JSON: bytes that were not UTF-8 (GBK names
    from unzipped archives) become escapes, and a newline cannot forge a line of the report."""
    if name.isascii() and name.isprintable():
        return name
    safe = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in safe)


class ZhnewsError(Exception):
    """A problem the user can fix; the CLI prints it as one line."""

    exit_code = EXIT_USAGE


class UsageError(ZhnewsError):
    exit_code = EXIT_USAGE


class ModelError(ZhnewsError):
    exit_code = EXIT_MODEL


class WorkerError(ZhnewsError):
    """A worker process of `--jobs` died: what was written so far is incomplete."""

    exit_code = EXIT_OUTPUT


class OutputError(ZhnewsError):
    """An output could not be written (read-only place, full disk); nothing half-written is left."""

    exit_code = EXIT_OUTPUT


@dataclass
class Problem:
    """One skipped file or record."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


class StrictStop(ZhnewsError):
    """Raised under `--strict` at the first bad record."""

    exit_code = EXIT_SKIPPED

    def __init__(self, problem: Problem):
        super().__init__(f"{problem} (stopped: --strict)")
        self.problem = problem


@dataclass
class ErrorLog:
    """Collects skipped input so that a run can go on and report at the end."""

    strict: bool = False
    problems: list[Problem] = field(default_factory=list)
    # Things worth knowing that are not failures (files in a folder that
    # zhnews does not read); they never change the exit code.
    notes: list[str] = field(default_factory=list)

    # Notes kept in memory; the rest are only counted (a stream of a million rows stays bounded).
    MAX_NOTES = 100
    n_notes: int = 0

    def note(self, message: str) -> None:
        self.n_notes += 1
        if len(self.notes) < self.MAX_NOTES:
            self.notes.append(message)

    def add(self, source: str, reason: str, line: int | None = None) -> None:
        problem = Problem(printable(str(source)), reason, line)
        self.problems.append(problem)
        if self.strict:
            raise StrictStop(problem)

    def __len__(self) -> int:
        return len(self.problems)

    def __bool__(self) -> bool:
        return True

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for p in self.problems:
            key = p.reason.split(":")[0]
            counts[key] = counts.get(key, 0) + 1
        parts = ", ".join(f"{n} {k}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1]))
        return f"skipped {len(self.problems)} input(s): {parts}"

    def write_jsonl(self, path: Path) -> None:
        from .atomic import write_text_atomic

        lines = [json.dumps(asdict(p), ensure_ascii=False) for p in self.problems]
        try:
            write_text_atomic(path, "".join(line + "\n" for line in lines))
        except OSError as exc:
            raise OutputError(f"--errors {printable(str(path))}: cannot write it ({exc.strerror or exc})") from None

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
    """Collects skipped input so that a run can go on and report at the end.

    Problems are counted by reason; the first `keep` are held in memory (for the
    report on stderr), and with `stream_to(path)` every one is written to the
    `--errors` file as it comes, so a stream of a million bad rows stays bounded.
    `keep=None` holds them all (the Dask path returns them).
    """

    strict: bool = False
    problems: list[Problem] = field(default_factory=list)
    # Things worth knowing that are not failures (files in a folder that
    # zhnews does not read); they never change the exit code.
    notes: list[str] = field(default_factory=list)
    keep: int | None = 10_000
    n_notes: int = 0
    n_problems: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    # Notes kept in memory; the rest are only counted.
    MAX_NOTES = 100

    def __post_init__(self) -> None:
        self.n_problems = max(self.n_problems, len(self.problems))
        for p in self.problems:
            key = p.reason.split(":")[0]
            self.reasons[key] = self.reasons.get(key, 0) + 1
        self._sink = None
        self._listeners: list = []

    def note(self, message: str) -> None:
        self.n_notes += 1
        if len(self.notes) < self.MAX_NOTES:
            self.notes.append(message)

    def listen(self, callback) -> None:
        """Call `callback(problem)` for every problem added from now on."""
        self._listeners.append(callback)

    def add(self, source: str, reason: str, line: int | None = None) -> None:
        problem = Problem(printable(str(source)), reason, line)
        self.n_problems += 1
        key = reason.split(":")[0]
        self.reasons[key] = self.reasons.get(key, 0) + 1
        if self.keep is None or len(self.problems) < self.keep:
            self.problems.append(problem)
        if self._sink is not None:
            self._sink.write(json.dumps(asdict(problem), ensure_ascii=False) + "\n")
        for callback in self._listeners:
            callback(problem)
        if self.strict:
            raise StrictStop(problem)

    def __len__(self) -> int:
        return self.n_problems

    def __bool__(self) -> bool:
        return True

    def summary(self) -> str:
        parts = ", ".join(f"{n} {k}" for k, n in sorted(self.reasons.items(), key=lambda kv: -kv[1]))
        return f"skipped {self.n_problems} input(s): {parts}"

    def stream_to(self, path: Path) -> None:
        """Write every problem to `path` as it comes, through a temporary file renamed at `finish`."""
        import tempfile

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise OutputError(f"--errors {printable(str(path))}: cannot write it ({exc.strerror or exc})") from None
        self._sink = open(fd, "w", encoding="utf-8")
        self._sink_paths = (tmp, path)
        for problem in self.problems:  # those found before streaming began
            self._sink.write(json.dumps(asdict(problem), ensure_ascii=False) + "\n")

    @property
    def streaming(self) -> bool:
        return self._sink is not None

    def finish(self, keep_file: bool = True) -> None:
        """Close the streamed report: in place when `keep_file`, else removed."""
        import os

        if self._sink is None:
            return
        tmp, path = self._sink_paths
        sink, self._sink = self._sink, None
        try:
            sink.close()
            if keep_file:
                os.chmod(tmp, 0o666 & ~_umask())
                os.replace(tmp, path)
            else:
                os.unlink(tmp)
        except OSError as exc:
            raise OutputError(f"--errors {printable(str(path))}: cannot write it ({exc.strerror or exc})") from None

    def write_jsonl(self, path: Path) -> None:
        """The whole report at once, atomically, for a run that did not stream it."""
        from .atomic import write_text_atomic

        lines = [json.dumps(asdict(p), ensure_ascii=False) for p in self.problems]
        try:
            write_text_atomic(path, "".join(line + "\n" for line in lines))
        except OSError as exc:
            raise OutputError(f"--errors {printable(str(path))}: cannot write it ({exc.strerror or exc})") from None


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask

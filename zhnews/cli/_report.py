"""Library errors → one line and a documented exit code; the skipped-input report.

Both command lines (`zhnews` and `python -m zhnews.distributed`) print the
report with `print_report`, so it reads the same everywhere.
"""

from __future__ import annotations

import errno
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

import typer

from .. import settings
from ..errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT,
    EXIT_SKIPPED,
    ErrorLog,
    UsageError,
    ZhnewsError,
)

T = TypeVar("T")
# A full disk, a closed pipe, a failing device, a read-only filesystem, a quota.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EROFS, errno.EDQUOT}


def echo_err(message: str) -> None:
    typer.echo(message, err=True)


def as_usage(make: Callable[..., T], *args, **kwargs) -> T:
    """Call a library constructor or check; its `ValueError` is the user's usage error."""
    try:
        return make(*args, **kwargs)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def check_io(inputs: list[str], encoding, errors_file, output=None, errors: ErrorLog | None = None) -> None:
    """What every reading command checks before it prints anything: inputs exist, outputs are safe."""
    from ..io.encoding import check_encoding
    from ..io.read import check_inputs, check_output

    check_inputs(inputs)
    check_output(errors_file, inputs, "--errors")
    check_output(output, inputs, "--output")
    check_encoding(encoding)
    if errors is not None and errors_file is not None:
        errors.stream_to(errors_file)


def user_words(path) -> tuple:
    """The entries of `--user-dict`, checked, and in use in this process from now on."""
    if path is None:
        return ()
    from ..io.user_dict import read_user_dict
    from ..text.segment import set_user_words

    entries = tuple(read_user_dict(path))
    set_user_words(entries)
    return entries


@contextmanager
def run_errors(errors: ErrorLog) -> Iterator[None]:
    """Turn library errors into one-line messages and documented exit codes."""
    try:
        yield
    except ZhnewsError as exc:
        echo_err(f"zhnews: error: {exc}")
        # A usage error stops the run before any input is read: no report file is written (the
        # --errors path itself may be what was refused).
        if isinstance(exc, UsageError):
            errors.finish(keep_file=False)  # nothing ran: no report file
        # What was streamed to --errors before the failure is kept; when --errors itself failed there is none.
        try:
            report(errors, quiet=True)
        except ZhnewsError as also:
            echo_err(f"zhnews: error: {also}")
        raise typer.Exit(exc.exit_code)
    except KeyboardInterrupt:
        echo_err("zhnews: interrupted; nothing was overwritten")
        raise typer.Exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader of a pipe stopped (`| head`): it has what it wanted.
        raise typer.Exit(EXIT_OK)
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        echo_err(f"zhnews: error: cannot write the output ({exc.strerror or exc}); it is incomplete")
        raise typer.Exit(EXIT_OUTPUT)
    try:
        code = report(errors)
    except ZhnewsError as exc:
        echo_err(f"zhnews: error: {exc}")
        raise typer.Exit(exc.exit_code)
    if code:
        raise typer.Exit(code)


def report(errors: ErrorLog, quiet: bool = False) -> int:
    """Close the streamed `--errors` file, print the notes and the skipped inputs; the exit code they make."""
    errors.finish()
    if not quiet:
        print_report(errors, sys.stderr)
    return EXIT_SKIPPED if errors.n_problems else EXIT_OK


def print_report(errors: ErrorLog, stream, summary: bool = True) -> None:
    """The notes, the first skipped inputs and (with `summary`) their tally."""
    shown = settings.NOTES_SHOWN
    for note in errors.notes[:shown]:
        print(f"zhnews: note: {note}", file=stream)
    if errors.n_notes > shown:
        print(f"zhnews: note: ... and {errors.n_notes - shown} more", file=stream)
    if not errors.n_problems:
        return
    shown = settings.SKIPPED_SHOWN
    for problem in errors.problems[:shown]:
        print(f"zhnews: skipped {problem}", file=stream)
    if errors.n_problems > shown:
        print(f"zhnews: ... and {errors.n_problems - shown} more (use --errors FILE for all)", file=stream)
    if summary:
        print(f"zhnews: {errors.summary()}", file=stream)

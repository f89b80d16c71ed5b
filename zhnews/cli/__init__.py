"""The `zhnews` command line: parse options, call the library, print.

One module per command; `_options` holds the shared options (choices built
from the registries), `_report` the error and exit-code machinery. The exit
codes are documented once, in `zhnews.errors`.
"""

from __future__ import annotations

import os

import typer

from .. import __version__
from ..errors import EXIT_CODES_HELP

_app = typer.Typer(
    name="zhnews",
    help=(
        "Read Chinese regional and industry news pages, tell what each article is about "
        "and what it says.\n\n"
        "Examples:\n\n"
        "  zhnews digest seeds/ -o digest.html     # the day's digest, grouped by theme\n\n"
        "  zhnews clean page.txt                   # see the cleaned articles\n\n"
        "  zhnews classify seeds/ --format jsonl   # themes with confidences\n\n"
        "  zhnews summarize seeds/ -n 2            # two-sentence summaries\n\n"
        "  cat articles.jsonl | zhnews classify -  # pipelines: JSONL on stdin\n\n"
        "  zhnews label today/ -o labels.jsonl     # label by hand, for train\n\n"
        f"Exit codes: {EXIT_CODES_HELP}."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zhnews {__version__}")
        raise typer.Exit()


@_app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    pass


# In the order `--help` lists them; each is the module of that name, with its NAME and command.
_COMMANDS = ("clean", "summarize", "classify", "label", "train", "evaluate", "digest")


def _register(names=_COMMANDS) -> typer.Typer:
    """`_app` with the commands `names` (besides those it has), in `--help` order."""
    from importlib import import_module

    from ._coerce import install

    install()
    # The command modules import only typer and their options at module level,
    # so `zhnews clean` does not pay for scikit-learn or the model.
    have = {info.name for info in _app.registered_commands}
    for name in names:
        if name not in have:
            module = import_module(f"{__name__}.{name}")
            _app.command(module.NAME)(module.command)
    _app.registered_commands.sort(key=lambda info: _COMMANDS.index(info.name))
    return _app


def __getattr__(name: str):
    # `app` has every command; a run of one command (`main`) builds only that one.
    if name == "app":
        globals()["app"] = _register()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _terminated(signum, frame) -> None:
    # SIGTERM (cron timeouts, `kill`) unwinds like Ctrl-C, so temporary
    # files are removed and the previous outputs stay as they were.
    raise KeyboardInterrupt


def main() -> None:
    import signal
    import sys

    from ..errors import EXIT_OUTPUT

    signal.signal(signal.SIGTERM, _terminated)
    named = sys.argv[1:2]
    # `zhnews clean FILE` imports and builds clean alone; `zhnews --help` and the rest, all.
    app = _register(named if named and named[0] in _COMMANDS else _COMMANDS)
    try:
        app()
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    # Output written to a full disk or a closed pipe fails here, at the last flush: say so, and
    # never exit 0 with the output cut short.
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # `zhnews classify … | head`: the reader has what it wanted; no traceback at exit.
        sys.stdout = open(os.devnull, "w")
    except OSError as exc:
        print(f"zhnews: error: cannot write standard output ({exc.strerror or exc}); the output is incomplete",
              file=sys.stderr)
        code = EXIT_OUTPUT
    raise SystemExit(code)

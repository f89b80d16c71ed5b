"""`zhnews label`: label articles by hand in the terminal, one key per answer."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from ..errors import ErrorLog, UsageError
from ._options import Encoding, ErrorsFile, InputFormat, Inputs, LabelOrder, ModelDir
from ._report import check_io, echo_err, run_errors

NAME = "label"
_CLEAR = "\x1b[H\x1b[2J"


def command(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("--out", "-o", help="JSONL file the answers are appended to (train reads it).")],
    model: ModelDir = None,
    order: Annotated[
        LabelOrder, typer.Option("--order", help="uncertain (the model's least sure first), file, or random.")
    ] = "uncertain",
    labels: Annotated[
        Optional[str],
        typer.Option("--labels", help="Comma-separated labels to choose from (default: the model's); "
                     "new ones may be among them."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Shuffle of --order random.")] = 0,
    encoding: Encoding = None,
    input_format: InputFormat = None,
    errors_file: ErrorsFile = None,
) -> None:
    """Label articles for training, one at a time, with single keys.

    Shows each cleaned article (title, source, text), the model's themes
    and scores, and your choice, which starts as the model's. Keys: 1-9
    toggle a theme, Enter accepts, 0 clears, s skips, u undoes, q quits.
    Every answer is appended to --out (JSONL) and synced at once: Ctrl-C or
    a crash loses nothing, and a rerun skips the articles already labelled.
    By default the articles the model is least sure of come first: their
    answers improve it most.

    Examples:

      zhnews label today/ --out labels.jsonl

      zhnews label today/ --out labels.jsonl --order file

      zhnews label pages/ --out labels.jsonl --labels parks,finance,new_energy

    Then: zhnews train labels.jsonl --with-default-data --out my_model/
    """
    from ..run.label import make_session

    errors = ErrorLog()
    with run_errors(errors):
        check_io(inputs, encoding, errors_file, None, errors)
        if "-" in inputs:
            raise UsageError("label reads your keys from the terminal, so its input must be files, not -")
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError("label is interactive: run it in a terminal (standard input and output)")
        chosen = [l.strip() for l in labels.split(",") if l.strip()] if labels else None
        session = make_session(inputs, out, model_dir=model, labels=chosen, order=LabelOrder(order).value, seed=seed,
                               encoding=encoding, input_format=input_format.value if input_format else None,
                               errors=errors)
        if session.answers.note:
            echo_err(f"zhnews: {session.answers.note}")
        if session.already and session.items:
            echo_err(f"zhnews: {session.already} article(s) already answered in {out} are not shown again")
        try:
            if not session.items:
                echo_err(f"zhnews: nothing to label: every article is already in {out}" if session.already
                         else "zhnews: nothing to label: no article found in the input")
                return
            _loop(session, str(out))
        except KeyboardInterrupt:
            typer.echo("")
            echo_err(f"zhnews: stopped; {session.given} answer(s) saved to {out}")
            raise
        finally:
            session.answers.close()
        left = len(session.items) - session.position
        echo_err(f"zhnews: {session.given} answer(s) saved to {out}, {session.skipped} skipped"
                 + (f", {left} left for next time" if left else ""))


def _loop(session, out: str) -> None:
    from ..render.label_screen import help_text, screen

    labels = session.labels
    names = {l: t.name for l, t in session.themes.items()}
    message = ""
    with _Keys() as keys:
        while session.current is not None:
            item = session.current
            chosen = set(item.suggested)
            while True:
                size = os.get_terminal_size(sys.stdout.fileno()) if sys.stdout.isatty() else os.terminal_size((80, 24))
                a = item.article
                sys.stdout.write(_CLEAR + screen(
                    title=a.title, source=a.source, text=a.text, labels=labels, names=names, scores=item.scores,
                    cut_offs=item.cut_offs, chosen=chosen, position=session.position + 1, total=len(session.items),
                    given=session.given, out=out, message=message, width=size.columns, height=size.lines,
                ) + "\n")
                sys.stdout.flush()
                message = ""
                key = keys.read()
                if key.isdigit() and 1 <= int(key) <= len(labels):
                    chosen ^= {labels[int(key) - 1]}
                elif key == "0":
                    chosen = set()
                elif key in ("\r", "\n", "a"):
                    session.accept(sorted(chosen))
                    break
                elif key == "s":
                    session.skip()
                    break
                elif key == "u":
                    message = "back to the previous article; its answer was removed" if session.undo() \
                        else "nothing to undo in this run"
                    break
                elif key == "q":
                    return
                elif key in ("?", "h"):
                    message = help_text(labels, names)
                else:
                    message = f"key {key!r} does nothing here; ? shows the keys"


class _Keys:
    """Single key presses from the terminal, without Enter; the terminal is restored on exit."""

    def __enter__(self) -> "_Keys":
        import termios
        import tty

        self.fd = sys.stdin.fileno()
        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)  # keys arrive one by one; Ctrl-C still interrupts
        return self

    def read(self) -> str:
        data = os.read(self.fd, 8)
        if not data:
            raise KeyboardInterrupt  # the terminal went away
        if data.startswith(b"\x1b"):
            return "esc"  # arrow and function keys: ignored
        return data[:1].decode("latin-1")

    def __exit__(self, *exc) -> None:
        import termios

        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

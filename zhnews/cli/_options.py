"""The options commands share, defined once, with choices built from the registries.

`Method` and `SummaryMethod` are made on first use: the summarizers' registry
imports numpy, which `zhnews clean` never needs.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from typing_extensions import Annotated

from .. import settings
from ..io.read import READERS
from ..render import DIGEST_FORMATS
from ..render.classifications import FORMATS as CLASSIFY_FORMATS
from ..render.summaries import FORMATS as SUMMARY_FORMATS


def _choices(name: str, names) -> type[Enum]:
    return Enum(name, {n: n for n in names}, type=str)


def listed(names) -> str:
    names = list(names)
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


DigestFormat = _choices("DigestFormat", DIGEST_FORMATS)
TextFormat = _choices("TextFormat", SUMMARY_FORMATS)
ClassifyFormat = _choices("ClassifyFormat", CLASSIFY_FORMATS)
ReportFormat = _choices("ReportFormat", ("text", "json"))
LabelOrder = _choices("LabelOrder", ("uncertain", "file", "random"))

_EXTENSIONS = " ".join(ext for reader in READERS.values() for ext in reader.extensions)
INPUTS_HELP = f"Files, folders (read recursively) or - for stdin: {_EXTENSIONS}"

Inputs = Annotated[List[str], typer.Argument(help=INPUTS_HELP, show_default=False, metavar="INPUT")]
Encoding = Annotated[
    Optional[str], typer.Option("--encoding", help="Force the input encoding (e.g. gbk, big5); default: detect.")
]
InputKind = _choices("InputKind", READERS)
InputFormat = Annotated[
    Optional[InputKind],
    typer.Option("--input-format", help=f"Read the input as {listed(READERS)} (default: by the file's ending; "
                 "stdin by its first characters: {, <html, a CSV header)."),
]
Strict = Annotated[bool, typer.Option("--strict", help="Stop at the first bad file or record.")]
ErrorsFile = Annotated[
    Optional[Path], typer.Option("--errors", help="Write skipped inputs and reasons to FILE as JSONL.")
]
Jobs = Annotated[
    int, typer.Option("--jobs", "-j", help="Worker processes (0: one per CPU); the output is the same as with 1.")
]
Progress = Annotated[
    bool, typer.Option("--progress", help="Report progress on stderr (default: only on a terminal).")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display, even on a terminal.")]
UserDict = Annotated[
    Optional[Path],
    typer.Option("--user-dict", help="Extra words for segmentation and keywords, one `word [freq] [tag]` a line "
                 "(jieba's format), e.g. local firms and places."),
]
KeepSkipped = Annotated[
    bool,
    typer.Option("--keep-skipped", help="Write a row {id, error, source, line} for each skipped record, in input "
                 "order, so the output joins with the input row for row (jsonl and json)."),
]
DataLimit = Annotated[
    int,
    typer.Option(
        "--data-limit",
        min=1,
        help="Most characters of labelled data read in all; past it the run stops with an error (data is held in memory).",
    ),
]
ModelDir = Annotated[Optional[Path], typer.Option("--model", "-m", help="Model folder (default: the shipped model).")]


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a number between 0 and 1") from None
    if not 0.0 <= value <= 1.0:
        raise typer.BadParameter(f"{text} must be between 0 and 1")
    return value


def parse_thresholds(values: Optional[List[str]]):
    """`0.6` (every label), `parks=0.5` (one label), or both: None, a number, or a dict by label
    ("*" for the labels not named)."""
    if not values:
        return None
    by_label: dict[str, float] = {}
    for value in values:
        label, sep, number = value.rpartition("=")
        if sep and not label.strip():
            raise typer.BadParameter(f"{value!r}: write LABEL=VALUE, e.g. parks=0.5")
        by_label[label.strip() if sep else "*"] = _fraction(number.strip())
    return by_label["*"] if list(by_label) == ["*"] else by_label


def _check_thresholds(values: Optional[List[str]]) -> Optional[List[str]]:
    # typer turns a callback's result back into a list of strings: check here, parse in the command.
    parse_thresholds(values)
    return values


Threshold = Annotated[
    Optional[List[str]],
    typer.Option(
        "--threshold", "-t", callback=_check_thresholds, metavar="[LABEL=]VALUE",
        help="Cut-off between 0 and 1: VALUE for every theme, LABEL=VALUE for one (repeatable); "
             "the others keep their own, chosen in training.",
    ),
]
Themes = Annotated[
    Optional[List[str]],
    typer.Option("--theme", metavar="LABEL", help="Only this theme (repeatable), e.g. --theme parks; "
                 "the other themes are left out."),
]
Sentences = Annotated[Optional[int], typer.Option("-n", "--sentences", help="Summary length in sentences.")]
Chars = Annotated[
    Optional[int],
    typer.Option("--chars", help=f"Summary length in characters (default {settings.SUMMARY_CHARS})."),
]
Ratio = Annotated[Optional[float], typer.Option("--ratio", help="Summary length as a share of the article (0-1].")]
Keywords = Annotated[int, typer.Option("--keywords", "-k", help="Keywords per article; 0 for none.")]
TextOutput = Annotated[
    TextFormat, typer.Option("--format", "-f", help=f"{listed(SUMMARY_FORMATS)} (text is for reading).")
]
ClassifyOutput = Annotated[
    ClassifyFormat, typer.Option("--format", "-f", help=f"{listed(CLASSIFY_FORMATS)} (table is for reading).")
]


def _summary_method() -> dict:
    from ..models.summarize import SUMMARIZERS

    method = _choices("Method", SUMMARIZERS)
    option = Annotated[
        method,
        typer.Option(
            "--method",
            help=f"How sentences are ranked: {listed(SUMMARIZERS)} "
            + "(" + "; ".join(f"{name}: {cls.description}" for name, cls in SUMMARIZERS.items()) + ").",
        ),
    ]
    return {"Method": method, "SummaryMethod": option}


def __getattr__(name: str):
    if name in ("Method", "SummaryMethod"):
        made = _summary_method()
        globals().update(made)  # made once: typer and the command must see the same Enum
        return made[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The pydantic-free option values equal typer's own, and anything uncertain is left to typer."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List

import pytest

pytest.importorskip("typer._coercion")

from typer._coercion import build_runtime_param, resolve_type_descriptor  # noqa: E402
from typer.models import OptionInfo  # noqa: E402

from zhnews.cli import _coerce  # noqa: E402

Fmt = Enum("Fmt", {n: n for n in ("text", "jsonl", "json")}, type=str)

CASES = [
    (str, {}, "gbk"), (str, {}, "-"), (str, {}, ""), (str, {}, "  空格 "),
    (int, {}, "2"), (int, {}, "0"), (int, {}, "-1"), (int, {}, 4), (int, {}, "007"), (int, {}, " 3"),
    (int, {}, "1_000"), (int, {}, "2.0"), (int, {}, True), (int, {"min": 1}, "5"),
    (float, {}, 0.5), (float, {}, "0.3"), (float, {}, 1),
    (Fmt, {}, "jsonl"), (Fmt, {}, Fmt.json), (Fmt, {}, "JSONL"), (Fmt, {"case_sensitive": False}, "JSONL"),
    (List[str], {}, ("a", "b")), (List[str], {}, ["x"]), (List[str], {}, "one"),
    (List[int], {}, ("1", "2")), (Path, {}, "seeds"),
]


def _typer(annotation, info, value):
    param = build_runtime_param(resolve_type_descriptor(annotation, info))
    try:
        return "ok", param._coerce_value(value, param=None, ctx=None)
    except Exception as exc:  # the fast path must give up wherever typer refuses
        return "error", type(exc).__name__


@pytest.mark.parametrize("annotation, options, value", CASES)
def test_a_fast_answer_is_typers_answer(annotation, options, value):
    info = OptionInfo(**options)
    fast = _coerce.fast_value(annotation, info, value, None)
    if fast is _coerce._SLOW:
        return
    status, expected = _typer(annotation, info, value)
    assert status == "ok"
    assert fast == expected and type(fast) is type(expected)
    if isinstance(fast, list):
        assert [type(v) for v in fast] == [type(v) for v in expected]


def test_values_only_typer_can_judge_go_to_typer():
    info = OptionInfo()
    for annotation, value in [(int, "1_000"), (int, " 3"), (int, "2.0"), (Fmt, "yaml"), (Path, "seeds"),
                              (float, "0.3"), (bool, "yes")]:
        assert _coerce.fast_value(annotation, info, value, None) is _coerce._SLOW
    assert _coerce.fast_value(int, OptionInfo(min=1), "0", None) is _coerce._SLOW


def test_the_cli_still_reports_typers_errors():
    from typer.testing import CliRunner

    from zhnews.cli import app

    result = CliRunner().invoke(app, ["summarize", "seeds", "--format", "yaml"])
    assert result.exit_code == 2 and "'yaml' is not one of" in result.output
    assert "Value error" not in result.output  # pydantic's label for the error, not the user's
    result = CliRunner().invoke(app, ["summarize", "seeds", "-n", "two"])
    assert result.exit_code == 2 and "Input should be a valid integer" in result.output  # pydantic's words

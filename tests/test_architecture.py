"""The house rules: imports run one way, there is no circle, and the wheel holds every package.

    cli ──► run ──► models ─┐
     │       ├────► io ─────┼──► text ──► ground (records, errors, settings, themes, atomic, shipped)
     │       └────► render ─┘

Every import counts, also those inside functions (zhnews imports lazily to
start fast, and a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from tests.helpers import REPO

PACKAGE = REPO / "zhnews"
# What each layer must never import (directly or in a function).
FORBIDDEN = {
    "ground": {"text", "io", "models", "render", "run", "cli"},
    "text": {"io", "models", "render", "run", "cli"},
    "io": {"models", "render", "run", "cli"},
    "models": {"io", "render", "run", "cli"},
    "render": {"io", "models", "run", "cli"},
    "run": {"cli"},
    "cli": set(),
}
SUBPACKAGES = {"text", "io", "models", "render", "run", "cli"}
# Entry points above every layer: `python -m zhnews`, the documented Dask shim.
FACADES = {"zhnews.__main__", "zhnews.distributed"}


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in SUBPACKAGES else "ground"


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool) -> set[str]:
    """The zhnews modules `module` imports, anywhere in its code."""
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "zhnews")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "zhnews":
                continue
            found.add(target)
            # `from . import boilerplate` imports a module, not a name.
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if (PACKAGE.parent / Path(*candidate.split("."))).with_suffix(".py").is_file():
                    found.add(candidate)
    found.discard(module)
    return found


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    graph = {}
    for path in sorted(root.rglob("*.py")):
        name = module_name(path)
        graph[name] = imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
    return graph


def violations(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for module, targets in graph.items():
        if module in FACADES:
            continue
        for target in targets:
            if layer_of(target) in FORBIDDEN[layer_of(module)] or target in FACADES:
                out.append(f"{module} -> {target}")
    return sorted(out)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import circles between modules (a package's __init__ importing its own modules is not one)."""
    found = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph or nxt.startswith(node + "."):
                continue
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return found


def test_imports_run_one_way():
    assert violations(import_graph()) == []


def test_no_import_circle():
    assert cycles(import_graph()) == []


@pytest.mark.parametrize(
    "module, source, bad",
    [
        ("zhnews.models.classify", "from ..io.read import read_records\n", "zhnews.models.classify -> zhnews.io.read"),
        ("zhnews.render.digest_html", "def f():\n    from ..run.digest import build_digest\n",
         "zhnews.render.digest_html -> zhnews.run.digest"),
        ("zhnews.text.clean", "import zhnews.models.features\n", "zhnews.text.clean -> zhnews.models.features"),
        ("zhnews.records", "from .text.chars import CJK\n", "zhnews.records -> zhnews.text.chars"),
        ("zhnews.run.digest", "from ..cli import app\n", "zhnews.run.digest -> zhnews.cli"),
    ],
)
def test_the_rule_catches_a_violation(module, source, bad):
    graph = {module: imports_of(source, module, is_package=False)}
    assert violations(graph) == [bad]


def test_the_rule_catches_a_circle():
    graph = {
        "zhnews.models.a": imports_of("from .b import x\n", "zhnews.models.a", False),
        "zhnews.models.b": imports_of("def f():\n    from .a import y\n", "zhnews.models.b", False),
    }
    assert cycles(graph) == [["zhnews.models.a", "zhnews.models.b", "zhnews.models.a"]]


def test_every_package_is_in_the_wheel():
    """`packages` in pyproject.toml is an explicit list: a new folder left out of it is silently missing."""
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("__init__.py")}
    assert on_disk - listed == set()
    assert {"zhnews.default_model", "zhnews.default_training"} <= listed

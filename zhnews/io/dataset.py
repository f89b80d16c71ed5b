"""Labelled examples for training and evaluation: reading and checking them.

Accepted inputs (any mix, folders read recursively):

* JSONL: one object a line with `text` (required), optional `title`, `id`,
  and `labels` (a list, or a string separated by `|` or `,`; `[]` or `""`
  means no theme) or `label` (one label);
* CSV / TSV with a header: `text`, `labels` (or `label`), optional `title`, `id`;
* one folder per label: `DIR/<label>/*.txt`; a folder named `_none` holds
  articles with no theme, and an article found in two label folders has
  both labels. Other files in them are left out with a warning.

Every problem names its file and line. Problems that make training
meaningless raise `UsageError`; doubtful ones (duplicates, contradictory
labels) become warnings and the offending examples are left out.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import settings
from ..errors import UsageError
from ..records import join_title

ROW_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".tsv"}
TEXT_SUFFIXES = {".txt", ".md", ".text"}
NO_THEME_FOLDER = "_none"
_LABEL = re.compile(r"^[\w\-.]+$")
_SPLIT_LABELS = re.compile(r"[|,，]")


@dataclass
class Example:
    text: str
    labels: list[str]
    title: str = ""
    id: str = ""
    source: str = ""  # file the example came from
    line: int | None = None

    @property
    def full_text(self) -> str:
        return join_title(self.title, self.text)

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line is not None else self.source


@dataclass
class Dataset:
    examples: list[Example] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.examples)

    def texts(self) -> list[str]:
        return [e.full_text for e in self.examples]

    def label_lists(self) -> list[list[str]]:
        return [list(e.labels) for e in self.examples]

    def groups(self) -> list[str]:
        return [e.source for e in self.examples]

    def labels(self) -> list[str]:
        return sorted({l for e in self.examples for l in e.labels})

    def label_counts(self) -> dict[str, int]:
        counts = {l: 0 for l in self.labels()}
        for e in self.examples:
            for l in e.labels:
                counts[l] += 1
        return counts

    def sha256(self) -> str:
        """Hash of the training content (title, text, labels, in order)."""
        h = hashlib.sha256()
        for e in self.examples:
            h.update(json.dumps([e.title, e.text, sorted(e.labels)], ensure_ascii=False).encode("utf-8"))
            h.update(b"\n")
        return h.hexdigest()

    def summary(self) -> dict:
        return {
            "sha256": self.sha256(),
            "examples": len(self.examples),
            "no_theme": sum(1 for e in self.examples if not e.labels),
            "label_counts": self.label_counts(),
        }


def load_dataset(
    paths: list[str | Path], *, normalize_text: bool = True, max_chars: int = settings.TRAIN_MAX_CHARS
) -> Dataset:
    """Read labelled examples from files and folders (see the module doc).

    Files are streamed and at most `max_chars` characters are read in all;
    past that a `UsageError` says so, before memory runs out.
    """
    if not paths:
        raise UsageError("no training data given")
    budget = _Budget(max_chars)
    examples: list[Example] = []
    warnings: list[str] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found, notes = _read_folder(path, budget)
            examples.extend(found)
            warnings.extend(notes)
        elif path.is_file():
            examples.extend(_read_file(path, budget))
        else:
            raise UsageError(f"{path}: no such file or folder")
    if normalize_text:
        from ..text.normalize import normalize

        for e in examples:
            e.text = normalize(e.text, unwrap=True).strip()
            e.title = normalize(e.title).strip()
    return Dataset(examples, warnings)


class _Budget:
    """Characters of training data still allowed to be read."""

    def __init__(self, limit: int):
        self.limit = limit
        self.left = limit

    def charge(self, n: int, where: str) -> None:
        self.left -= n
        if self.left < 0:
            raise UsageError(
                f"{where}: the training data passes {self.limit:,} characters; zhnews trains in memory, "
                f"so train on a sample or raise --data-limit"
            )

    def lines(self, handle, source: str):
        """The handle's lines, stopping with an error at the budget (a single huge line included)."""
        lineno = 0
        while True:
            # Reading at most one character past the budget bounds memory even on a 1 GB line.
            line = handle.readline(self.left + 1)
            if not line:
                return
            lineno += 1
            self.charge(len(line), f"{source}:{lineno}")
            yield line


def _read_folder(root: Path, budget: _Budget) -> tuple[list[Example], list[str]]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in ROW_SUFFIXES)
    if files:
        out: list[Example] = []
        for f in files:
            out.extend(_read_file(f, budget))
        return out, []
    # No row files: one sub-folder per label. The same article in two folders has both labels.
    by_key: dict[str, Example] = {}
    warnings: list[str] = []
    unread: list[str] = []
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        label = sub.name
        labels = [] if label == NO_THEME_FOLDER else [label]
        if labels:
            _check_label(label, str(sub), None)
        for f in sorted(p for p in sub.rglob("*") if p.is_file() and not p.name.startswith(".")):
            if f.suffix.lower() not in TEXT_SUFFIXES:
                unread.append(str(f))
                continue
            if f.stat().st_size > settings.MAX_PAGE_BYTES:
                raise UsageError(f"{f}: over {settings.MAX_PAGE_BYTES // 2**20} MB, not an article")
            text = _read_text(f)
            budget.charge(len(text), str(f))
            if not text.strip():
                raise UsageError(f"{f}: empty text")
            key = re.sub(r"\s+", "", text)
            seen = by_key.get(key)
            if seen is None:
                by_key[key] = Example(text=text, labels=list(labels), id=f.stem, source=str(f))
            elif bool(seen.labels) != bool(labels):
                # In `_none` and under a label: a contradiction, which `validate` reports and drops.
                by_key[key + "\0" + str(f)] = Example(text=text, labels=list(labels), id=f.stem, source=str(f))
            else:
                seen.labels = sorted(set(seen.labels) | set(labels))
    if unread:
        shown = ", ".join(unread[:5]) + (f" and {len(unread) - 5} more" if len(unread) > 5 else "")
        warnings.append(f"{root}: {len(unread)} file(s) in the label folders are not .txt/.md and were left out: "
                        f"{shown} (for a web page, save its text: zhnews clean page.html > page.txt)")
    out = list(by_key.values())
    if not out:
        raise UsageError(
            f"{root}: no training data found (expected .jsonl/.csv/.tsv files, or one sub-folder "
            f"per label holding .txt files)"
        )
    return out, warnings


def _read_text(path: Path) -> str:
    from .encoding import DecodeError, decode

    try:
        return decode(path.read_bytes())[0]
    except DecodeError as exc:
        raise UsageError(f"{path}: cannot decode ({exc})") from None


def _read_file(path: Path, budget: _Budget) -> list[Example]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        raise UsageError(f"{path}: a single text file has no labels; put it in a folder named after its label")
    if suffix not in ROW_SUFFIXES:
        raise UsageError(f"{path}: unsupported training file (use .jsonl, .csv, .tsv or label folders)")
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            lines = budget.lines(handle, str(path))
            if suffix in (".jsonl", ".ndjson"):
                return _read_jsonl(lines, str(path))
            return _read_csv(lines, str(path), "\t" if suffix == ".tsv" else ",")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: training files must be UTF-8") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _read_jsonl(lines, source: str) -> list[Example]:
    out = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{source}:{lineno}: invalid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise UsageError(f"{source}:{lineno}: expected a JSON object")
        out.append(_example(obj, source, lineno))
    return out


def _read_csv(lines, source: str, delimiter: str) -> list[Example]:
    # Strict, so that a quote left open is an error at its row instead of swallowing every row after it.
    reader = csv.DictReader(lines, delimiter=delimiter, strict=True)
    start = 1
    try:
        fields = reader.fieldnames or []
        if "text" not in fields or not ({"labels", "label"} & set(fields)):
            raise UsageError(
                f"{source}:1: the header needs columns `text` and `labels` (found: {', '.join(fields)})"
            )
        out = []
        start = reader.line_num + 1
        for row in reader:
            out.append(_example({k: v for k, v in row.items() if k is not None}, source, reader.line_num))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UsageError(f"{source}:{start}: bad CSV row ({exc}); is a quote left open?") from None
    return out


def _example(obj: dict, source: str, lineno: int) -> Example:
    text = obj.get("text")
    if not isinstance(text, str):
        raise UsageError(f"{source}:{lineno}: missing or non-string field `text`")
    title = obj.get("title") or ""
    if not isinstance(title, str):
        raise UsageError(f"{source}:{lineno}: field `title` must be a string")
    if not (text.strip() or title.strip()):
        raise UsageError(f"{source}:{lineno}: empty text")
    if "labels" in obj:
        labels = _parse_labels(obj["labels"], source, lineno)
    elif "label" in obj:
        labels = _parse_labels(obj["label"], source, lineno)
    else:
        raise UsageError(f"{source}:{lineno}: missing field `labels` (use [] for an article with no theme)")
    return Example(text=text, labels=labels, title=title, id=str(obj.get("id") or ""), source=source, line=lineno)


def _parse_labels(value, source: str, lineno: int) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items = [v.strip() for v in _SPLIT_LABELS.split(value)]
        items = [v for v in items if v]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = [v.strip() for v in value]
    else:
        raise UsageError(f"{source}:{lineno}: `labels` must be a list of strings or a |-separated string")
    for label in items:
        _check_label(label, source, lineno)
    return sorted(set(items))


def _check_label(label: str, source: str, lineno: int | None) -> None:
    if not label or not _LABEL.match(label):
        where = f"{source}:{lineno}" if lineno is not None else source
        raise UsageError(f"{where}: invalid label {label!r} (letters, digits, _ - . only)")


def validate(
    data: Dataset,
    *,
    labels: list[str] | None = None,
    min_examples: int = settings.MIN_EXAMPLES,
) -> Dataset:
    """Check a dataset for training; returns a cleaned copy with warnings.

    Raises UsageError for: no examples, a label outside `labels` (when
    given), a label with fewer than `min_examples` positives, a label that
    is on every example (one class only). Warns and drops: exact duplicates
    (keeps the first), the same text with different labels (drops all
    copies).
    """
    if not data.examples:
        raise UsageError("no training examples found")
    warnings = list(data.warnings)
    if labels is not None:
        allowed = set(labels)
        for e in data.examples:
            unknown = sorted(set(e.labels) - allowed)
            if unknown:
                raise UsageError(
                    f"{e.where}: unknown label {unknown[0]!r} (expected one of: {', '.join(labels)})"
                )

    first: dict[str, Example] = {}
    contradicted: set[str] = set()
    kept: list[Example] = []
    for e in data.examples:
        key = _dedupe_key(e)
        seen = first.get(key)
        if seen is None:
            first[key] = e
            kept.append(e)
        elif sorted(seen.labels) == sorted(e.labels):
            warnings.append(f"{e.where}: duplicate of {seen.where}; left out")
        else:
            warnings.append(
                f"{e.where}: same text as {seen.where} but labels {e.labels} vs {seen.labels}; both left out"
            )
            contradicted.add(key)
    kept = [e for e in kept if _dedupe_key(e) not in contradicted]
    out = Dataset(kept, warnings)

    counts = out.label_counts()
    if not counts:
        raise UsageError("no example has a label: training needs at least one labelled class")
    for label, n in counts.items():
        if n < min_examples:
            raise UsageError(
                f"label {label!r} has only {n} example(s); at least {min_examples} are needed "
                f"(add examples, or drop the label)"
            )
        if n == len(kept):
            raise UsageError(
                f"label {label!r} is on every example: one class only; add examples without it "
                f"(e.g. a `_none` folder or rows with empty labels)"
            )
    out.warnings.extend(reliability_warnings(out))
    return out


def reliability_warnings(data: Dataset, few: int = settings.FEW_EXAMPLES) -> list[str]:
    """What makes cross-validated scores of a label say little about real articles.

    Few examples, or examples that all come from one file: written by one hand in one
    batch, they share words that real articles of the theme need not, and cross-validation
    (which tests on the same batch) rewards learning those.
    """
    out = []
    counts = data.label_counts()
    row_sources = {e.source for e in data.examples if e.line is not None}
    for label, n in counts.items():
        if n < few:
            out.append(f"label {label!r} has only {n} examples: cross-validated scores on fewer than about {few} "
                       f"say little about real articles; score the model on real labelled pages (--heldout FILE)")
        sources = {e.source for e in data.examples if label in e.labels and e.line is not None}
        if len(sources) == 1 and len(row_sources) > 1:
            out.append(f"all {n} examples of {label!r} come from one file ({next(iter(sources))}): cross-validation "
                       f"cannot tell the theme from that file's style; add examples from other sources, or check "
                       f"with --heldout FILE")
    if len(row_sources) == 1 and all(e.line is not None for e in data.examples):
        out.append(f"every example comes from one file ({next(iter(row_sources))}): cross-validation tests the model "
                   f"on articles like the ones it learned from; check it on real pages with --heldout FILE")
    return out


def _dedupe_key(e: Example) -> str:
    return re.sub(r"\s+", "", e.full_text)

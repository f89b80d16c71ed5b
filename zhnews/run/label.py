"""Labelling articles by hand: the queue, the answers file, undo and resume (`zhnews label`).

The answers file is JSONL that `zhnews train` reads as it is: one row per
answer (`id`, `title`, `text`, `labels`, `source`), appended and synced to
disk the moment it is given, so a crash, a kill or Ctrl-C loses nothing. A
rerun skips the ids already in it. The terminal side is `zhnews.cli.label`;
everything here works without a terminal.
"""

from __future__ import annotations

import json
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutputError, UsageError
from ..records import Article
from ..themes import Theme, label_themes

ORDERS = ("uncertain", "file", "random")
_LABEL = re.compile(r"^[\w\-.]+$")  # what `zhnews train` accepts


@dataclass
class Item:
    """One article to label, with the model's view of it."""

    article: Article
    scores: dict[str, float]  # the model's probability of each label it knows
    suggested: list[str]  # the labels the model would give
    cut_offs: dict[str, float] = field(default_factory=dict)

    @property
    def margin(self) -> float:
        """How close the model is to changing its mind: the smallest distance of a score to its cut-off."""
        return min((abs(p - self.cut_offs.get(l, 0.5)) for l, p in self.scores.items()), default=1.0)


def order_items(items: list[Item], order: str, seed: int = 0) -> list[Item]:
    """`uncertain`: the articles the model is least sure of first (active learning: their
    answers teach it the most); `file`: as read; `random`: shuffled with `seed`."""
    if order not in ORDERS:
        raise UsageError(f"--order must be one of {', '.join(ORDERS)}")
    if order == "file":
        return list(items)
    if order == "random":
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        return shuffled
    return sorted(items, key=lambda it: it.margin)  # stable: ties keep the input order


class AnswerFile:
    """The labels given so far: read at start (to resume), appended one answer at a time."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.done: set[str] = set()
        self.note = ""

    def open(self) -> "AnswerFile":
        if self.path.is_dir():
            raise UsageError(f"--out {self.path}: is a folder; name a .jsonl file")
        if self.path.exists():
            self._read_existing()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(f"--out {self.path}: cannot write it ({exc.strerror or exc})") from None
        return self

    def _read_existing(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise UsageError(f"--out {self.path}: cannot read it ({exc.strerror or exc})") from None
        end = len(data)
        if data and not data.endswith(b"\n"):
            # A run killed in the middle of a write leaves a partial last line: drop it, keep the rest.
            end = data.rfind(b"\n") + 1
            os.truncate(self.path, end)
            self.note = f"{self.path}: an unfinished last line (from an interrupted run) was removed"
        for lineno, line in enumerate(data[:end].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                self.done.add(str(row["id"]))
            except (ValueError, KeyError, TypeError):
                raise UsageError(f"--out {self.path}:{lineno}: not a zhnews answers file (each line needs an id); "
                                 "name another file") from None

    def append(self, item: Item, labels: list[str]) -> int:
        """Write one answer and sync it to disk; returns the file size before it, for `undo`."""
        a = item.article
        row = {"id": a.id, "title": a.title, "text": a.text, "labels": sorted(labels), "source": a.source}
        line = (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
        before = os.fstat(self._fd).st_size
        try:
            os.write(self._fd, line)
            os.fsync(self._fd)
        except OSError as exc:
            raise OutputError(f"--out {self.path}: cannot write the answer ({exc.strerror or exc}); "
                              "the answers before it are saved") from None
        self.done.add(a.id)
        return before

    def undo(self, size: int, article_id: str) -> None:
        """Remove the last answer: the file goes back to `size` bytes."""
        os.ftruncate(self._fd, size)
        os.fsync(self._fd)
        self.done.discard(article_id)

    def close(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)
            self._fd = None


@dataclass
class Session:
    """The queue of one labelling run and what has been answered in it."""

    items: list[Item]
    labels: list[str]
    themes: dict[str, Theme]
    answers: AnswerFile
    already: int = 0  # articles of the input answered in an earlier run
    position: int = 0
    history: list[tuple[int, int]] = field(default_factory=list)  # (item index, file size before its answer)
    given: int = 0
    skipped: int = 0

    @property
    def current(self) -> Item | None:
        return self.items[self.position] if self.position < len(self.items) else None

    def accept(self, labels: list[str]) -> None:
        item = self.current
        size = self.answers.append(item, [l for l in self.labels if l in labels])
        self.history.append((self.position, size))
        self.given += 1
        self.position += 1

    def skip(self) -> None:
        self.history.append((self.position, -1))
        self.skipped += 1
        self.position += 1

    def undo(self) -> bool:
        """Go back to the previous article, removing its answer if one was given."""
        if not self.history:
            return False
        index, size = self.history.pop()
        if size >= 0:
            self.answers.undo(size, self.items[index].article.id)
            self.given -= 1
        else:
            self.skipped -= 1
        self.position = index
        return True


def make_session(
    inputs: list[str], out: Path | str, *, model_dir=None, labels: list[str] | None = None, order: str = "uncertain",
    seed: int = 0, encoding: str | None = None, input_format: str | None = None, errors=None,
) -> Session:
    """Read and clean `inputs`, score them with the model, drop those already answered in `out`,
    and order the rest."""
    from ..models.store import load_model
    from .articles import load_articles

    if order not in ORDERS:
        raise UsageError(f"--order must be one of {', '.join(ORDERS)}")
    bad = [l for l in labels or () if not _LABEL.match(l)]
    if bad:
        raise UsageError(f"--labels: {bad[0]!r} is not a label name (letters, digits, _ - . only)")
    model = load_model(model_dir)
    shown = list(dict.fromkeys(labels)) if labels else list(model.labels_)
    if len(shown) > 9:
        raise UsageError(f"{len(shown)} labels: one key per label, 1 to 9; choose at most nine with --labels")
    answers = AnswerFile(out).open()
    try:
        read = list(load_articles(inputs, encoding=encoding, errors=errors, input_format=input_format))
        articles = [a for a in read if a.id not in answers.done]
        cut = model.cut_offs()
        items = []
        if articles:
            proba = model.predict_proba([a.full_text for a in articles])
            for article, row in zip(articles, proba):
                scores = {l: round(float(p), 4) for l, p in zip(model.labels_, row) if l in shown}
                suggested = [l for l in shown if l in scores and scores[l] >= cut[l]]
                items.append(Item(article, scores, suggested, {l: cut[l] for l in scores}))
    except BaseException:
        answers.close()
        raise
    themes = label_themes(shown, model.label_names_)  # in the digest's order: keys 1, 2, … follow it
    return Session(order_items(items, order, seed), list(themes), themes, answers,
                   already=len(read) - len(articles))

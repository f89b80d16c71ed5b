"""A user dictionary for segmentation and keywords (`--user-dict`), in jieba's format.

One entry a line: `word [frequency] [tag]`, e.g. `株洲高新区 3000 ns`. Blank lines and
lines starting with `#` are skipped. Every problem names the file and the line.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError

_TAG = re.compile(r"^[a-z]{1,5}$")


def read_user_dict(path: Path | str) -> list[tuple[str, int | None, str | None]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"--user-dict {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--user-dict {path}: cannot read it as UTF-8 ({exc})") from None
    entries = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        word, rest = parts[0], parts[1:]
        if len(rest) > 2:
            raise UsageError(f"{path}:{lineno}: expected `word [frequency] [tag]`, found {len(parts)} fields")
        freq = tag = None
        for field in rest:
            if field.isdigit() and freq is None and tag is None:
                freq = int(field)
                if freq <= 0:
                    raise UsageError(f"{path}:{lineno}: the frequency must be a positive whole number")
            elif _TAG.match(field) and tag is None:
                tag = field
            else:
                raise UsageError(f"{path}:{lineno}: {field!r} is neither a frequency nor a part-of-speech tag")
        entries.append((word, freq, tag))
    if not entries:
        raise UsageError(f"--user-dict {path}: no entries")
    return entries

"""Themes as readers see them: display names, colours, and the order the digest shows them in.

The four default themes have their names and colours here. A model trained
on other labels carries its own (`zhnews train --label-names names.json`,
or a `labels.json` in the training folder), stored in its meta.json; a
label with none is shown by its id. Every label of one model gets a colour
of its own, so two themes never share one in a digest.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

from .errors import UsageError


class Theme(NamedTuple):
    name: str  # what readers see
    color: str  # the digest's accent for it


# In the order the digest shows them.
THEMES: dict[str, Theme] = {
    "rail_transit": Theme("轨道交通", "#1f6feb"),
    "finance": Theme("金融", "#b7791f"),
    "parks": Theme("产业园区", "#2f855a"),
    "digitization": Theme("数字化", "#805ad5"),
}
# For labels without a colour of their own: distinct from the four above and from each
# other, dark enough for white text, and told apart by colour-blind readers in pairs.
_PALETTE = ("#c05621", "#2b6cb0", "#97266d", "#2c7a7b", "#b83280", "#276749", "#9c4221", "#553c9a",
            "#744210", "#1a365d", "#702459", "#4a5568")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
NAME_MAX = 40  # characters of a display name
LABEL_NAMES_FILE = "labels.json"  # beside the training data


def label_themes(labels: list[str], custom: dict[str, Theme] | None = None) -> dict[str, Theme]:
    """A name and a distinct colour for each label, in the digest's order.

    `custom` (a model's own names) wins over the defaults; a label with no
    name anywhere is shown by its id.
    """
    custom = custom or {}
    out: dict[str, Theme] = {}
    for label in theme_order(labels):
        theme = custom.get(label) or THEMES.get(label)
        out[label] = theme if theme else Theme(label, "")
    used = {t.color.lower() for t in out.values() if t.color}
    free = iter([c for c in _PALETTE if c.lower() not in used])
    for label, theme in out.items():
        if not theme.color:
            out[label] = Theme(theme.name, next(free, "#4a5568"))
    return out


def display_name(label: str, themes: dict[str, Theme] | None = None) -> str:
    theme = (themes or THEMES).get(label)
    return theme.name if theme else label


def theme_order(labels: list[str]) -> list[str]:
    known = [t for t in THEMES if t in labels]
    return known + sorted(t for t in labels if t not in THEMES)


def parse_label_names(obj, where: str) -> dict[str, Theme]:
    """Names (and colours) from `{"label": "名称"}` or `{"label": {"name": "名称", "color": "#rrggbb"}}`.

    Colours end up in the digest's CSS, so only `#rrggbb` is accepted.
    """
    if not isinstance(obj, dict):
        raise UsageError(f"{where}: expected a JSON object of label: name")
    out: dict[str, Theme] = {}
    for label, value in obj.items():
        color = ""
        if isinstance(value, dict):
            name, color = value.get("name", label), value.get("color") or ""
        else:
            name = value
        if not isinstance(name, str) or not name.strip() or len(name) > NAME_MAX:
            raise UsageError(f"{where}: the name of {label!r} must be a string of 1 to {NAME_MAX} characters")
        if not isinstance(color, str) or (color and not _COLOR.match(color)):
            raise UsageError(f"{where}: the colour of {label!r} must be written #rrggbb (got {color!r})")
        out[str(label)] = Theme(" ".join(name.split()), color.lower())
    return out


def read_label_names(path: Path) -> dict[str, Theme]:
    try:
        obj = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a JSON file of label names ({exc})") from None
    return parse_label_names(obj, str(path))


def to_json(themes: dict[str, Theme]) -> dict:
    return {label: {"name": t.name, "color": t.color} for label, t in themes.items()}

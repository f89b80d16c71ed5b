"""The default themes: ids, Chinese names, colours, and the order the digest shows them in.

Adding a theme: one entry in `THEMES` (and its training examples; see
training/README.md). Models trained on other label sets still work
everywhere: an unknown label is shown by its id, in a colour of its own, and
sorted after the known ones.
"""

from __future__ import annotations

from typing import NamedTuple


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
# Colours for labels of other models, by their place among the digest's labels.
_FALLBACK_COLORS = ("#c05621", "#2b6cb0", "#97266d", "#4a5568")
_UNKNOWN_COLOR = "#4a5568"


def display_name(label: str) -> str:
    theme = THEMES.get(label)
    return theme.name if theme else label


def theme_color(label: str, labels: list[str]) -> str:
    if label in THEMES:
        return THEMES[label].color
    return _FALLBACK_COLORS[labels.index(label) % len(_FALLBACK_COLORS)] if label in labels else _UNKNOWN_COLOR


def theme_order(labels: list[str]) -> list[str]:
    known = [t for t in THEMES if t in labels]
    return known + sorted(t for t in labels if t not in THEMES)

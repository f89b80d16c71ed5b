"""The default themes: ids, Chinese names, and the order the digest shows them in.

Models trained on other label sets still work everywhere: an unknown label
is shown by its id and sorted after the known ones.
"""

from __future__ import annotations

THEMES: dict[str, str] = {
    "rail_transit": "轨道交通",
    "finance": "金融",
    "parks": "产业园区",
    "digitization": "数字化",
}


def display_name(label: str) -> str:
    return THEMES.get(label, label)


def theme_order(labels: list[str]) -> list[str]:
    known = [t for t in THEMES if t in labels]
    return known + sorted(t for t in labels if t not in THEMES)

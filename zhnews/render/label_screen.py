"""What `zhnews label` shows for one article: a plain-text screen that fits the terminal."""

from __future__ import annotations

import textwrap

from .classifications import display_width

# Not at the start of a line (Chinese line breaking): the character before comes down with it.
_CLOSING = set("，。、；：？！）》」』”’…%")
KEYS_HELP = "1-{n} toggle a theme · Enter accept · 0 no theme · s skip · u undo · q quit"


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal columns (Chinese characters take two)."""
    out = []
    for para in text.split("\n"):
        line, cols = "", 0
        for ch in para:
            w = display_width(ch)
            if cols + w > width:
                if ch in _CLOSING and len(line) > 1:
                    out.append(line[:-1])
                    line = line[-1]
                else:
                    out.append(line)
                    line = ""
                cols = display_width(line)
            line += ch
            cols += w
        out.append(line)
    return out


def screen(
    *, title: str, source: str, text: str, labels: list[str], names: dict[str, str], scores: dict[str, float],
    cut_offs: dict[str, float], chosen: set[str], position: int, total: int, given: int, out: str,
    message: str = "", width: int = 80, height: int = 24,
) -> str:
    """The whole screen: header, the article (cut to fit), the model's view, the choice, the keys."""
    width = max(40, width)
    rule = "─" * min(width, 80)
    head = [f"zhnews label · article {position} of {total} · {given} answer(s) saved to {out}", rule,
            *wrap("标题：" + (title or "（无标题）"), width), *wrap("来源：" + source, width), ""]
    model = _items("model: ", [f"{names.get(l, l)} {scores[l]:.2f}" + ("✓" if scores[l] >= cut_offs.get(l, 0.5) else "")
                               for l in labels if l in scores] or ["(does not know these labels)"], width)
    choice = _items("yours: ", [f"[{'x' if l in chosen else ' '}] {k} {names.get(l, l)}"
                                for k, l in enumerate(labels, start=1)], width)
    foot = ["", rule, *model, *choice, *wrap(KEYS_HELP.format(n=len(labels)), width)]
    if message:
        foot.append(message)
    room = max(3, height - len(head) - len(foot) - 1)
    body = wrap(text, width)
    if len(body) > room:
        body = body[: room - 1] + [f"… （另有 {len(body) - room + 1} 行未显示）"]
    return "\n".join(head + body + foot)


def _items(prefix: str, items: list[str], width: int) -> list[str]:
    """`items` after `prefix`, broken between items (never inside a theme's name) to fit `width`."""
    lines, line = [], prefix
    for item in items:
        if line.strip() and line != prefix and display_width(line + "   " + item) > width:
            lines.append(line)
            line = " " * len(prefix) + item
        else:
            line += ("   " if line != prefix else "") + item
    lines.append(line)
    return lines


def help_text(labels: list[str], names: dict[str, str]) -> str:
    keys = "\n".join(f"  {k}  toggle {names.get(l, l)} ({l})" for k, l in enumerate(labels, start=1))
    return textwrap.dedent("""\
        Keys:
        {keys}
          Enter or a   accept the themes marked [x] (none marked: no theme)
          0            clear the marks (no theme)
          s            skip this article (it comes back next run)
          u            undo: back to the previous article; its answer is removed
          q            quit (every answer is already saved)
        """).format(keys=keys)

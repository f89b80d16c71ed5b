"""The labeller's screen: wrapped by terminal columns, Chinese line-breaking, cut to the terminal."""

import pytest

from zhnews.render.classifications import display_width
from zhnews.render.label_screen import screen, wrap


@pytest.mark.parametrize("text, width, expected", [
    ("地铁开通", 4, ["地铁", "开通"]),
    ("地铁开通。", 8, ["地铁开", "通。"]),  # a full stop never starts a line: 通 comes down with it
    ("一二三，四五", 6, ["一二", "三，四", "五"]),
    ("算力800PF", 8, ["算力800P", "F"]),
    ("一行\n两行", 20, ["一行", "两行"]),
    ("", 10, [""]),
])
def test_wrap(text, width, expected):
    lines = wrap(text, width)
    assert lines == expected
    assert all(display_width(l) <= width + 2 for l in lines)


def test_screen_fits_the_terminal_and_says_how_much_was_cut():
    text = "\n".join(f"第{k}段，园区新签约项目{k}个。" for k in range(200))
    out = screen(title="高新区项目集中签约", source="a.txt", text=text, labels=["parks", "finance"],
                 names={"parks": "产业园区", "finance": "金融"}, scores={"parks": 0.62, "finance": 0.1},
                 cut_offs={"parks": 0.39, "finance": 0.38}, chosen={"parks"}, position=3, total=9, given=2,
                 out="l.jsonl", width=60, height=24)
    lines = out.splitlines()
    assert len(lines) <= 24
    assert "article 3 of 9" in lines[0] and "2 answer(s) saved to l.jsonl" in lines[0]
    assert any("行未显示" in l for l in lines)
    assert "产业园区 0.62✓" in out and "金融 0.10" in out and "金融 0.10✓" not in out
    assert "[x] 1 产业园区" in out and "[ ] 2 金融" in out

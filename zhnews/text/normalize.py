"""Character-level normalisation, each step a small function.

Order matters: entities and pinyin annotations go before the conversion to
simplified (OpenCC would otherwise see `經(jīng)` as two units), and width
folding comes before whitespace so that full-width spaces are caught.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .chars import CJK, all_gb2312, in_gb2312, is_cjk

# A parenthesised pinyin syllable with at least one tone mark: 經(jīng) → 經.
# Chinese in brackets, like 臺(套), is left alone. A `?` may stand for the
# opening bracket where mojibake ate it.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
_PINYIN_NOTE = re.compile(rf"[(（?][a-zü]*[{_TONED}][a-zü{_TONED}]*[)）]")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
# Scraped text often drops the semicolon of the commonest entities: `&nbsp&nbsp本公司`.
_BARE_ENTITY = re.compile(r"&(nbsp|amp|lt|gt|quot)(?![;A-Za-z0-9])")
_BARE_VALUE = {"nbsp": "\u00a0", "amp": "&", "lt": "<", "gt": ">", "quot": '"'}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SPACE_BETWEEN_CJK_AND_DIGIT = re.compile(rf"(?<=[{CJK}]) (?=\d)|(?<=\d) (?=[{CJK}])")
# Full-width ASCII letters and digits (and ％ ＠ ＃ ＆ ＋ ＝) fold to half-width;
# Chinese punctuation such as ，。：；（）！？ keeps its width.
_WIDTH_TABLE = {
    code: code - 0xFEE0
    for code in range(0xFF01, 0xFF5F)
    if chr(code - 0xFEE0).isalnum() or chr(code - 0xFEE0) in "%@#&+=/.-_~"
}
_WIDTH_TABLE[0x3000] = 0x20


def unescape_entities(text: str) -> str:
    """`&nbsp;` and friends, common in scraped text, become characters."""
    if "&" not in text:
        return text
    text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return _BARE_ENTITY.sub(lambda m: _BARE_VALUE[m.group(1)], text) if "&" in text else text


def strip_pinyin(text: str) -> str:
    return _PINYIN_NOTE.sub("", text)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional lines in simplified characters; simplified text comes back byte for byte.

    OpenCC rewrites some simplified words too (覆盖 → 复盖), so only lines that
    hold a traditional character are converted: a `·`, a rare name character
    or an emoji does not make a line traditional.
    """
    # OpenCC is fast but not free: skip text that is already GB2312-only.
    if text.isascii() or all_gb2312(text):
        return text
    lines = text.split("\n")
    return "\n".join(_t2s().convert(line) if _is_traditional(line) else line for line in lines)


def _is_traditional(line: str) -> bool:
    return not all_gb2312(line) and any(_traditional_char(c) for c in line if is_cjk(c) and not in_gb2312(c))


@lru_cache(maxsize=65536)
def _traditional_char(ch: str) -> bool:
    return _t2s().convert(ch) != ch


def fold_width(text: str) -> str:
    return text.translate(_WIDTH_TABLE)


def normalize_whitespace(text: str) -> str:
    """One space for runs of spaces, no space between a Chinese character and a digit, stripped lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        lines.append(_SPACE_BETWEEN_CJK_AND_DIGIT.sub("", line))
    return "\n".join(lines)


# Invisible format characters: zero-width spaces and joiners, soft hyphens, word joiners, BOMs
# inside text, and bidi controls (U+202E can make a line read backwards). Inside a word they
# split it for the segmenter (轨\u200b道交通); they are never content.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def remove_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def normalize(text: str) -> str:
    """All character-level steps, in the order they must run."""
    text = remove_invisible(text)
    text = unescape_entities(text)
    text = strip_pinyin(text)
    text = to_simplified(text)
    text = fold_width(text)
    return normalize_whitespace(text)

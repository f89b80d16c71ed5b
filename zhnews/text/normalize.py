"""Character-level normalisation, each step a small function.

Order matters: entities and pinyin annotations go before the conversion to
simplified (OpenCC would otherwise see `經(jīng)` as two units), and width
folding comes before whitespace so that full-width spaces are caught.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .chars import CJK, all_gb2312, rare_cjk

# A parenthesised pinyin syllable with at least one tone mark: 經(jīng) → 經.
# Chinese in brackets, like 臺(套), is left alone. A `?` may stand for the
# opening bracket where mojibake ate it.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
_PINYIN_NOTE = re.compile(rf"[(（?][a-zü]*[{_TONED}][a-zü{_TONED}]*[)）]")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
# Scraped text often drops the semicolon of the commonest entities: `&nbsp&nbsp本公司`,
# `&nbsp2005年4月21日`, `&nbspG龙元` (a digit or a capital after the name ends it, as it does in a
# browser: these names are lower case; a lower-case letter may be a longer name, `&nbspx` stays).
_BARE_ENTITY = re.compile(r"&(nbsp|amp|lt|gt|quot)(?![;a-z])")
_BARE_VALUE = {"nbsp": "\u00a0", "amp": "&", "lt": "<", "gt": ">", "quot": '"'}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# The space first, the neighbours after: the regex engine then jumps from space to space instead
# of trying both lookbehinds at every character (20x faster, the same matches).
_SPACE_BETWEEN_CJK_AND_DIGIT = re.compile(rf" (?:(?<=[{CJK}] )(?=\d)|(?<=\d )(?=[{CJK}]))")
# Full-width ASCII letters and digits (and ％ ＠ ＃ ＆ ＋ ＝) fold to half-width;
# Chinese punctuation such as ，。：；（）！？ keeps its width.
_WIDTH_TABLE = {
    code: code - 0xFEE0
    for code in range(0xFF01, 0xFF5F)
    if chr(code - 0xFEE0).isalnum() or chr(code - 0xFEE0) in "%@#&+=/.-_~"
}
_WIDTH_TABLE[0x3000] = 0x20
# What the table changes besides the ideographic space: rare, so only these runs are translated.
_WIDE_RUN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_WIDTH_TABLE) if code != 0x3000) + "]+")


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


# Taiwan and Hong Kong words for things the themes are about, in their mainland form. OpenCC's
# whole tw2sp table was tried and rewrites mainland traditional text too (新增 → 添加,
# 啟用 → 激活, 資料 → 数据: a caption rule then misses 相关资料图), so only these go, and only
# in lines that are traditional.
_REGIONAL_TERMS = {
    "积体电路": "集成电路", "奈米": "纳米", "软体": "软件", "硬体": "硬件", "晶片": "芯片", "网路": "网络",
    "数位": "数字", "伺服器": "服务器", "人工智慧": "人工智能", "演算法": "算法", "记忆体": "内存",
    "行动支付": "移动支付", "云端运算": "云计算", "资料中心": "数据中心", "资料库": "数据库", "捷运": "地铁",
    "资通讯": "信息通信",
}
_REGIONAL = re.compile("|".join(sorted(map(re.escape, _REGIONAL_TERMS), key=len, reverse=True)))


def to_simplified(text: str) -> str:
    """Traditional lines in simplified characters; simplified text comes back byte for byte.

    OpenCC rewrites some simplified words too (覆盖 → 复盖), so only lines that
    hold a traditional character are converted: a `·`, a rare name character
    or an emoji does not make a line traditional.
    """
    # OpenCC is fast but not free: skip text that is already GB2312-only.
    if text.isascii() or all_gb2312(text):
        return text
    # Most texts outside GB2312 only hold a — or a ·: no line of them is traditional.
    if not any(_traditional_char(c) for c in rare_cjk(text)):
        return text
    lines = text.split("\n")
    return "\n".join(_from_traditional(line) if _is_traditional(line) else line for line in lines)


def _from_traditional(line: str) -> str:
    converted = _t2s().convert(line)
    return _REGIONAL.sub(lambda m: _REGIONAL_TERMS[m.group()], converted)


def _is_traditional(line: str) -> bool:
    # Each distinct character outside GB2312 is asked once, not each occurrence.
    return any(_traditional_char(c) for c in rare_cjk(line))


@lru_cache(maxsize=65536)
def _traditional_char(ch: str) -> bool:
    return _t2s().convert(ch) != ch


def fold_width(text: str) -> str:
    # `translate` looks every character up in the table; a replace and a scan for the rest do not.
    text = text.replace("\u3000", " ")
    return _WIDE_RUN.sub(_fold_run, text)


def _fold_run(match: re.Match) -> str:
    return match.group().translate(_WIDTH_TABLE)


# A text whose paragraphs open indented (　　 or spaces), with a line that ends in a space and
# an unindented line after it: the space is where an exporter wrapped a long line. A line
# ending a sentence (or a colon before a list) ends its paragraph whatever follows.
_INDENTED = re.compile(r"^[ \t\u00a0\u3000]+\S", re.M)
_WRAP = re.compile(r"(\S)[ \t\u00a0\u3000]+\r?\n(?=\S)")
# A space at a line's end, the sign of a wrap; Windows exports end their lines with \r\n.
_SPACE_AT_END = re.compile(r"[ \t\u00a0\u3000]\r?\n")
_ENDS_PARAGRAPH = frozenset("。！？!?…；;：:")
_CLOSING = frozenset("”’」』)）】》\"'")


def unwrap_lines(text: str) -> str:
    """Rejoin lines that a plain-text export wrapped at a space (`现有的Pentium \\n4（奔腾4）…`).

    Only in a text that marks its paragraphs by indenting them: there an unindented line
    cannot start a paragraph, and the wrap is seen by the space it left at the line's end.
    Without indents a line break may be a paragraph break, so nothing is joined.
    """
    if not _SPACE_AT_END.search(text) or not _INDENTED.search(text):
        return text
    return _WRAP.sub(_join_wrap, text)


def _join_wrap(match: re.Match) -> str:
    last = match.group(1)
    text = match.string
    before = text[match.start() - 1] if match.start() else ""
    if last in _ENDS_PARAGRAPH or (last in _CLOSING and before in _ENDS_PARAGRAPH):
        return match.group()
    return last + " "


def normalize_whitespace(text: str) -> str:
    """One space for runs of spaces, no space between a Chinese character and a digit, stripped lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Neither pattern reaches across a line break, so each runs once over the whole text;
    # only the strip is per line. Stripping first gives the same lines (a run of spaces is
    # still spaces) and leaves the pattern far fewer runs to replace: indents are gone.
    text = _SPACES.sub(" ", "\n".join(line.strip() for line in text.split("\n")))
    return _SPACE_BETWEEN_CJK_AND_DIGIT.sub("", text)


# Invisible format characters: zero-width spaces and joiners, soft hyphens, word joiners, BOMs
# inside text, and bidi controls (U+202E can make a line read backwards). Inside a word they
# split it for the segmenter (轨\u200b道交通); they are never content.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def remove_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def normalize(text: str, entities: bool = True, unwrap: bool = False) -> str:
    """All character-level steps, in the order they must run.

    `entities=False` for text an HTML parser already decoded: `&amp;#x957F;` is the text
    `&#x957F;` there, and decoding it again would change what the page says.
    `unwrap` rejoins lines a plain-text export wrapped (`unwrap_lines`): for text that is
    read as it was written, not for lines an HTML extractor made.
    """
    text = remove_invisible(text)
    if entities:
        text = unescape_entities(text)
    text = strip_pinyin(text)
    if unwrap:
        text = unwrap_lines(text)
    text = to_simplified(text)
    text = fold_width(text)
    return normalize_whitespace(text)

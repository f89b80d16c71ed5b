"""Character classes and small text keys shared by every step: their one home.

Regex fragments are strings (to build character classes from); the compiled
patterns and predicates are what most callers want.
"""

from __future__ import annotations

import re

# The CJK Unified Ideographs block: what zhnews counts as "Chinese characters".
CJK = "\u4e00-\u9fff"
CJK_CHAR = re.compile(f"[{CJK}]")
CJK_RUN = re.compile(f"[{CJK}]+")
_NON_CJK_RUN = re.compile(f"[^{CJK}]+")
# Runs of punctuation, symbols, spaces and underscores: ignored when two texts are compared.
NON_WORD = re.compile(r"[\W_]+")


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def count_cjk(text: str) -> int:
    # Deleting the rest is faster than a list of every Chinese character.
    return len(_NON_CJK_RUN.sub("", text))


def normalized_key(text: str) -> str:
    """What is left of a text once punctuation, symbols and spaces are ignored."""
    return NON_WORD.sub("", text)


def all_gb2312(text: str) -> bool:
    """Every character is ASCII or one of GB2312's common characters: one encode for the whole text."""
    try:
        text.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


# The same question of one character (GB2312 is stateless, so it is the same test).
in_gb2312 = all_gb2312


def count_rare_cjk(text: str) -> int:
    """How many of the Chinese characters of `text` are outside GB2312.

    One encode of the text's Chinese characters, not one per character: in
    GB2312 every Chinese character is two bytes, so those that `ignore`
    drops are what is missing.
    """
    if all_gb2312(text):
        return 0
    cjk = "".join(CJK_RUN.findall(text))
    return len(cjk) - len(cjk.encode("gb2312", "ignore")) // 2


def rare_cjk(text: str) -> set[str]:
    """The distinct Chinese characters of `text` that are outside GB2312."""
    if all_gb2312(text):
        return set()
    return {ch for ch in set(CJK_CHAR.findall(text)) if not in_gb2312(ch)}

"""Character classes and small text keys shared by every step: their one home.

Regex fragments are strings (to build character classes from); the compiled
patterns and predicates are what most callers want.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The CJK Unified Ideographs block: what zhnews counts as "Chinese characters".
CJK = "\u4e00-\u9fff"
CJK_CHAR = re.compile(f"[{CJK}]")
CJK_RUN = re.compile(f"[{CJK}]+")
_NON_CJK_RUN = re.compile(f"[^{CJK}]+")
# Runs of punctuation, symbols, spaces and underscores: ignored when two texts are compared.
NON_WORD = re.compile(r"[\W_]+")
# The runs between them: what a comparison keeps.
_WORD_RUN = re.compile(r"[^\W_]+")


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def count_cjk(text: str) -> int:
    # Deleting the rest is faster than a list of every Chinese character.
    return len(_NON_CJK_RUN.sub("", text))


def has_cjk(text: str, at_least: int = 1) -> bool:
    """`count_cjk(text) >= at_least`, read only as far as the last character it needs."""
    return at_least <= 0 or _cjk_at_least(at_least).match(text) is not None


@lru_cache(maxsize=16)
def _cjk_at_least(n: int) -> re.Pattern:
    # The two classes are disjoint, so the pattern never backtracks.
    return re.compile(f"(?:[^{CJK}]*[{CJK}]){{{n}}}")


def normalized_key(text: str) -> str:
    """What is left of a text once punctuation, symbols and spaces are ignored."""
    # The kept runs joined: a third faster than substituting the others away.
    return "".join(_WORD_RUN.findall(text))


def key_runs_and_gaps(text: str) -> list[tuple[str, str]]:
    """Each run of `text` that `normalized_key` keeps, with the run of ignored characters after it."""
    return _RUN_AND_GAP.findall(text)


_RUN_AND_GAP = re.compile(r"([^\W_]+)([\W_]*)")


def all_gb2312(text: str) -> bool:
    """Every character is ASCII or one of GB2312's common characters: one encode for the whole text."""
    try:
        text.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


# The same question of one character (GB2312 is stateless, so it is the same test).
in_gb2312 = all_gb2312


# How `backslashreplace` writes a character GB2312 lacks; every Chinese character is a \uXXXX.
_ESCAPED = re.compile(rb"\\u([0-9a-f]{4})")


def count_rare_cjk(text: str) -> int:
    """How many of the Chinese characters of `text` are outside GB2312.

    One encode, not one per character: the escapes `backslashreplace` writes
    name the missing characters; a text with a backslash of its own encodes
    its Chinese characters instead (two bytes each in GB2312, so those that
    `ignore` drops are what is missing).
    """
    if all_gb2312(text):
        return 0
    if "\\" not in text:
        # The escapes `backslashreplace` writes are the missing characters, when no backslash
        # of the text's own can look like one; the common miss (a — or a ·) then costs no list.
        codes = _ESCAPED.findall(text.encode("gb2312", "backslashreplace"))
        return sum(1 for code in codes if b"4e00" <= code <= b"9fff")
    cjk = "".join(CJK_RUN.findall(text))
    return len(cjk) - len(cjk.encode("gb2312", "ignore")) // 2


def rare_cjk(text: str) -> set[str]:
    """The distinct Chinese characters of `text` that are outside GB2312."""
    if all_gb2312(text):
        return set()
    # One encode names the missing characters, where a list of every Chinese character costs
    # ten times more. A literal `\u4e00` in the text reads the same, so each is checked.
    found = {chr(int(code, 16)) for code in _ESCAPED.findall(text.encode("gb2312", "backslashreplace"))}
    return {ch for ch in found if is_cjk(ch) and not in_gb2312(ch) and ch in text}

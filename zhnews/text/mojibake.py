"""Find and repair mojibake, or drop it as a unit.

Two kinds reach us. UTF-8 read as Latin-1/cp1252 (`æ\x96°é\x97»`) can be
repaired exactly. UTF-8 read as GBK and written back (seed 004's `?!卑倜χ校`)
has lost bytes and cannot: the sentence carrying it is dropped whole and
counted, rather than passed on as a garbage sentence that a summary might pick.
"""

from __future__ import annotations

import re

from .chars import CJK, count_rare_cjk
from .split import split_sentences

_LATIN1_RUN = re.compile(r"[\u00c0-\u00ff][\u0080-\u00ff\u2018-\u203a\u0152-\u0192\u02c6-\u02dc]+")
# Each pattern opens with the rare character it is about and tests the context around it
# afterwards: the regex engine then skips straight to those characters instead of trying the
# whole pattern at every position of the sentence.
# Patterns (strings: they are compiled once, together, as `_ANY_SIGN`).
_SIGNATURES = (
    "[\x00-\x08\x0b\x0c\x0e-\x1f]",
    # Greek or Cyrillic letters touching Chinese characters: 倜χ校 (but not the
    # letters science and software write that way: β测试版, α粒子, 100μm).
    rf"[\u0370-\u03ff\u0400-\u04ff](?<![αβγδεθλμπστφωΩΔΣ])(?:(?<=[{CJK}].)|(?=[{CJK}]))",
    # A broken closing quote: `?!` glued to the next character.
    rf"\?!(?=[{CJK}])",
)
# A lone lowercase letter wedged between Chinese characters (掷m增, 敝x曙) is
# misdecoded bytes, except in the few words written that way (日k线, e公司/e租宝)
# and in options of a quiz (选a, 选项b).
# The letter, then: a Chinese character before it that is not 选 or 项, not e, not k before 线,
# and a Chinese character after it.
_WEDGED = rf"[a-z](?<=[{CJK}][a-z])(?<![选项][a-z])(?<!e)(?!(?<=k)线)(?=[{CJK}])"
# Replacement and private-use characters: one run in a sentence is a broken
# emoji, symbol or indent (SogouC's U+E5E5 pairs); several are misdecoded text.
_REPLACEMENT_RUN = re.compile("[\ufffd\ue000-\uf8ff]+")
_ODD = re.compile("[\ufffd\ue000-\uf8ff]")
# Characters outside GB2312 are normal in names, but several in one short
# sentence (after conversion to simplified) are the mark of misdecoded bytes.
_RARE_LIMIT = 3
# Every signature and the wedged letter in one pattern: one scan of a sentence, not four.
_ANY_SIGN = re.compile("|".join(f"(?:{p})" for p in (*_SIGNATURES, _WEDGED)))
# The characters a match of `_ANY_SIGN` can start with (each alternative's first). A scan for
# them alone is four times faster, and most sentences hold none (no Latin lowercase).
_SIGN_START = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u0370-\u04ff?a-z]")


def repair_latin1(text: str) -> str:
    """Undo UTF-8 that was decoded as Latin-1 or cp1252, where that is exact."""
    if text.isascii():
        return text

    def fix(match: re.Match) -> str:
        chunk = match.group()
        for codec in ("cp1252", "latin-1"):
            try:
                return chunk.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
        return chunk

    return _LATIN1_RUN.sub(fix, text)


def is_mojibake(sentence: str) -> bool:
    return _is_mojibake(sentence, _ODD.search(sentence) is not None)


def _is_mojibake(sentence: str, odd: bool) -> bool:
    """`is_mojibake`, told whether `sentence` holds a replacement or private-use character."""
    if _SIGN_START.search(sentence) and _ANY_SIGN.search(sentence):
        return True
    if odd and len(_REPLACEMENT_RUN.findall(sentence)) >= 2:
        return True
    return count_rare_cjk(sentence) >= _RARE_LIMIT


def drop_mojibake(paragraph: str) -> tuple[str, int]:
    """Remove the sentences of `paragraph` that carry mojibake; return (text, how many)."""
    text, dropped = split_mojibake(paragraph)
    return text, len(dropped)


def split_mojibake(paragraph: str) -> tuple[str, list[str]]:
    """`paragraph` without the sentences that carry mojibake, and those sentences."""
    # A paragraph without a signature has no sentence with one: skip the split. Whether it
    # holds an odd character is asked once, for the test and for the clean-up.
    odd = _ODD.search(paragraph) is not None
    if not _is_mojibake(paragraph, odd):
        return _REPLACEMENT_RUN.sub("", paragraph) if odd else paragraph, []
    kept, dropped = [], []
    for sentence in split_sentences(paragraph):
        if is_mojibake(sentence):
            dropped.append(sentence)
        else:
            kept.append(_REPLACEMENT_RUN.sub("", sentence))
    return "".join(kept), dropped

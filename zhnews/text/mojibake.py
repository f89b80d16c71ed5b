"""Find and repair mojibake, or drop it as a unit.

Two kinds reach us. UTF-8 read as Latin-1/cp1252 (`æ\x96°é\x97»`) can be
repaired exactly. UTF-8 read as GBK and written back (seed 004's `?!卑倜χ校`)
has lost bytes and cannot: the sentence carrying it is dropped whole and
counted, rather than passed on as a garbage sentence that a summary might pick.
"""

from __future__ import annotations

import re

from .chars import CJK, in_gb2312, is_cjk

_LATIN1_RUN = re.compile(r"[\u00c0-\u00ff][\u0080-\u00ff\u2018-\u203a\u0152-\u0192\u02c6-\u02dc]+")
_SIGNATURES = (
    re.compile("[\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]"),
    # Greek or Cyrillic letters touching Chinese characters: 倜χ校.
    re.compile(rf"[{CJK}][\u0370-\u03ff\u0400-\u04ff]|[\u0370-\u03ff\u0400-\u04ff][{CJK}]"),
    # A broken closing quote: `?!` glued to the next character.
    re.compile(rf"\?!(?=[{CJK}])"),
)
# A lone lowercase letter wedged between Chinese characters (掷m增, 敝x曙) is a
# mark of misdecoded bytes when it comes with others; one alone is usually a
# word (日k线, e公司).
_WEDGED = re.compile(rf"[{CJK}][a-z](?=[{CJK}])")
# Replacement characters: one run is a broken emoji or symbol, several are misdecoded text.
_REPLACEMENT_RUN = re.compile("\ufffd+")
# Characters outside GB2312 are normal in names, but several in one short
# sentence (after conversion to simplified) are the mark of misdecoded bytes.
_RARE_LIMIT = 3


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
    if any(sig.search(sentence) for sig in _SIGNATURES):
        return True
    if "\ufffd" in sentence and len(_REPLACEMENT_RUN.findall(sentence)) >= 2:
        return True
    wedged = len(_WEDGED.findall(sentence))
    if wedged >= 2:
        return True
    rare = 0
    for ch in sentence:
        if is_cjk(ch) and not in_gb2312(ch):
            rare += 1
            if rare >= _RARE_LIMIT or wedged:
                return True
    return False


def drop_mojibake(paragraph: str) -> tuple[str, int]:
    """Remove the sentences of `paragraph` that carry mojibake; return (text, how many)."""
    from .split import split_sentences

    # A paragraph without a signature has no sentence with one: skip the split.
    if not is_mojibake(paragraph):
        return _REPLACEMENT_RUN.sub("", paragraph) if "\ufffd" in paragraph else paragraph, 0
    sentences = split_sentences(paragraph)
    kept = [_REPLACEMENT_RUN.sub("", s) for s in sentences if not is_mojibake(s)]
    return "".join(kept), len(sentences) - len(kept)

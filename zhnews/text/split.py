"""Chinese sentence splitting.

A sentence ends at 。！？!? or an ellipsis (…… / ... ), and always at a line
break, so a headline line is its own unit. Closing quotes and brackets stay
with the sentence they close; a full stop inside an open quotation does not
end the sentence unless the quotation closes right after it. Decimals (42.1),
dates (2023.03.17) and version numbers never split: a lone ASCII dot is not a
terminator.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TERMINATORS = "。！？!?"
# Every character a sentence can end on, closers aside: the terminators, an ellipsis and the dots
# of "...". Cleaning relies on it to know that a text holds no repeated sentence without splitting it.
SENTENCE_END_MARKS = _TERMINATORS + "…."
_CLOSERS = "”’」』）)】》〉\"'"
_OPENERS = "“‘「『"
_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
# A quotation left open this long is treated as broken markup, not a quote.
_MAX_QUOTE = 200
_ELLIPSIS = re.compile(r"…+|\.{3,}|。{3,}")
# The only characters the splitter acts on; it jumps from one to the next.
_MARKS = re.compile("[" + re.escape(_TERMINATORS + "…." + "".join(_QUOTE_PAIRS) + "".join(_QUOTE_PAIRS.values())) + "]")
# Fragments this short ("他说。") read better attached to the sentence before.
_MIN_SENTENCE = 5


def split_sentences(text: str) -> list[str]:
    """Split `text` into sentences, in order, dropping empty ones."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            sentences.extend(_split_line(line))
    return sentences


def first_sentence(text: str) -> str:
    """`split_sentences(text)[0]` (or "" for a text without one), splitting only the first line that has text."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            # A whole paragraph need not be split for its first sentence, unless a quotation may span it.
            return _split_line(line)[0] if _OPENER.search(line) else _first_unquoted(line)
    return ""


def _first_unquoted(line: str) -> str:
    """`_split_unquoted(line)[0]`: the first piece and the fragments merged into it, read no further."""
    pieces = _unquoted_pieces(line)
    first = next(pieces, "")
    for piece in pieces:
        if _LONG_ENOUGH.match(piece):
            break
        first += piece
    return first


# Where a line without quotations ends a sentence: a run of terminators or an ellipsis, with the
# closers after it (what `_split_line` finds one mark at a time).
_END = re.compile("(?:[" + re.escape(_TERMINATORS) + "]+|…+|\\.{3,})[" + re.escape(_CLOSERS) + "]*")
_OPENER = re.compile("[" + "".join(_QUOTE_PAIRS) + "]")
# A key of at least `_MIN_SENTENCE` characters: that many characters `normalized_key` keeps.
_LONG_ENOUGH = re.compile(r"(?:[\W_]*[^\W_]){%d}" % _MIN_SENTENCE)


# Cleaning splits each paragraph to find repeats, then the article's text again for its
# sentences: the same lines, a moment apart. The lists are shared, so callers copy, never change.
@lru_cache(maxsize=1024)
def _split_line(line: str) -> list[str]:
    if _OPENER.search(line):
        return _split_quoted(line)
    return _split_unquoted(line)


def _split_unquoted(line: str) -> list[str]:
    return _merge_fragments(list(_unquoted_pieces(line)))


def _unquoted_pieces(line: str):
    """The stripped pieces of `line` between terminators, in order, empty ones left out."""
    # No quotation can open, so every terminator ends a sentence: one C-level scan finds them all.
    start = 0
    for match in _END.finditer(line):
        piece = line[start : match.end()].strip()
        start = match.end()
        if piece:
            yield piece
    rest = line[start:].strip()
    if rest:
        yield rest


def _split_quoted(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    i = 0
    n = len(line)
    open_quotes: list[tuple[str, int]] = []
    while i < n:
        resume = i
        mark = _MARKS.search(line, i)
        if mark is None:
            break
        i = mark.start()
        # The characters skipped over would each have aged the open quotation.
        if i > resume and open_quotes and i - 1 - open_quotes[0][1] > _MAX_QUOTE:
            open_quotes.clear()
        ch = line[i]
        if ch in _QUOTE_PAIRS:
            open_quotes.append((_QUOTE_PAIRS[ch], i))
        elif open_quotes and ch == open_quotes[-1][0]:
            open_quotes.pop()
        if open_quotes and i - open_quotes[0][1] > _MAX_QUOTE:
            open_quotes.clear()
        end = _terminator_end(line, i)
        if end is None:
            i += 1
            continue
        # Inside a quotation a terminator ends the sentence only when the
        # quotation closes right after it (“……。”).
        j = end
        while j < n and line[j] in _CLOSERS:
            if open_quotes and line[j] == open_quotes[-1][0]:
                open_quotes.pop()
            j += 1
        if open_quotes:
            i = j
            continue
        pieces.append(line[start:j])
        start = i = j
    if start < n:
        pieces.append(line[start:])
    return _merge_fragments([p.strip() for p in pieces if p.strip()])


def _terminator_end(line: str, i: int) -> int | None:
    """If a terminator starts at `i`, return the index just past it."""
    ch = line[i]
    if ch in _TERMINATORS:
        j = i + 1
        while j < len(line) and line[j] in _TERMINATORS:
            j += 1
        return j
    if ch in "….":
        m = _ELLIPSIS.match(line, i)
        if m and (ch == "…" or len(m.group()) >= 3):
            return m.end()
    return None


def _merge_fragments(pieces: list[str]) -> list[str]:
    merged: list[str] = []
    for piece in pieces:
        # Only whether the key is this long matters: a match that stops there, not the whole key.
        if merged and not _LONG_ENOUGH.match(piece):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged

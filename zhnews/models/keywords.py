"""Keywords of an article: its most telling content words.

A word tells about an article when it is frequent here and rare in general:
term frequency times inverse document frequency, with the general IDF taken
from the table jieba ships (estimated on a large Chinese corpus), so one
article is enough. Words in the title count extra. Only content words count:
no stop words, punctuation, numbers, dates or pinyin fragments.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from .. import settings
from ..records import Article

if TYPE_CHECKING:
    from ..text.tablecache import SortedTable

_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_LOWER_LATIN = re.compile(r"^[a-z]+$")
# Station idents and datelines that open news items without being their topic.
_NEWS_CHROME = frozenset({"央视网", "新闻联播", "本台", "日电", "今天", "今年", "近日", "消息"})
_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9]*[A-Z][A-Za-z0-9]*$|^[A-Z]{2,}$")


_MEDIAN = "\x00median"  # stored beside the words; no token holds a NUL


@lru_cache(maxsize=1)
def general_idf() -> tuple[SortedTable, float]:
    """jieba's IDF table and its median (for words it does not list)."""
    from ..text.tablecache import cached_sorted_table

    path = _jieba_folder() / "analyse" / "idf.txt"

    def build() -> dict[str, float]:
        table: dict[str, float] = {}
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                word, _, value = line.rstrip("\n").rpartition(" ")
                if word:
                    table[word] = float(value)
        values = sorted(table.values())
        # The median is of the whole table, kept with it so that loading never sorts 270k values.
        table[_MEDIAN] = values[len(values) // 2] if values else 10.0
        return table

    table = cached_sorted_table(path, "jieba-idf", build, "d")
    return table, table.get(_MEDIAN, 10.0)


def _jieba_folder() -> Path:
    """Where jieba is installed, found without importing it (its import costs a cold start 0.03 s)."""
    import importlib.util

    spec = None if "jieba" in sys.modules else importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        from ..text.segment import import_jieba

        return Path(import_jieba().__file__).parent
    return Path(spec.origin).parent


# Words repeat across articles and the test is pure: remember the verdicts (bounded).
@lru_cache(maxsize=65536)
def is_keyword_candidate(word: str) -> bool:
    """Content words only; latin only as an acronym (5G, GDP), never pinyin."""
    if len(word) < 2 or word in _NEWS_CHROME:
        return False
    if _LATIN.search(word):
        return bool(_ACRONYM.match(word)) and not _LOWER_LATIN.match(word)
    return not _DIGIT.search(word)


class KeywordExtractor:
    """Top `top_k` keywords by TF × general IDF; title words weigh `title_boost` ×."""

    def __init__(self, top_k: int = settings.KEYWORDS, title_boost: float = settings.KEYWORD_TITLE_BOOST):
        self.top_k = top_k
        self.title_boost = title_boost

    def extract(self, doc: Article | str, title: str = "") -> list[str]:
        from ..text.segment import keyword_tokenizer

        if isinstance(doc, Article):
            text, title = doc.text, title or doc.title
        else:
            text = doc
        tok = keyword_tokenizer()
        counts: Counter[str] = Counter(_candidates(tok, text))
        # A dict, not a set: its order (and so the order of tied keywords)
        # must not depend on string hashing, which changes per process.
        title_words = dict.fromkeys(_candidates(tok, title)) if title else {}
        for w in title_words:
            counts[w] += 1
        if not counts:
            return []
        idf, default = general_idf()
        scored = []
        words = list(counts)
        for order, (word, tf, general) in enumerate(zip(words, counts.values(), idf.lookup(words, default))):
            weight = tf * general * (self.title_boost if word in title_words else 1.0)
            scored.append((-weight, order, word))
        scored.sort()
        return [word for _, _, word in scored[: self.top_k]]


def _candidates(tok, text: str) -> list[str]:
    """Content words, leaving out units cut from a number (19号线 → 号线, 3亿元 → 亿元)."""
    tokens = _names_joined(tok.tag(text))
    known = _verdicts(tok)
    # Every token's verdict in one C-level pass; only tokens never seen are judged in Python,
    # and only the candidates are checked against the token before them.
    verdicts = list(map(known.get, tokens))
    if None in verdicts:
        for i, ok in enumerate(verdicts):
            if ok is None:
                verdicts[i] = known[tokens[i]] = _is_candidate(tok, tokens[i])
    return [tokens[i] for i in compress(range(len(tokens)), verdicts)
            if not (i and tokens[i - 1][-1:].isdigit())]


def _is_candidate(tok, token: str) -> bool:
    # Cheapest tests first: most tokens are single characters or punctuation.
    return len(token) > 1 and is_keyword_candidate(token) and tok.is_content(token)


# Each tokenizer's verdicts (its stop words decide), bounded like its own memo.
_VERDICTS: "WeakKeyDictionary" = WeakKeyDictionary()
_VERDICT_LIMIT = 200_000


def _verdicts(tok) -> dict[str, bool]:
    known = _VERDICTS.get(tok)
    if known is None or len(known) > _VERDICT_LIMIT:
        known = _VERDICTS[tok] = {}
    return known


def _names_joined(tagged: list[tuple[str, str]]) -> list[str]:
    """Tokens, with a person's name kept whole: a one-character surname (nr) and the one or two
    characters after it (胡 + 长春 → 胡长春, not the city 长春)."""
    # Only one-character surnames can start a join; most texts have none or few, so the
    # tokens between them are copied as they are.
    surnames = _surnames(tagged)
    if not surnames:
        return list(map(itemgetter(0), tagged))
    out: list[str] = []
    i = 0
    for s in surnames:
        if s < i:
            continue  # already joined as the end of the name before
        out.extend(word for word, _ in tagged[i:s])
        word = tagged[s][0]
        after = tagged[s + 1][0] if s + 1 < len(tagged) else ""
        if after and len(after) <= 2 and all("\u4e00" <= c <= "\u9fff" for c in after):
            out.append(word + after)
            i = s + 2
        else:
            out.append(word)
            i = s + 1
    out.extend(word for word, _ in tagged[i:])
    return out


def _surnames(tagged: list[tuple[str, str]]) -> list[int]:
    """Positions of one-character tokens tagged as a person's name."""
    flags = list(map(itemgetter(1), tagged))
    found, i = [], -1
    while True:
        try:
            i = flags.index("nr", i + 1)  # a scan in C to the next name
        except ValueError:
            return found
        if len(tagged[i][0]) == 1:
            found.append(i)


def no_keywords(doc: Article | str, title: str = "") -> list[str]:
    """The keyword extractor for `--keywords 0` (a function, so that it pickles)."""
    return []


def extract_keywords(doc: Article | str, title: str = "", top_k: int = settings.KEYWORDS) -> list[str]:
    return KeywordExtractor(top_k=top_k).extract(doc, title)

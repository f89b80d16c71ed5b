"""The shortcuts taken for speed answer exactly what the plain way answers."""

from __future__ import annotations

import array
import random
import re

from zhnews.text import normalize as N
from zhnews.text import split as S
from zhnews.text.chars import CJK, CJK_CHAR, CJK_RUN, all_gb2312, count_rare_cjk, in_gb2312, rare_cjk
from zhnews.text.tablecache import SortedTable, cached_sorted_table

_ALPHABET = list("過國时一—·\\u4e00 a9f𠀊\ue5e5中１ａ\u3000\t\n“”‘’「」。！？!?….，")


def _texts(n: int, seed: int):
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 16))) for _ in range(n)]


def test_rare_characters_are_found_as_one_per_character_would():
    for text in _texts(20000, 1) + ["\\u904e", "過\\u904e", "\\u4e00一", "a—b·c"]:
        assert rare_cjk(text) == {c for c in set(CJK_CHAR.findall(text)) if not in_gb2312(c)}, text
        if all_gb2312(text):
            assert count_rare_cjk(text) == 0
        else:
            cjk = "".join(CJK_RUN.findall(text))
            assert count_rare_cjk(text) == len(cjk) - len(cjk.encode("gb2312", "ignore")) // 2, text


def test_width_and_spaces_fold_as_the_table_and_lookbehinds_do():
    between = re.compile(rf"(?<=[{CJK}]) (?=\d)|(?<=\d) (?=[{CJK}])")
    for text in _texts(20000, 2):
        assert N.fold_width(text) == text.translate(N._WIDTH_TABLE)
        assert N._SPACE_BETWEEN_CJK_AND_DIGIT.sub("", text) == between.sub("", text)


def test_spaces_fold_as_when_lines_were_stripped_after_the_runs():
    rng = random.Random(4)
    alphabet = list(" \t\u00a0\u2003\u202f\u3000\x0b\x1c\u200b\r\n中1a。")
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        runs_first = "\n".join(line.strip() for line in N._SPACES.sub(" ", text).split("\n"))
        assert N.normalize_whitespace(text) == N._SPACE_BETWEEN_CJK_AND_DIGIT.sub("", runs_first), repr(text)


def test_a_line_without_quotations_splits_as_the_mark_by_mark_splitter_does():
    for text in _texts(20000, 3):
        for line in text.splitlines():
            line = line.strip()
            if line and not S._OPENER.search(line):
                assert S._split_unquoted(line) == S._split_quoted(line), line


def test_the_sorted_table_answers_as_a_dict(tmp_path, monkeypatch):
    table = {"地铁": 5.5, "轨道": 7.0, "交通": 1.25, "\x00median": 3.0}
    source = tmp_path / "idf.txt"
    source.write_text("x", encoding="utf-8")
    for _ in range(2):  # built, then read back from the cache
        found = cached_sorted_table(source, "t", lambda: dict(table), "d", tmp_path)
        words = ["轨道", "高铁", "地铁", "轨道", "\x00median", "交"]
        assert found.lookup(words, -1.0) == [table.get(w, -1.0) for w in words]
        assert [found.get(w) for w in words] == [table.get(w) for w in words]
    monkeypatch.setattr("zhnews.text.tablecache._SEARCHES_BEFORE_DICT", 2)
    whole = SortedTable(sorted(table), array.array("d", [table[k] for k in sorted(table)]))
    for _ in range(3):  # past the searches it switches to a dict, with the same answers
        assert whole.lookup(words, -1.0) == [table.get(w, -1.0) for w in words]
        assert whole.get("高铁", 0.5) == 0.5
    assert whole._whole


def test_chrome_among_some_rules_is_chrome_kind_kept_when_one_of_them():
    from tests.helpers import SEEDS
    from zhnews.text import boilerplate as bp

    lines = [line.strip() for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]
    # Lines that two rules fit, one of them outside the row's rules and earlier (meta before
    # markup, foreign before teaser), and the other way round.
    lines += ["浏览次数：12 photo.jpg", "Read more about the new metro line Read more", "责任编辑：张三 来源：新华网",
              "x" * (bp.MAX_CHROME_LINE + 1)]
    for rules in (bp.ROW_EDGE_RULES, bp.WHOLE_LINE_RULES, frozenset({"teaser", "meta"}), frozenset()):
        for line in filter(None, lines):
            kind = bp.chrome_kind(line)
            assert bp.chrome_kind_among(line, rules) == (kind if kind in rules else None), line


def test_mojibake_signs_and_comparison_keys_are_found_as_their_plain_patterns_find_them():
    from zhnews.text import mojibake as M
    from zhnews.text.chars import NON_WORD, normalized_key

    rng = random.Random(5)
    alphabet = list("中文字χβ?!ab Z_\x01\x0b，。数\ufffd\ue5e5选项k线e\u0400\u04ff\u0370")
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert M.is_mojibake(text) == bool(M._ANY_SIGN.search(text) or (
            M._ODD.search(text) and len(M._REPLACEMENT_RUN.findall(text)) >= 2) or M.count_rare_cjk(text) >= 3), text
        assert normalized_key(text) == NON_WORD.sub("", text), text


def test_a_page_date_is_found_as_line_by_line_search_finds_it():
    from zhnews.text.dates import _DATE_HINT, find_date, normalize_date

    def plain(text: str) -> str:
        lines = [line for line in text.split("\n")[:40] if line.strip()]
        labelled = [normalize_date(line) for line in lines if _DATE_HINT.search(line)]
        return next((d for d in labelled if d), "") or next((d for d in map(normalize_date, lines[:15]) if d), "")

    rng = random.Random(6)
    alphabet = list("2019年0-1.2月 3日\n发布时间：星期一ab")
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(20000)]
    texts += ["\n".join(["x"] * 45 + ["2020年1月2日"]), "\n".join(["x"] * 39 + ["时间 2020年1月2日"]),
              "\n".join(["2020年1月"] + ["2日"]), "\n".join(["x"] * 20 + ["2020年1月2日"])]
    for text in texts:
        assert find_date(text) == plain(text), text

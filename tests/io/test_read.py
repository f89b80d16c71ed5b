"""Every input format and encoding, through the public `load_articles`."""

import json

import pytest

from zhnews.errors import ErrorLog, StrictStop, UsageError
from zhnews.io.read import read_records
from zhnews.run.articles import load_articles
from zhnews.text.dates import find_date

BODY = (
    "成都轨道交通集团4月2日宣布,地铁19号线二期工程完成全部铺轨。该线路全长43公里,设站12座,"
    "建成后将串联天府新区与双流国际机场。工程指挥部表示,线路计划年内开通试运营。"
)
TRAD = "新華社合肥4月3日電 合肥市軌道交通4號線南延線今日開通運營,全長5.1公里,設車站3座,市民出行更加便捷。"


def load(paths, **kw):
    errors = kw.pop("errors", ErrorLog())
    return list(load_articles([str(p) for p in paths], errors=errors, **kw)), errors


def test_txt_utf8(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("成都地铁19号线二期完成铺轨\n" + BODY, encoding="utf-8")
    [article], errors = load([path])
    assert article.title == "成都地铁19号线二期完成铺轨"
    assert article.text == BODY
    assert article.encoding == "utf-8" and article.id == "a"
    assert len(article.sentences) == 3 and not errors.problems


@pytest.mark.parametrize("codec,expected", [("gbk", "gb18030"), ("gb2312", "gb18030"), ("utf-8-sig", "utf-8 (BOM)"), ("utf-16", "utf-16 (BOM)")])
def test_encodings(tmp_path, codec, expected):
    path = tmp_path / "page.txt"
    path.write_bytes(("成都地铁19号线二期完成铺轨\n" + BODY).encode(codec))
    [article], _ = load([path])
    assert article.text == BODY
    assert article.encoding == expected


def test_big5_traditional_comes_out_simplified(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(TRAD.encode("big5"))
    [article], _ = load([path])
    assert article.encoding == "big5"
    assert "合肥市轨道交通4号线南延线今日开通运营" in article.text


def test_forced_encoding(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(BODY.encode("gbk"))
    [article], _ = load([path], encoding="gbk")
    assert article.text == BODY and article.encoding == "gbk"


def test_jsonl_fields_and_bad_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    rows = [
        json.dumps({"id": "r1", "title": "标题一", "text": BODY, "date": "2024年5月6日", "url": "http://x.cn/1", "source": "成都日报"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": 12}),
        json.dumps({"text": BODY}, ensure_ascii=False),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    articles, errors = load([path])
    assert [a.id for a in articles] == ["r1", "in:5"]
    first = articles[0]
    assert (first.title, first.date, first.url, first.source) == ("标题一", "2024-05-06", "http://x.cn/1", "成都日报")
    assert [(p.line, p.reason.split(":")[0]) for p in errors.problems] == [(2, "malformed JSON"), (3, "missing field"), (4, "wrong type")]


@pytest.mark.parametrize("name,delim", [("in.csv", ","), ("in.tsv", "\t")])
def test_csv_and_tsv(tmp_path, name, delim):
    import csv

    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delim)
        writer.writerows([["id", "title", "text"], ["x1", "标题", BODY], ["x2", "ragged"]])
    articles, errors = load([path])
    assert [a.id for a in articles] == ["x1"]
    assert articles[0].text == BODY
    assert errors.problems[0].line == 3 and "ragged" in errors.problems[0].reason


def test_csv_without_text_column_is_reported(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("id,headline\n1,x\n", encoding="utf-8")
    articles, errors = load([path])
    assert articles == [] and "no text column" in errors.problems[0].reason


def test_html_main_content(tmp_path):
    html = f"""<!doctype html><html><head><title>成都地铁19号线二期完成铺轨</title>
    <script>alert('x')</script></head><body>
    <div class="nav"><a href="/">首页</a> &gt; <a href="/news">新闻</a></div>
    <article><h1>成都地铁19号线二期完成铺轨</h1><p>{BODY}</p>
    <p>据介绍,19号线二期采用全自动运行系统,列车最高时速140公里。</p></article>
    <footer>版权所有 © 成都日报 蜀ICP备0000号</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [article], _ = load([path])
    assert "完成全部铺轨" in article.text and "全自动运行系统" in article.text
    assert "alert" not in article.text and "版权所有" not in article.text
    assert article.title == "成都地铁19号线二期完成铺轨"


def test_folder_is_read_recursively_and_unknown_extensions_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("标题乙\n" + BODY, encoding="utf-8")
    (tmp_path / "a.md").write_text("标题甲\n" + BODY, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    articles, errors = load([tmp_path])
    assert sorted(a.title for a in articles) == ["标题乙", "标题甲"]
    assert not errors.problems


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        load([tmp_path / "nope.txt"])


def test_empty_and_binary_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "fake.txt").write_bytes(b"%PDF-1.4\n\x00\x01")
    (tmp_path / "good.txt").write_text("标题\n" + BODY, encoding="utf-8")
    articles, errors = load([tmp_path])
    assert len(articles) == 1
    reasons = sorted(p.reason for p in errors.problems)
    assert reasons == ["binary data, not text", "empty file"]


def test_strict_stops_at_first_bad_record(tmp_path):
    (tmp_path / "a.txt").write_text("  ", encoding="utf-8")
    with pytest.raises(StrictStop):
        load([tmp_path], errors=ErrorLog(strict=True))


def test_find_date():
    assert find_date("株洲日报\n2022年4月28 星期四 第22939期") == "2022-04-28"
    assert find_date("标题\n发布时间:2019/11/16 新闻 浏览:507\n正文") == "2019-11-16"
    assert find_date("4月14日,大会召开。") == ""


def test_jsonl_is_streamed_not_loaded_whole(tmp_path):
    import tracemalloc

    row = json.dumps({"id": "x", "text": "株洲高新区新签约项目23个,总投资186亿元。" * 20}, ensure_ascii=False) + "\n"
    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as fh:
        for _ in range(40_000):  # about 40 MB
            fh.write(row)
    assert big.stat().st_size > 35 * 2**20
    errors = ErrorLog()
    tracemalloc.start()
    count = sum(1 for _ in read_records([str(big)], errors))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 40_000 and not errors.problems
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.1f} MiB: the file was held in memory"


def test_seen_ids_remember_where_each_id_was_first_read_across_merges():
    from zhnews.io.read import SeenIds

    seen = SeenIds()
    n = SeenIds._BUFFER * 2 + 17  # two merges into the sorted arrays, and some still in the dict
    for i in range(n):
        seen.add(f"row-{i}", f"big.jsonl:{i + 1}", i + 1)
    seen.add("page", "news/page.html", None)
    assert len(seen) == n + 1
    assert seen.where("row-0") == "big.jsonl:1"
    assert seen.where(f"row-{n - 1}") == f"big.jsonl:{n}"
    middle = SeenIds._BUFFER + 5
    assert seen.where(f"row-{middle}") == f"big.jsonl:{middle + 1}"
    assert seen.where("page") == "news/page.html"
    assert seen.where("row-x") is None


def test_a_repeated_id_far_down_a_long_file_is_still_reported(tmp_path):
    import json

    from typer.testing import CliRunner

    from zhnews.cli import app

    rows = [{"id": f"r{i}", "text": f"市政府与第{i}家银行签订战略合作协议，提供授信支持。"} for i in range(70_000)]
    rows.append({"id": "r3", "text": "高新区第二批项目集中开工，总投资36亿元。"})
    path = tmp_path / "long.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(path), "--format", "jsonl"])
    assert f"id 'r3' at {path}:70001 was already used at {path}:4" in result.stderr


def test_byte_lines_are_the_lines_of_the_head_and_then_of_the_file(monkeypatch):
    import io
    import random
    import re

    from zhnews.io import read

    def expected(head: bytes, rest: bytes, limit: int) -> list:
        # What the reader promises: every line of head + rest in order, a line read whole from the
        # head as it is, and any other line longer than `limit` (its newline aside) as None.
        data = head + rest
        out = []
        for match in re.finditer(rb"[^\n]*\n|[^\n]+\Z", data):
            line = match.group()
            from_head = match.end() <= len(head) and line.endswith(b"\n")
            out.append(line if from_head or len(line.rstrip(b"\n")) <= limit else None)
        return out

    monkeypatch.setattr(read, "MAX_LINE_BYTES", 12)
    rng = random.Random(7)
    for _ in range(3000):
        data = b"".join(rng.choice([b"a", b"bc", b"\n", b"d" * 9, b"\xe4\xb8\xad"]) for _ in range(rng.randint(0, 30)))
        cut = rng.randint(0, len(data))
        got = list(read._byte_lines(data[:cut], io.BytesIO(data[cut:])))
        assert got == expected(data[:cut], data[cut:], 12), (data, cut)

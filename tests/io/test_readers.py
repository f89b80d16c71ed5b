"""Every registered input reader reads its own files, and stdin by what the text starts with."""

from __future__ import annotations

import json

import pytest

from zhnews.errors import ErrorLog
from zhnews.io.read import READERS, read_records, reader_for

BODY = "长沙地铁6号线东延段今日开通运营。新线全长约10公里，设站4座，与2号线换乘。"
SAMPLES = {
    "page": BODY,
    "html": f"<!doctype html><html><head><title>地铁开通</title></head><body><p>{BODY}</p></body></html>",
    "jsonl": json.dumps({"id": "a", "text": BODY}, ensure_ascii=False) + "\n",
    "csv": f"id,text\na,{BODY}\n",
    "tsv": f"id\ttext\na\t{BODY}\n",
}


def test_every_reader_has_a_sample():
    assert set(READERS) == set(SAMPLES)


@pytest.mark.parametrize("kind", sorted(READERS))
def test_each_reader_reads_its_own_extensions(kind, tmp_path):
    for ext in READERS[kind].extensions:
        path = tmp_path / f"news{ext}"
        path.write_text(SAMPLES[kind], encoding="utf-8")
        assert reader_for(str(path)) is READERS[kind]
        errors = ErrorLog()
        records = list(read_records([str(path)], errors))
        assert len(records) == 1 and not errors.problems
        assert "地铁" in records[0].text


@pytest.mark.parametrize("kind", sorted(k for k, r in READERS.items() if r.sniff is not None))
def test_stdin_is_recognised_by_its_start(kind):
    assert reader_for("-", SAMPLES[kind]) is READERS[kind]


def test_unknown_stdin_text_is_a_page():
    assert reader_for("-", BODY).kind == "page"

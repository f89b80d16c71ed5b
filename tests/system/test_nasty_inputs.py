"""A folder of nasty inputs, made here, through every command.

Each bad file or record must be named in the error report with its reason,
every good one must come out, the exit code must say "some input skipped",
no traceback may show, and no input file may be modified.
"""

import hashlib
import json
import os

import pytest
from typer.testing import CliRunner

from zhnews.cli import app

RAIL = "长沙地铁6号线东延段今日开通运营。新线全长约10公里,设站4座,与2号线、4号线换乘。列车最高时速80公里,高峰期行车间隔6分钟。"
BANK = "工商银行无锡分行近日为当地200余家科技型中小企业发放信用贷款18亿元。该行表示,将继续加大对制造业中长期贷款的投放。"
PARK = "蘇州工業園區今年新引進外資項目68個,實際使用外資同比增長12%。園區管委會表示,將繼續優化營商環境,打造世界一流高科技園區。"
DIGITAL = "佛山市政务服务数据管理局介绍,全市已有1800项政务服务事项实现一网通办,企业开办时间压缩至半个工作日,电子证照调用量突破300万次。"
ENGLISH = "The new metro line opened on Monday. It links the airport with the high-speed rail station in forty minutes."
JAPANESE = "東京都は来年度から新しい地下鉄路線の建設を始めると発表した。総工費は約三千億円を見込んでいる。"

# Each bad input and a word its reason must contain.
BAD = {
    "empty.txt": "empty file",
    "blank.txt": "empty file",
    "report.txt": "binary",
    "photo.md": "binary",
    "archive.txt": "binary",
    "emoji.txt": "no Chinese text",
    "english.txt": "no Chinese text",
    "huge.txt": "too large",
    "broken-link.txt": "broken symbolic link",
    "does-not-exist.txt": "no such file",
}
BAD_LINES = {
    ("rows.jsonl", 2): "malformed JSON",
    ("rows.jsonl", 3): "missing field: text",
    ("rows.jsonl", 4): "wrong type",
    ("rows.jsonl", 5): "too large",
    ("rows.jsonl", 7): "not a JSON object",
    ("ragged.csv", 3): "ragged row",
}
GOOD_IDS = {"rail", "bank_gbk", "park_big5", "digital_utf16", "japanese", "mixed", "row-1", "row-6", "csv-ok"}


@pytest.fixture(scope="module")
def nasty(tmp_path_factory):
    root = tmp_path_factory.mktemp("nasty")
    d = root / "inbox"
    (d / "sub").mkdir(parents=True)
    (d / "rail.txt").write_text("长沙地铁6号线东延段开通\n\n" + RAIL, encoding="utf-8")
    (d / "bank_gbk.txt").write_bytes(BANK.encode("gbk"))
    (d / "park_big5.txt").write_bytes(PARK.encode("big5"))
    (d / "digital_utf16.txt").write_bytes(DIGITAL.encode("utf-16"))
    (d / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (d / "japanese.txt").write_text(JAPANESE, encoding="utf-8")
    (d / "mixed.txt").write_bytes(RAIL.encode("utf-8") + "\n".encode() + BANK.encode("gbk"))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text(" \n\t\n　\n", encoding="utf-8")
    (d / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\x00\x00\x01")
    (d / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (d / "archive.txt").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4)
    (d / "emoji.txt").write_text("🚇🚄💰🏭📱 🎉🎉🎉\n😀😀", encoding="utf-8")
    (d / "huge.txt").write_text(("这是一个异常巨大的页面。" * 1000 + "\n") * 700, encoding="utf-8")  # ~25 MB
    rows = [
        json.dumps({"id": "row-1", "title": "无锡银行投放信用贷款", "text": BANK}, ensure_ascii=False),
        '{"id": "row-2", "text": "少了右括号"',
        json.dumps({"id": "row-3", "title": "没有正文"}, ensure_ascii=False),
        json.dumps({"id": "row-4", "text": 12345}),
        json.dumps({"id": "row-5", "text": "巨" * 10_500_000}, ensure_ascii=False),  # a 30 MB line
        json.dumps({"id": "row-6", "title": "长沙地铁", "text": RAIL}, ensure_ascii=False),
        "[1, 2, 3]",
    ]
    (d / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (d / "ragged.csv").write_text(f'id,title,text\ncsv-ok,佛山一网通办,"{DIGITAL}"\nbad,only two\n', encoding="utf-8")
    (d / "notes.docx").write_bytes(b"PK\x03\x04 a word file")
    (d / "broken-link.txt").symlink_to(d / "gone.txt")
    (d / "sub" / "loop").symlink_to(d, target_is_directory=True)
    files = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in d.rglob("*") if p.is_file() and not p.is_symlink()}
    return root, d, files


COMMANDS = {
    "clean": ["--format", "jsonl"],
    "classify": ["--format", "jsonl"],
    "summarize": ["--format", "jsonl"],
    "digest": ["--format", "json"],
}


def ids_in(command: str, stdout: str) -> set[str]:
    if command == "digest":
        data = json.loads(stdout)
        items = [i for t in data["themes"] for i in t["items"]] + data["other"]
        # The same story in several files is shown once, the others as reprints.
        return {i["id"] for i in items} | {r["id"] for i in items for r in i["reprints"]}
    return {json.loads(line)["id"] for line in stdout.splitlines() if line.strip()}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_processes_the_good_and_reports_the_bad(nasty, command):
    root, inbox, files = nasty
    report = root / f"errors-{command}.jsonl"
    args = [command, str(inbox), str(inbox.parent / "does-not-exist.txt"), *COMMANDS[command], "--errors", str(report)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert all(line.startswith("zhnews: ") for line in result.stderr.splitlines())

    # Page files are named by their stem (stem#k when split), rows by their id.
    found = ids_in(command, result.stdout)
    produced = {i.split("#")[0] for i in found}
    assert GOOD_IDS <= produced, produced

    problems = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    by_file = {(os.path.basename(p["source"]), p["line"]): p["reason"] for p in problems}
    for name, reason in BAD.items():
        assert reason in by_file.get((name, None), ""), (name, by_file)
    for (name, line), reason in BAD_LINES.items():
        assert reason in by_file.get((name, line), ""), (name, line, by_file)
    assert any("symbolic link loop" in p["reason"] for p in problems)
    # Every file is accounted for: it produced articles or it is in the report.
    reported = {os.path.basename(p["source"]) for p in problems}
    for path in inbox.glob("*.txt"):
        assert path.stem in produced or path.name in reported, path.name
    assert "notes.docx" not in reported and "unknown extension" in result.stderr
    # Nothing read was changed.
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files} == files


def test_strict_stops_at_the_first_bad_input(nasty):
    root, inbox, _ = nasty
    result = CliRunner().invoke(app, ["classify", str(inbox), "--strict", "--format", "jsonl"])
    assert result.exit_code == 1
    assert "stopped: --strict" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_reported(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(RAIL, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(BANK, encoding="utf-8")
    locked.chmod(0)
    try:
        result = CliRunner().invoke(app, ["clean", str(tmp_path), "--format", "jsonl"])
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 1
    assert "locked.txt: unreadable" in result.stderr
    assert ids_in("clean", result.stdout) == {"good"}


def test_only_missing_paths_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"zhnews: error: {tmp_path / 'nope.txt'}: no such file or folder"


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_a_file_that_fails_to_read_is_reported_even_as_root(tmp_path):
    # /proc/self/mem opens but fails on read (EIO): an unreadable file whatever the user's rights.
    good = tmp_path / "good.txt"
    good.write_text(RAIL, encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", "/proc/self/mem", str(good), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "/proc/self/mem: unreadable" in result.stderr
    assert ids_in("clean", result.stdout) == {"good"}

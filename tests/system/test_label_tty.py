"""`zhnews label` driven through a real pseudo-terminal, as an analyst would use it."""

import json
import os
import signal
import sys

import pytest
from typer.testing import CliRunner

from tests.helpers import REPO, write_jsonl
from zhnews.cli import app

pexpect = pytest.importorskip("pexpect")

ARTICLES = [
    ("地铁5号线开通运营", "地铁5号线今天开通运营，全长32公里，设站22座，列车最高时速80公里。"),
    ("银行与园区签约", "建设银行与高新区签约，未来三年提供200亿元授信，支持园区内科技企业融资。"),
    ("数字政府平台上线", "市数字政府一网通办平台上线，1200项政务服务可在网上办理，数据共享接口300个。"),
    ("菊花展开幕", "市民公园菊花展今天开幕，展出菊花品种500个，预计接待游客10万人次。"),
    ("产业园集中开工", "经开区12个项目集中开工，总投资86亿元，涉及新能源汽车零部件和电子信息。"),
]


@pytest.fixture
def news(tmp_path):
    return write_jsonl(tmp_path / "news.jsonl", [
        {"id": f"a{k}", "title": t, "text": x} for k, (t, x) in enumerate(ARTICLES)
    ])


def spawn(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100", "LINES": "40"}
    return pexpect.spawn(sys.executable, ["-m", "zhnews", "label", *args], cwd=str(cwd), env=env,
                         encoding="utf-8", dimensions=(40, 100), timeout=90)


def shown_title(child) -> str:
    child.expect(r"标题：(.*?)\r\n")
    title = child.match.group(1)
    child.expect("q quit")
    return title


def press(child, *keys) -> None:
    """Each key, waiting for the screen it brings."""
    for key in keys:
        child.send(key)
        shown_title(child)


def quit_labeller(child) -> int:
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def answers(path):
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]


def test_toggle_accept_skip_undo_quit_each_answer_written_at_once(news, tmp_path):
    out = tmp_path / "labels.jsonl"
    child = spawn(str(news), "--out", str(out), "--order", "file", cwd=tmp_path)
    assert shown_title(child) == ARTICLES[0][0]
    assert "轨道交通" in child.before and "产业园区" in child.before  # the four themes by their names
    child.send("0")  # clear the model's suggestion
    shown_title(child)
    child.send("1")  # rail_transit on
    shown_title(child)
    child.send("\r")
    assert shown_title(child) == ARTICLES[1][0]
    # Written and synced before the next key: another process already sees it.
    assert [(r["id"], r["labels"]) for r in answers(out)] == [("a0", ["rail_transit"])]
    child.send("0")
    shown_title(child)
    child.send("2")
    shown_title(child)
    child.send("3")
    shown_title(child)
    child.send("a")
    assert shown_title(child) == ARTICLES[2][0]
    child.send("s")  # skip
    assert shown_title(child) == ARTICLES[3][0]
    child.send("u")  # undo the skip: back to the skipped one
    assert shown_title(child) == ARTICLES[2][0]
    child.send("u")  # undo an answer: back, and its line is gone
    assert shown_title(child) == ARTICLES[1][0]
    assert [r["id"] for r in answers(out)] == ["a0"]
    child.send("0")
    shown_title(child)
    child.send("\r")  # no theme is an answer too
    assert shown_title(child) == ARTICLES[2][0]
    child.send("x")
    child.expect("does nothing here")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "2 answer(s) saved" in child.before and "3 left for next time" in child.before
    rows = answers(out)
    assert [(r["id"], r["labels"]) for r in rows] == [("a0", ["rail_transit"]), ("a1", [])]
    assert rows[0]["title"] == ARTICLES[0][0] and "32公里" in rows[0]["text"]


def test_killed_run_loses_nothing_and_rerun_resumes(news, tmp_path):
    out = tmp_path / "labels.jsonl"
    child = spawn(str(news), "--out", str(out), "--order", "file", cwd=tmp_path)
    for k in range(2):
        assert shown_title(child) == ARTICLES[k][0]
        child.send("\r")
    shown_title(child)
    child.kill(signal.SIGKILL)
    child.close()
    assert [r["id"] for r in answers(out)] == ["a0", "a1"]
    # A write cut short by a crash leaves half a line: the rerun removes it and says so.
    with open(out, "a", encoding="utf-8") as f:
        f.write('{"id": "a2", "title": "数字政')
    child = spawn(str(news), "--out", str(out), "--order", "file", cwd=tmp_path)
    child.expect("unfinished last line")
    child.expect("article 1 of 3")
    assert shown_title(child) == ARTICLES[2][0]
    for _ in range(3):
        child.send("\r")
        if _ < 2:
            shown_title(child)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert [r["id"] for r in answers(out)] == ["a0", "a1", "a2", "a3", "a4"]
    # Nothing left: a third run says so and adds nothing.
    child = spawn(str(news), "--out", str(out), cwd=tmp_path)
    child.expect("nothing to label")
    child.expect(pexpect.EOF)
    child.close()
    assert len(answers(out)) == 5
    # The answers file is training data as it is.
    result = CliRunner().invoke(app, ["train", str(out), "--out", str(tmp_path / "m"), "--cv", "0",
                                      "--min-examples", "1", "-q"])
    assert result.exit_code == 0, result.output


def test_ctrl_c_keeps_the_answers_and_exits_130(news, tmp_path):
    out = tmp_path / "labels.jsonl"
    child = spawn(str(news), "--out", str(out), "--order", "file", cwd=tmp_path)
    shown_title(child)
    child.send("\r")
    shown_title(child)
    child.sendintr()
    child.expect("1 answer\\(s\\) saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert [r["id"] for r in answers(out)] == ["a0"]


def test_default_order_puts_the_least_sure_first(news, tmp_path):
    rows = [json.loads(l) for l in CliRunner().invoke(app, ["classify", str(news), "-f", "jsonl"]).stdout.splitlines()]
    doubt = {r["title"]: min(abs(r["scores"][l] - r["thresholds"][l]) for l in r["scores"]) for r in rows}
    expected = sorted(doubt, key=lambda t: doubt[t])
    child = spawn(str(news), "--out", str(tmp_path / "l.jsonl"), cwd=tmp_path)
    seen = []
    for _ in range(len(ARTICLES)):
        seen.append(shown_title(child))
        child.send("s")
    child.expect(pexpect.EOF)
    child.close()
    assert seen == expected


def test_custom_labels_are_offered_by_their_keys(news, tmp_path):
    out = tmp_path / "l.jsonl"
    child = spawn(str(news), "--out", str(out), "--order", "file", "--labels", "parks,new_energy", cwd=tmp_path)
    shown_title(child)
    assert "2 new_energy" in child.before
    press(child, "0", "2", "\r")
    assert quit_labeller(child) == 0
    assert answers(out)[0]["labels"] == ["new_energy"]


def test_label_needs_a_terminal(news, tmp_path):
    result = CliRunner().invoke(app, ["label", str(news), "--out", str(tmp_path / "l.jsonl")])
    assert result.exit_code == 2 and "run it in a terminal" in result.output
    assert not (tmp_path / "l.jsonl").exists()


def test_a_custom_model_is_labelled_under_its_display_names(tmp_path):
    from tests.helpers import five_label_model

    root, model, news = five_label_model(tmp_path)
    out = tmp_path / "l.jsonl"
    child = spawn(str(news), "--out", str(out), "--model", str(model), "--order", "file", cwd=tmp_path)
    assert shown_title(child) == "地铁新线开通"
    screen = child.before
    for key, name in enumerate(["银行与资本市场", "生物医药", "新能源与储能产业", "食品加工", "轨道交通装备"], start=1):
        assert f"{key} {name}" in screen
    assert "[x] 5 轨道交通装备" in screen  # the model's suggestion, under its name
    press(child, "\r")
    assert quit_labeller(child) == 0
    assert answers(out)[0]["labels"] == ["rail"]


def test_an_out_file_that_is_not_answers_is_refused_untouched(news, tmp_path):
    out = tmp_path / "notes.jsonl"
    out.write_text("just some notes\n", encoding="utf-8")
    child = spawn(str(news), "--out", str(out), cwd=tmp_path)
    child.expect("not a zhnews answers file")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert out.read_text(encoding="utf-8") == "just some notes\n"


def test_an_input_without_articles_says_so(tmp_path):
    empty = write_jsonl(tmp_path / "english.jsonl", [{"id": "e", "text": "Only English here."}])
    child = spawn(str(empty), "--out", str(tmp_path / "l.jsonl"), cwd=tmp_path)
    child.expect("no article found in the input")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1  # the skipped record is reported, as in every command


@pytest.mark.parametrize("args, message", [
    (["--order", "sideways"], "'sideways' is not one of"),
    (["--labels", "parks,new energy"], "'new energy' is not a label name"),
    (["--labels", ",".join(f"l{k}" for k in range(10))], "at most nine"),
])
def test_bad_label_options_are_usage_errors(news, tmp_path, args, message):
    out = tmp_path / "l.jsonl"
    child = spawn(str(news), "--out", str(out), *args, cwd=tmp_path)
    child.expect(message)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2 and not out.exists()

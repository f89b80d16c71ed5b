"""Hostile input and faults: no hang, no crash, nothing lost, nothing unsafe let through.

A hang becomes a failure through a subprocess timeout; everything else runs through the CLI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.helpers import REPO
from zhnews.cli import app
from zhnews.text.normalize import normalize

T = "长沙地铁6号线东延段今日开通运营。新线全长约10公里,设站4座,与2号线换乘。"
runner = CliRunner()


def zhnews(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "zhnews", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_and_a_link_to_root_inside_a_folder_neither_hang_nor_walk(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(T, encoding="utf-8")
    os.mkfifo(folder / "p.txt")
    os.symlink("/", folder / "root")
    proc = zhnews("clean", folder, timeout=30)
    assert proc.returncode == 1  # the FIFO is reported, the article is read
    assert "长沙地铁6号线" in proc.stdout
    assert "p.txt: not a regular file" in proc.stderr and "link to a folder outside" in proc.stderr


@pytest.mark.parametrize("option", ["--output", "--errors"])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(tmp_path, option):
    page = tmp_path / "today.md"
    page.write_text(T, encoding="utf-8")
    result = runner.invoke(app, ["digest", str(page), option, str(page)] + (["-o", str(tmp_path / "d.md")]
                                                                          if option == "--errors" else []))
    assert result.exit_code == 2 and "is one of the inputs" in result.stderr
    assert page.read_text(encoding="utf-8") == T


def test_an_output_onto_a_folder_is_a_usage_error(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text(T, encoding="utf-8")
    result = runner.invoke(app, ["digest", str(page), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.stderr


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)",
                                 "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4="])
def test_only_http_links_become_links(tmp_path, url):
    row = {"id": "x", "title": "地铁新线开通", "url": url, "text": T}
    html = runner.invoke(app, ["digest", "-", "--format", "html"], input=json.dumps(row, ensure_ascii=False)).stdout
    md = runner.invoke(app, ["digest", "-", "--format", "md"], input=json.dumps(row, ensure_ascii=False)).stdout
    assert "href" not in html.split("<article", 1)[1].split("</article>")[0]
    assert url.strip() not in md


def test_markdown_fields_are_escaped(tmp_path):
    row = {"id": "x", "title": "地铁开通\n# 假标题", "url": "https://a.cn/x) <img src=x onerror=alert(1)>",
           "source": "<script>alert(1)</script>", "text": T}
    md = runner.invoke(app, ["digest", "-", "--format", "md"], input=json.dumps(row, ensure_ascii=False)).stdout
    assert "\n# 假标题" not in md and "<script>" not in md and "<img" not in md


def test_invisible_characters_inside_words_are_removed():
    assert normalize("轨\u200b道交通\u00ad建设\u202e加速\ufeff推进") == "轨道交通建设加速推进"


def test_a_long_line_without_punctuation_cleans_in_bounded_time(tmp_path):
    page = tmp_path / "long.txt"
    page.write_text("长沙地铁" * 12500 + "\n" + "a" * 50000 + "@\n", encoding="utf-8")
    start = time.perf_counter()
    proc = zhnews("clean", page, timeout=60)
    assert proc.returncode in (0, 1) and time.perf_counter() - start < 30


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda meta: meta["params"]["features"].__setitem__("char_ngrams", [1, 3000]), "invalid field"),
        (lambda meta: meta.__setitem__("blocks", None), "blocks must be a list"),
        (lambda meta: meta["params"].__setitem__("C", "x"), "invalid parameter"),
        (lambda meta: meta["blocks"][0].__setitem__("weight", float("nan")), "not a number"),
    ],
)
def test_a_tampered_model_is_refused_with_exit_3(tmp_path, change, message):
    import shutil

    from zhnews.shipped import default_model_dir

    model = tmp_path / "m"
    shutil.copytree(default_model_dir(), model)
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    change(meta)
    (model / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    page = tmp_path / "a.txt"
    page.write_text(T, encoding="utf-8")
    result = runner.invoke(app, ["classify", str(page), "--model", str(model)])
    assert result.exit_code == 3 and message in result.stderr, result.stderr


def test_too_many_jobs_is_a_usage_error(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text(T, encoding="utf-8")
    result = runner.invoke(app, ["classify", str(page), "--jobs", "100000"])
    assert result.exit_code == 2 and "per CPU" in result.stderr


def test_many_identical_articles_merge_in_bounded_time():
    from zhnews.models.dedupe import MinHashDeduper

    start = time.perf_counter()
    deduper = MinHashDeduper().fit([T] * 3000)
    assert len(deduper.groups_) == 1 and time.perf_counter() - start < 20
    assert np.all(np.array(deduper.labels_) == 0)


def test_a_digest_of_many_copies_of_one_story_finishes_in_linear_time(tmp_path):
    # Choosing which copy to show was quadratic: 50,000 copies took 508 s; linear it is about 17 s.
    data = tmp_path / "copies.jsonl"
    data.write_text("".join(json.dumps({"id": f"n{i}", "text": f"{T}记者{i}报道。{T}"}, ensure_ascii=False) + "\n"
                            for i in range(20_000)), encoding="utf-8")
    proc = zhnews("digest", data, "-o", tmp_path / "d.json", "-q", timeout=90)
    assert proc.returncode == 0, proc.stderr
    digest = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert (digest["n_input"], digest["n_duplicates"]) == (20_000, 19_999)
    story = digest["themes"][0]["items"][0]
    assert len(story["reprints"]) == 19_999 and story["id"] not in {r["id"] for r in story["reprints"]}


def test_file_names_that_are_not_utf8_or_hold_a_newline_are_reported_safely(tmp_path):
    folder = os.fsencode(tmp_path / "in")
    os.makedirs(folder)
    with open(folder + b"/\xd6\xd0\xce\xc4.txt", "wb") as fh:
        fh.write(T.encode("utf-8"))
    open(folder + b"/bad\nname.txt", "wb").close()
    errors = tmp_path / "errors.jsonl"
    proc = zhnews("clean", tmp_path / "in", "--format", "jsonl", "--errors", errors)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["text"].startswith("长沙地铁")
    [problem] = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert "bad\\nname.txt" in problem["source"]
    assert all(line.startswith("zhnews:") for line in proc.stderr.splitlines())


def test_the_same_input_twice_is_read_once(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text(T, encoding="utf-8")
    result = runner.invoke(app, ["digest", str(page), str(page), "--format", "json"])
    assert json.loads(result.stdout)["n_input"] == 1 and "given twice" in result.stderr


def test_a_list_as_id_is_reported_not_printed_as_python():
    result = runner.invoke(app, ["clean", "-", "--format", "jsonl"], input=json.dumps({"id": ["a"], "text": T}))
    assert result.exit_code == 1 and "wrong type: id is list" in result.stderr


def test_a_stale_temporary_file_left_by_a_killed_run_is_removed(tmp_path):
    from zhnews.atomic import write_text_atomic

    stale = tmp_path / ".digest.html.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    fresh = tmp_path / ".digest.html.def456.tmp"
    fresh.write_text("another run, now", encoding="utf-8")
    write_text_atomic(tmp_path / "digest.html", "done")
    assert not stale.exists() and fresh.exists()


ROWS = [{"id": "a", "text": "长沙地铁6号线东延段今日开通运营，新线全长约10公里。"},
        {"id": "b", "text": "株洲高新区与13家银行签订战略合作协议，授信总额960亿元。"}]


def _jsonl(rows) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


@pytest.mark.parametrize(
    "name, data, ids, skipped",
    [
        ("utf16-bom.jsonl", "\ufeff".encode("utf-16-le") + _jsonl(ROWS).encode("utf-16-le"), ["a", "b"], 0),
        ("utf16.jsonl", _jsonl(ROWS).encode("utf-16-le"), ["a", "b"], 0),
        ("nul.jsonl", _jsonl(ROWS[:1]).encode() + b'{"id": "x", "text": "\x00"}\n' + _jsonl(ROWS[1:]).encode(), ["a", "b"], 1),
        ("long-first-line.jsonl", _jsonl([{"id": "big", "text": "长沙地铁" * 300000}] + ROWS[1:]).encode(), ["big", "b"], 0),
    ],
)
def test_jsonl_files_are_judged_line_by_line(tmp_path, name, data, ids, skipped):
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["classify", str(path), "-f", "jsonl"])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ids
    assert result.exit_code == (1 if skipped else 0), result.stderr


def test_output_to_a_full_disk_fails_with_exit_4(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    page = tmp_path / "a.txt"
    page.write_text(T, encoding="utf-8")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "zhnews", "classify", str(page)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60, cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 4 and "cannot write the output" in proc.stderr and "Traceback" not in proc.stderr


def test_a_model_folder_with_strangers_or_links_is_refused(tmp_path):
    import shutil

    from zhnews.shipped import default_model_dir

    model = tmp_path / "m"
    shutil.copytree(default_model_dir(), model, ignore=shutil.ignore_patterns("__pycache__"))
    page = tmp_path / "a.txt"
    page.write_text(T, encoding="utf-8")
    (model / "extra.py").write_text("print('hi')", encoding="utf-8")
    result = runner.invoke(app, ["classify", str(page), "--model", str(model)])
    assert result.exit_code == 3 and "extra.py" in result.stderr
    (model / "extra.py").unlink()
    (model / "vocabulary.json").rename(tmp_path / "vocab.json")
    (model / "vocabulary.json").symlink_to(tmp_path / "vocab.json")
    result = runner.invoke(app, ["classify", str(page), "--model", str(model)])
    assert result.exit_code == 3 and "vocabulary.json" in result.stderr


@pytest.mark.parametrize("setup", ["meta beside user files", "user file in a model folder", "an ordinary file"])
def test_train_out_never_replaces_what_zhnews_did_not_make(tmp_path, setup):
    from tests.helpers import OTHER, RAIL, make_rows, write_jsonl

    data = write_jsonl(tmp_path / "train.jsonl", make_rows({"rail_transit": RAIL, "none": OTHER}))
    out = tmp_path / "out"
    if setup == "an ordinary file":
        out.write_text("my notes", encoding="utf-8")
    else:
        out.mkdir()
        (out / "meta.json").write_text('{"format": "zhnews-theme-model", "format_version": 1}', encoding="utf-8")
        (out / "notes.txt").write_text("my notes", encoding="utf-8")
    result = runner.invoke(app, ["train", str(data), "--out", str(out), "--cv", "0", "-q"])
    assert result.exit_code == 2, result.output
    kept = out.read_text(encoding="utf-8") if out.is_file() else (out / "notes.txt").read_text(encoding="utf-8")
    assert kept == "my notes"


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(c) for c in fh.read().split()]
    except OSError:
        return []


def _parallel_run(tmp_path):
    """A `classify --jobs 2` run long enough to be interfered with, and its worker pids once both exist."""
    rows = [{"id": f"r{i}", "text": f"长沙地铁{i}号线东延段今日开通运营，新线全长约{i % 40 + 5}公里，设站{i % 9 + 3}座。" * 6}
            for i in range(40000)]
    data = tmp_path / "many.jsonl"
    data.write_text(_jsonl(rows), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "zhnews", "classify", str(data), "--jobs", "2", "-f", "jsonl"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.time() + 30
    workers = []
    while time.time() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.2)
    if proc.poll() is not None or not workers:
        proc.kill()
        pytest.skip("the run ended before its workers could be reached")
    return proc, workers


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc to find the workers")
def test_a_killed_worker_ends_the_run_with_an_error_not_a_hang(tmp_path):
    import signal

    proc, workers = _parallel_run(tmp_path)
    time.sleep(0.3)
    os.kill(workers[-1], signal.SIGKILL)
    _, err = proc.communicate(timeout=90)  # a hang fails here
    assert proc.returncode == 4, err
    assert "a worker process died" in err and "Traceback" not in err
    time.sleep(0.5)
    assert not any(os.path.exists(f"/proc/{w}") and open(f"/proc/{w}/stat").read().split()[2] != "Z"
                   for w in workers[:-1]), "a worker was left running"


TC = T.replace(",", "，")  # a CSV cell without ASCII commas


@pytest.mark.parametrize(
    "rows, ids, bad_line",
    [
        ([f"a,{TC}", f'b,"没有结束的引号{TC}', f"c,{TC}", f"d,{TC}"], ["a", "c", "d"], 3),
        ([f"a,{TC}", 'b,"' + "长" * 2_100_000 + '"', f"c,{TC}"], ["a", "c"], 3),
        ([f"a,{TC}", f'b,"第一段{TC}\n第二段，继续。"', f"c,{TC}"], ["a", "b", "c"], None),
    ],
    ids=["unclosed-quote", "huge-field", "multi-line-field"],
)
def test_a_bad_csv_row_is_reported_and_reading_goes_on(tmp_path, rows, ids, bad_line):
    path = tmp_path / "news.csv"
    path.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["clean", str(path), "-f", "jsonl", "--errors", str(errors)])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ids
    problems = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()] if errors.exists() else []
    assert [p["line"] for p in problems] == ([bad_line] if bad_line else [])


def test_an_escaped_entity_in_html_is_decoded_once(tmp_path):
    page = tmp_path / "e.html"
    page.write_text("<html><body><p>长沙地铁6号线东延段今日开通运营，&amp;#x957F;度约10公里，新线设站4座。"
                    "市民可刷码进站。</p></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["clean", str(page), "-f", "jsonl"])
    assert "&#x957F;度约10公里" in json.loads(result.stdout)["text"]


def test_a_repeated_id_is_noted():
    rows = "".join(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n" for text in (T, T + "另据统计。"))
    result = runner.invoke(app, ["classify", "-", "-f", "jsonl"], input=rows)
    assert "id 'a' at <stdin>:2 was already used at <stdin>:1" in result.stderr


def test_the_error_report_of_a_long_stream_is_streamed_not_held(tmp_path):
    import tracemalloc

    data = tmp_path / "bad.jsonl"
    data.write_text('{"id": "ok", "text": "长沙地铁6号线今日开通运营，新线全长约10公里。"}\n' + "not json\n" * 60_000, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    tracemalloc.start()
    result = runner.invoke(app, ["classify", str(data), "-f", "jsonl", "--errors", str(errors)])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.exit_code == 1
    assert sum(1 for _ in errors.open(encoding="utf-8")) == 60_000
    assert "skipped 60000 input(s)" in result.stderr
    assert peak < 40 * 2**20, f"peak {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_labelled_data_past_the_limit_stops_with_its_line_and_keeps_the_model(tmp_path, command):
    from tests.helpers import OTHER, RAIL, make_rows, write_jsonl

    data = write_jsonl(tmp_path / "train.jsonl", make_rows({"rail_transit": RAIL, "none": OTHER}))
    out = tmp_path / "model"
    assert runner.invoke(app, ["train", str(data), "--out", str(out), "--cv", "0", "-q"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    args = ["--out", str(out), "--cv", "0", "-q"] if command == "train" else ["--model", str(out)]
    limit = len(data.read_text(encoding="utf-8")) // 2
    result = runner.invoke(app, [command, str(data), "--data-limit", str(limit)] + args)
    assert result.exit_code == 2, result.output
    assert "train.jsonl:" in result.stderr and "--data-limit" in result.stderr
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_huge_training_line_is_refused_without_reading_it_whole(tmp_path):
    import tracemalloc

    data = tmp_path / "huge.jsonl"
    with data.open("wb") as f:
        f.truncate(2 * 2**30)  # a sparse 2 GiB file: one line, no newline
    tracemalloc.start()
    result = runner.invoke(app, ["train", str(data), "--out", str(tmp_path / "m"), "-q"])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.exit_code == 2 and "huge.jsonl:1: the training data passes" in result.stderr
    assert not (tmp_path / "m").exists()
    assert peak < 200 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def test_sentences_sharing_one_ending_dedupe_in_bounded_time(tmp_path):
    # Each sentence was compared with every earlier one of the same ending: 20,000 took 29 s.
    page = tmp_path / "same-ending.txt"
    page.write_text("".join(f"第{i}个项目在长沙市高新区签约落地，总投资约{i}亿元。\n" for i in range(20_000)),
                    encoding="utf-8")
    start = time.perf_counter()
    proc = zhnews("clean", page, "--format", "jsonl", timeout=60)
    assert proc.returncode == 0, proc.stderr
    text = json.loads(proc.stdout)["text"]
    assert text.count("签约落地") == 20_000 and time.perf_counter() - start < 15


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_given_directly_is_refused_before_it_is_read():
    proc = zhnews("clean", "/dev/zero", timeout=20)
    assert proc.returncode == 1 and "/dev/zero: not a regular file" in proc.stderr


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc to find the workers")
def test_sigterm_during_a_parallel_run_leaves_no_worker_behind(tmp_path):
    import signal

    proc, workers = _parallel_run(tmp_path)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)  # a hang fails here
    assert proc.returncode != 0 and "Traceback" not in err
    time.sleep(0.5)
    alive = [w for w in workers if os.path.exists(f"/proc/{w}") and open(f"/proc/{w}/stat").read().split()[2] != "Z"]
    assert not alive, "a worker was left running"


def test_a_long_unbroken_title_wraps_in_the_html_digest():
    row = {"id": "x", "title": "长沙" * 1500, "text": T}
    html = runner.invoke(app, ["digest", "-", "--format", "html"], input=json.dumps(row, ensure_ascii=False)).stdout
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    title_rules = [rule for rule in style.split("}") if rule.strip().startswith("article.item h3")]
    assert title_rules and "overflow-wrap:anywhere" in title_rules[0]
    assert "长沙" * 100 in html


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs a place no one can write, even root")
@pytest.mark.parametrize("command, option", [("classify", "--errors"), ("clean", "--errors"),
                                             ("summarize", "--errors"), ("digest", "--errors"), ("digest", "-o")])
def test_an_output_into_a_read_only_place_is_one_line_and_exit_4(tmp_path, command, option):
    page = tmp_path / "a.txt"
    page.write_text(T, encoding="utf-8")
    extra = ["-o", str(tmp_path / "d.md")] if command == "digest" and option == "--errors" else []
    target = "/proc/zhnews-out.md" if option == "-o" else "/proc/zhnews-errors.jsonl"
    result = runner.invoke(app, [command, str(page), option, target] + extra)
    assert result.exit_code == 4, result.output
    assert "cannot write it" in result.stderr and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_an_npz_header_claiming_a_huge_shape_is_refused_with_exit_3(tmp_path):
    import hashlib
    import io
    import shutil
    import zipfile

    from zhnews.shipped import default_model_dir

    model = tmp_path / "m"
    shutil.copytree(default_model_dir(), model)
    arrays = model / "arrays.npz"
    with zipfile.ZipFile(arrays) as z:
        members = {name: z.read(name) for name in z.namelist()}
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False, "shape": (4, 10**10)})
    members["coef.npy"] = header.getvalue() + b"\0" * 64
    with zipfile.ZipFile(arrays, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    # The tamperer fixes the checksum too, so the shape itself must be what is refused.
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    meta["files"]["arrays.npz"] = hashlib.sha256(arrays.read_bytes()).hexdigest()
    (model / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    page = tmp_path / "a.txt"
    page.write_text(T, encoding="utf-8")
    result = runner.invoke(app, ["classify", str(page), "--model", str(model)])
    assert result.exit_code == 3 and "arrays.npz" in result.stderr, result.output
    assert isinstance(result.exception, SystemExit)

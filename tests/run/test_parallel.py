"""`--jobs N`: a pool of worker processes gives exactly the serial output and error report."""

import json
import os
import signal
import threading

import pytest
from typer.testing import CliRunner

from tests.helpers import REPO
from zhnews.cli import app
from zhnews.errors import WorkerError
from zhnews.run.parallel import map_ordered


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("jobs")
    rows = [json.loads(l) for l in (REPO / "training" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]
    authored = sorted((REPO / "training" / "authored").glob("*.jsonl"))[0]
    rows += [json.loads(l) for l in authored.read_text(encoding="utf-8").splitlines()[:150]]
    lines = [json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) for r in rows]
    lines.insert(7, "{not json")
    lines.insert(90, json.dumps({"id": "english", "text": "Only English here."}))
    (d / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for seed in (REPO / "seeds").glob("*.txt"):
        (d / seed.name).write_bytes(seed.read_bytes())
    return d


@pytest.mark.parametrize("command", ["classify", "summarize"])
def test_pool_output_and_errors_equal_serial(corpus, tmp_path, command):
    outputs = {}
    for jobs in ("1", "2"):
        report = tmp_path / f"errors{jobs}.jsonl"
        result = CliRunner().invoke(
            app, [command, str(corpus), "--format", "jsonl", "--jobs", jobs, "--errors", str(report)]
        )
        assert result.exit_code == 1, result.output
        outputs[jobs] = (result.stdout, report.read_text(encoding="utf-8"))
    assert outputs["1"] == outputs["2"]
    stdout, report = outputs["1"]
    assert len(stdout.splitlines()) > 150
    reasons = [json.loads(l)["reason"] for l in report.splitlines()]
    assert any("malformed JSON" in r for r in reasons) and any("no Chinese text" in r for r in reasons)


def test_jobs_must_not_be_negative(corpus):
    result = CliRunner().invoke(app, ["classify", str(corpus), "--jobs", "-1"])
    assert result.exit_code == 2
    assert "--jobs" in result.stderr


def test_strict_stops_the_pool_at_the_first_bad_record(corpus):
    result = CliRunner().invoke(app, ["summarize", str(corpus), "--jobs", "2", "--strict", "--format", "jsonl"])
    assert result.exit_code == 1
    assert "stopped: --strict" in result.stderr
    assert "Traceback" not in result.output


def test_digest_with_a_pool_equals_serial(corpus, tmp_path):
    # With a pool, reading, cleaning and scoring run in the workers too: same digest, same report.
    digests, reports = [], []
    for jobs in ("1", "2"):
        out, report = tmp_path / f"d{jobs}.json", tmp_path / f"e{jobs}.jsonl"
        result = CliRunner().invoke(app, ["digest", str(corpus), "-o", str(out), "--jobs", jobs, "--errors", str(report)])
        assert result.exit_code == 1, result.output  # the corpus has two bad records
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("generated")
        digests.append(data)
        reports.append(report.read_text(encoding="utf-8"))
    assert digests[0] == digests[1]
    assert reports[0] == reports[1] and len(reports[0].splitlines()) == 2
    assert sum(len(t["items"]) for t in digests[0]["themes"]) + len(digests[0]["other"]) > 100


def _die_at_three(x):
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


@pytest.mark.parametrize("fail_at", ["worker", "interrupt"])
def test_a_stopped_pool_leaves_no_thread_to_race_the_exit_hook(fail_at, monkeypatch):
    # The pool's manager thread closes a pipe that the interpreter's exit hook writes to
    # unlocked; still running at exit, it printed a "Bad file descriptor" traceback after
    # the error (seen in CI). A stopped pool must have finished with that pipe first.
    before = _manager_threads()  # joblib's reusable pool (train --jobs) keeps its own alive
    if fail_at == "worker":
        with pytest.raises(WorkerError):
            map_ordered(_die_at_three, list(range(40)), jobs=2, batch=1)
    else:
        def interrupt(done, total):
            if done >= 2:
                raise KeyboardInterrupt
        with pytest.raises(KeyboardInterrupt):
            map_ordered(abs, list(range(40)), jobs=2, batch=1, progress=interrupt)
    left = _manager_threads() - before
    assert not left, left


def _manager_threads() -> set:
    return {t for t in threading.enumerate() if "ExecutorManager" in type(t).__name__}

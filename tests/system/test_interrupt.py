"""Atomic writes, and runs killed half-way: the previous digest or model must survive intact.

The interruption tests run the real `zhnews` program in a subprocess and
send it SIGTERM or SIGKILL while it is working.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.helpers import REPO
from zhnews.atomic import atomic_directory, write_text_atomic
from zhnews.models.store import load_model
from zhnews.shipped import default_model_dir


def test_write_replaces_whole_and_keeps_the_old_mode(tmp_path):
    target = tmp_path / "digest.html"
    write_text_atomic(target, "一")
    old_umask = os.umask(0o022)
    os.umask(old_umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~old_umask
    target.chmod(0o640)
    write_text_atomic(target, "二")
    assert target.read_text(encoding="utf-8") == "二"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["digest.html"]


def test_failed_directory_write_keeps_the_old_one(tmp_path):
    target = tmp_path / "model"
    target.mkdir()
    (target / "meta.json").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_directory(target) as tmp:
            (tmp / "meta.json").write_text("new, half", encoding="utf-8")
            raise RuntimeError("training failed")
    assert (target / "meta.json").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["model"]
    with atomic_directory(target) as tmp:
        (tmp / "meta.json").write_text("new", encoding="utf-8")
    assert (target / "meta.json").read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["model"]


def zhnews(*args, **kw):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "zhnews", *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **kw,
    )


def wait_for(proc, marker: str, timeout: float = 120.0) -> str:
    """Read stderr until `marker` shows up, i.e. the run is well under way."""
    seen = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen += line
        if marker in line:
            return seen
    proc.kill()
    pytest.fail(f"never saw {marker!r}; stderr:\n{seen}")


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_killed_training_leaves_the_previous_model_untouched(tmp_path, sig):
    model = tmp_path / "model"
    shutil.copytree(default_model_dir(), model)
    before = snapshot(model)
    proc = zhnews("train", REPO / "training", "--out", model, "--cv", "5")
    wait_for(proc, "fold")
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig is signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130, err
        assert "interrupted; nothing was overwritten" in err
        # A clean unwind also removes the half-written temporary folder.
        assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
    assert snapshot(model) == before
    load_model(model)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killed_digest_leaves_the_previous_digest_untouched(tmp_path, sig):
    # Enough distinct articles that the run is still summarizing when the signal lands.
    pages = tmp_path / "pages"
    pages.mkdir()
    for part in (REPO / "training" / "authored").glob("*.jsonl"):
        shutil.copy(part, pages / part.name)
    out = tmp_path / "digest.html"
    out.write_text("yesterday's digest", encoding="utf-8")
    proc = zhnews("digest", pages, "-o", out, "--progress")
    wait_for(proc, "summarize")
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert proc.returncode in (130, -signal.SIGKILL)
    assert out.read_text(encoding="utf-8") == "yesterday's digest"
    if sig is signal.SIGTERM:
        assert sorted(p.name for p in tmp_path.iterdir()) == ["digest.html", "pages"]


def test_a_terminal_gets_a_live_progress_display(tmp_path):
    """Through a real pseudo-terminal: the bar runs on stderr and ends with the count."""
    pexpect = pytest.importorskip("pexpect")
    rows = [json.dumps({"id": f"n{i}", "text": f"长沙地铁{i}号线今日开通运营，新线全长约{10 + i}公里。"}, ensure_ascii=False)
            for i in range(150)]
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    child = pexpect.spawn(sys.executable, ["-m", "zhnews", "classify", str(data), "-f", "jsonl"],
                          cwd=str(REPO), env={**os.environ, "PYTHONPATH": str(REPO)}, encoding="utf-8", timeout=60)
    child.expect("zhnews: classified 150 articles")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

"""The HTML digest in real headless Chromium: renders, shows its sections, runs no injected script.

A screenshot (phone and desktop widths) is written to `test-artifacts/` at the
repository root for a person to look at.
"""

import json
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from tests.helpers import NAMES, REPO, five_label_model
from zhnews.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (tests/setup.sh installs Debian's chromium)"),
]
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
EVIL = "<script>document.body.setAttribute('data-pwned','yes');document.title='pwned'</script>"


def chromium(tmp_path, *args):
    profile = tmp_path / f"profile{len(list(tmp_path.glob('profile*')))}"
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def digest_page(tmp_path_factory, seeds_dir):
    tmp = tmp_path_factory.mktemp("browser")
    evil = tmp / "evil.jsonl"
    row = {"id": "evil", "title": "地铁新线开通" + EVIL,
           "text": "成都地铁19号线二期今日开通运营。" + EVIL + "新线路串联天府国际机场与高铁枢纽,列车最高时速140公里,沿线设站12座。"}
    evil.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp / "digest.html"
    result = CliRunner().invoke(app, ["digest", str(seeds_dir), str(evil), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return tmp, out


def test_page_renders_without_console_errors_and_script_did_not_run(digest_page):
    tmp, page = digest_page
    run = chromium(tmp, "--dump-dom", page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = run.stdout
    assert 'data-pwned' not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert "<title>pwned</title>" not in dom
    # The injected markup is shown as text.
    assert "&lt;script&gt;document.body.setAttribute" in dom
    for theme in ("rail_transit", "finance", "parks", "digitization"):
        assert f'id="theme-{theme}"' in dom
        assert re.search(rf'data-count="{theme}">\d+<', dom)
    assert "其他新闻" in dom


def test_screenshots_are_written(digest_page):
    tmp, page = digest_page
    artifacts = REPO / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    for name, size in (("digest-phone.png", "420,2400"), ("digest-desktop.png", "1200,2400")):
        target = artifacts / name
        target.unlink(missing_ok=True)
        run = chromium(tmp, f"--screenshot={target}", f"--window-size={size}", "--hide-scrollbars", page.as_uri())
        assert run.returncode == 0, run.stderr[-2000:]
        assert target.stat().st_size > 10_000


def test_five_custom_labels_show_their_names_and_colours_at_phone_width(tmp_path):
    """A model with five labels of its own: each section, tag and chart row under its display name,
    in five distinct colours that the phone-width screenshot really shows."""
    plt = pytest.importorskip("matplotlib.pyplot")
    root, model, news = five_label_model(tmp_path)
    page = tmp_path / "five.html"
    result = CliRunner().invoke(app, ["digest", str(news), "--model", str(model), "-o", str(page)])
    assert result.exit_code == 0, result.output
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    names = [v if isinstance(v, str) else v["name"] for v in NAMES.values()]
    for name in names:
        assert f">{name}</a>" in dom and f">{name}<span" in dom  # chart row, section heading and tag
    colors = sorted(set(re.findall(r"--accent:(#[0-9a-f]{6})", dom)))
    assert len(colors) == 5
    artifacts = REPO / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / "digest-five-labels-phone.png"
    shot.unlink(missing_ok=True)
    run = chromium(tmp_path, f"--screenshot={shot}", "--window-size=420,1600", "--hide-scrollbars", page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    pixels = (plt.imread(str(shot))[..., :3] * 255).round().astype(int)
    # The chart's bars are at the top: every theme's colour must be painted there.
    top = pixels[:700].reshape(-1, 3)
    painted = {tuple(p) for p in top[::3]}
    for color in colors:
        rgb = tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))
        assert any(max(abs(a - b) for a, b in zip(rgb, p)) <= 2 for p in painted), color

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SEEDS, SHARED


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_articles():
    """Cleaned articles of each seed file, keyed by the file's 3-digit prefix."""
    from zhnews.run.articles import load_articles

    out: dict[str, list] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        out[path.name[:3]] = list(load_articles([str(path)]))
    return out

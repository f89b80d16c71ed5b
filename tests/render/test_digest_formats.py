"""The contract every registered digest format keeps: it renders the seeds' digest and escapes hostile text."""

from __future__ import annotations

import json

import pytest

from tests.helpers import SEEDS
from zhnews.render import DIGEST_FORMATS, format_for, renderer
from zhnews.records import Article
from zhnews.run.digest import build_digest, make_digest
from zhnews.text.split import split_sentences

EVIL_TITLE = "<script>alert(1)</script> [x](javascript:alert(1)) # 标题"
EVIL_TEXT = "地铁新线开通。<img src=x onerror=alert(1)>乘客可刷码进站。"


@pytest.fixture(scope="module")
def seeds_digest():
    return make_digest([str(SEEDS)])


@pytest.fixture(scope="module")
def evil_digest():
    article = Article(id="evil", title=EVIL_TITLE, text=EVIL_TEXT, sentences=split_sentences(EVIL_TEXT), source="x")

    class Tags:
        labels_ = ["rail_transit"]

        def predict_proba(self, texts):
            return [[0.9] for _ in texts]

        def decide(self, proba, threshold=None):
            return [["rail_transit"] for _ in proba]

    return build_digest([article], Tags(), lambda a: a.sentences, lambda a: ["<b>词</b>"])


@pytest.mark.parametrize("name", sorted(DIGEST_FORMATS))
def test_renders_every_seed_story(name, seeds_digest):
    text = renderer(name)(seeds_digest)
    assert text.endswith("\n")
    for item in seeds_digest.items:
        assert item.title[:8] in text or json.dumps(item.title[:8], ensure_ascii=False)[1:-1] in text


def _html_escaped(text: str) -> bool:
    return "<script>" not in text and "<img src=x" not in text and "<b>" not in text


def _markdown_escaped(text: str) -> bool:
    # Every < and [ of article text is backslashed, so it shows as itself.
    return all(text[i - 1] == "\\" for i, ch in enumerate(text) if ch in "<[" and i)


def _json_escaped(text: str) -> bool:
    item = json.loads(text)["themes"][0]["items"][0]
    return item["title"] == EVIL_TITLE and item["keywords"] == ["<b>词</b>"]


# How each format keeps article text from becoming markup: a new format adds its check.
ESCAPED = {"html": _html_escaped, "md": _markdown_escaped, "json": _json_escaped}


def test_every_format_says_how_it_escapes():
    assert set(ESCAPED) == set(DIGEST_FORMATS)


@pytest.mark.parametrize("name", sorted(DIGEST_FORMATS))
def test_hostile_text_is_not_markup(name, evil_digest):
    text = renderer(name)(evil_digest)
    assert EVIL_TEXT[:6] in text
    assert ESCAPED[name](text), text


@pytest.mark.parametrize("name", sorted(DIGEST_FORMATS))
def test_each_format_is_picked_by_its_extensions(name):
    for ext in DIGEST_FORMATS[name].extensions:
        assert format_for(f"out{ext}", None) == name
    assert format_for(None, name) == name

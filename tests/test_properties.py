"""Property-based tests: any Unicode input through normalise, clean and split never crashes."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhnews.clean import clean_page
from zhnews.normalize import normalize
from zhnews.split import split_sentences

# Chinese-heavy text with punctuation, quotes, line breaks and arbitrary code points mixed in.
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PUNCT = st.sampled_from(list("。！？!?…,，、;；:：“”‘’「」()（）《》 \n\t.-—") + ["...", "……", "——", "\r\n"])
ANY = st.characters(blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(CJK, CJK, CJK, PUNCT, ANY), max_size=400).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_split_never_crashes_and_loses_no_content(text):
    sentences = split_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    # Splitting only cuts: every non-space character survives, in order.
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())


@SETTINGS
@given(TEXT)
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@SETTINGS
@given(TEXT)
def test_clean_never_crashes_and_is_deterministic(text):
    first = clean_page(normalize(text))
    second = clean_page(normalize(text))
    assert [(a.title, a.paragraphs) for a in first] == [(a.title, a.paragraphs) for a in second]
    for article in first:
        assert all(p.strip() for p in article.paragraphs)

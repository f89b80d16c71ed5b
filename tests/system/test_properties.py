"""Property-based tests: any Unicode input through normalise, clean, split, summarize and classify."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhnews.text.clean import clean_page
from zhnews.text.normalize import normalize
from zhnews.text.split import split_sentences

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


# Article-like text: sentences of Chinese words with full stops, sometimes repeated.
SENTENCE = st.lists(st.one_of(CJK, CJK, CJK, CJK, PUNCT, ANY), min_size=1, max_size=60).map(
    lambda cs: "".join(cs) + "。"
)
ARTICLE = st.lists(SENTENCE, max_size=25).flatmap(
    lambda ss: st.lists(st.sampled_from(ss), max_size=10).map(lambda extra: "".join(ss + extra)) if ss else st.just("")
)
BUDGET = st.integers(min_value=1, max_value=300)


def _summary_checks(text: str, summary: list[str], budget: int) -> None:
    assert len(summary) == len(set(summary)), "a sentence was repeated"
    assert sum(len(s) for s in summary) <= budget
    # Each sentence comes from the article, in the article's order (a single
    # over-long best sentence may be cut, and then ends with an ellipsis).
    flat = "".join(text.split())
    position = 0
    for sentence in summary:
        core = "".join(sentence.removesuffix("…").split())
        found = flat.find(core, position)
        assert found >= 0, f"{sentence!r} is not in the article after the previous summary sentence"
        position = found + len(core)


@SETTINGS
@given(st.one_of(TEXT, ARTICLE), BUDGET)
def test_summarize_never_crashes_stays_faithful_in_order_within_budget(text, budget):
    from zhnews.models.summarize import Length, TextRankSummarizer

    summarizer = TextRankSummarizer(length=Length(chars=budget))
    summary = summarizer.summarize(text)
    assert summary == summarizer.summarize(text)
    _summary_checks(text, summary, budget)


@SETTINGS
@given(st.lists(st.one_of(TEXT, ARTICLE), min_size=1, max_size=4))
def test_classify_never_crashes_and_gives_probabilities(texts):
    import numpy as np

    model = _shipped_model()
    proba = model.predict_proba(texts)
    assert proba.shape == (len(texts), len(model.labels_))
    assert np.isfinite(proba).all() and (proba >= 0).all() and (proba <= 1).all()
    assert np.array_equal(proba, model.predict_proba(texts))
    assert model.predict(texts) == [[l for l, p, t in zip(model.labels_, row, model.thresholds_) if p >= t] for row in proba]


_MODEL = []


def _shipped_model():
    from zhnews.models.store import load_model

    if not _MODEL:
        _MODEL.append(load_model())
    return _MODEL[0]

"""HTML pages by their structure: the headline from the page's headings, the body as one block."""

from __future__ import annotations

import pytest

from zhnews.io.html_page import extract_html, site_title_headline

BODY = [
    "本报讯（记者 周嵩）11月28日，株洲高新区与13家银行签订全面战略合作协议，授信总额达960亿元，重点支持园区轨道交通装备、新能源汽车等产业项目建设。",
    "根据协议，各银行将在未来五年内为园区企业提供项目贷款、供应链金融和科技信贷等服务，并在园区设立专营机构。",
    "高新区管委会负责人表示，此次签约将有效缓解园区中小企业融资难题，为打造千亿级产业集群提供金融支撑。",
]
PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>株洲高新区与13家银行签约授信960亿元_株洲新闻网_株洲日报</title>
<meta property="og:title" content="株洲高新区与13家银行签约授信960亿元">
</head><body>
<div class="nav"><a href="/">首页</a> <a href="/news">新闻</a> <a href="/zt">专题</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/bd">本地</a> &gt; 正文</div>
<div class="main">
<h1>株洲高新区与13家银行签约授信960亿元</h1>
<div class="info">2026-11-28 10:20 来源：株洲日报 浏览次数：1024</div>
<div class="content">{''.join(f'<p>{p}</p>' for p in BODY)}
<p>（责任编辑：刘芳）</p></div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/1">株洲高新区新签约项目12个总投资86亿元</a></li>
<li><a href="/2">轨道交通装备产业链推进大会召开</a></li>
<li><a href="/3">园区企业亮相进博会</a></li></ul></div>
<div id="comment"><p>网友评论</p><p>发表评论：</p><textarea></textarea></div>
</div><div class="footer">版权所有 株洲日报社 湘ICP备12345678号</div></body></html>"""


def test_the_headline_comes_from_the_heading_that_title_contains():
    _, meta = extract_html(PAGE)
    assert meta["title"] == "株洲高新区与13家银行签约授信960亿元"
    assert meta["title_source"] == "heading matching <title>"


def test_the_body_is_one_block_without_related_links_or_comments():
    text, _ = extract_html(PAGE)
    for paragraph in BODY:
        assert paragraph in text
    for chrome in ("新签约项目12个", "进博会", "发表评论", "湘ICP备"):
        assert chrome not in text, chrome


@pytest.mark.parametrize("caption", [
    '<div class="image"><img src="a.jpg" alt=""><p class="caption">签约仪式现场。记者 李明 摄</p></div>',
    '<figure><img src="a.jpg" alt=""><figcaption>签约仪式现场。记者 李明 摄</figcaption></figure>',
    '<div class="pic-desc">签约仪式现场。记者 李明 摄</div>',
], ids=["class-caption", "figcaption", "pic-desc"])
def test_a_photo_caption_is_not_part_of_the_body(caption):
    page = PAGE.replace('<div class="content">', '<div class="content">' + caption)
    text, _ = extract_html(page)
    assert "签约仪式现场" not in text, text
    for paragraph in BODY:
        assert paragraph in text


def test_the_cleaned_article_has_no_chrome_at_all(tmp_path):
    from zhnews.run.articles import load_articles

    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = load_articles([str(path)])
    assert article.title == "株洲高新区与13家银行签约授信960亿元"
    assert article.text.startswith("11月28日，株洲高新区与13家银行")
    for chrome in ("浏览次数", "责任编辑", "当前位置", "来源"):
        assert chrome not in article.text, chrome


@pytest.mark.parametrize(
    "title, headline",
    [
        ("株洲高新区与13家银行签约授信960亿元_株洲新闻网_株洲日报", "株洲高新区与13家银行签约授信960亿元"),
        ("央行：11月末M2同比增长8.2% | 证券时报网", "央行：11月末M2同比增长8.2%"),
        ("只有一个标题", "只有一个标题"),
    ],
)
def test_site_names_leave_a_title(title, headline):
    assert site_title_headline(title) == headline

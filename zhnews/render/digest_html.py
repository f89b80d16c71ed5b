"""The digest as one self-contained HTML page.

No scripts, external fonts, stylesheets or images: the page works offline,
prints cleanly, reads on a phone, and survives mail clients that allow HTML.
Every piece of article text goes through `html.escape`.
"""

from __future__ import annotations

from html import escape

from ..records import Digest, DigestItem, safe_url

_CSS = """
:root{--ink:#1a202c;--muted:#5a6473;--line:#e2e8f0;--bg:#f7f7f5;--card:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font-family:"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
font-size:16px;line-height:1.75;-webkit-text-size-adjust:100%}
.digest{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 3rem}
header{border-bottom:3px solid var(--ink);padding-bottom:1rem;margin-bottom:1.5rem}
.kicker{margin:0;color:var(--muted);font-size:.85rem;letter-spacing:.08em}
h1{margin:.2rem 0 .3rem;font-size:1.9rem;line-height:1.3}
h1 .date{font-weight:400;color:var(--muted);font-size:1.2rem;margin-left:.4rem}
.meta{margin:0 0 1rem;color:var(--muted);font-size:.9rem}
.chart{margin:0;padding:0;list-style:none;display:grid;grid-template-columns:fit-content(45%) 1fr auto;
gap:.25rem .6rem;align-items:center;font-size:.92rem}
.chart li{display:contents}
.chart a{color:inherit;text-decoration:none;overflow-wrap:anywhere;line-height:1.35}
.chart .track{display:block;min-width:0}
.chart .bar{display:block;height:.8rem;border-radius:2px;min-width:2px}
.chart .n{color:var(--muted);font-variant-numeric:tabular-nums}
section.theme{margin:2rem 0}
h2{font-size:1.35rem;margin:0 0 .8rem;padding-left:.6rem;border-left:6px solid var(--accent,#333);line-height:1.4}
h2 .count{font-weight:400;color:var(--muted);font-size:1rem;margin-left:.3rem}
article.item{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.9rem 1rem;margin:.8rem 0;break-inside:avoid}
article.item h3{margin:0 0 .3rem;font-size:1.08rem;line-height:1.5;overflow-wrap:anywhere}
article.item,.summary li,details.other li{overflow-wrap:anywhere}
article.item h3 a{color:inherit;text-decoration:none}
article.item h3 a:hover{text-decoration:underline}
.tags{margin:0 0 .4rem;display:flex;flex-wrap:wrap;gap:.35rem}
.tag{font-size:.78rem;border-radius:999px;padding:0 .55rem;color:#fff;white-space:nowrap}
.tag .p{opacity:.85;margin-left:.25rem}
.summary{margin:.2rem 0 .5rem;padding:0;list-style:none;text-align:justify}
.summary li{margin:.15rem 0}
.kw,.src{margin:.2rem 0 0;font-size:.85rem;color:var(--muted)}
.kw span{display:inline-block;background:#edf2f7;color:#2d3748;border-radius:3px;padding:0 .4rem;margin:0 .3rem .2rem 0}
details.other{margin-top:2rem;border-top:1px solid var(--line);padding-top:1rem}
details.other summary{cursor:pointer;font-size:1.2rem;font-weight:600}
details.other ul{padding-left:1.2rem}
details.other li{margin:.5rem 0}
details.other .one{color:var(--muted);font-size:.9rem}
.empty{color:var(--muted)}
footer{margin-top:2.5rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--line);padding-top:.8rem}
@media (max-width:30rem){.digest{padding:1rem .7rem 2rem}h1{font-size:1.5rem}}
@media print{body{background:#fff;font-size:11pt}article.item{border:0;border-bottom:1px solid #ccc;border-radius:0;padding:.4rem 0}
details.other>*{display:block}a{color:inherit;text-decoration:none}}
"""


def render(digest: Digest) -> str:
    counts = digest.counts
    total = len(digest.items)
    title = f"产业资讯简报 {digest.date}".strip()
    parts = [
        "<!doctype html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="zhnews">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style></head><body><main class=\"digest\">",
        "<header>",
        '<p class="kicker">ZHNEWS · 产业资讯简报</p>',
        f'<h1>每日简报<span class="date">{escape(digest.date)}</span></h1>',
        f'<p class="meta">共 {total} 篇'
        + (f"（另有 {digest.n_duplicates} 篇重复转载已合并）" if digest.n_duplicates else "")
        + f" · 生成于 {escape(digest.generated)}</p>",
        _chart(digest, counts),
        "</header>",
    ]
    for label, items in digest.sections.items():
        color = digest.color(label)
        parts.append(f'<section class="theme" id="theme-{escape(label)}" data-theme="{escape(label)}" style="--accent:{color}">')
        also = digest.elsewhere(label)
        note = f"，另有 {also} 篇兼涉，列于其主要主题下" if also > 0 else ""
        parts.append(f'<h2>{escape(digest.name(label))}<span class="count">{len(items)} 篇{note}</span></h2>')
        if not items:
            parts.append('<p class="empty">今日暂无相关报道。</p>')
        parts.extend(_item(item, digest) for item in items)
        parts.append("</section>")
    parts.append(_other(digest))
    parts.append(
        "<footer>由 zhnews 自动生成：主题与摘要由模型从原文抽取，置信度仅供参考；摘要句均出自原文。</footer>"
        "</main></body></html>"
    )
    return "\n".join(parts) + "\n"


def _chart(digest: Digest, counts: dict[str, int]) -> str:
    top = max([counts.get(label, 0) for label in digest.labels] + [len(digest.other), 1])
    rows = []
    for label in digest.labels:
        n = counts.get(label, 0)
        width = 100 * n / top
        rows.append(
            f'<li><a href="#theme-{escape(label)}">{escape(digest.name(label))}</a>'
            f'<span class="track"><span class="bar" style="width:{width:.0f}%;background:{digest.color(label)}"></span></span>'
            f'<span class="n" data-count="{escape(label)}">{n}</span></li>'
        )
    n = len(digest.other)
    rows.append(
        f'<li><a href="#other">其他</a><span class="track"><span class="bar" style="width:{100 * n / top:.0f}%;'
        f'background:#a0aec0"></span></span><span class="n" data-count="other">{n}</span></li>'
    )
    return '<ul class="chart" aria-label="各主题文章数">' + "".join(rows) + "</ul>"


def _item(item: DigestItem, digest: Digest) -> str:
    title = escape(item.title)
    url = safe_url(item.url)
    if url:
        title = f'<a href="{escape(url, quote=True)}">{title}</a>'
    tags = "".join(
        f'<span class="tag" style="background:{digest.color(t)}">{escape(digest.name(t))}'
        f'<span class="p">{item.scores.get(t, 0):.0%}</span></span>'
        for t in item.themes
    )
    summary = "".join(f"<li>{escape(s)}</li>" for s in item.summary)
    keywords = "".join(f"<span>{escape(k)}</span>" for k in item.keywords)
    source = escape(item.source_name)
    if item.reprints:
        others = "、".join(escape(r.source_name) for r in item.reprints)
        source += f" · 另见 {others}"
    return (
        f'<article class="item" id="{escape(item.id, quote=True)}"><h3>{title}</h3>'
        f'<p class="tags">{tags}</p><ul class="summary">{summary}</ul>'
        + (f'<p class="kw">{keywords}</p>' if keywords else "")
        + f'<p class="src">来源：{source}</p></article>'
    )


def _other(digest: Digest) -> str:
    items = digest.other
    rows = []
    for item in items:
        first = escape(item.summary[0]) if item.summary else ""
        rows.append(f'<li><strong>{escape(item.title)}</strong><br><span class="one">{first}</span></li>')
    body = "<ul>" + "".join(rows) + "</ul>" if rows else '<p class="empty">无。</p>'
    what = f"未列入{'、'.join(escape(digest.name(l)) for l in digest.only)}的新闻" if digest.only else "其他新闻"
    return f'<details class="other" id="other"><summary>{what}（{len(items)} 篇）</summary>{body}</details>'

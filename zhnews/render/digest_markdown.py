"""The digest as Markdown, for chat and email."""

from __future__ import annotations

from ..records import Digest, DigestItem, safe_url


def _md(text: str) -> str:
    # Keep article text, titles, sources and labels from being read as Markdown or HTML markup;
    # a newline in a field would start a heading or a list of its own.
    text = " ".join(str(text).split())
    for ch in "\\`*_[]()<>#|!~":
        text = text.replace(ch, "\\" + ch)
    return text


def _md_url(url: str) -> str:
    """An http(s) URL that cannot close its Markdown link early; "" for anything else."""
    url = safe_url(url)
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def render(digest: Digest) -> str:
    counts = digest.counts
    lines = [f"# 每日简报 {digest.date}".rstrip(), ""]
    tally = " · ".join(
        f"{_md(digest.name(label))} {counts.get(label, 0)}"
        + (f"（其中 {digest.elsewhere(label)} 篇列于其他主题下）" if digest.elsewhere(label) else "")
        for label in digest.labels
    )
    other = f"未列入{'、'.join(_md(digest.name(l)) for l in digest.only)}" if digest.only else "其他"
    lines.append(f"共 {len(digest.items)} 篇：{tally} · {other} {len(digest.other)}")
    if digest.n_duplicates:
        lines.append(f"（{digest.n_duplicates} 篇重复转载已合并）")
    lines.append("")
    for label, items in digest.sections.items():
        also = digest.elsewhere(label)
        note = f"，另有 {also} 篇兼涉，列于其主要主题下" if also > 0 else ""
        lines.append(f"## {_md(digest.name(label))}（{len(items)}{note}）")
        lines.append("")
        if not items:
            lines += ["今日暂无相关报道。", ""]
        for item in items:
            lines += _item(item, digest)
    lines.append(f"## {other}新闻（{len(digest.other)}）")
    lines.append("")
    for item in digest.other:
        first = f"：{_md(item.summary[0])}" if item.summary else ""
        lines.append(f"- **{_md(item.title)}**{first}")
    lines.append("")
    return "\n".join(lines)


def _item(item: DigestItem, digest: Digest) -> list[str]:
    url = _md_url(item.url)
    title = f"[{_md(item.title)}]({url})" if url else _md(item.title)
    tags = " · ".join(f"{_md(digest.name(t))} {item.scores.get(t, 0):.0%}" for t in item.themes)
    out = [f"### {title}", "", f"*{tags}* · 来源：{_md(item.source_name)}"]
    if item.reprints:
        out[-1] += " · 另见 " + "、".join(_md(r.source_name) for r in item.reprints)
    out.append("")
    out += [f"> {_md(s)}" for s in item.summary]
    if item.keywords:
        out += ["", "关键词：" + "、".join(_md(k) for k in item.keywords)]
    out.append("")
    return out

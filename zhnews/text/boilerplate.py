"""Recognise page chrome line by line.

Each predicate takes one normalised line and says whether it is a kind of
chrome. They are deliberately separate so each can be tested on real lines
from the seeds, and so a false positive can be traced to one rule.
"""

from __future__ import annotations

import re

from .chars import CJK, CJK_CHAR

_TERMINAL = "。！？!?…”’」』"

_BREADCRUMB = re.compile(r"^(当前位置|您现在的位置|你现在的位置|您的位置|你的位置|当前的位置|所在位置|位置)\s*[:：]|首页\s*[>»›/＞]")
_META = re.compile(
    r"(发布时间|发表时间|更新时间|发布日期|来源|作者|责任编辑|编辑|浏览(次数|量)?|阅读(量|数)?|点击(数|量)?|字号|时间)\s*[:：]"
    r"|^admin\s*\d|\d+\s*(个月|天|小时|分钟|秒)前|【(打印|关闭|字体|大|中|小)】|浏览\s*[:：]?\s*\d+\s*$"
    r"|出版物号|今日\s*\d+\s*版|第\s*\d+\s*期\s|星期[一二三四五六日天]\s"
)
_MASTHEAD = re.compile(r"^\S{1,8}(日报|晚报|早报|时报|商报|都市报|新闻网|在线)$")
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|400[- ]?\d{3,4}[- ]?\d{3,4}|0\d{2,3}-\d{7,8})(?!\d)")
_EMAIL = re.compile(r"[\w.\-]+@[\w\-]+\.(com|cn|net|org)\b")
_CONTACT_WORDS = re.compile(
    r"微信|扫一扫|二维码|公众号|QQ|联系人|手机号|联系电话|咨询电话|热线|邮箱|报料|投稿|加群|客服"
)
_COPYRIGHT = re.compile(
    r"版权声明|版权所有|版权归|Copyright|©|转载请|如需转载|未经授权|如有侵权|如有不妥|免责声明|ICP备|网络蜘蛛|本文链接|原文链接|本文来源于网络"
)
_SHARE = re.compile(r"^(分享到|分享给朋友|分享至|点击分享|收藏本文|打印本页|关闭窗口|返回顶部|扫描二维码推送至手机访问|点赞|在看)")
_FORM = re.compile(r"^(姓\s*名|邮\s*箱|留\s*言|验证码|昵\s*称|发表评论|我要评论|网友评论|评论\s*\(\d+\)|提交|登录|注册)\s*[:：]?$")
_MARKUP = re.compile(r"divdata=|datasource:|datatype=|javascript:|</?[a-z][a-z0-9]*[\s>/]|\{\{|\}\}|&[a-z]+;|\w+=\w+;|\.(jpg|jpeg|png|gif|webp)\b", re.I)
_URL_ONLY = re.compile(r"^\W*(https?://|www\.)\S+\W*$")
_CAPTION = re.compile(r"^[(（【]?(相关资料图|资料图|图片来源|配图|图源|图\s*[|/]|视频截图)[^)）】]{0,30}[)）】]?$|(记者|通讯员)\S{0,10}\s*摄\s*$|^\S{0,20}摄影?[:：/]")
_RELATED = re.compile(
    r"^[【\[]?(相关文章|相关阅读|相关新闻|相关推荐|相关报道|推荐阅读|延伸阅读|热门文章|热门推荐|热点推荐|最新文章|最新资讯|"
    r"最近更新|你可能会喜欢|您可能感兴趣|猜你喜欢|大家都在看|更多新闻|更多精彩|精彩推荐|上一篇|下一篇)[】\]]?\s*[:：]?"
)
_RELATED_SOFT = re.compile(r"^[【\[]?(相关链接|链接)[】\]]?\s*[:：]?$")
_BYLINE = re.compile(r"(记者|通讯员|特约撰稿|撰文|编辑)\s*[/／:：]?\s*[" + CJK + "]{2,4}")


def cjk_ratio(line: str) -> float:
    if not line:
        return 0.0
    return len(CJK_CHAR.findall(line)) / len(line)


def is_breadcrumb(line: str) -> bool:
    return len(line) < 120 and bool(_BREADCRUMB.search(line))


def is_meta_line(line: str) -> bool:
    """Author, date, source and view-count lines, and newspaper mastheads."""
    if len(line) > 80 or line.endswith("。"):
        return False
    return bool(_META.search(line) or _MASTHEAD.match(line))


def is_contact_line(line: str) -> bool:
    has_number = bool(_PHONE.search(line) or _EMAIL.search(line))
    has_word = bool(_CONTACT_WORDS.search(line))
    if has_number and (has_word or len(line) < 60):
        return True
    return has_word and len(line) < 45 and not line.endswith("。") or (
        has_word and "联系人" in line and "手机" in line
    )


def is_copyright_line(line: str) -> bool:
    return len(line) < 200 and bool(_COPYRIGHT.search(line))


def is_share_line(line: str) -> bool:
    return len(line) < 40 and bool(_SHARE.match(line))


def is_form_line(line: str) -> bool:
    return bool(_FORM.match(line))


def is_markup_line(line: str) -> bool:
    if _URL_ONLY.match(line):
        return True
    return bool(_MARKUP.search(line)) and cjk_ratio(line) < 0.5


def is_caption_line(line: str) -> bool:
    return len(line) < 50 and bool(_CAPTION.search(line))


def is_foreign_line(line: str) -> bool:
    """Lines with little or no Chinese: English table descriptions, dates, counters."""
    if not CJK_CHAR.search(line):
        return True
    return len(line) >= 8 and cjk_ratio(line) < 0.3


def is_doubled_teaser(line: str) -> bool:
    """Navigation teasers that repeat their own title: `X X` or `X X的开头...`."""
    parts = line.split(" ")
    if len(parts) < 2:
        return False
    head = " ".join(parts[: len(parts) // 2])
    tail = " ".join(parts[len(parts) // 2 :]).rstrip(".…")
    return len(head) >= 6 and len(tail) >= 6 and head.startswith(tail[: max(6, len(tail) - 1)])


def is_related_marker(line: str) -> bool:
    """Heads of related / recent article lists: the page's own content ends there."""
    return len(line) < 30 and bool(_RELATED.match(line))


def is_soft_related_marker(line: str) -> bool:
    """`相关链接` in a newspaper page heads a box of links, but articles follow it."""
    return bool(_RELATED_SOFT.match(line))


def is_byline(line: str) -> bool:
    """A standalone reporter line: `株洲日报·掌上株洲记者/周嵩 通讯员/谭洪汀`."""
    return len(line) <= 50 and line[-1:] not in _TERMINAL and bool(_BYLINE.search(line))


CHROME_RULES = (
    ("breadcrumb", is_breadcrumb),
    ("meta", is_meta_line),
    ("contact", is_contact_line),
    ("copyright", is_copyright_line),
    ("share", is_share_line),
    ("form", is_form_line),
    ("markup", is_markup_line),
    ("caption", is_caption_line),
    ("foreign", is_foreign_line),
    ("teaser", is_doubled_teaser),
)


def chrome_kind(line: str) -> str | None:
    """The name of the first chrome rule that matches `line`, or None for content."""
    for name, rule in CHROME_RULES:
        if rule(line):
            return name
    return None

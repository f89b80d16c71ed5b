"""Recognise page chrome line by line.

Each predicate takes one normalised line and says whether it is a kind of
chrome. They are deliberately separate so each can be tested on real lines
from the seeds, and so a false positive can be traced to one rule.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .chars import CJK, CJK_CHAR, count_cjk

_TERMINAL = "。！？!?…”’」』"

_BREADCRUMB = re.compile(r"^(当前位置|您现在的位置|你现在的位置|您的位置|你的位置|当前的位置|所在位置|位置)\s*[:：]")
# A trail of short sections: 首页 > 新闻 > 正文, 人民网>>文化, 返回腾讯网首页>>.
_TRAIL_SEP = re.compile(r"\s*(?:>>?|»|›|＞)\s*")
_TRAIL_HOME = re.compile(r"首页|主页|网$|频道$")
_TRAIL_MARK = re.compile(r"[>»›＞]")
_META = re.compile(
    r"(发布时间|发表时间|更新时间|发布日期|来源|作者|责任编辑|编辑|浏览(次数|量)?|阅读(量|数)?|点击(数|量)?|字号|时间)\s*[:：]"
    r"|^admin\s*\d|\d+\s*(个月|天|小时|分钟|秒)前|【(打印|关闭|字体|大|中|小)】|浏览\s*[:：]?\s*\d+\s*$"
    r"|出版物号|今日\s*\d+\s*版|第\s*\d+\s*期\s|星期[一二三四五六日天]\s"
    # A timestamp opening a line: 2026年12月10日 17:20 新浪财经, 2019-09-26 12:11来源…
    r"|^\d{4}\s*(年|-|/|\.)\s*\d{1,2}\s*(月|-|/|\.)\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}"
)
_MASTHEAD = re.compile(r"^\S{1,8}(日报|晚报|早报|时报|商报|都市报|新闻网|在线)$")
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|400[- ]?\d{3,4}[- ]?\d{3,4}|0\d{2,3}-\d{7,8})(?!\d)")
# Each number above opens with 1, 4 or 0 and a digit: without that pair a line holds none.
_PHONE_HINT = re.compile(r"[014]\d")
_EMAIL = re.compile(r"[\w.\-]+@[\w\-]+\.(com|cn|net|org)\b")
_CONTACT_WORDS = re.compile(
    r"微信|扫一扫|二维码|公众号|QQ|联系人|手机号|联系电话|咨询电话|热线|邮箱|报料|投稿|加群|客服"
)
# What a contact line holds besides its contact words and numbers.
_CONTACT_FILLER = re.compile(r"电话|手机|号码|号")
_COPYRIGHT = re.compile(
    r"版权声明|版权所有|版权归|Copyright|©|转载请|如需转载|未经授权|如有侵权|如有不妥|免责声明|ICP备|网络蜘蛛|本文链接|原文链接|本文来源于网络"
)
_SHARE = re.compile(r"^(分享到|分享给朋友|分享至|点击分享|收藏本文|打印本页|关闭窗口|返回顶部|扫描二维码推送至手机访问|点赞|在看)")
_FORM = re.compile(r"^(姓\s*名|邮\s*箱|留\s*言|验证码|昵\s*称|发表评论|我要评论|网友评论|评论\s*\(\d+\)|提交|登录|注册)\s*[:：]?$")
_MARKUP = re.compile(r"divdata=|datasource:|datatype=|javascript:|</?[a-z][a-z0-9]*[\s>/]|\{\{|\}\}|&[a-z]+;|\w+=\w+;|\.(jpg|jpeg|png|gif|webp)\b", re.I)
# Every alternative of `_MARKUP` holds one of these: a line without any cannot match, and
# looking for them is far cheaper than the case-blind alternatives at every position.
_MARKUP_HINT = re.compile(r"[:=<{}&.]")
_URL_ONLY = re.compile(r"^\W*(https?://|www\.)\S+\W*$")
_CAPTION = re.compile(r"^[(（【]?(相关资料图|资料图|图片来源|配图|图源|图\s*[|/]|视频截图)[^)）】]{0,30}[)）】]?$|(记者|通讯员)\S{0,10}\s*摄\s*$|^\S{0,20}摄影?[:：/]")
_RELATED = re.compile(
    r"^[【\[]?(相关文章|相关阅读|相关新闻|相关推荐|相关报道|推荐阅读|延伸阅读|热门文章|热门推荐|热点推荐|最新文章|最新资讯|"
    r"最近更新|你可能会喜欢|您可能感兴趣|猜你喜欢|大家都在看|更多新闻|更多精彩|精彩推荐|上一篇|下一篇|关键词阅读|为你推荐|"
    r"为您推荐|今日推荐|热点新闻|热门新闻|相关专题|往期回顾|更多报道|点击排行|阅读排行)[】\]]?\s*[:：]?"
)
# Editorial lines: the end mark, editors and sources, original titles, print-edition notes, tags.
_EDITORIAL = re.compile(
    r"^[(（【\[]\s*(完|终)\s*[)）】\]]$"
    r"|^[(（【\[]\s*(责任编辑|责编|编辑|校对|审核|审校|审签|监制|统筹|策划|执笔|采写|撰文|作者|文|图|文/图|图/文|"
    r"来源|稿源|原标题|资料来源|实习生|记者)[^)）】\]]{0,60}[)）】\]]$"
    r"|^(原标题|本文原标题|原创|本文来源|文章来源|资料来源|稿件来源|来源|稿源|作者|执笔|采写|撰文|文|图|文/图|图/文|摄影|编辑|责编|"
    r"责任编辑|校对|审核|审校|监制|编审|值班编辑|网络编辑)\s*[:：/|｜]\s*\S.{0,80}$"
    r"|^《[^》]{1,20}》\s*[(（][^)）]{0,30}版[)）]$"
    r"|^(Tags?|TAG|标签|关键词|关键字)\s*[:：]"
)
# App plugs and comment or reprint disclaimers: the tail of portal pages.
_PLUG = re.compile(
    r"尽在.{0,12}(APP|App|app|客户端)|(下载|安装|打开).{0,12}(APP|App|app|客户端)|海量资讯|精准解读"
    r"|^(免责声明|声明|特别声明|郑重声明|作者声明|风险提示)\s*[:：]|仅供其表达个人看法|不代表本(网|站|平台)(观点|立场)"
    # The notices a securities adviser's column must carry (中国证监会's rules), and its risk line.
    r"|不承诺投资者获取收益|证券投资咨询业务资格|(据此|依此)(入市|操作)[，,]\s*风险自担"
    r"|^(股市|市场|投资|入市)有风险[，,]\s*(投资|入市)(需|须)?谨慎[。！!]?$"
    r"|本文为.{0,30}(上传并发布|自媒体|作者)|(网友|用户)评论仅|感谢您的反馈|图片(均)?来(自|源于)网络"
)
# Prompts to click, reply or scan: chrome when they are (nearly) the whole line.
_PROMPT = re.compile(
    r"^\d{0,2}[、.]?\s*回复[【\[「“].{1,12}[】\]」”]|点击(菜单栏|阅读原文|下方|上方|投票|进入|查看)|【点击投票】"
    r"|(扫描|长按|识别)(下方|上方|图中)?二维码|戳(这里|链接)"
)
# Words that every alternative of `_PLUG` or `_PROMPT` holds. A line with none of them is
# neither, and this one scan is cheaper than theirs (the anchored alternatives make them try
# every position).
_PLUG_HINT = re.compile(
    "尽在|下载|安装|打开|海量资讯|精准解读|声明|风险提示|仅供其|不代表本|本文为|评论仅|感谢您的反馈|图片"
    "|不承诺|证券投资咨询|风险自担|有风险"
    "|回复|点击|二维码|戳"
)
# A line that sends the reader to a site: 深度报告 权威内参 来自“证券通”www.KL178.com,
# 更多资料:www.mypin.com.cn/nba, 以上附件内容详见上海证券交易所网站：http://www.sse.com.cn.
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[\w\-]+\.", re.IGNORECASE)
_SEND_WORDS = re.compile(r"来自|尽在|更多|详见|浏览|登录|访问|推荐|精彩|搜索")
# Where an article ends: the end mark and the editor lines after it.
_END_MARK = re.compile(
    r"^[(（【\[]\s*(完|终)\s*[)）】\]]$"
    r"|^[(（【\[]?\s*(责任编辑|责编|编辑|校对|审核|审校|监制|值班编辑|网络编辑|编审)\s*[:：/|｜]"
)
_RELATED_SOFT = re.compile(r"^[【\[]?(相关链接|链接)[】\]]?\s*[:：]?$")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A name may be spaced out to the width of a longer one: 本报记者　王　文, 特约记者 童 宜.
_BYLINE = re.compile(r"(记者|通讯员|特约撰稿|撰文|编辑)\s*[/／:：]?\s*[" + CJK + r"](?:\s?[" + CJK + "]){1,3}")
# A report's source on a line of its own: 英国《防务新闻》2006年4月6日报道, 俄罗斯塔斯社2006年5月6日报道,
# 中国国际广播电台报道, 英国《金融时报》弗朗西斯科·格雷拉(Francesco Guerrera)香港报道 (not a programme in a
# schedule, 12:10 天天足球午间报道, nor an attribution that leads into the next line, 据…报道).
_REPORT_LINE = re.compile(
    r"^(?!据)[^，,。：:；;]{0,30}?(?:《[^》]{2,16}》|通讯社|广播电台|电视台|[\u4e00-\u9fff](?:社|网站))"
    r"[^，,。：:；;《》]{0,40}?(?:综合|摄影)?报道$"
    r"|^(?!据)[^，,。：:；;\d]{2,30}?\d{4}年\d{1,2}月(?:\d{1,2}日)?刊?报道$"
)


def cjk_ratio(line: str) -> float:
    if not line:
        return 0.0
    return count_cjk(line) / len(line)


def is_breadcrumb(line: str) -> bool:
    """`当前位置：首页 > 新闻`, or a trail of short sections (`人民网>>文化`, `返回腾讯网首页>>`)."""
    if len(line) >= 120:
        return False
    if _BREADCRUMB.search(line):
        return True
    if "。" in line or not _TRAIL_MARK.search(line):
        return False  # a sentence, or no separator to make a trail
    parts = [p for p in _TRAIL_SEP.split(line)]
    if len(parts) < 2:
        return False
    sections = [p for p in parts if p]
    if not sections or any(len(p) > 20 for p in sections):
        return False
    return len(parts) >= 3 or bool(_TRAIL_HOME.search(sections[0]))


def is_meta_line(line: str) -> bool:
    """Author, date, source and view-count lines, and newspaper mastheads."""
    if len(line) > 80 or line.endswith("。"):
        return False
    return bool(_META.search(line) or _MASTHEAD.match(line))


def is_contact_line(line: str) -> bool:
    """A line that is contact details as a whole (not a sentence that gives a number).

    What is left once contact words and numbers are taken out decides: a
    prompt or a number with a label leaves a few characters, a body sentence
    that ends by giving a hotline leaves the sentence.
    """
    if len(line) > 120:
        return False
    phones = _PHONE.findall(line) if _PHONE_HINT.search(line) else []
    numbers = phones + (_EMAIL.findall(line) if "@" in line else [])
    words = set(_CONTACT_WORDS.findall(line))
    if not numbers and not words:
        return False
    if len(words) >= 2 and len(line) < 80:
        return True  # a prompt that asks for several (联系人、手机号…)
    rest = _PHONE.sub("", _EMAIL.sub("", line) if "@" in line else line)
    left = len(CJK_CHAR.findall(_CONTACT_FILLER.sub("", _CONTACT_WORDS.sub("", rest))))
    if numbers:
        return left < 8 or (left < 12 and not line.endswith("。"))
    return left < 6 and not line.endswith("。")


def is_copyright_line(line: str) -> bool:
    """A copyright, reprint or disclaimer notice: short, or opening with the notice.

    A paragraph of body text that ends with a disclaimer is not a notice: the
    disclaimer is trimmed off its end (`clean.tidy_paragraph`), the body stays.
    """
    if len(line) >= 200:
        return False
    found = _COPYRIGHT.search(line)
    return found is not None and (len(line) < 60 or found.start() <= 8)


def is_share_line(line: str) -> bool:
    return len(line) < 40 and bool(_SHARE.match(line))


def is_form_line(line: str) -> bool:
    return bool(_FORM.match(line))


def is_markup_line(line: str) -> bool:
    if _URL_ONLY.match(line):
        return True
    # Cheapest test first; a Chinese line fails the ratio and never reaches `_MARKUP`.
    return bool(_MARKUP_HINT.search(line)) and cjk_ratio(line) < 0.5 and bool(_MARKUP.search(line))


def is_caption_line(line: str) -> bool:
    # Every caption pattern holds 图 or 摄.
    return len(line) < 50 and ("图" in line or "摄" in line) and bool(_CAPTION.search(line))


def is_foreign_line(line: str) -> bool:
    """Lines of another language: English table descriptions, dates, counters.

    A Chinese line with Latin names in it (`NVIDIA H200 GPU在华销售获批`) is not;
    a Latin name opening a quote (`Tim Cook：`) is not either.
    """
    if not CJK_CHAR.search(line):
        return bool(_LATIN_WORD.search(line)) and not line.rstrip().endswith((":", "："))
    # Latin words first: most Chinese lines have none, and counting them is the cheaper test.
    return len(_LATIN_WORD.findall(line)) >= 4 and cjk_ratio(line) < 0.3


def is_figures_line(line: str) -> bool:
    """Digits and signs only: dates, counters, page numbers (or the cells of a table)."""
    return not CJK_CHAR.search(line) and not _LATIN_WORD.search(line)


def is_doubled_teaser(line: str) -> bool:
    """Navigation teasers that repeat their own title: `X X` or `X X的开头...`."""
    parts = line.split(" ")
    if len(parts) < 2:
        return False
    head = " ".join(parts[: len(parts) // 2])
    tail = " ".join(parts[len(parts) // 2 :]).rstrip(".…")
    return len(head) >= 6 and len(tail) >= 6 and head.startswith(tail[: max(6, len(tail) - 1)])


def is_editorial_line(line: str) -> bool:
    """`（完）`, `【编辑：张燕玲】`, `(责编：…)`, `原标题：…`, `来源：…`, `文/…`, `执笔/…`, `《人民日报》（…版）`, `Tag:`."""
    return len(line) <= 100 and not line.endswith("。") and bool(_EDITORIAL.search(line))


def is_plug_line(line: str) -> bool:
    """App plugs and comment or reprint disclaimers (`海量资讯、精准解读，尽在新浪财经APP`), and a
    line that sends the reader to a site (`深度报告 权威内参 来自“证券通”www.KL178.com`)."""
    if len(line) > 120:
        return False
    if "." in line and "。" not in line and _WEB_ADDRESS.search(line) and _SEND_WORDS.search(line):
        return True
    if not _PLUG_HINT.search(line):
        return False
    if _PLUG.search(line):
        return True
    prompt = _PROMPT.search(line)
    # A sentence that ends with a link prompt keeps its sentence (the prompt is trimmed off it).
    return prompt is not None and "。" not in line[: prompt.start()]


def is_end_mark(line: str) -> bool:
    """`（完）`, `责任编辑：…`: the article is over; what follows is the page's."""
    return len(line) <= 80 and bool(_END_MARK.search(line))


def is_related_marker(line: str) -> bool:
    """Heads of related / recent article lists: the page's own content ends there."""
    return len(line) < 30 and bool(_RELATED.match(line))


def is_soft_related_marker(line: str) -> bool:
    """`相关链接` in a newspaper page heads a box of links, but articles follow it."""
    return bool(_RELATED_SOFT.match(line))


def is_byline(line: str) -> bool:
    """A standalone reporter line (`株洲日报·掌上株洲记者/周嵩 通讯员/谭洪汀`), or one naming a report's source
    (`英国《防务新闻》2006年4月6日报道`)."""
    reporter = len(line) <= 50 and line[-1:] not in _TERMINAL and bool(_BYLINE.search(line))
    return reporter or (len(line) <= 60 and line.endswith("报道") and bool(_REPORT_LINE.match(line)))


CHROME_RULES = (
    ("editorial", is_editorial_line),
    ("plug", is_plug_line),
    ("breadcrumb", is_breadcrumb),
    ("meta", is_meta_line),
    ("contact", is_contact_line),
    ("copyright", is_copyright_line),
    ("share", is_share_line),
    ("form", is_form_line),
    ("markup", is_markup_line),
    ("caption", is_caption_line),
    ("foreign", is_foreign_line),
    ("figures", is_figures_line),
    ("teaser", is_doubled_teaser),
)


LINE_RULES = frozenset(name for name, _ in CHROME_RULES)
# The rules whose lines are never an article's sentence, wherever they stand:
# inside an extracted body only these apply (a phone number, a Latin name or
# a date in a sentence does not make it chrome).
WHOLE_LINE_RULES = frozenset({"editorial", "plug", "breadcrumb", "share", "form", "copyright"})
# What may go from the edges of a JSONL/CSV text, an already extracted body:
# nothing that could be the article's own first or last line (a notice's
# 报名时间：…, a hotline that ends a police appeal).
ROW_EDGE_RULES = WHOLE_LINE_RULES | {"markup", "caption", "teaser"}


# Chrome lines are short; a longer line is text (and some patterns backtrack on long runs).
MAX_CHROME_LINE = 600


# The summarizers ask about the same sentence more than once (as a candidate, then whether it
# stands alone); the rules are pure, so an answer is remembered.
@lru_cache(maxsize=4096)
def chrome_kind(line: str) -> str | None:
    """The name of the first chrome rule that matches `line`, or None for content."""
    if len(line) > MAX_CHROME_LINE:
        return None
    for name, rule in CHROME_RULES:
        if rule(line):
            return name
    return None


def chrome_kind_among(line: str, rules: frozenset) -> str | None:
    """`chrome_kind(line)` where it is one of `rules`, else None.

    The same verdict, without asking the other rules of a line none of `rules`
    fits (most lines): they are asked only when one of `rules` matches, since
    an earlier rule's name would then have won.
    """
    if len(line) > MAX_CHROME_LINE:
        return None
    for i, (name, rule) in enumerate(CHROME_RULES):
        if name in rules and rule(line):
            earlier = (other for other_name, other in CHROME_RULES[:i] if other_name not in rules)
            return None if any(other(line) for other in earlier) else name
    return None

"""What a line or sentence of news is: a heading, a dateline, a teaser, a byline.

Cleaning (`text.clean`) and the summarizers (`models.summarize`) ask the same
questions of text; the answers live here once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from . import boilerplate as bp
from .chars import has_cjk, normalized_key

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》"
TERMINAL_END = SENTENCE_END + CLOSERS
CONTINUATION_END = ",，、;；:：（(“《"
# Longest line that still reads as a heading, and longest joined title.
MAX_HEADING = 50
MAX_TITLE = 64
# A headline above a dateline may be longer than a subheading.
MAX_LEAD_HEADING = 90
# A sentence unit without a full stop and this short is a heading, not a
# sentence to quote in a summary (units are split sentences, not page lines,
# so the limit is looser than a page line's).
MAX_UNIT_HEADING = 60
# A sentence with fewer Chinese characters than this says nothing on its own.
MIN_SENTENCE_CJK = 4

# `……`, `...`: a line cut off by the page (a teaser), or trailing dots after a full stop.
TRAILING_DOTS = re.compile(r"(\.{3,}|…+)$")
_UNIT_END = re.compile(r"[。！？!?…；;][”’」』)）]*(?:[(（][^()（）]{1,20}[)）])?$")

# Datelines, in the two places they matter. At the start of a paragraph:
# `株洲日报·掌上株洲讯(记者/刘芳)`, `新华社北京3月1日电`; they go from the body.
_DATELINE_PREFIX = re.compile(
    r"^[^，,。]{0,24}?讯\s*[(（][^)）]{0,40}[)）]\s*|^(新华社|中新社|中新网)[^，,。]{0,12}电\s*"
)
# A line that opens an article on a newspaper page (where one article ends and the next starts).
_DATELINE = re.compile(
    r"^[^，,。]{0,24}?(讯|电)\s*[(（]|^[^，,。]{0,24}?讯\s*[(（]?\s*(记者|通讯员)|^新华社[^，,。]{0,12}电|^本报讯|^中新[网社][^，,。]{0,12}电"
)
# At the start of a summary sentence, station idents as well:
# 央视网消息（新闻联播）：本台消息，新华社北京3月1日电（记者 王某）
# An abstract's label, on a lead or on a title: ［提要］, 摘要：, 【导读】：
ABSTRACT_LABEL = re.compile(r"^(?:[［\[【](?:内容提要|内容摘要|提要|摘要|导读|核心提示|导语)[］\]】]\s*[:：]?"
                            r"|(?:内容提要|内容摘要|提要|摘要|导读|核心提示|导语)\s*[:：])\s*")
# What a list's number or label may be stripped before: a whole sentence, not a heading (一、总体要求).
_BEFORE_A_SENTENCE = r"(?=.*[。！？!?；;][”’」』)）]*$)"
_LEAD_PREFIXES = (
    re.compile(r"^[^\s，。：:；;（(]{1,12}?消息\s*[(（][^)）]{0,20}[)）]\s*[：:；;，,]?\s*"),
    re.compile(r"^[^\s，。：:；;（(]{1,8}?消息\s*[：:；;，,]\s*"),
    # A dated one before a space: 5月10日消息 文件共享网络公司…
    re.compile(r"^[^\s，。：:；;（(]{0,10}?\d{1,2}月\d{1,2}日(?:[上下]午|晚间?)?消息\s+"),
    re.compile(r"^(新华社|中新社|中新网|人民网|央视网|本报)[^，,。]{0,16}?(电|讯)\s*([(（][^)）]{0,30}[)）])?\s*[：:，,]?\s*"),
    # A bracketed credit: （记者 张三）, and a portal's author or translator: （文/蔡强）, （编译：…）
    # (and one with no mark after 作者: （作者根纳季·涅恰耶夫），…)
    re.compile(r"^[(（](记者|通讯员|作者|(?:文|撰文|编译|文/图|图/文)\s*[/／:：|｜])[^)）]{0,30}[)）]\s*[，,]?\s*"),
    # A paper named in brackets, dated by the day: 《科创板日报》31日讯，
    re.compile(r"^《[^》]{2,12}》\d{1,2}日(电|讯)\s*[，,：:]?\s*"),
    # Any outlet's dated dateline: 红网时刻3月25日讯, 株洲新闻网11月3日讯（记者 …）, 中新网北京11月30日电,
    # 新华网重庆5月8日专电（记者 …）
    re.compile(r"^[^\s，。：:；;]{0,16}?\d{1,2}月\d{1,2}日(专?电|讯)\s*([(（][^)）]{0,30}[)）])?\s*[：:，,]?\s*"),
    # …and its dated report before a space: CNET科技资讯网5月9日国际报道 全球…, 英国《防务新闻》2006年4月24日报道 …
    re.compile(r"^[^\s，。：:；;]{2,20}?\d{1,2}月\d{1,2}日(国际|国内|综合)?报道\s+"),
    # An outlet's undated one, and a bracketed source tag: 京华时报讯, 证券时报e公司讯, 【赛迪网讯】, 【eNet特约评论】
    re.compile(r"^[^\s，。：:；;]{2,12}?(日报|晚报|时报|商报|早报|快报|报|网|台|公司)讯\s*([(（][^)）]{0,30}[)）])?\s*[：:，,]?\s*"),
    re.compile(r"^【[^】]{2,14}(讯|消息|报道|快讯|评论|特稿|专稿)】\s*"),
    # A report attribution: 据央视新闻报道，据财联社消息，北京时间11月7日下午消息，
    re.compile(r"^据[^，,。]{2,12}(报道|消息)\s*[，,：:]\s*"),
    # …and an outlet's report before a space: 据重庆晨报报道 黄金首饰… (not 据最新消息 园区…)
    re.compile(r"^据[^，,。\s]{1,12}(?:报|社|台|网|刊|》)报道\s+"),
    re.compile(r"^北京时间[^，,。]{0,16}消息\s*[，,：:]\s*"),
    # Another zone's time, with Beijing's beside it: 美国东部时间5月9日（北京时间5月10日）消息：…
    re.compile(r"^[\u4e00-\u9fff]{2,6}时间[^，,。]{0,30}?消息\s*[，,：:]\s*"),
    # A site's or agency's 消息 before a space: 天极网消息 新浪公司…, 新华网消息 …
    re.compile(r"^[^\s，。：:；;（(]{1,8}?(网|社|台|报)消息\s+"),
    # A site's dateline before a space: 新浪科技讯 …; its place and reporter before 讯:
    # 财联社（北京，记者 张晓翀）讯，…; a paper's own: 本报综合报道 …
    re.compile(r"^[^\s，。：:；;]{2,10}讯\s+"),
    re.compile(r"^[^\s，。：:；;（(]{2,12}?[(（][^)）]{0,30}[)）]\s*讯\s*[，,：:]?\s*"),
    re.compile(r"^(本报|本刊|本台|本网)(综合|编译|特约)?(报道|消息)\s*[，,：:]?\s+"),
    # An author or an original title glued to the front: 作者：马化展11月2日…, 原标题：…新华社杭州11月8日电
    re.compile(r"^(作者|撰文|文|记者)\s*[:：/]\s*[\u4e00-\u9fff·]{2,4}(?=\d|\s|[，,])\s*"),
    re.compile(r"^原标题\s*[:：].{0,40}?(?=新华社|中新社|中新网|人民网|本报讯|[^，。\s]{0,10}\d{1,2}月\d{1,2}日电)"),
    # A reporter's credit run into the text: 记者 陈伟斌 整理报道6月20日晚上…; an abstract's label: ［提要］
    re.compile(r"^(本报)?记者\s*[\u4e00-\u9fff·]{2,4}\s*(整理|综合)?报道\s*(?=\d|[\u4e00-\u9fff])"),
    ABSTRACT_LABEL,
    # A byline set off by spaces: 记者 李冰2003年，…; 记者 刘琪 近期，… And a subheading the page ran
    # into it or into an agency's dateline: 网贷存管乱象有望得到遏制记者 刘琪 近期，…,
    # 500年内不会再有第二个中新社香港10月30日电 （记者 杨喆）… (not an outlet's name: 中国日报记者 张三 …).
    re.compile(r"^(本报)?(记者|通讯员)\s+[\u4e00-\u9fff·]{2,4}([\s、]+[\u4e00-\u9fff·]{2,4})*(\s+|(?=\d))"),
    # …with no space after 记者 but after the names (记者刘凡 周昌和 继推出日票后，…), and with the place
    # it was filed from (21世纪经济报道21财经App 辛继召 深圳报道成立不足四年，…).
    re.compile(r"^(本报)?(记者|通讯员)[\u4e00-\u9fff·]{2,4}([\s、]+[\u4e00-\u9fff·]{2,4})*\s+"),
    re.compile(r"^([^，,。！？!?\s]{0,20}\s+)?(本报)?(记者|通讯员)?\s*[\u4e00-\u9fff·]{2,4}\s+[\u4e00-\u9fff]{2,4}报道\s*"),
    # A portal's dateline with no space after it: 新浪教育讯11月2日，…
    re.compile(r"^(新浪|搜狐|网易|腾讯|凤凰|和讯|金融界|东方财富|财联社|澎湃|界面|红网|大河网|荆楚网|华龙网|东方网|千龙网|"
               r"北青网|光明网|中国网|中青网|央广网|环球网)[\u4e00-\u9fff]{0,6}讯\s*([(（][^)）]{0,30}[)）])?\s*[：:，,—–]*\s*"),
    # The addressees of an official notice: 各相关单位：… / 各区、县人民政府，市政府各委、办、局：…
    re.compile(r"^各(相关|有关|区|县|市|级|部门|单位|成员|委|办)[^：:。！？!?]{0,60}[：:]\s*"),
    re.compile(r"^[^，,。！？!?\s“”]{4,30}?(?<![报社网台刊站])"
               r"(?=(本报)?(记者|通讯员)\s+[\u4e00-\u9fff·]{2,4}\s|(新华社|中新社|中新网)[^，,。]{0,12}\d{1,2}月\d{1,2}日电"
               r"|[\u4e00-\u9fff]{1,4}(日报|晚报|时报|商报|早报|快报)讯|本报讯)"),
    # Subheadings run into the lead with spaces between them, before its date:
    # 全市拟装6万电子眼监控地沟油紧盯废油排放 设备总费用大约3000万元 昨天，记者从…
    re.compile(r"^([^，,。！？!?\s]{8,30}\s+){1,3}(?=(昨天|今天|昨日|今日|近日|日前|\d{1,2}月\d{1,2}日)[，,])"),
    # A source tag: （来源：环球旅行）每个地区的…
    re.compile(r"^[(（](来源|来自|图片来源|资料来源|图源|稿源)\s*[:：][^)）]{1,24}[)）]\s*"),
    # Brackets left over from a cut tag: 】中国上海/…
    re.compile(r"^[】\]]+\s*"),
    # A section's label: 特别提示：…, 大市预测：…, 新浪财报分析：… (not a forecaster named before it: 高盛预测：…,
    # 据世界旅游组织预测：…; nor a commentary's 点评：, which `_LABEL` bars).
    re.compile(r"^(?:[\u4e00-\u9fff]{0,2}(?:特别|重要|温馨|小编|爱心|贴心|健康|友情|前景|大市|后市|技术|战术|盘面|财报|专家|"
               r"精彩|行情|市场|操作|投资|风险|综合|新闻|今日|本周|每日))?(?:提示|预测|分析|综述|解读|看点|速递|要闻)\s*[:：]\s*"),
    # A profile's label: 项目简介：…, 公司概况：…, 剧情简介：… (not before a pointer to what it profiles: 该剧…)
    re.compile(r"^(?:项目|公司|企业|产品|剧情|内容|人物|活动|园区|基本)(?:简介|概况)\s*[:：]\s*(?!该|这|此|其)"),
    # A paper named as the source of a dated report: 美国 纽约时报：日前，… (not an interviewer's
    # question: 《第一财经日报》：在你看来，…)
    re.compile(r"^(?:[\u4e00-\u9fff]{2,4}\s+)?《?[\u4e00-\u9fff]{2,8}(?:时报|日报|邮报|周刊|周报|晚报|晨报|新闻网|通讯社)》?\s*[:：]\s*"
               r"(?=日前|近日|昨天|昨日|今天|今日|本周|上周|\d)"),
    # The label of the details that follow: 具体情况为：含金量为99%的黄金首饰单价从…
    re.compile(r"^具体(?:情况|内容|安排|做法|措施|标准|办法|价格|时间|方案)?(?:为|是|如下)[：:]\s*"),
    # A list's label or a writer's name in brackets before a sentence: （深圳地区）深圳部分银行…。,
    # (一)审议通过《…》。, (赵曼莉)尽管…
    re.compile(r"^[(（](?:[一二三四五六七八九十\d]{1,2}|[\u4e00-\u9fff]{2,6})[)）]\s*(?=[\u4e00-\u9fff“《])"
               + _BEFORE_A_SENTENCE),
    # A list's number before a sentence: 1、中国证监会9日晚间发布…。, 二、审议通过了…。 (not a range: 2、3月份…,
    # 一、二季度…; nor a decimal: 0.975分析…; a numbered heading, 一、总体要求, keeps it and stays a list's label).
    re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:、|[.．](?!\d))\s*(?!\d{1,2}(?!\d)|[一二三四五六七八九十两][、季月线级等])"
               + _BEFORE_A_SENTENCE),
    # A press release's dateline: 中国上海/2006年5月9日— , 北京，2024年3月5日——
    re.compile(r"^(中国)?[\u4e00-\u9fff]{2,6}\s*[/，,]\s*(\d{4}年)?\d{1,2}月\d{1,2}日\s*[—–]{1,2}\s*"),
    # …with the date first: 2006年5月8日，中国上海——
    re.compile(r"^(\d{4}年)?\d{1,2}月\d{1,2}日\s*[/，,]\s*(中国)?[\u4e00-\u9fff]{2,6}\s*[—–]{1,2}\s*"),
    # A site's 消息 with its writer in brackets: PConline5月9日消息[文/新闻主笔 黄约兴] 英特尔…, …消息[马全智/文]近日…
    re.compile(r"^[^\s，。：:；;（(\[【]{1,16}?消息\s*[\[【［](?:文|作者|记者|编译|[^\]】］]{1,12}/\s*文)[^\]】］]{0,20}[\]】］]\s*"),
    # A column's name in front of its text: 《专家之言》受…影响，港股昨日…, 《今日窝轮》资金昨日… (not a
    # document's or a paper's: 《条例》明确…, 《人民日报》发表…)
    re.compile(r"^《[^》]{0,6}(?:之言|观察|视点|快评|时评|述评|窝轮|纵横|茶座|看台|速递|快讯|扫描|透视)》\s*(?=[\u4e00-\u9fff])"),
)


def is_heading(line: str, max_len: int = MAX_HEADING) -> bool:
    """A page line that is a headline or subheading (no full stop, not a byline, short)."""
    if len(line) > max_len or bp.is_byline(line):
        return False
    if line.endswith("——"):
        return True
    core = line.rstrip(CLOSERS)
    if not core or core[-1] in SENTENCE_END + CONTINUATION_END:
        return False
    return "。" not in line and "！" not in line and "？" not in line


# The summarizers ask these of the same sentences several times (scoring, barring, selecting);
# they are pure, so each answer is remembered for a while.
_PER_SENTENCE = lru_cache(maxsize=4096)


@_PER_SENTENCE
def is_heading_unit(sentence: str) -> bool:
    """A split sentence that is a headline or subheading rather than a sentence."""
    return len(sentence) <= MAX_UNIT_HEADING and not _UNIT_END.search(sentence)


def is_body(line: str) -> bool:
    return not is_heading(line) and not bp.is_byline(line)


def is_article_start(line: str) -> bool:
    """A reporter byline or a dateline: where an article of a newspaper page begins."""
    return bp.is_byline(line) or bool(_DATELINE.match(line))


def strip_dateline(paragraph: str) -> str:
    """`株洲日报·掌上株洲讯(记者/刘芳) 4月26日,…` → `4月26日,…`."""
    return _DATELINE_PREFIX.sub("", paragraph, count=1) or paragraph


# Every prefix pattern is anchored at the start: a text none of them matches there keeps its start.
_ANY_LEAD_PREFIX = re.compile("|".join(f"(?:{p.pattern})" for p in _LEAD_PREFIXES))


def strip_lead(sentence: str) -> str:
    """Drop datelines and station idents from the start of a sentence."""
    text = sentence.strip()
    # Most sentences open with none of the prefixes: one match says so.
    if not _ANY_LEAD_PREFIX.match(text):
        return text
    changed = True
    while changed:
        changed = False
        for pattern in _LEAD_PREFIXES:
            stripped = pattern.sub("", text, count=1)
            # Keep the prefix when it is all there is (a one-line dateline).
            if stripped != text and has_cjk(stripped, MIN_SENTENCE_CJK):
                text, changed = stripped.strip(), True
    return text


def is_teaser(sentence: str) -> bool:
    """A line cut off with "..." by the page (a teaser of another article)."""
    return bool(TRAILING_DOTS.search(sentence)) and not sentence.endswith("……")


# A unit ending in a question (有多火爆? / 去邮轮母港如何实现坐地铁登船？) asks instead of telling, and one
# trailing off in an ellipsis with no fact in it (购物、餐饮、空中花园……) is a teaser list: blind readers
# fail both as fluff.
_QUESTION_END = re.compile(r"[？?][”’」』\s]*$")
_ELLIPSIS_END = re.compile(r"…[”’」』\s]*$")
# A route or chain of names with no sentence around it: 无锡-G312-S229-北惠路-锡澄路-汽渡。
_CHAIN = re.compile(r"^[^，,。；;]{0,12}(?:[-—→][^，,。；;\-—→]{1,10}){3,}[。]?$")
# A speech's address to its audience.
_SALUTATION = re.compile(r"^(女士们|先生们|同志们|朋友们|各位|尊敬的)")


def is_aside(sentence: str, lead: bool = False) -> bool:
    """A question, a salutation, a bare chain of names, or (except as the article's lead, which
    may end its own list of traits: …土地贫瘠、信息闭塞……) a fact-less unit trailing off in an ellipsis."""
    if _QUESTION_END.search(sentence) or _SALUTATION.match(sentence) or _CHAIN.match(sentence):
        return True
    return not lead and bool(_ELLIPSIS_END.search(sentence)) and fact_score(sentence) < 1


def ends_sentence(unit: str) -> bool:
    """The unit closes with a sentence end (so it can be run on with the next)."""
    return bool(_UNIT_END.search(unit))


# A photo credit that the page ran into the next sentence: 宝宝。新华社发5月8日，… The sentence
# before it is the photo's caption.
_CREDIT_START = re.compile(r"^(?:新华社发|中新社发|新华社记者\s*\S{2,4}\s*摄|(?:记者|通讯员)\s*\S{2,6}\s*摄|"
                           r"[(（][^)）]{1,12}摄[)）]|[\u4e00-\u9fff·]{2,4}\s+摄(?=\S))\s*")


def summary_candidates(sentences: Sequence[str], title: str = "") -> list[str]:
    """Sentences worth ranking for a summary: no chrome, no datelines, no photo captions, no empty
    bits, and no copy of the title glued to the front of the first one."""
    out = []
    units = [strip_lead(raw) for raw in sentences]
    if units and title:
        units[0] = strip_lead(without_title_echo(units[0], title))
    if units:
        units[0] = _without_run_in_headline(units[0])
    for i, sentence in enumerate(units):
        if i + 1 < len(units) and _CREDIT_START.match(units[i + 1]):
            continue  # a caption: its credit follows it
        credit = _CREDIT_START.match(sentence)
        if credit:
            sentence = sentence[credit.end():]
        if sentence.endswith(("）", ")")):
            sentence = _TRAILING_CREDIT.sub("", sentence)
        if not has_cjk(sentence, MIN_SENTENCE_CJK) or bp.chrome_kind(sentence) is not None:
            continue
        out.append(sentence)
    return out


# A headline the page ran into the article's first sentence with only a space between them (这辆奔驰VIANO仅仅
# 行驶了7400公里 这辆车拿到二手车的栏目中…; 戴尔降低盈利预期股价大跌 全球最大个人电脑制造商…): a run with no
# punctuation, then a sentence that opens on a word. (Not a name before what it did: 国务院总理某某 5月8日在…,
# 国务院总理某某 在北京会见…; without it the sentence has no subject.)
_RUN_IN_HEADLINE = re.compile(r"^[^\s，。！？、：:；;,.!?“”‘’（）()《》【】\[\]—…·]{8,30}\s+(?=[\u4e00-\u9fff“《])")
_NEEDS_SUBJECT = re.compile(r"^(?:在|于|会见|出席|表示|指出|强调|认为|称|说)")


def split_run_in_headline(unit: str) -> tuple[str, str]:
    """(headline, sentence) of a first unit that runs its headline into its sentence with a space
    (`戴尔降低盈利预期股价大跌 全球最大个人电脑制造商…` → `戴尔降低盈利预期股价大跌`, `全球最大…`); ("", unit)
    when it does not. A headline may come with its subheadings, each set off by a space."""
    heads = []
    for _ in range(_MAX_RUN_INS):
        run_in = _RUN_IN_HEADLINE.match(unit)
        if run_in is None:
            break
        rest = strip_lead(unit[run_in.end():])
        if not stands_alone(rest) or _NEEDS_SUBJECT.match(rest):
            break
        heads.append(unit[: run_in.end()].strip())
        unit = rest
    return (heads[0] if heads else ""), unit


def _without_run_in_headline(unit: str) -> str:
    return split_run_in_headline(unit)[1]


_MAX_RUN_INS = 4


# A bracket after the full stop that ends a unit: the outlet, the writer or an editor's mark
# (…提供普惠算力服务。（广州日报）, …。(章田/雅龙), …。（未完待续）), not part of what the sentence says.
_TRAILING_CREDIT = re.compile(r"(?<=[。！？!?])\s*[（(][^（）()。！？!?]{1,20}[）)]$")


# A reprint names the title it first ran under: 原标题：…, 原标题 …
_ORIGINAL_TITLE = re.compile(r"^[(（]?原标题\s*[:：]?\s*")


def without_title_echo(sentence: str, title: str) -> str:
    """The sentence without the title (or 原标题：the title) that a page glued to its front:
    `港报：动车事故幸存女孩被幼儿园拒收2011年温州动车事故的幸存者…` → `2011年温州动车事故的幸存者…`.

    The title is matched on its words only (punctuation and spaces aside), and the rest must still
    be a sentence; a lead that restates the title and goes on after a comma is a sentence of
    its own and keeps its words.
    """
    key = normalized_key(title)
    if len(key) < 6:
        return sentence
    marker = _ORIGINAL_TITLE.match(sentence)
    i = marker.end() if marker else 0
    matched = 0
    while i < len(sentence) and matched < len(key):
        ch = sentence[i]
        if ch == key[matched]:
            matched += 1
        elif normalized_key(ch):
            if marker:
                break
            return sentence  # a word character that is not the title's: no echo
        i += 1
    if matched < len(key):
        if not marker:
            return sentence
        # 原标题 names the headline it first ran under, which the portal may have reworded a little
        # (原标题：国资再驰援民营上市公司，北京海淀百亿专项基金落地在即第一财经记者获悉…): it ends where the
        # title's last words end, if it starts with the title's first ones.
        i = _reworded_title_end(sentence, marker.end(), key)
        if i is None:
            return sentence
    elif not marker and sentence[i:i + 1] in _CLAUSE_GLUE:
        return sentence  # the lead restates the title and goes on (株洲市召开大会，部署…): a sentence
    rest = sentence[i:].lstrip(" \u3000，,：:。)）")
    return rest if has_cjk(rest, MIN_STANDALONE_CJK) else sentence


_CLAUSE_GLUE = frozenset("，,、；;：:")
# The words a reworded headline must share with the title, at its start and at its end, and how
# many more word characters than the title's it may hold (北京 added, 的 dropped…).
_TITLE_EDGE = 4
_REWORD_SLACK = 16


def _reworded_title_end(sentence: str, start: int, key: str) -> int | None:
    """Where a reworded copy of the title (its normalised `key`) that starts at `start` ends."""
    key = key.casefold()  # To B in the title, TOB in the reprint's note
    head, tail = key[:_TITLE_EDGE], key[-_TITLE_EDGE:]
    seen, places = [], []
    for j in range(start, min(len(sentence), start + len(key) + _REWORD_SLACK)):
        folded = normalized_key(sentence[j])
        if folded:
            seen.append(folded.casefold())
            places.append(j)
    words = "".join(seen)
    if not words.startswith(head):
        return None
    at = words.find(tail, len(key) // 2)
    return None if at < 0 else places[at + _TITLE_EDGE - 1] + 1


# -- what a sentence says: facts, fluff, and whether it stands alone ------------------------

# Numbers with a unit: money, counts, sizes, shares (9600亿元, 103个, 43公里, 8.1%).
_QUANTITY = re.compile(
    r"\d+(?:\.\d+)?\s*(?:多|余|近)?\s*(?:万亿|亿|万|千|百)?\s*"
    r"(?:元|美元|欧元|个|项|家|座|条|台|辆|列|套|所|人次|人|名|户|亩|吨|公里|千米|米|平方米|平方公里|千瓦|兆瓦|"
    r"吉瓦|万千瓦|倍|%|％|个百分点|次|天|年|批|宗|架|艘|GB|TB|G)"
)
_DATE = re.compile(r"\d{1,2}月\d{1,2}日|\d{4}年|\d{1,2}日[上下]?午?|今年|去年|日前|近日|昨天|今天|昨日|今日")
# What news reports happening: signing, starting, opening, approving, publishing.
ACTION_WORDS = (
    r"签约|签订|签署|开工|投产|获批|批复|发布|启动|开通|竣工|落户|揭牌|举行|召开|上市|完成|实现|建成|印发|出台|"
    r"通过|审议|成立|开业|交付|中标|增长|下降|同比|环比|融资|贷款|授信|投资|引进|落地|入驻|发行|达到|突破"
)
_ACTION = re.compile(ACTION_WORDS)
# Slogans, scene-setting and exhortation: lines that set a mood instead of reporting.
_SCENE = re.compile(
    r"^(春|夏|秋|冬|初春|早春|仲春|暮春|初夏|盛夏|金秋|深秋|初冬|隆冬|寒冬|岁末|年初|开年|开局之年|新春|最美|"
    r"走进|漫步|放眼|驱车|行走在|步入|站在|登上|来到|伫立|远眺|清晨|傍晚|夜幕)"
)
_EXHORT = re.compile(r"^(要|必须|务必|让我们|我们要|希望|号召|奋力|全力|加快|坚持|切实|着力|以|抓好|紧扣|聚焦|抢抓)")
_SLOGAN = re.compile(r"号角|征程|蓝图|擂鼓|奋进|激荡|热潮|春潮|快马加鞭|撸起袖子|只争朝夕|马不停蹄|正当时|"
                     r"再出发|新篇章|新征程|争先|比学赶超|干事创业|风生水起|如火如荼|蹄疾步稳|铿锵|"
                     # Boasts and stock phrases of regional reports: they praise, they do not report.
                     r"响当当|十足|满满|亮点纷呈|可圈可点|高开高走|善作善为|热土|沃土|强劲动能|澎湃|底气|成色|"
                     r"含金量|加速跑|快进键|加速度|开门红|火力全开|硬核|满格|新高地|排头兵|领头雁|桥头堡|主引擎|"
                     r"压舱石|生动实践|显著优势|坚强领导|彰显|尽显|交出.{0,4}答卷|谱写|书写|绘就|擘画|吹响|"
                     r"吸引了.{0,8}目光|备受瞩目|万众瞩目|引人注目|蓬勃发展|欣欣向荣|日新月异|生机勃勃|活力四射|生根发芽|"
                     r"开好局|起好步|以优异成绩|"
                     r"十分看好|信心满满|充满信心|意义非凡|特殊的年份|不平凡的一年|极不寻常的一年|"
                     r"得天独厚|潜力巨大|前景可期|未来可期|前景广阔|大有可为|正当其时|"
                     r"(?:强力|有力|坚强|坚实)(?:保障|支撑)|盛会|盛事|最重大的")
# Maxims and metaphors: a general truth or an image instead of an event
# (制造业之于长沙，是立市之本; 经济是肌体，金融是血脉; 国际普遍认为…).
_MAXIM = re.compile(
    r"之于|普遍认为|众所周知|人们常说|俗话说|古人云|常言道|一句话|归根结底|说到底|"
    r"必然要求|必由之路|必然选择|主动选择|根本遵循|战略基点|关键一招|重要法宝|"
    r"[是为](?:[^，,。]{0,6})(?:之本|之基|之魂|之源|之要|之策|之举)|"
    r"是(?:肌体|血脉|命脉|基石|灵魂|根基|引擎|源头活水|生命线|助推器|加速器|试金石|金钥匙)|"
    r"(?:像|如同|宛如|犹如|好比)一(?:盏|把|座|条|颗|面|棵|道|股)"
)
# A sentence that is a quotation from end to end, with no speaker.
_BARE_QUOTE = re.compile(r"^“[^“”]*”[。！？!?]?$")
# A scene described, not an event reported: 一台台新车正在接受测试; 机器轰鸣、焊花飞溅.
_SCENE_ANY = re.compile(
    r"一([台辆个排座列幅张片栋条艘架])\1|热火朝天|机器轰鸣|焊花飞溅|塔吊林立|车来车往|川流不息|人头攒动|"
    r"繁忙景象|忙碌的身影|高朋满座|座无虚席|济济一堂|映入眼帘|扑面而来|目之所及"
)
# An opening clause that points back: 为破解这一难题，… 在这一背景下，… 为做好这次调查，…
# (not a date: 在截至3月31日的这一财季，…)
_POINTS_BACK = r"[^，,。]{0,10}(?:这一(?!财?季|年|月|周|天|日)|这个|这些|这种|这样|这次|这项|这场|此类|上述|上面的|前面的|上文)[^，,。]{0,10}[，,]"
_POINTER_OPENER = re.compile(_POINTS_BACK)
# A clause that opens on when it happened: where a report's own sentence starts.
EVENT_START = re.compile(r"\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|近日|日前|昨天|今天|昨日|今日|当天")
# Sentences that lean on the one before: 他强调… 该项目… 此外… 这… 对此…
_DEPENDENT = re.compile(
    r"^(他|她|它|他们|她们|该|此外|这|这些|这是|对此|同时|其中|另外|另一方面|但|但是|而|因此|所以|此次|其|此|为此|与此同时|"
    r"借此|据此|由此|照此|按此|如此|对于此|然而|不过|可见|此举|上述|前述|正因|也正因|正是因为|"
    r"当天|当日|当时|那时|彼时|届时|自此|随后|此后|之后|——|"
    # A view that is like one given before: 国泰基金和博时基金也持类似的观点。
    r"[^，,。]{0,20}(?:也|亦|均|都)(?:持|有|表达了?|表示了?)(?:类似|相同|相似|同样|一致)的?(?:观点|看法|意见|判断)|"
    # The same pointers after an opener of time or source, which names no one they could point to:
    # 上半年，该行实现… 据介绍，这次克隆的… 当时… (not 三星电子表示，该公司…: the speaker is named).
    r"(?:上半年|下半年|今年|去年|目前|此前|近年来|当前|同期|近期|如今|[一二三四]季度|\d{4}年|"
    r"据(?:介绍|了解|悉|统计|报道))[，,](?:他|她|它|该|这|其(?!他|它|实|余)|此(?!外))|"
    # An event named only by where it happens (对接会上, 会上, 活动中): the sentence that names it comes first.
    r"(?:对接会|推进会|发布会|座谈会|签约会|动员会|推介会|调度会|见面会|洽谈会|恳谈会|大会|会议|会)[上中][，,]|"
    r"(?:活动|仪式)(?:上|中|现场)[，,]|现场[，,]|"
    + _POINTS_BACK + ")"
)
# An attribution with nothing to attribute: 业内分析师说。 该负责人如是说。 However long the speaker's
# name and occasion, a unit ending on the verb is the credit of a quotation split off before it
# (南京市教育局副局长、新闻发言人祁寿东表示。), unless the quotation is inside it (“…”冯宇辉说。).
_ATTRIBUTION = re.compile(r"^.{0,16}(说|表示|指出|认为|介绍|称|强调|如是说|告诉记者|发言|致辞)[。！]?$"
                          r"|^[^“”‘’\"'「」]{17,80}(?:(?<![一言小传学据听演解游再虽来细])说|表示|指出|强调|介绍|如是说|告诉记者)[。！]?$")
_ADDRESS = re.compile(r"^(地址|地点|电话|网址|邮编|邮箱|联系方式|时间|日期)\s*[:：]")
_CREDIT = re.compile(
    r"^[(（【\[][^)）】\]]{0,20}(供稿|供图|摄|发|提供|报道|整理)[)）】\]]$|(记者|通讯员)\s*\S{2,8}\s*摄|新华社发"
    r"|[(（][^)）]{1,12}摄[)）]$|^图为|^(上|下|左|右)图|截图。?$|^\[[^\]]{2,12}\]|^【[^】]{2,12}】"
)
# A fragment of a hard-wrapped line: it starts after a closing quote or inside a word (Duo”（酷睿2双核）…).
# Or after an opening 《 the page lost (法制日报》记者随后…).
_BROKEN_START = re.compile(r"^([”’」』)）】]|[A-Za-z0-9.]+[”’」』)）]|[^《]{1,20}》)")
# A label and a colon: interview prompts, notes, keys (划重点：, 事由：, 记者：, 问：).
# (Any editor's note: 编者注, 记者注, 小财注.)
_LABEL = re.compile(r"^(划重点|事由|记者|问|答|编者按|编者|提示|[\u4e00-\u9fff]{0,3}注|背景|链接|相关链接|小贴士|延伸|观点|快评|短评|点评|评论)"
                    r"\s*[:：]")
# The disclaimer a listed company's announcement opens with: 本公司及董事会全体成员保证公告内容的真实、准确和完整…
_DISCLAIMER = re.compile(r"^(本?公司|本行)[^，,。]{0,16}保证[^，,。]{0,12}(公告|信息披露)[^，,。]{0,6}内容")
# A line that sells: a hotline to call or a site to log in to (更多详情免费咨询021…或登录WWW…,
# 操作建议请拨打：021-…): the rubric's hotline and promo, however long the pitch around it.
_SOLICIT = re.compile(r"请拨打|欢迎(?:来电|致电|垂询)|免费咨询|咨询热线|登录\s*(?:www|http)"
                      # A notice's closing formula and its invitation: 欢迎广大投资者积极参与！特此通知。
                      r"|^欢迎[^，,。！!]{0,12}(?:参与|参加|光临|莅临|关注|报名)|敬请(?:关注|期待|垂询)"
                      r"|特此(?:通知|公告|说明|函告|告知|声明)[。！!]?$",
                      re.IGNORECASE)
# A form with blanks to fill, such as the proxy form an AGM notice ends with:
# 兹授权委托 先生/女士代表…出席…股东大会, 委托日期：2006年 月 日, 兹全权委托________先生(女士)…
_FORM_BLANK = re.compile(r"^兹(?:全权|授权)*委托|先生\s*/\s*女士|先生[(（]女士[)）]|年\s+月\s+日|_{3,}")
# A list item that needs its list: 二是适当集中…, 其次是并购…
# A numbered label opens one too: 争议三：…, 亮点一：…
_LIST_ITEM = re.compile(r"^([一二三四五六七八九十]是|其[一二三四五六]|首先|其次|再次|最后|还有就是|再者|第[一二三四五六七八九十]+[，,、是]"
                        r"|[\u4e00-\u9fff]{1,4}[一二三四五六七八九十]\s*[:：])")
# A sentence that only announces a list or a text to come: 主要是三个方面。 / 具体如下： / 有以下几点。
# (…降至3%以下。 is a figure, not a promise.)
# So does one that only counts what comes next: 凸显出四类问题。 / 呈现五大特点：(a count closing a list,
# …偏高三大问题。, follows its items, with 、 between them).
_PROMISE = re.compile(r"(?:[一二三四五六七八九十两几]个方面|以下几点)[。：:]?$|(?:如下|以下)[：:]$|如下。$"
                      r"|^[^、]{0,40}[二三四五六七八九十两几](?:个|类|大|项|点|条)"
                      r"(?:方面|问题|特征|特点|亮点|变化|趋势|原因|举措|措施|误区|难题|挑战|任务|目标)[。：:]$")
_CLAUSE_BREAK = re.compile(r"[，,；;、]")
_DIGIT = re.compile(r"\d")
# Someone's words or message reported: 发来贺信, 强调, 表示.
_REPORTED = re.compile(r"贺信|致信|致辞|贺电|强调|指出|表示|要求|认为")
# Prepositions that start each clause of a parallel run (为…，为…; 以…，以…).
_PARALLEL_OPENERS = "为以让把向用从在"
# A unit with fewer Chinese characters than this cannot stand alone in a summary.
MIN_STANDALONE_CJK = 12


@_PER_SENTENCE
def fact_score(sentence: str) -> float:
    """How much a sentence reports: quantities with units, dates, and news actions (0 to about 4)."""
    quantities = len(_QUANTITY.findall(sentence))
    dates = len(_DATE.findall(sentence))
    actions = len(_ACTION.findall(sentence))
    return min(quantities, 3) + min(dates, 1) * 0.5 + min(actions, 2) * 0.5


@_PER_SENTENCE
def fluff_score(sentence: str) -> float:
    """How much a sentence sets a mood instead of reporting: slogans, scenes, questions, exhortation."""
    score = 0.0
    core = sentence.rstrip("”’」』)）")
    if core.endswith(("？", "?")):
        score += 1.0
    if core.endswith(("！", "!")):
        score += 0.5
    if _SCENE.match(sentence):
        score += 1.0
    if _EXHORT.match(sentence):
        score += 0.5
    score += 0.5 * min(len(_SLOGAN.findall(sentence)), 2)
    if _MAXIM.search(sentence):
        score += 1.0
    if _BARE_QUOTE.match(sentence):
        # Someone's words with no one named and no figure: a hook (“以前总认为…,今天发现完全大变了样。”).
        score += 1.0 if fact_score(sentence) >= 1 else 1.5
    if _SCENE_ANY.search(sentence):
        score += 1.0
    clauses = [c for c in _CLAUSE_BREAK.split(sentence.rstrip("。！？!?")) if c]
    if len(clauses) >= 2 and not _DIGIT.search(sentence) and _parallel(clauses):
        score += 1.0
    return score


def _parallel(clauses: list[str]) -> bool:
    """Clauses built alike with no figure in them: 最美人间四月天,干事创业正当时 (equal lengths);
    组建创新平台,为科技创新提供基础支撑,自主研发,为关键技术注入核心竞争力 (an opener repeated)."""
    lengths = [len(c) for c in clauses]
    if max(lengths) <= 12 and max(lengths) - min(lengths) <= (1 if len(clauses) >= 3 else 0):
        return True
    if max(lengths) > 15 or _REPORTED.search("".join(clauses)):
        # Long clauses carry their own content; a reported message is news even when its wording
        # is ceremonial (习近平发来贺信,向大会的举办表示热烈的祝贺,向广大劳动群众致以节日的祝贺).
        return False
    openers = [c[0] for c in clauses if len(c) >= 4 and c[0] in _PARALLEL_OPENERS]
    return len(openers) > len(set(openers))


def is_dependent(sentence: str) -> bool:
    """A sentence that needs the one before it (他强调…, 该项目…, 此外…), or the rest of a
    quotation opened before it (…但5月份就上涨几乎不可能。”: the page broke the quote in two)."""
    return bool(_DEPENDENT.match(sentence)) or sentence.count("”") > sentence.count("“")


@_PER_SENTENCE
def stands_alone(sentence: str) -> bool:
    """Worth quoting on its own: long enough, not a caption, credit, address, bare attribution or slogan."""
    return has_cjk(sentence, MIN_STANDALONE_CJK) and _quotable(sentence)


# The fewest Chinese characters a short report can be whole in (重庆银行披露2026年半年报。 has 10).
MIN_SHORT_REPORT_CJK = 6


def is_short_report(sentence: str) -> bool:
    """Too short to stand alone, yet a whole report with a fact (重庆银行披露2026年半年报。, once a dateline
    is stripped): it may come along with the sentence that leans on it (上半年，该行…)."""
    return (not has_cjk(sentence, MIN_STANDALONE_CJK) and has_cjk(sentence, MIN_SHORT_REPORT_CJK)
            and sentence.endswith("。") and fact_score(sentence) >= 1 and _quotable(sentence))


def _quotable(sentence: str) -> bool:
    fluff = fluff_score(sentence)
    if fluff >= 1.5 or (fluff >= 1 and fact_score(sentence) == 0):
        return False
    if _ADDRESS.match(sentence) or _CREDIT.search(sentence) or _ATTRIBUTION.match(sentence):
        return False
    if _LABEL.match(sentence) or _LIST_ITEM.match(sentence) or _BROKEN_START.match(sentence):
        return False
    if _PROMISE.search(sentence) or _DISCLAIMER.match(sentence) or _SOLICIT.search(sentence):
        return False
    if _FORM_BLANK.search(sentence):
        return False
    # A short exclamation is a headline or a slogan (广州南沙邮轮母港即将开通！).
    if sentence.rstrip("”’」』)）").endswith(("！", "!")) and not has_cjk(sentence, 20):
        return False
    return bp.chrome_kind(sentence) is None


# A clause that opens a sentence with its time, however seasonal it sounds (春节前夕, 国庆期间):
# the time is part of the news, unlike 开局之年、暖春之际.
_TIME_ANCHOR = re.compile(r"春节|国庆|中秋|元旦|端午|清明|元宵|五一|节日|节前|节后|前夕|期间|春运|\d")
# The opener clauses tried: at most this many, each at most this long, ending at a comma.
_MAX_OPENERS = 2
_MAX_OPENER_LEN = 20
_OPENER_BREAK = re.compile(r"[，,]")


@_PER_SENTENCE
def without_fluff(sentence: str) -> str:
    """The sentence without the fluff wrapped around its report: the scene-setting or slogan
    clauses it opens with (开局之年、暖春之际,株洲高新区召开了…动员大会。→ 株洲高新区召开了…动员大会。)
    when what is left reports something and may be quoted on its own, a clause pointing back to
    the sentence before a dated report (为破解这一难题，11月1日，… → 11月1日，…), the official preamble
    of purpose clauses before who did what (为贯彻落实…决策部署，进一步提升…，中国人民银行新增… →
    中国人民银行新增…), a short rhetorical
    question or section label run onto its end (…对接会在这里举行。有多火爆? → …对接会在这里举行。;
    …注入新动能。客运方面。 → …注入新动能。), and the writer's own question closing a report with its
    figure (…反而大涨61%，该权证缘何如此疯狂？ → …反而大涨61%。).

    Regional reports often wrap their event in a mood-setting clause or a hook, and a sentence
    barred as fluff or as a question would take its fact with it; dropping an opening adverbial
    or a closing hook keeps the summary extractive.
    """
    if not has_cjk(sentence, MIN_STANDALONE_CJK):
        return sentence  # nothing left to quote once trimmed
    # Most sentences end on neither a question nor a label: one C-level test says so.
    hook = _TRAILING_HOOK.search(sentence) if sentence.endswith(_HOOK_ENDS) else None
    if hook and has_cjk(sentence[: hook.start()], MIN_STANDALONE_CJK):
        sentence = sentence[: hook.start()]
    asked = _ASKED_CLAUSE.search(sentence) if sentence.endswith(("？", "?")) else None
    if asked and not _ASKING.search(sentence, 0, asked.start()) and not _PUT_TO_SOMEONE.search(sentence) \
            and not _UNFINISHED.search(sentence, 0, asked.start()) \
            and fact_score(sentence[: asked.start()]) >= 1 and stands_alone(sentence[: asked.start()] + "。"):
        # …认沽权证万华HXP1反而大涨61%，该权证缘何如此疯狂？ A report with its figure that ends on
        # the writer's own question: the report is the sentence, the question its hook.
        sentence = sentence[: asked.start()] + "。"
    # A clause pointing back before the dated report (为破解这一难题，11月1日，市教育局…): the report
    # stands without it, and with it would be quoted only beside the sentence it points to.
    pointer = _POINTER_OPENER.match(sentence)
    if pointer and EVENT_START.match(sentence, pointer.end()) and stands_alone(sentence[pointer.end():]):
        sentence = sentence[pointer.end():]
    return _without_opener(_without_preamble(sentence))


# A run of purpose clauses before the one that says who did what, the officialese opening of a
# report (为贯彻落实…的决策部署，进一步提升…，持续响应…，中国人民银行新增…; 结合…，为保障…，本行决定…).
# (Not 根据/按照…: they name a source or a rule. `clauses._without_purpose`, which only cuts a sentence too
# long for its budget before a dated clause, takes those too.)
_PREAMBLE_OPEN = re.compile(r"^(?:为了?(?!期|首|主|止|准|例|由|此|何|什么|人|我|你|他|她|其)|结合)")
# The policy verbs of a mandate (进一步提升…, 切实加强…): they open the clauses of a preamble after its
# first one, and one of them (or 部署, 高质量) is what makes a purpose a mandate's.
_POLICY_VERBS = (r"进一步|切实|全面|加快|推动|促进|提升|提高|保障|维护|满足|响应|助力|强化|深化|落实|贯彻|加强|确保|推进|"
                 r"优化|营造|打造|构建|激发|增强|发挥")
# How a purpose clause after the first opens; the first clause that does not is the report's own.
_PREAMBLE_GOES_ON = re.compile(
    r"(?:为了?|持续|不断|更好|更加|有效|服务|支持|引导|着力|努力|积极|坚持|聚焦|围绕|以|让|使|实现|" + _POLICY_VERBS + ")"
)
# A purpose without a mandate's words names the report's own occasion (为了备战明晚与某队的比赛，…;
# 为迎接“五一”黄金周，…), which a reader needs.
_OFFICIALESE = re.compile(_POLICY_VERBS + r"|部署|高质量")
# Not a purpose: the passive 为…所 (为伊朗名导…所推崇).
_PREAMBLE_NOT = re.compile(r"^为[^，,]*所")
# A report that says it happened because of the purpose (…，补习班便应运而生了) needs it.
_TIED_TO_PURPOSE = re.compile(r"^[^，,]{0,12}?(?:便|就|才)")
# Shorter openers (为方便旅客出行，) are part of the sentence's sense and cost little room.
_MIN_PREAMBLE = 15


def _without_preamble(sentence: str) -> str:
    """The sentence from its report on, when an official preamble opens it: purpose clauses in the
    words of a mandate (贯彻落实, 进一步提升), with no figure, and a rest that stands alone without
    leaning on what was dropped."""
    if not _PREAMBLE_OPEN.match(sentence):
        return sentence
    for mark in _OPENER_BREAK.finditer(sentence):
        if _PREAMBLE_GOES_ON.match(sentence, mark.end()):
            continue
        preamble, rest = sentence[:mark.start()], sentence[mark.end():]
        if len(preamble) < _MIN_PREAMBLE or not _OFFICIALESE.search(preamble) or _DIGIT.search(preamble) \
                or _PREAMBLE_NOT.search(preamble) \
                or _TIED_TO_PURPOSE.match(rest) or is_dependent(rest) or not stands_alone(rest):
            return sentence
        return rest
    return sentence


_HOOK_ENDS = ("？", "?", "？”", "?”", "？’", "方面。", "方面：", "方面:")


# A question of a few characters after a full stop (the splitter runs such fragments onto the
# sentence before): 有多火爆? 为什么? 结果如何？ And a section label run on the same way: 客运方面。
_TRAILING_HOOK = re.compile(r"(?<=[。！!])(?:[^。！？!?，,]{1,8}[？?][”’」』]?|[^。！？!?，,]{1,6}方面[。：:])$")


# The last clause of a sentence, after a comma, asked as a question (…，该权证缘何如此疯狂？), and the
# question words that make the clauses before it part of the question too (为何…，…？).
_ASKING_WORDS = r"缘何|为何|何在|如何|何时|何故|怎么|怎样|为什么|什么|多少|几何|哪|谁|吗|呢|是否|能否|可否|难道|岂"
_ASKED_CLAUSE = re.compile(r"[，,](?=[^，,。！？!?；;]{2,16}[？?]$)(?=[^，,]*(?:" + _ASKING_WORDS + r"))")
_ASKING = re.compile(_ASKING_WORDS)
# An interviewer's question states its premise before asking (文汇报：你预测…占到世界1/3，你对此很有信心吗？;
# 新京报：早在2011年…，目前这一预言是否已经实现？):
# without the question, the premise would read as the paper's report. A clause ending in 时/后/下… is
# the question's own circumstance (…重新揭裱《清明上河图》时，删除的到底是不是…呢？), no report.
_PUT_TO_SOMEONE = re.compile(r"[你您：:]")
_UNFINISHED = re.compile(r"(?:时|之际|后|以后|前|以前|期间|中|下|里)$")


def _without_opener(sentence: str) -> str:
    whole = fluff_score(sentence)
    if whole < 1:
        return sentence
    start = 0
    for _ in range(_MAX_OPENERS):
        cut = _OPENER_BREAK.search(sentence, start)
        if cut is None or cut.start() - start > _MAX_OPENER_LEN:
            return sentence
        clause = sentence[start:cut.start()]
        if fact_score(clause) or _TIME_ANCHOR.search(clause) or not fluff_score(clause):
            return sentence
        rest = sentence[cut.end():]
        if fact_score(rest) and fluff_score(rest) < whole and stands_alone(rest):
            return rest
        start = cut.end()
    return sentence


# A subheading that reports (`俄罗斯宣布对22名英国公民实施制裁`), unlike a slogan or a section label
# (`推动产业项目建设取得更大成绩`, `背景：…`, `一、总体要求`).
_REPORTING = re.compile(
    r"宣布|称|表示|举行|发布|通过|批准|会见|出席|参加|召开|签署|签订|开幕|闭幕|启动|开通|开工|投产|获批|达成|"
    r"公布|实施|进入|遭|发生|抵达|访问|审议|当选|确诊|死亡|增长|下降|突破|落地|落户|揭牌"
)
_AGENDA = re.compile(
    r"^(推动|加快|打造|抢抓|聚焦|坚持|深化|持续|全力|奋力|着力|努力|扎实|深入|不断|全面|建设|推进|构建|培育|提升|"
    r"强化|优化|完善|做好|抓好|争创|坚定|勇当|当好|答好|跑出|按下|激活|厚植|筑牢|守牢|锚定|瞄准|围绕|实现|确保|"
    r"以|在|让|把|用|向|从|为)"
)
_NUMBERED = re.compile(r"^([(（]?[一二三四五六七八九十]+[)）、.]|\d+[、.．]|第[一二三四五六七八九十]+)")


def is_report_heading(unit: str) -> bool:
    """A subheading that states news of its own (a roundup's item headline), not a slogan or label."""
    if not is_heading_unit(unit) or fluff_score(unit) or _NUMBERED.match(unit) or _AGENDA.match(unit):
        return False
    label = re.match(r"^([^：:]{1,3})[：:]", unit)
    if label:
        return False
    return bool(_REPORTING.search(unit) or _QUANTITY.search(unit))

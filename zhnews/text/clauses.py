"""Cutting a sentence to a character budget so that what is left still says something.

A summary's best sentence is sometimes longer than its budget. Cut at a random
character it loses its verb; these rules shorten it the way an editor would: the
purpose clauses that open a regional report (为持续推动…, 引导…) go when a dated
clause follows, the organisers (由…主办，…承办的) go next, and only then is it cut,
at a clause break, after the last clause that reports rather than inside a list
of the officials who came along.
"""

from __future__ import annotations

import re

from .chars import has_cjk
from .lines import ACTION_WORDS, EVENT_START, MIN_STANDALONE_CJK, fact_score, stands_alone

_CLAUSE_MARKS = "，；、：,;:"
# A sentence longer than the budget is cut at its last clause break if that keeps at least this
# share of the budget: a whole clause reads better than one cut in the middle.
CLAUSE_CUT = 0.5


def truncate(sentence: str, budget: int) -> str:
    """Shorten a sentence to `budget` characters, at a clause break if one is near.

    "Near" is the last half of the budget (`CLAUSE_CUT`): blind readers fail a
    summary whose last clause is cut mid-way; ROUGE on cctv_briefs preferred
    the last fifth, which fills more of the budget.
    """
    if len(sentence) <= budget:
        return sentence
    if budget <= 1:
        return sentence[:budget]
    sentence = _without_purpose(sentence)
    if len(sentence) <= budget:
        return sentence
    shorter = _without_organisers(sentence)
    if len(shorter) <= budget:
        return shorter
    head = sentence[: budget - 1]
    breaks = [i for i, ch in enumerate(head) if ch in _CLAUSE_MARKS and i >= CLAUSE_CUT * budget]
    if breaks:
        # The last clause kept should say what happened: when the clauses after the last one with
        # a verb of news are a list of officials who came along (…进行实地考察调研, 市金融局副局长
        # 刘东升, 区党工委副书记…), cut after that one rather than inside the list.
        cut = breaks[-1]
        acting = [b for b in breaks if _PREDICATE.search(head, _clause_start(head, b), b)]
        if acting and acting[-1] < cut and _TITLE.search(head, acting[-1], cut):
            cut = acting[-1]
        # A clause of cause or condition whose main clause is cut off (…，同时，鉴于公司盈利前景不佳…)
        # says nothing by itself, nor does the number of a list item cut after it (…；4…):
        # cut before it, and before the connective that leads to it.
        i = breaks.index(cut)
        while i > 0 and _hangs(head[:breaks[i]]):
            i -= 1
        head = head[:breaks[i]]
    return head.rstrip(_CLAUSE_MARKS + " ") + "…"


# The opening of a clause that needs a main clause after it, or that only leads on to the next one.
# A clause that opens on 同时 or 此外 starts the next point, which the cut leaves out. One that opens
# on 但是, 而且 or 并且 is a main clause and may end a cut; bare, it may not (nor may 另外: 另外一类…).
_SUBORDINATE = re.compile(r"鉴于|由于|因为|虽然|尽管|如果|假如|若(?!干)|只要|即使|一旦|随着|除了|同时|此外")
_BARE_LINK = re.compile(r"另外|而且|并且|但是?|然而|不过")
_ITEM_NUMBER = re.compile(r"[\d一二三四五六七八九十]{1,3}")


def _hangs(cut: str) -> bool:
    """Whether the last clause of `cut` cannot end a summary: it opens a clause of cause or
    condition, is a bare connective, or is a list item's number."""
    start = _clause_start(cut, len(cut))
    return bool(_SUBORDINATE.match(cut, start) or _BARE_LINK.fullmatch(cut, start)
                or _ITEM_NUMBER.fullmatch(cut, start))


# Verbs that make a clause report something (the rest of a long sentence is often names and titles).
# The news actions of `lines.fact_score`, and what officials do on a visit or at a meeting.
_PREDICATE = re.compile(
    ACTION_WORDS + r"|调研|考察|视察|走访|出席|参加|邀请|主持|会见|宣布|表示|指出|强调|开幕|闭幕|举办|开展|部署|提出|决定"
)


# Officials' titles: what the clauses after a sentence's news are made of when it lists who came along.
_TITLE = re.compile(r"书记|局长|主任|市长|区长|县长|镇长|主席|委员|经理|董事长|总裁|会长|秘书长|行长|厅长|处长|部长|院长|校长")


def _clause_start(text: str, end: int) -> int:
    """Where the clause that ends at `end` starts (after the break before it)."""
    return max(text.rfind(mark, 0, end) for mark in _CLAUSE_MARKS) + 1


# A long sentence of a regional report often opens with its purpose or its mandate (为持续推动…,
# 引导…, 提高…意识, | 9月20日, 由…主办的…活动启动): cut to the budget, it would keep only that.
_PURPOSE = re.compile(r"^(为了?|按照|根据|依据|围绕|遵照)")


def _without_purpose(sentence: str) -> str:
    """The sentence from the clause that opens with its date, when purpose clauses come before it."""
    if not _PURPOSE.match(sentence):
        return sentence
    for mark in re.finditer("[，,]", sentence):
        rest = sentence[mark.end():]
        if EVENT_START.match(rest) and has_cjk(rest, MIN_STANDALONE_CJK):
            return rest
    return sentence


# Who organised an event, in the middle of the sentence that says it happened: 由A、B主办，C承办的…活动在…启动.
_ORGANISED_BY = re.compile(r"由[^。！？；“”]{2,90}?(?:联合|共同)?主办[，,]")
_HOSTED_BY = re.compile(r"[^。！？；，,“”]{2,40}?(?:承办|协办)的")


def _without_organisers(sentence: str) -> str:
    """The sentence without its list of organisers, which a long report names before its event."""
    return _HOSTED_BY.sub("", _ORGANISED_BY.sub("", sentence, count=1), count=1)


def still_reports(cut: str, sentence: str) -> bool:
    """Whether `cut` (a `truncate` of `sentence`) still reports: it ends at a clause break of the
    sentence (not inside a name or a title), keeps a verb of news and a fact, does not end on
    what it announces (…检测结果显示…, …存在以下违规行为…), and stands alone."""
    core = cut.removesuffix("…")
    if _hangs(core):
        return False
    return (sentence[len(core):len(core) + 1] in _CLAUSE_MARKS and fact_score(core) >= 1
            and bool(_PREDICATE.search(core)) and not _LEADS_ON.search(core) and stands_alone(core))


# A clause that announces what follows: cut after it, the summary ends on a promise.
# So does a last clause that only opens it: …发布会上说，初步核算… / …，据了解…
_LEADS_ON = re.compile(r"(显示|表示|指出|称|介绍|说|认为|获悉|强调|透露|了解到|发现|宣布|提出|要求|明确)$|"
                       r"(以下|如下|下列)[^，,；;]{0,8}$|"
                       r"[，,；;](初步核算|初步统计|据统计|据测算|经测算|据了解|据悉|据介绍|目前|其中|同时|此外|另外)$")

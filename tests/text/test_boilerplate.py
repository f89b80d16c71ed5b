"""Each chrome rule on real lines from the seeds, and real body lines that must survive."""

import pytest

from tests.helpers import seed_path
from zhnews.text import boilerplate as bp
from zhnews.text.normalize import normalize

CHROME = [
    ("breadcrumb", "当前位置:首页 > 株洲产业信息 > 正文内容"),
    ("breadcrumb", "您现在的位置:首页 > 新闻 > 为率先打造国家智能制造中心贡献麓谷担当高新力量"),
    ("meta", "admin9个月前 (09-28)株洲产业信息24"),
    ("meta", "发布时间:2019/11/16 新闻 浏览:507"),
    ("meta", "中共株洲市委主管、主办 国内统一连续出版物号CN 43-0005 城区天气:大雨转小雨/12℃-29℃"),
    ("contact", "葛毅明微信号"),
    ("contact", "产业招商/厂房土地租售:400 0123 021"),
    ("contact", "或微信/手机:13391219793"),
    ("contact", "请说明您的需求、用途、税收、公司、联系人、手机号,以便快速帮您对接资源。"),
    ("contact", "长按/扫一扫加葛毅明的微信号"),
    ("contact", "新化月報網報料熱線:886 2395@qq.com"),
    ("copyright", "版权声明:本文由网络蜘蛛自动收集于网络,如需转载请查明并注明出处,如有不妥之处请联系我们删除"),
    ("share", "分享给朋友:"),
    ("share", "扫描二维码推送至手机访问。"),
    ("form", "姓 名:"),
    ("form", "留 言:"),
    ("markup", "divdata=datasource:20230825106dcf2dafd347928d45b732b4c00f33datatype=content"),
    ("caption", "(相關資料圖)"),
    ("caption", "株洲日报·掌上株洲记者/廖明 通讯员/夏四亮 摄"),
    ("foreign", "Table with 4 columns: 序号, 地区, 单位名称, 行业. Lists top 10 R&D spending companies in Zhuzhou for 2021."),
    ("teaser", "金融支持文化产业复苏主攻六方面 金融支持文化产业复苏主攻六方面"),
    ("teaser", "央视网《超级工厂》解析皇派门窗:高端隔音门窗助力消费者美好人居 央视网《超级工厂》解析皇派门窗:高端隔音门窗助..."),
    # The notices a securities adviser's column carries at its foot.
    ("plug", "深圳某某投资顾问有限公司（证券投资咨询业务资格证书编号：0731）承诺提供专业服务，不承诺投资者获取收益，"
             "也不与投资者约定分享投资收益或分担投资损失，市场有风险，投资需谨慎。"),
    ("plug", "作者声明：在本机构、本人所知情的范围内，本机构、本人以及财产上的利害关系人与所述文章内容没有利害关系。"),
    ("plug", "本版文章纯属个人观点，仅供参考，文责自负。读者据此入市，风险自担。"),
    ("plug", "股市有风险，入市需谨慎。"),
    # A line that sends the reader to a site (a securities column's head, a sports page's foot).
    ("plug", "深度报告 权威内参 来自“证券通”www.KL178.com"),
    ("plug", "更多资料:www.mypin.com.cn/nba"),
]


@pytest.mark.parametrize("kind,line", CHROME)
def test_chrome_lines_are_recognised(kind, line):
    assert bp.chrome_kind(normalize(line)) is not None
    predicate = {
        "breadcrumb": bp.is_breadcrumb,
        "meta": bp.is_meta_line,
        "contact": bp.is_contact_line,
        "copyright": bp.is_copyright_line,
        "share": bp.is_share_line,
        "form": bp.is_form_line,
        "markup": bp.is_markup_line,
        "caption": bp.is_caption_line,
        "foreign": bp.is_foreign_line,
        "teaser": bp.is_doubled_teaser,
        "plug": bp.is_plug_line,
    }[kind]
    assert predicate(normalize(line))


@pytest.mark.parametrize("line", ["相关文章", "相關文章", "你可能會喜歡", "最近更新", "推荐阅读:"])
def test_related_markers(line):
    assert bp.is_related_marker(normalize(line))


def _body_lines(prefix: str, start: str, end: str) -> list[str]:
    text = normalize(seed_path(prefix).read_text(encoding="utf-8"))
    lines = [line for line in text.split("\n") if line.strip()]
    i = next(k for k, line in enumerate(lines) if line.startswith(start))
    j = next(k for k, line in enumerate(lines) if line.startswith(end))
    return lines[i : j + 1]


@pytest.mark.parametrize(
    "prefix,start,end",
    [
        ("000", "曹慧泉在株洲市", "曹慧泉强调,要完善一个工作机制"),
        ("002", "红网时刻3月25日讯", "“五大保障机制”主要包括"),
        ("003", "日前召开的市委十三届八次全会", "此外,面向未来"),
        ("004", "一篇题为", "到去年底,株洲市有各类经营主体"),
    ],
)
def test_body_lines_of_the_seeds_are_not_chrome(prefix, start, end):
    lines = _body_lines(prefix, start, end)
    assert len(lines) >= 6
    flagged = [(line, bp.chrome_kind(line)) for line in lines if bp.chrome_kind(line)]
    assert flagged == [] or all(kind == "caption" for _, kind in flagged), flagged


@pytest.mark.parametrize("line", [
    # Reports about risk and advisers stay: only the notices themselves are chrome.
    "分析人士提醒，市场有风险，投资需谨慎，近期题材股波动明显加大，投资者应控制仓位。",
    "证监会今年已注销3家机构的证券投资咨询业务许可，并对5家机构采取责令改正措施。",
    "该公司表示，将对此前的声明作出补充说明。",
    # A site named in a sentence is news, not a plug.
    "市民可登录www.zhuzhou.gov.cn查询全部12项惠企政策。",
    "更多企业将于下月入驻园区，名单将在www.example.gov.cn公布。",
    "株洲市政府门户网站www.zhuzhou.gov.cn改版上线",  # a headline that names a site
])
def test_body_lines_about_risk_and_advisers_are_not_chrome(line):
    assert bp.chrome_kind(normalize(line)) is None

import pytest

from zhnews.text.normalize import (
    fold_width,
    normalize,
    normalize_whitespace,
    strip_pinyin,
    to_simplified,
    unescape_entities,
)


def test_strip_pinyin_removes_toned_annotations_only():
    assert strip_pinyin("加速經(jīng)濟(jì)復(fù)蘇") == "加速經濟復蘇"
    # A Chinese word in brackets is content, not an annotation.
    assert strip_pinyin("9270臺(tái)(套)電驅系統") == "9270臺(套)電驅系統"
    assert strip_pinyin("產業(yè)鏈（liàn）") == "產業鏈"
    assert strip_pinyin("采用(AI)技术") == "采用(AI)技术"


def test_to_simplified_converts_traditional_and_keeps_simplified():
    assert to_simplified("制造名城按下發展“快進鍵”") == "制造名城按下发展“快进键”"
    assert to_simplified("株洲市先进轨道交通") == "株洲市先进轨道交通"


def test_fold_width_keeps_chinese_punctuation():
    assert fold_width("２０２２年ＡＩ产业，增长５％。") == "2022年AI产业，增长5%。"
    assert fold_width("（一）“快进键”！") == "（一）“快进键”！"


def test_unescape_entities():
    assert unescape_entities("北京&nbsp;上海&amp;广州") == "北京\xa0上海&广州"
    assert unescape_entities("R&D投入") == "R&D投入"
    # Scraped text drops the semicolon, before Chinese and before a date alike.
    assert unescape_entities("&nbsp&nbsp本公司&nbsp2005年4月21日") == "\xa0\xa0本公司\xa02005年4月21日"
    assert unescape_entities("&nbspG龙元(600491)日前披露") == "\xa0G龙元(600491)日前披露"
    assert unescape_entities("&nbspx") == "&nbspx"


def test_normalize_whitespace():
    assert normalize_whitespace("  产业链建设及 2022 年工作\u3000重点  \r\n第二行 ") == "产业链建设及2022年工作 重点\n第二行"


def test_normalize_real_line_from_seed_004():
    line = "株洲搶抓“窗口期”,加速經(jīng)濟(jì)復(fù)蘇——"
    assert normalize(line) == "株洲抢抓“窗口期”,加速经济复苏——"


def test_no_simplified_line_of_real_articles_is_rewritten(shared_dir):
    """cctv_briefs and SogouC: a line without a traditional character comes out byte for byte,
    and a line that changes does hold one (a `·` or a rare name character is not one)."""
    import json

    from zhnews.text.normalize import _t2s, to_simplified

    data = shared_dir / "data"
    texts = [json.loads(line)["article"] for line in (data / "cctv_briefs" / "pairs.jsonl").open(encoding="utf-8")]
    texts += [json.loads(line)["text"] for line in (data / "sogouc_subset" / "test.jsonl").open(encoding="utf-8")]
    changed = 0
    for text in texts:
        for line, out in zip(text.split("\n"), to_simplified(text).split("\n")):
            traditional = any(_t2s().convert(c) != c for c in line)
            assert out == line or traditional, line
            changed += out != line
    assert changed < 100  # a handful of traditional lines in these simplified corpora


# Plain-text exports (SogouC, old portals' .txt) wrap long lines at a space and mark paragraphs by
# indenting them; an unindented line after a line ending in a space is the same sentence.
@pytest.mark.parametrize("text, expected", [
    ("本报讯\u3000（记者王京）英特尔将统一CPU品牌，现有的Pentium \n4（奔腾4）将被“Core 2 \nDuo”取代。\n"
     "\u3000\u3000英特尔相关人士告诉记者。",
     "本报讯 （记者王京）英特尔将统一CPU品牌，现有的Pentium 4（奔腾4）将被“Core 2 Duo”取代。\n英特尔相关人士告诉记者。"),
    ("\u3000\u3000时报讯 (记者田桂丹) \n记者昨日从广州国土房管局获悉，广州将加快推进城市更新。",
     "时报讯 (记者田桂丹) 记者昨日从广州国土房管局获悉，广州将加快推进城市更新。"),
    # A Windows export ends its lines with \r\n.
    ("\u3000\u3000现有的Pentium \r\n4（奔腾4）将被“Core 2 Duo”取代。\r\n\u3000\u3000英特尔相关人士告诉记者。",
     "现有的Pentium 4（奔腾4）将被“Core 2 Duo”取代。\n英特尔相关人士告诉记者。"),
    # A line that ends its sentence ends its paragraph, whatever follows.
    ("\u3000\u3000他说：“项目年内开工。” \n下一段从这里开始。", "他说：“项目年内开工。”\n下一段从这里开始。"),
    ("\u3000\u3000名单如下： \n一、株洲高新区", "名单如下：\n一、株洲高新区"),
    # The next paragraph is indented: a break, not a wrap.
    ("\u3000\u3000株洲市召开大会 \n\u3000\u3000会议强调，要加快建设。", "株洲市召开大会\n会议强调，要加快建设。"),
    # No paragraph is indented: a line break may be a paragraph break, so nothing is joined.
    ("株洲高新区产业项目春潮涌 \n今年全区103个项目集中开工。", "株洲高新区产业项目春潮涌\n今年全区103个项目集中开工。"),
], ids=["wrapped-inside-a-sentence", "dateline-on-its-own-line", "crlf", "sentence-end", "colon", "indented-next",
        "no-indents"])
def test_unwrap_joins_lines_an_export_wrapped(text, expected):
    assert normalize(text, unwrap=True) == expected


def test_unwrap_is_off_unless_asked():
    text = "\u3000\u3000现有的Pentium \n4（奔腾4）将被取代。"
    assert normalize(text) == "现有的Pentium\n4（奔腾4）将被取代。"

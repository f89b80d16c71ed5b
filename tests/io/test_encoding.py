import pytest

from zhnews.io.encoding import DecodeError, decode

SIMPLIFIED = "株洲市先进轨道交通装备产业链建设推进大会召开。中车株机、中车株洲所等8家企业负责人参加。"
TRADITIONAL = "株洲搶抓窗口期,加速經濟復蘇。中車株洲所日前與株洲市政府簽約,布局新能源汽車電驅等產業。"


def test_utf8_and_bom():
    assert decode(SIMPLIFIED.encode("utf-8")) == (SIMPLIFIED, "utf-8")
    text, used = decode(b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"))
    assert text == SIMPLIFIED and "BOM" in used


def test_utf16_with_bom():
    assert decode(SIMPLIFIED.encode("utf-16"))[0] == SIMPLIFIED


def test_gbk_is_read_as_chinese():
    text, used = decode(SIMPLIFIED.encode("gbk"))
    assert text == SIMPLIFIED
    assert used == "gb18030"


def test_big5_is_not_mistaken_for_gbk():
    # Big5 bytes decode as GB18030 without error, but as nonsense.
    text, used = decode(TRADITIONAL.encode("big5"))
    assert text == TRADITIONAL
    assert used == "big5"


def test_forced_encoding_and_its_errors():
    assert decode(SIMPLIFIED.encode("gbk"), "gbk")[0] == SIMPLIFIED
    with pytest.raises(DecodeError, match="not valid utf-8"):
        decode(SIMPLIFIED.encode("gbk"), "utf-8")
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode(b"abc", "no-such-codec")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%\xe2\xe3", b"\x89PNG\r\n\x1a\n\x00\x00", b"PK\x03\x04\x14\x00", b"ab\x00cd"])
def test_binary_is_refused(data):
    with pytest.raises(DecodeError, match="binary"):
        decode(data)


def test_file_glued_from_utf8_and_gbk_parts_is_read_line_by_line():
    data = "长沙地铁6号线开通运营。\n".encode("utf-8") + "无锡银行发放信用贷款。\n".encode("gbk")
    text, used = decode(data)
    assert text == "长沙地铁6号线开通运营。\n无锡银行发放信用贷款。\n"
    assert used == "mixed utf-8/gb18030"

"""Turn bytes into text without silently losing Chinese.

Order: a byte-order mark; strict UTF-8; strict GB18030 (a superset of GBK and
GB2312) when the result reads as Chinese; Big5; then charset-normalizer's
detection. Big5 bytes usually decode as GB18030 without an error, but as
nonsense, so every candidate is scored by how much of it is common Chinese.
"""

from __future__ import annotations

import codecs

from ..errors import ZhnewsError
from ..text.chars import count_cjk, count_rare_cjk

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of CJK characters (after conversion to simplified) that must be in
# GB2312, the 6,763 common characters, for a decoding to count as Chinese.
_PLAUSIBLE = 0.9


class DecodeError(ZhnewsError):
    pass


def check_encoding(encoding: str | None) -> str | None:
    """`encoding` if Python knows it; an unknown name is the user's usage error, said once."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            from ..errors import UsageError

            raise UsageError(f"--encoding {encoding!r} is not an encoding Python knows (try gbk, gb18030, big5)") from None
    return encoding


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raises DecodeError for binary or undecodable data."""
    if encoding:
        try:
            return data.decode(encoding), encoding.lower()
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {encoding} (byte {exc.start})") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError:
                break
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if looks_binary(data):
        raise DecodeError("binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = chinese_plausibility(text)
        if name == "gb18030" and score >= _PLAUSIBLE:
            return text, name
        candidates.append((score, name, text))
    mixed = _decode_mixed(data)
    if mixed is not None:
        candidates.append((chinese_plausibility(mixed), "mixed utf-8/gb18030", mixed))
    detected = _detect(data)
    if detected is not None:
        candidates.append((chinese_plausibility(detected[0]), detected[1], detected[0]))
    if not candidates:
        raise DecodeError("cannot decode: not UTF-8, GB18030 or Big5, and detection failed")
    candidates.sort(key=lambda c: -c[0])
    return candidates[0][2], candidates[0][1]


def _decode_mixed(data: bytes) -> str | None:
    """Line by line, UTF-8 or else GB18030: files glued together from two sources."""
    lines = []
    for raw in data.split(b"\n"):
        for name in ("utf-8", "gb18030"):
            try:
                lines.append(raw.decode(name))
                break
            except UnicodeDecodeError:
                continue
        else:
            return None
    return "\n".join(lines)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 with no BOM (every other byte zero in mostly-ASCII text), if it decodes cleanly."""
    sample = data[:2000]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    for name, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) > 0.3 * len(zeros):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                return None
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or well-known file signatures: PDF, PNG, ZIP, GZIP, JPEG, GIF."""
    head = data[:8]
    signatures = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"\xff\xd8\xff", b"GIF8")
    if any(head.startswith(s) for s in signatures):
        return True
    return b"\x00" in data[:4096]


def chinese_plausibility(text: str) -> float:
    """Share of CJK characters that are common simplified characters (1.0 if none)."""
    from ..text.normalize import to_simplified

    simplified = to_simplified(text[:4000])
    total = count_cjk(simplified)
    if not total:
        return 1.0
    return (total - count_rare_cjk(simplified)) / total


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    return str(best), best.encoding

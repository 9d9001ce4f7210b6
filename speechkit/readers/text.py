"""Plain text: the encoding found by its byte-order mark, UTF-8, or charset-normalizer.

A text is decoded or refused: never passed on as mojibake. UTF-8 is tried first (a file cut
in the middle of a character keeps its text, with the damaged bytes replaced and a warning),
then a maintained detector picks among the legacy encodings (GB18030/GBK, Big5, Shift-JIS,
BOM-less UTF-16/32); a text no encoding reads cleanly is refused.
"""
from __future__ import annotations

import codecs
import re
from typing import Any

from ..errors import InputError
from .document import Document

#: Byte-order marks, longest first (UTF-32-LE starts with the UTF-16-LE mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Above this share of detector "chaos" a decoding is taken for mojibake and refused.
MAX_CHAOS = 0.2

#: Share of replaced sequences (against the non-ASCII characters read) a damaged file may have.
MAX_DAMAGE = 0.01


def decode(data: bytes, source: str = "<text>") -> Document:
    """Decode the bytes of a text file, or raise :class:`InputError` saying why not.

    >>> decode("要加强。".encode("gb18030")).encoding
    'gb18030'
    """
    if not data.strip(b" \t\r\n\x0b\x0c"):
        raise InputError(source, "empty input")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc), source, enc.removesuffix("-sig"))
            except UnicodeDecodeError:
                break
    try:
        return _checked(data.decode("utf-8"), source, "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged(data, "utf-8", source)
    if damaged is not None:
        return damaged
    return _detected(data, source)


def _checked(text: str, source: str, encoding: str, warnings: tuple[str, ...] = ()) -> Document:
    """Refuse text that is mostly control characters: a binary file that happened to decode."""
    if not text.strip():
        raise InputError(source, "empty input")
    head = text[:8192]
    control = sum(1 for ch in head if ch < " " and ch not in "\t\n\r\x0b\x0c")
    if "\x00" in head or control > max(8, len(head) // 100):
        raise InputError(source, "binary data, not a text file")
    return Document(source, text.removeprefix("\ufeff"), encoding, "text", warnings)


def _damaged(data: bytes, encoding: str, source: str) -> Document | None:
    """Mostly good text with a few broken bytes (a cut download): keep it, with a warning."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    wide = sum(1 for ch in text if ord(ch) > 127) - bad
    if wide <= 0 or bad > max(1, int(wide * MAX_DAMAGE)):
        return None
    warning = f"{bad} undecodable byte sequence(s) replaced with U+FFFD (read as {encoding})"
    return _checked(text, source, encoding, (warning,))


def _detected(data: bytes, source: str) -> Document:
    from charset_normalizer import from_bytes

    best = _likeliest(data, from_bytes(data))
    if best is None or best.chaos > MAX_CHAOS:
        for enc in ("gb18030", "big5"):  # a legacy file cut mid-character
            damaged = _damaged(data, enc, source)
            if damaged is not None:
                return damaged
        if b"\x00" in data[:8192]:
            raise InputError(source, "binary data, not a text file")
        raise InputError(source, "cannot decode: no encoding (UTF-8, GB18030/GBK, Big5, "
                                 "Shift-JIS, UTF-16/32) reads it cleanly")
    encoding = codecs.lookup(best.encoding).name
    return _checked(str(best), source, _NAMES.get(encoding, encoding))


def _likeliest(data: bytes, matches: Any) -> Any:
    """Of the decodings the detector finds about as clean as its best, the one whose text is
    most plausibly written in one script, then the likelier encoding for a Chinese archive:
    a short GBK text also decodes "cleanly" as Big5 or EUC-JP, into rare characters."""
    best = matches.best()
    if best is None:
        return None
    close = [m for m in matches if m.chaos <= best.chaos + 0.1]
    if len(close) < 2:
        return best

    def rank(m: Any) -> tuple[float, int]:
        name = codecs.lookup(m.encoding).name
        prior = _PRIOR.index(name) if name in _PRIOR else len(_PRIOR)
        return (round(_plausible(str(m)), 2), -prior)

    return max(close, key=rank)


#: Encodings in the order a Chinese archive holds them, for decodings equally plausible.
_PRIOR = ("gb18030", "big5", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp932",
          "shift_jis", "big5hkscs", "cp950")
_PUNCT = re.compile(r"[\u2010-\u206f\u3000-\u303f\uff01-\uff60]")
_KANA = re.compile(r"[\u3040-\u30ff]")
#: The everyday characters of each script: GB2312 level 1 (3,755 simplified), Big5 level 1
#: (5,401 traditional), JIS level 1 (2,965 kanji), by the lead bytes of those encodings.
_LEVEL_1 = (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6), ("cp932", 0x88, 0x9F))


def _plausible(text: str, sample: int = 2000) -> float:
    """The largest share of the non-ASCII characters that one script uses every day."""
    chars = [ch for ch in text[:sample * 4] if ord(ch) > 127][:sample]
    if not chars:
        return 0.0
    punct = sum(1 for ch in chars if _PUNCT.match(ch))
    kana = sum(1 for ch in chars if _KANA.match(ch))
    shares = []
    for enc, low, high in _LEVEL_1:
        common = punct + (kana if enc == "cp932" else 0)
        for ch in chars:
            try:
                lead = ch.encode(enc)[0]
            except UnicodeEncodeError:
                continue
            common += low <= lead <= high
        shares.append(common / len(chars))
    return max(shares)


#: Python's codec names, as people write them.
_NAMES = {"utf-16-le": "utf-16-le", "cp932": "shift_jis", "big5hkscs": "big5", "cp950": "big5"}

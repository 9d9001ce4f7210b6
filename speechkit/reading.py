"""Reading: bytes from a path or stdin, decoded as UTF-8 (with or without BOM) or GB18030."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

#: Inputs above this size are refused: no speech is this long, a dump of a database is.
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    source: str
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def read_path(path: str | Path) -> Document:
    """Read one speech; ``-`` is standard input."""
    source = str(path)
    if source == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    p = Path(path)
    if not p.exists():
        raise InputError(source, "no such file")
    if p.is_dir():
        raise InputError(source, "is a directory, not a text file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(source, f"file is {size} bytes, over the {MAX_BYTES} limit")
        data = p.read_bytes()
    except OSError as e:
        raise InputError(source, f"cannot read ({e.strerror or e})") from None
    return decode(data, source)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > max(8, len(head) // 100)


def decode(data: bytes, source: str = "<text>") -> Document:
    """Decode bytes: UTF-8 (BOM dropped) first, then GB18030 (a superset of GBK and GB2312).

    A file that decodes only with a few bad bytes is kept, with the bad bytes replaced and a
    warning recorded; a file that is mostly undecodable is refused.
    """
    if not data.strip():
        raise InputError(source, "empty input")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Document(source, data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError(source, "binary data, not a text file")
    try:
        return Document(source, data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Document(source, data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        pass
    # Mostly good text with a few broken bytes (a truncated download): keep what is good.
    for enc in ("utf-8", "gb18030"):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(3, len(text) // 200):
            text = text.removeprefix("\ufeff")
            warning = f"{bad} undecodable byte sequence(s) replaced with U+FFFD (read as {enc})"
            return Document(source, text, enc, (warning,))
    raise InputError(source, "cannot decode as UTF-8 or GB18030/GBK")

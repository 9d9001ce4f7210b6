"""Files that hold many speeches: a ``.zip`` (each member read by its own reader) and JSON Lines
of ``{"id", "text", "date"?, "title"?}``. A member that cannot be read is an error of its own;
the others are still read.
"""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import InputError
from .document import Document

#: At most this many members of one zip are read; a zip of more is refused.
MAX_MEMBERS = 10_000


@dataclass
class Contents:
    """What a file holds: its speeches and, for containers, the members that failed."""

    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def _member_name(info: zipfile.ZipInfo) -> str:
    """Zip names without the UTF-8 flag were written by Windows tools in the local code page."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def read_zip(data: bytes, source: str, read_member: Callable[[bytes, str, str], Document],
             wanted: Callable[[str], bool], max_bytes: int) -> Contents:
    """Every member whose name ``wanted`` accepts, read by ``read_member(data, source, suffix)``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise InputError(source, f"not a readable zip file ({e})") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(source, f"the zip holds {len(infos)} files, over the {MAX_MEMBERS} limit")
    out = Contents()
    for info in infos:
        name = _member_name(info)
        base = name.rsplit("/", 1)[-1]
        if name.startswith("__MACOSX/") or base.startswith(".") or not wanted(name):
            continue
        member = f"{source}!{name}"
        try:
            if info.file_size > max_bytes:
                raise InputError(member, f"{info.file_size} bytes, over the {max_bytes} limit")
            with archive.open(info) as f:
                body = f.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise InputError(member, f"over the {max_bytes} byte limit when unpacked")
            suffix = "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""
            if suffix == ".zip":
                raise InputError(member, "a zip inside a zip: unpack the outer one first")
            out.documents.append(read_member(body, member, suffix))
        except InputError as e:
            out.errors.append(e)
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as e:
            out.errors.append(InputError(member, f"cannot unpack ({e})"))
    if not out.documents and not out.errors:
        raise InputError(source, "the zip holds no speech files")
    return out


def read_jsonl(text: str, source: str) -> Contents:
    """One speech a line: ``{"id": …, "text": …, "date"?: "YYYY-MM-DD", "title"?: …}``."""
    out = Contents()
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            rec = json.loads(line)
        except ValueError as e:
            out.errors.append(InputError(where, f"not a JSON line ({e.args[0]})"))
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            out.errors.append(InputError(where, 'a line must be an object with a "text" string'))
            continue
        ident = rec.get("id", lineno)
        date, title = rec.get("date"), rec.get("title")
        if not rec["text"].strip():
            out.errors.append(InputError(f"{source}#{ident}", "empty text"))
            continue
        out.documents.append(Document(
            f"{source}#{ident}", rec["text"], "utf-8", "jsonl",
            date=date if isinstance(date, str) and date else None,
            title=title if isinstance(title, str) and title else None))
    if not out.documents and not out.errors:
        raise InputError(source, "empty input")
    return out

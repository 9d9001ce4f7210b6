"""Readers: a file's bytes in, the speech's text out, with the name of the reader that made it.

One registry, shared by ``speechkit extract``, ``speechkit batch`` and the library. The reader
is chosen by content first (a PDF, a Word file or a zip says so in its first bytes, whatever
its name) and by suffix after (``.html``, ``.jsonl``); everything else is text.

==========  =====================================  ===========================================
format      files                                  how
==========  =====================================  ===========================================
``text``    ``.txt`` and anything else              encoding by BOM, UTF-8 or charset-normalizer
``docx``    ``.docx``                               python-docx: paragraphs, tables as rows
``html``    ``.html`` ``.htm`` ``.shtml``           selectolax: the article, ``<title>``
``pdf``     ``.pdf``                                pypdf's text layer
``zip``     ``.zip``                                each member by its own reader
``jsonl``   ``.jsonl`` ``.ndjson``                  ``{"id", "text", "date"?, "title"?}``
==========  =====================================  ===========================================

Legacy Word and WPS files (``.doc``, ``.wps``, ``.rtf``) and special files (FIFOs, devices,
sockets) are refused with an error that says what to do.
"""
from __future__ import annotations

import io
import os
import stat
import sys
import zipfile
from pathlib import Path

from ..errors import InputError
from .containers import Contents
from .document import Document, Heading
from .text import decode

__all__ = ["MAX_BYTES", "SUFFIXES", "Contents", "Document", "Heading", "decode", "read_all",
           "read_all_bytes", "read_bytes", "read_path", "regular_file", "sniff"]

#: Inputs above this size are refused: no speech is this long, a dump of a database is.
MAX_BYTES = 64 * 1024 * 1024

#: The suffixes a folder is searched for, and the reader each names.
SUFFIXES = {".txt": "text", ".text": "text", ".docx": "docx", ".html": "html", ".htm": "html",
            ".shtml": "html", ".xhtml": "html", ".pdf": "pdf", ".zip": "zip", ".jsonl": "jsonl",
            ".ndjson": "jsonl", ".doc": "legacy", ".wps": "legacy", ".rtf": "legacy"}

_CONVERT = ("a legacy {what} file: convert it to .docx first "
            "(e.g. soffice --headless --convert-to docx FILE)")


def sniff(data: bytes, suffix: str = "") -> str:
    """The reader for these bytes: by content first, then by suffix."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf")):
        return "legacy"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    kind = SUFFIXES.get(suffix.lower(), "text")
    if kind == "text" and head[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return kind if kind in ("html", "jsonl") else "text"


def read_all_bytes(data: bytes, source: str, suffix: str = "") -> Contents:
    """Every speech in a file's bytes (a zip or JSON Lines file holds many)."""
    kind = sniff(data, suffix)
    if kind == "zip":
        from .containers import read_zip

        return read_zip(data, source, read_bytes, _wanted, MAX_BYTES)
    if kind == "jsonl":
        from .containers import read_jsonl

        return read_jsonl(decode(data, source).text, source)
    return Contents([_read_one(kind, data, source, suffix)])


def read_bytes(data: bytes, source: str = "<bytes>", suffix: str = "") -> Document:
    """The one speech in a file's bytes; a container of several is an error that says so."""
    contents = read_all_bytes(data, source, suffix)
    if len(contents.documents) == 1 and not contents.errors:
        return contents.documents[0]
    if contents.errors and not contents.documents:
        raise contents.errors[0]
    raise InputError(source, f"holds {len(contents.documents) + len(contents.errors)} speeches: "
                             "read it with speechkit batch (or readers.read_all)")


def _read_one(kind: str, data: bytes, source: str, suffix: str) -> Document:
    if kind == "legacy":
        what = {".wps": "WPS", ".rtf": "RTF"}.get(suffix.lower(), "Word 97-2003 (.doc) or WPS")
        raise InputError(source, _CONVERT.format(what=what))
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, source)
    if kind == "docx":
        from .word import read_docx

        return read_docx(data, source)
    if kind == "html":
        from .html import read_html

        return read_html(data, source)
    return decode(data, source)


def _wanted(name: str) -> bool:
    return Path(name).suffix.lower() in SUFFIXES


def regular_file(path: str | os.PathLike[str]) -> os.stat_result:
    """The ``stat`` of a readable regular file, or the reason it is none (never opens it)."""
    source = os.fspath(path)
    try:
        st = os.stat(source)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as e:
        raise InputError(source, f"cannot read ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(source, "is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else
                "a socket" if stat.S_ISSOCK(st.st_mode) else "a device")
        raise InputError(source, f"is {kind}, not a regular file: not read")
    if st.st_size > MAX_BYTES:
        raise InputError(source, f"file is {st.st_size} bytes, over the {MAX_BYTES} limit")
    return st


def _read_source(path: str | os.PathLike[str]) -> tuple[bytes, str, str]:
    source = os.fspath(path)
    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError("<stdin>", f"over the {MAX_BYTES} byte limit")
        return data, "<stdin>", ""
    regular_file(source)
    try:
        with open(source, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise InputError(source, f"cannot read ({e.strerror or e})") from None
    if len(data) > MAX_BYTES:
        raise InputError(source, f"file is over the {MAX_BYTES} limit")
    return data, source, Path(source).suffix


def read_path(path: str | os.PathLike[str]) -> Document:
    """Read one speech from a file (``-`` is standard input) by the reader its content needs."""
    return read_bytes(*_read_source(path))


def read_all(path: str | os.PathLike[str]) -> Contents:
    """Every speech in a file: one, or a zip's or JSON Lines file's many."""
    return read_all_bytes(*_read_source(path))

"""Writers: speeches out as a terminal table, JSON, CSV/TSV, Markdown, Excel, Word or a page.

One call, :func:`write`, for every command that writes speeches (``extract``, ``batch``,
``follow``…); one table, :data:`SUFFIXES`, of the file suffixes each format answers to. Every
format for people writes the ledger of :mod:`speechkit.ledger` (one row an item, or one row a
task sentence with ``rows="sentence"``); JSON writes the records, both levels.

Nothing is imported here beyond the standard library: each format's module (and openpyxl,
python-docx) loads when that format is written.
"""
from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import SpeechkitError

if TYPE_CHECKING:  # pragma: no cover
    from ..records import Speech

#: Every format, and the module that writes it.
MODULES = {"table": "table", "json": "text", "jsonl": "text", "csv": "text", "tsv": "text",
           "md": "text", "xlsx": "xlsx", "docx": "docx", "html": "html"}
FORMATS = tuple(MODULES)
#: Formats that are files, not text: they need ``path``.
BINARY = ("xlsx", "docx")
#: The formats a file suffix stands for, the first being what the suffix alone asks for.
SUFFIXES: dict[str, tuple[str, ...]] = {
    ".xlsx": ("xlsx",), ".docx": ("docx",), ".html": ("html",), ".htm": ("html",),
    ".csv": ("csv",), ".tsv": ("tsv",), ".md": ("md",), ".json": ("json", "jsonl"),
    ".jsonl": ("jsonl", "json"), ".txt": ("table", "md"),
}


class FormatError(SpeechkitError):
    """A format the writers do not have, or one that disagrees with the file's suffix."""


def choose(fmt: str | None, path: Path | None, *, terminal: bool = False) -> str:
    """The format to write: ``--format`` and the ``-o`` file's suffix must agree.

    Without ``fmt`` the suffix decides; without either, a terminal gets the table and a pipe
    JSON. A suffix no writer handles is refused, whatever ``fmt`` says (no JSON lands in a
    ``.docx`` file by mistake); a file without a suffix takes ``fmt``.
    """
    if fmt is not None and fmt not in MODULES:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if path is None:
        return fmt or ("table" if terminal else "json")
    suffix = path.suffix.lower()
    if not suffix:
        if fmt is None:
            raise FormatError(f"{path}: no suffix to tell the format; give --format or a "
                              f"suffix ({' '.join(SUFFIXES)})")
        return fmt
    if suffix not in SUFFIXES:
        raise FormatError(f"{path}: no writer for {suffix!r} files; use one of "
                          f"{' '.join(SUFFIXES)}")
    if fmt is not None and fmt not in SUFFIXES[suffix]:
        raise FormatError(f"--format {fmt} disagrees with {path} (a {suffix} file is "
                          f"{' or '.join(SUFFIXES[suffix])}): make them agree")
    return fmt or SUFFIXES[suffix][0]


def render(speeches: Sequence[Speech], fmt: str, *, rows: str = "item",
           width: int | None = None) -> str:
    """A text format as a string (every format but xlsx and docx)."""
    if fmt in BINARY:
        raise FormatError(f"{fmt} is a file format: write it to a path")
    if fmt not in MODULES:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = import_module(f".{MODULES[fmt]}", __name__)
    out: str = module.render(speeches, fmt, rows=rows, width=width)
    return out


def write(speeches: Sequence[Speech], fmt: str, out: TextIO | None = None,
          path: Path | None = None, *, rows: str = "item", width: int | None = None) -> None:
    """Write speeches in one format, to a text stream or (xlsx, docx, or any with ``path``)
    a file. ``rows`` is ``item`` (one ledger row an item) or ``sentence`` (one a task)."""
    from ..ledger import LEVELS

    if rows not in LEVELS:
        raise FormatError(f"rows are one of {', '.join(LEVELS)}, not {rows!r}")
    if fmt in BINARY:
        if path is None:
            raise FormatError(f"{fmt} writes a file: give one with -o ledger.{fmt}")
        import_module(f".{fmt}", __name__).write(speeches, path, rows=rows)
        return
    text = render(speeches, fmt, rows=rows, width=width)
    if path is not None:  # CSV text starts with a BOM, so that Excel reads it as UTF-8
        path.write_bytes(text.encode("utf-8"))
    elif out is not None:
        out.write(text)


__all__ = ["BINARY", "FORMATS", "SUFFIXES", "FormatError", "choose", "render", "write"]
